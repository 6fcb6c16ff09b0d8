/**
 * `/workflow status|cancel <run-id>` (rule G1) from the Action's saved runs: the Action's side of
 * the host port's run control (src/action/host.ts). Each answers with a short reply; none starts
 * agents.
 *
 * - `status <id>` reads the run's saved copy (rule J5), wherever in the repository it was saved,
 *   and replies with its status and report.
 * - `cancel <id>` cancels the Actions workflow run the id names (`gh-<workflow run id>-…`); the
 *   job's SIGINT handler then stops the run gracefully and saves it. Needs `actions: write`.
 *   Runs found again on the issue (free-form runs, whose ids name no Actions run) are cancelled
 *   by the shared flow first (src/github/host/cancel.ts).
 */
import { errorMessage } from "../../kernel/errors.ts";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Octokit } from "@octokit/rest";
import { fitText } from "../checkrun/fit.ts";
import { postReply, shortReplyBody } from "../comments.ts";
import { actionsRunIdOf, type RunStore } from "../persist/index.ts";
import type { RepoRef } from "../repo.ts";
import type { ReplyTarget } from "../trigger.ts";

/** Longest report quoted in a status reply. */
export const STATUS_REPORT_CHARS = 20_000;

export interface ControlRequest {
  verb: "status" | "cancel";
  runId: string | undefined;
  replyTo: ReplyTarget;
  sender: string;
}

export interface ControlEnvironment {
  octokit: Octokit;
  repo: RepoRef;
  store: RunStore | null;
  secrets: readonly string[];
  warn: (message: string) => void;
}


/** The status reply of saved run `runId`: its record and report. */
export async function statusOf(env: ControlEnvironment, runId: string): Promise<string> {
  if (!env.store) return `Cannot read run \`${runId}\`: no run store here.`;
  const dir = mkdtempSync(join(tmpdir(), "quorum-status-"));
  try {
    if (!(await env.store.restore(runId, dir, { searchRepository: true }))) return `No saved run \`${runId}\`. Check the id in the check run; saved runs expire after 14 days.`;
    const record = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as { workflow?: string; status?: string; updatedAt?: string };
    let report = "";
    try {
      report = readFileSync(join(dir, "report.md"), "utf8");
    } catch {
      report = "_No report yet: the run had not finished when it was last saved._";
    }
    return [`Run \`${runId}\` (**${record.workflow ?? "?"}**): ${record.status ?? "unknown"}, saved ${record.updatedAt ?? "?"}.`, "", fitText(report, STATUS_REPORT_CHARS, "the full report is in the run's artifact")].join("\n");
  } catch (error) {
    return `Cannot read run \`${runId}\`: ${errorMessage(error)}. Does the token have \`actions: read\`?`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Cancels the Actions run a `gh-<id>-…` run id names; returns the reply. */
export async function cancelById(env: ControlEnvironment, runId: string): Promise<string> {
  const workflowRunId = actionsRunIdOf(runId);
  if (workflowRunId === null) return `\`${runId}\` was not started by the Action (its id does not start with \`gh-\`); stop it where it runs.`;
  try {
    await env.octokit.rest.actions.cancelWorkflowRun({ owner: env.repo.owner, repo: env.repo.repo, run_id: workflowRunId });
    return `Cancelling run \`${runId}\` (Actions run ${workflowRunId}). Its journal is saved; \`/workflow resume ${runId}\` continues it.`;
  } catch (error) {
    return `Could not cancel Actions run ${workflowRunId}: ${errorMessage(error)}. The workflow needs \`actions: write\` for \`/workflow cancel\`.`;
  }
}

/** The answer to a run verb without a run id where the newest run cannot be found. */
export function whichRun(verb: string): string {
  return `Which run? Use \`/workflow ${verb} <run-id>\`; the run id is in the check run and in the reply that started it.`;
}

export async function handleControl(env: ControlEnvironment, request: ControlRequest): Promise<void> {
  let text: string;
  if (!request.runId) {
    text = whichRun(request.verb);
  } else {
    text = request.verb === "status" ? await statusOf(env, request.runId) : await cancelById(env, request.runId);
  }
  await postReply({ octokit: env.octokit, owner: env.repo.owner, repo: env.repo.repo, secrets: env.secrets, warn: env.warn }, request.replyTo, shortReplyBody(request.replyTo, request.sender, text));
}
