/**
 * Finding runs and proposals again (no database): the run index in Quorum's own reply comments,
 * and the proposal record in Quorum's own check runs (record.ts).
 *
 * Edge cases:
 * - Only comments that `isOwn` accepts are read: anyone can type a marker into a comment.
 * - Check runs are listed with `filter: "all"`: the proposal and its run share a name, and the
 *   default (`latest`) would hide the proposal behind the run.
 * - Only check runs of Quorum's own app are considered (another app with `checks: write` could
 *   otherwise plant a record, rule X13): the App knows its id; the Action knows the slug of the app
 *   its token belongs to (`github-actions` for GITHUB_TOKEN, `<app>` for `<app>[bot]`; a person's
 *   token makes no check runs, so then none is trusted). The API's
 *   `app_id` filter is asked for and each check run's `app` is checked again here.
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
  app?: { id?: number; slug?: string } | null;
}

/** Which app's check runs are Quorum's: the App's id, or the slug of the Action token's app. */
export interface CheckRunIdentity {
  appId?: number;
  appSlug?: string;
  /** No app is Quorum's (the token is a person's, which cannot make check runs): trust none. */
  none?: true;
}

/** The app slug behind a bot login (`github-actions[bot]` → `github-actions`); undefined for users. */
export function appSlugOfBotLogin(login: string | undefined): string | undefined {
  const m = /^(.+)\[bot\]$/i.exec(login?.trim() ?? "");
  return m?.[1]?.toLowerCase();
}

/** Whether a check run was made by the app `identity` names (no identity: any app). */
export function madeByIdentity(run: Pick<CheckRunRef, "app">, identity: CheckRunIdentity): boolean {
  if (identity.none) return false;
  if (identity.appId !== undefined && run.app?.id !== identity.appId) return false;
  if (identity.appSlug !== undefined && run.app?.slug?.toLowerCase() !== identity.appSlug.toLowerCase()) return false;
  return true;
}

/** Quorum's check runs of `runId` on `headSha`, oldest first. */
export async function checkRunsOfRun(
  octokit: Octokit,
  repo: RepoRef,
  headSha: string,
  runId: string,
  who: number | CheckRunIdentity = {},
): Promise<CheckRunRef[]> {
  const identity: CheckRunIdentity = typeof who === "number" ? { appId: who } : who;
  const appId = identity.appId;
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
    owner: repo.owner,
    repo: repo.repo,
    ref: headSha,
    filter: "all",
    per_page: 100,
    ...(appId !== undefined ? { app_id: appId } : {}),
  });
  return (runs as unknown as CheckRunRef[]).filter((r) => r.external_id === runId && madeByIdentity(r, identity)).sort((a, b) => a.id - b.id);
}

/** The proposal of free-form run `runId` on `headSha`, with its check run; null when there is none. */
export async function findProposal(
  octokit: Octokit,
  repo: RepoRef,
  headSha: string,
  runId: string,
  who: number | CheckRunIdentity = {},
): Promise<{ checkRun: CheckRunRef; record: FreeformRecord } | null> {
  const runs = await checkRunsOfRun(octokit, repo, headSha, runId, who);
  for (let i = runs.length - 1; i >= 0; i--) {
    const checkRun = runs[i];
    const record = readFreeformRecord(checkRun?.output?.text);
    if (checkRun && record && record.runId === runId) return { checkRun, record };
  }
  return null;
}
