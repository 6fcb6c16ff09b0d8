/**
 * Finding a run again for `/workflow status|cancel|approve|resume|save [run-id]` and for buttons,
 * without a database: the run index in the App's replies on the issue gives the commit, and the
 * App's check runs on that commit with `external_id` = run id give the state (freeform/lookup.ts).
 *
 * Edge cases:
 * - Without a run id, the newest run on the issue is meant.
 * - A run started by a `pull_request` event has no reply; on a pull request, a run id is then
 *   looked up among the check runs of the PR's head commit.
 * - The newest check run of a run is its current state (a resume or an approval creates a new
 *   one); a free-form run's oldest holds the proposal record.
 */
import { checkRunsOfRun, findRunInIssue, readFreeformRecord, type CheckRunRef, type FreeformRecord } from "../github/freeform/index.ts";
import { pullRequestHead } from "../github/run/commit.ts";
import type { AppEvent } from "./event.ts";

export interface LocatedRun {
  runId: string;
  headSha: string;
  /** The newest check run of the run: its current state. */
  current: CheckRunRef;
  /** The free-form proposal, when the run is one. */
  proposal: { checkRun: CheckRunRef; record: FreeformRecord } | null;
}

export type Location = { found: true; run: LocatedRun } | { found: false; reason: string };

function notFound(runId: string | undefined): Location {
  return {
    found: false,
    reason: runId
      ? `I found no run \`${runId}\` here. The run id is in the check run and in the reply that started the run; use the command on the same issue or pull request.`
      : "I found no Quorum run on this issue or pull request. Name the run: `/workflow <verb> <run-id>`.",
  };
}

/** Locates the run `runId` (or the newest) of a commit, from the App's check runs. */
export async function locateOnCommit(event: AppEvent, headSha: string, runId: string): Promise<Location> {
  const runs = await checkRunsOfRun(event.octokit, event.repo, headSha, runId, event.options.appId);
  const current = runs[runs.length - 1];
  if (!current) return notFound(runId);
  let proposal: LocatedRun["proposal"] = null;
  for (const checkRun of runs) {
    const record = readFreeformRecord(checkRun.output?.text);
    if (record && record.runId === runId) proposal = { checkRun, record };
  }
  return { found: true, run: { runId, headSha, current, proposal } };
}

/** Locates a run named (or not) in a comment on issue or PR `issueNumber`. */
export async function locateFromIssue(event: AppEvent, issueNumber: number, isPullRequest: boolean, runId: string | undefined): Promise<Location> {
  const entry = await findRunInIssue(event.octokit, event.repo, issueNumber, runId, await event.ownComments());
  if (entry) return locateOnCommit(event, entry.headSha, entry.runId);
  if (runId && isPullRequest) {
    const head = await pullRequestHead(event.octokit, event.repo, { number: issueNumber }).catch(() => null);
    if (head) return locateOnCommit(event, head, runId);
  }
  return notFound(runId);
}

/** Locates the run of a check run whose button was pressed. */
export async function locateFromCheckRun(event: AppEvent, checkRun: { external_id: string | null; head_sha: string }): Promise<Location> {
  if (!checkRun.external_id) return { found: false, reason: "the check run carries no Quorum run id (external_id)." };
  return locateOnCommit(event, checkRun.head_sha, checkRun.external_id);
}
