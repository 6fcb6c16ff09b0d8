/**
 * Runs handed over ready-made (trigger.ts {@link RunHandoff}): by the GitHub App's dispatch, or by
 * the approval of a free-form proposal. What differs from a run the Action starts itself:
 *
 * - an approved free-form script is run byte for byte (rule G7): its bytes must hash to the
 *   approved git blob sha, whether fetched (`loadApprovedScript`) or handed over as text, and a
 *   resumed free-form run's saved `script.js` must hash to it too;
 * - the check run may exist already (the App's, with its buttons): a handover that cannot start
 *   completes it as `failure`, so it never stays queued;
 * - on the App's check run the final buttons follow the outcome (src/github/app-buttons.ts).
 */
import { errorMessage } from "../../kernel/errors.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Octokit } from "@octokit/rest";
import type { ResolvedWorkflow } from "../../engine/context.ts";
import { validateScript } from "../../engine/script/index.ts";
import { buttonsFor, type CheckRunButton } from "../app-buttons.ts";
import type { CheckConclusion } from "../checkrun/index.ts";
import { ApprovedScriptError, FREEFORM_WORKFLOW, gitBlobSha, loadApprovedScript } from "../freeform/index.ts";
import { redactSecrets } from "../redact.ts";
import { neutralizeRecordSyntax } from "../record-syntax.ts";
import type { RepoRef } from "../repo.ts";
import { WORKFLOW_NAME_PATTERN } from "../workflow-script.ts";

/** The file name an approved free-form script runs under (errors quote it with line numbers). */
export const FREEFORM_FILENAME = "freeform.js";

function blobShaOf(bytes: Uint8Array, like: string): string {
  return gitBlobSha(bytes, like.length === 64 ? "sha256" : "sha1");
}

/** A free-form script's workflow name: its `meta.name` when that is a workflow name, else `freeform`. */
export function freeformName(source: string): string {
  const checked = validateScript(source, FREEFORM_FILENAME);
  const name = checked.ok ? checked.meta?.name : undefined;
  return name !== undefined && WORKFLOW_NAME_PATTERN.test(name) ? name : FREEFORM_WORKFLOW;
}

/**
 * The approved script as a workflow to run. `source`, when given, must be the blob's bytes (checked
 * locally, no request); else the blob is fetched and checked. Throws {@link ApprovedScriptError}.
 */
export async function approvedWorkflow(octokit: Octokit, repo: RepoRef, approved: { blobSha: string; source?: string }): Promise<ResolvedWorkflow> {
  let source = approved.source;
  if (source === undefined) {
    source = await loadApprovedScript(octokit, repo, approved.blobSha);
  } else if (blobShaOf(Buffer.from(source, "utf8"), approved.blobSha) !== approved.blobSha) {
    throw new ApprovedScriptError(`The script handed over is not the approved one (blob ${approved.blobSha}); refusing to run it.`);
  }
  return { name: freeformName(source), source, filename: FREEFORM_FILENAME };
}

/** Why a restored free-form run may not resume (its script is not the approved blob), or null. */
export function resumedScriptRefusal(runDir: string, runId: string, blobSha: string): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(runDir, "script.js"));
  } catch {
    return `The saved copy of run \`${runId}\` has no script.js; it cannot be resumed. Start the task again.`;
  }
  const actual = blobShaOf(bytes, blobSha);
  return actual === blobSha ? null : `The saved script of run \`${runId}\` hashes to ${actual}, not to the approved blob ${blobSha}; refusing to resume it.`;
}

/** The buttons of the App's check run once the run ended: Re-run when a journal can be resumed. */
export function finalButtons(conclusion: CheckConclusion, ran: boolean): CheckRunButton[] {
  return ran && (conclusion === "cancelled" || conclusion === "failure") ? buttonsFor("resumable") : buttonsFor("done");
}

/** Completes a handed-over check run as `failure` when its run could not start. Never throws. */
export async function failHandedOverCheckRun(
  octokit: Octokit,
  repo: RepoRef,
  checkRun: { id: number; runId: string; detailsUrl?: string; buttons: boolean },
  reason: string,
  options: { secrets: readonly string[]; warn: (message: string) => void },
): Promise<void> {
  try {
    await octokit.rest.checks.update({
      owner: repo.owner,
      repo: repo.repo,
      check_run_id: checkRun.id,
      status: "completed",
      conclusion: "failure",
      completed_at: new Date().toISOString(),
      ...(checkRun.detailsUrl ? { details_url: checkRun.detailsUrl } : {}),
      output: { title: "Could not start the run", summary: neutralizeRecordSyntax(redactSecrets(`Run \`${checkRun.runId}\` did not start: nothing ran.\n\n${reason}`, options.secrets).text) },
      ...(checkRun.buttons ? { actions: buttonsFor("done") } : {}),
    });
  } catch (error) {
    options.warn(`Could not mark check run ${checkRun.id} as failed (${errorMessage(error)}); it may stay queued.`);
  }
}
