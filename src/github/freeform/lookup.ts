/**
 * Finding runs and proposals again (no database): the run index in Quorum's own reply comments,
 * and the proposal record in Quorum's own check runs (record.ts).
 *
 * Edge cases:
 * - Only comments that `isOwn` accepts are read: anyone can type a marker into a comment.
 * - Check runs are listed with `filter: "all"`: the proposal and its run share a name, and the
 *   default (`latest`) would hide the proposal behind the run.
 * - With `appId`, only check runs of that app are considered (another app with `checks: write`
 *   could otherwise plant a record).
 * - Without a run id, the newest run on the issue is meant.
 */
import type { Octokit } from "@octokit/rest";
import type { RepoRef } from "../repo.ts";
import { readFreeformRecord, readRunIndex, type FreeformRecord, type RunIndexEntry } from "./record.ts";

/** The fields of an issue comment that tell who wrote it. */
export interface CommentAuthor {
  user?: { login?: string; type?: string } | null;
  performed_via_github_app?: { id?: number } | null;
}

/** Decides whether a comment was written by Quorum itself. */
export type OwnCommentCheck = (comment: CommentAuthor) => boolean;

/** Comments by `appId` (via `performed_via_github_app`) or by the bot account `botLogin`. */
export function ownCommentCheck(options: { appId?: number; botLogin?: string }): OwnCommentCheck {
  const bot = options.botLogin?.toLowerCase();
  return (comment) =>
    (options.appId !== undefined && comment.performed_via_github_app?.id === options.appId) ||
    (bot !== undefined && comment.user?.login?.toLowerCase() === bot);
}

/** The newest index entry for `runId` (or the newest of all) in Quorum's comments on an issue. */
export async function findRunInIssue(
  octokit: Octokit,
  repo: RepoRef,
  issueNumber: number,
  runId: string | undefined,
  isOwn: OwnCommentCheck,
): Promise<RunIndexEntry | null> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner: repo.owner, repo: repo.repo, issue_number: issueNumber, per_page: 100 });
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i];
    if (!comment || !isOwn(comment as CommentAuthor)) continue;
    const entries = readRunIndex(comment.body);
    for (let j = entries.length - 1; j >= 0; j--) {
      const entry = entries[j];
      if (entry && (runId === undefined || entry.runId === runId)) return entry;
    }
  }
  return null;
}

export interface CheckRunRef {
  id: number;
  name: string;
  html_url: string | null;
  status: string;
  conclusion: string | null;
  external_id: string | null;
  head_sha: string;
  details_url: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  app?: { id?: number } | null;
}

/** Quorum's check runs of `runId` on `headSha`, oldest first. */
export async function checkRunsOfRun(octokit: Octokit, repo: RepoRef, headSha: string, runId: string, appId?: number): Promise<CheckRunRef[]> {
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
    owner: repo.owner,
    repo: repo.repo,
    ref: headSha,
    filter: "all",
    per_page: 100,
    ...(appId !== undefined ? { app_id: appId } : {}),
  });
  return (runs as unknown as CheckRunRef[]).filter((r) => r.external_id === runId).sort((a, b) => a.id - b.id);
}

/** The proposal of free-form run `runId` on `headSha`, with its check run; null when there is none. */
export async function findProposal(
  octokit: Octokit,
  repo: RepoRef,
  headSha: string,
  runId: string,
  appId?: number,
): Promise<{ checkRun: CheckRunRef; record: FreeformRecord } | null> {
  const runs = await checkRunsOfRun(octokit, repo, headSha, runId, appId);
  for (let i = runs.length - 1; i >= 0; i--) {
    const checkRun = runs[i];
    const record = readFreeformRecord(checkRun?.output?.text);
    if (checkRun && record && record.runId === runId) return { checkRun, record };
  }
  return null;
}
