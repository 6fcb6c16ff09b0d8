/**
 * What a resumed or approved run may believe (rule X10): the script comes from the default branch,
 * the built-ins or the approved blob — never from a saved copy — and the checkout must be at the
 * commit the run was approved for.
 *
 * Edge cases:
 * - A run id made by the Action (`gh-<workflow run id>-<name>`) names the workflow it was looked up
 *   by; `run.json` records the script's `meta.name`. Both are tried; the saved `script.js` is only
 *   compared with them (by hash, in the engine's resume), never run.
 * - A checkout that is not a git repository has no commit: an approved run is refused there too.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedWorkflow } from "../../engine/context.ts";
import { headCommit } from "../../engine/git.ts";
import type { RunRecord } from "../../engine/rundir.ts";
import type { WorkflowCatalog } from "./catalog.ts";

const ACTION_RUN_ID = /^gh-\d+-(.+)$/;

function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The trusted script a saved run resumes with: the workflow of that name on the default branch or
 * built in whose bytes equal the saved `script.js` when one does, else the first that exists (the
 * engine then refuses the resume, saying the script changed). A refusal when none exists.
 */
export async function trustedScriptOfSavedRun(
  catalog: Pick<WorkflowCatalog, "get">,
  runId: string,
  record: Pick<RunRecord, "workflow">,
  runDir: string,
): Promise<{ script: ResolvedWorkflow } | { refusal: string }> {
  const names = [...new Set([ACTION_RUN_ID.exec(runId)?.[1], record.workflow].filter((n): n is string => typeof n === "string" && n !== ""))];
  let saved: string | null;
  try {
    saved = sha256(readFileSync(join(runDir, "script.js")));
  } catch {
    saved = null;
  }
  let first: ResolvedWorkflow | null = null;
  for (const name of names) {
    const script = await catalog.get(name);
    if (!script) continue;
    if (saved !== null && sha256(script.source) === saved) return { script };
    first ??= script;
  }
  if (first) return { script: first };
  return {
    refusal:
      `Run \`${runId}\` was made with the workflow \`${record.workflow}\`, which is neither on the default branch nor built in any more; ` +
      "a saved run only resumes with its script from there. Start a workflow again instead.",
  };
}

/** Why an approved or resumed run may not start in `checkout` (not at `expected`), or null. */
export function checkoutCommitRefusal(checkout: string, expected: string, what: string): string | null {
  const actual = headCommit(checkout);
  if (actual === expected) return null;
  return (
    `The checkout is at ${actual ? `commit ${actual}` : "no commit (not a git repository)"}, but ${what} is for commit ${expected}; ` +
    "nothing ran. Check out that commit in the workflow (actions/checkout `ref:`), or ask again on the current commit."
  );
}
