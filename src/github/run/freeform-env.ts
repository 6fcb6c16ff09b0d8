/**
 * What the Action's free-form handlers (rule G7 without the App) need, and the lookup they share:
 * a proposal found again from the run index in Quorum's own replies on the issue, then the record
 * in the proposal's check run (src/github/freeform/lookup.ts). No database.
 */
import type { Octokit } from "@octokit/rest";
import type { AgentRunner } from "../../agents/contract.ts";
import { postReply, shortReplyBody } from "../comments.ts";
import type { QuorumConfig } from "../config.ts";
import { appSlugOfBotLogin, findProposal, findRunInIssue, FREEFORM_WORKFLOW, ownCommentCheck, type CheckRunRef, type FreeformRecord } from "../freeform/index.ts";
import type { RepoRef } from "../repo.ts";
import type { ReplyTarget, Requester } from "../trigger.ts";
import type { WorkflowCatalog } from "./catalog.ts";

/** The account `GITHUB_TOKEN` comments as: its replies hold the run index. */
export const ACTIONS_BOT_LOGIN = "github-actions[bot]";

export interface FreeformEnvironment {
  octokit: Octokit;
  repo: RepoRef & { defaultBranch: string };
  config: QuorumConfig;
  catalog: WorkflowCatalog;
  /** The checkout the author agent may read (tools read, list, grep, glob). */
  checkout: string;
  /** Runs the author agent; null when no model key was given (`missingRunnerHint` says what to set). */
  runner: AgentRunner | null;
  missingRunnerHint?: string;
  /** Model of the author agent; default: the runner's. */
  authorModel?: string;
  /** The default branch's HEAD when the event tells it (GITHUB_SHA of comment events). */
  defaultHeadSha?: string;
  /** Link to this Actions run (the run's check run "Details"). */
  actionsRunUrl?: string;
  /** Login Quorum comments as; only its comments are read for run index entries. */
  botLogin: string;
  secrets: readonly string[];
  signal?: AbortSignal;
  log: { info: (message: string) => void; warn: (message: string) => void };
  now?: () => Date;
}

/** A free-form proposal found again: its check run (with the output to restate) and its record. */
export interface FoundProposal {
  checkRun: Pick<CheckRunRef, "id" | "name" | "html_url" | "output">;
  record: FreeformRecord;
}

export function nowOf(env: FreeformEnvironment): Date {
  return env.now?.() ?? new Date();
}

/** Replies on the issue, quoting the command and mentioning who asked. Never throws. */
export async function answer(env: FreeformEnvironment, target: ReplyTarget, sender: Requester | null, text: string): Promise<void> {
  await postReply({ octokit: env.octokit, owner: env.repo.owner, repo: env.repo.repo, secrets: env.secrets, warn: env.log.warn }, target, shortReplyBody(target, sender?.login ?? null, text));
}

/**
 * The proposal of free-form run `runId` (or the newest run on the issue) named in Quorum's replies
 * on issue `issueNumber`; a sentence to reply with when there is none.
 */
export async function locateProposal(env: FreeformEnvironment, issueNumber: number, runId: string | undefined): Promise<FoundProposal | { refusal: string }> {
  const entry = await findRunInIssue(env.octokit, env.repo, issueNumber, runId, ownCommentCheck({ botLogin: env.botLogin }));
  if (!entry) {
    return {
      refusal: runId
        ? `I found no free-form run \`${runId}\` on this issue or pull request. The run id is in the proposal's check run and in my reply to the task; use the command where the task was asked.`
        : 'I found no free-form proposal on this issue or pull request. Ask for one with `/workflow "<task>"`, or name the run: `/workflow <verb> <run-id>`.',
    };
  }
  if (entry.workflow !== FREEFORM_WORKFLOW) return { refusal: `Run \`${entry.runId}\` is not a free-form workflow; there is no proposal to act on.` };
  // Rule X13: only a check run made by the app this job's token belongs to holds a real proposal.
  const appSlug = appSlugOfBotLogin(env.botLogin);
  const found = await findProposal(env.octokit, env.repo, entry.headSha, entry.runId, appSlug ? { appSlug } : {});
  if (!found) return { refusal: `The proposal of run \`${entry.runId}\` is gone from its commit's check runs; ask for the task again.` };
  return found;
}

/** Why a proposal cannot be approved or rejected now (it is not waiting), or null. */
export function stateRefusal(record: FreeformRecord): string | null {
  switch (record.state) {
    case "awaiting_approval":
      return null;
    case "rejected":
      return `Free-form run \`${record.runId}\` was rejected by @${record.decidedBy ?? "?"}; nothing to approve. Ask for the task again.`;
    default:
      return `Free-form run \`${record.runId}\` is already approved${record.decidedBy ? ` (by @${record.decidedBy})` : ""}; its check run shows the run.`;
  }
}
