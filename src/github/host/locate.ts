/**
 * Finding a run again for `/workflow status|cancel|approve|resume|save [run-id]` and for the App's
 * buttons, without a database: the run index in Quorum's own replies on the issue gives the
 * commit, and Quorum's own check runs on that commit with `external_id` = run id give the state
 * (freeform/lookup.ts).
 *
 * Edge cases:
 * - Without a run id, the newest run on the issue is meant.
 * - A run started by a `pull_request` event has no reply; on a pull request, a run id is then
 *   looked up among the check runs of the PR's head commit.
 * - The newest check run of a run is its current state (a resume or an approval creates a new
 *   one); a free-form run's proposal is the check run holding its record, and its current state
 *   only while nothing else of the run exists.
 * - Only check runs of the host's own app count (rule X13): another app could plant a record.
 */
import { checkRunsOfRun, findRunInIssue, readFreeformRecord, type CheckRunRef, type FreeformRecord } from "../freeform/index.ts";
import { pullRequestHead } from "../run/commit.ts";
import type { GitHubHost } from "./port.ts";

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

/** Locates run `runId` of a commit from the host's check runs. */
export async function locateOnCommit(host: GitHubHost, headSha: string, runId: string): Promise<Location> {
  const runs = await checkRunsOfRun(host.octokit, host.repo, headSha, runId, (await host.identity()).checkRuns);
  let proposal: LocatedRun["proposal"] = null;
  for (const checkRun of runs) {
    const record = readFreeformRecord(checkRun.output?.text);
    if (record && record.runId === runId) proposal = { checkRun, record };
  }
  // The proposal is a record: once the run has a check run of its own, that one is its state.
  const others = runs.filter((r) => r.id !== proposal?.checkRun.id);
  const current = others[others.length - 1] ?? proposal?.checkRun;
  if (!current) return notFound(runId);
  return { found: true, run: { runId, headSha, current, proposal } };
}

/** Locates a run named (or not) in a comment on issue or PR `issueNumber`. */
export async function locateFromIssue(host: GitHubHost, issueNumber: number, isPullRequest: boolean, runId: string | undefined): Promise<Location> {
  const entry = await findRunInIssue(host.octokit, host.repo, issueNumber, runId, (await host.identity()).ownComments);
  if (entry) return locateOnCommit(host, entry.headSha, entry.runId);
  if (runId && isPullRequest) {
    const head = await pullRequestHead(host.octokit, host.repo, { number: issueNumber }).catch(() => null);
    if (head) return locateOnCommit(host, head, runId);
  }
  return notFound(runId);
}

/** Locates the run of a check run (a pressed button). */
export async function locateFromCheckRun(host: GitHubHost, checkRun: { external_id: string | null; head_sha: string }): Promise<Location> {
  if (!checkRun.external_id) return { found: false, reason: "the check run carries no Quorum run id (external_id)." };
  return locateOnCommit(host, checkRun.head_sha, checkRun.external_id);
}

/** True when the run's current check run is its proposal, waiting for approval. */
export function isWaitingProposal(run: LocatedRun): boolean {
  return run.proposal !== null && run.proposal.record.state === "awaiting_approval" && run.proposal.checkRun.id === run.current.id;
}
