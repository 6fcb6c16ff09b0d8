/**
 * Free-form workflows, step one (rule G7): `/workflow "<task>"` → the author agent writes a
 * script → validated (retried with the problems) → stored as a git blob → shown in a check run
 * that waits `action_required`, with a reply that carries the run index entry, so `/workflow
 * approve <run-id>` finds it later. With `freeform.autoApprove: true` the run starts at once.
 * Approval and rejection: freeform-decide.ts.
 *
 * Two check runs of the same name (`quorum / freeform: <name>`) on the same commit: the proposal,
 * which keeps the record (freeform/record.ts) and is never touched by the run, and the run's own,
 * created on approval. GitHub shows the newest of a name in the merge box, so once the run starts
 * the proposal's `action_required` no longer shows there.
 *
 * Edge cases:
 * - A quoted known workflow name (`/workflow "review"`) runs that workflow; it is not a task.
 * - No author agent here (no model key, or a job that must not hold one): a reply says why;
 *   nothing is created.
 * - The check run is created before the author starts, so the task is visible at once; if
 *   anything then throws, it is completed as `failure` with the reason, never left spinning.
 * - With `freeform.autoApprove: true` the proposal is completed `neutral` (it is a record, not a
 *   run; never green when nothing ran, rule P2) and the run starts at once.
 */
import { newRunId } from "../../engine/rundir.ts";
import { errorMessage } from "../../kernel/errors.ts";
import type { QuorumConfig } from "../config.ts";
import {
  authorWorkflow,
  freeformCheckRunName,
  FREEFORM_WORKFLOW,
  renderAuthoring,
  renderAuthoringFailure,
  renderProposal,
  runIndexMarker,
  storeApprovedScript,
  type AuthorResult,
  type FreeformRecord,
} from "../freeform/index.ts";
import { shortReplyBody } from "../comments.ts";
import { defaultBranchHead, pullRequestHead } from "../run/commit.ts";
import type { ReplyTarget, Requester } from "../trigger.ts";
import { WORKFLOW_NAME_PATTERN } from "../workflow-script.ts";
import { buttonsOf, detailsOf, updateCheckRun } from "./check-run.ts";
import { startApproved } from "./freeform-decide.ts";
import type { FreeformAuthor, GitHubHost } from "./port.ts";
import { answer, post } from "./reply.ts";

export interface ProposeRequest {
  task: string;
  replyTo: ReplyTarget;
  sender: Requester;
  isPullRequest: boolean;
}

/** The proposal's check run while the author writes. */
interface Draft {
  runId: string;
  headSha: string;
  id: number;
  url: string | null;
}

type Authored = Extract<AuthorResult, { ok: true }>;

/** Writes a script for the task and shows it for approval (or starts it when auto-approved). */
export async function proposeFreeform(host: GitHubHost, request: ProposeRequest): Promise<void> {
  const { task } = request;
  // A quoted known name is that workflow, not a task.
  if (WORKFLOW_NAME_PATTERN.test(task) && task !== FREEFORM_WORKFLOW && (await host.catalog.get(task))) {
    const pullRequest = request.isPullRequest ? { number: request.replyTo.issueNumber } : null;
    await host.start({ request: { source: "comment", workflow: task, args: undefined, sender: request.sender.login, pullRequest, replyTo: request.replyTo } });
    return;
  }
  const author = await host.author();
  if ("missing" in author) {
    await answer(host, request.replyTo, request.sender.login, author.missing);
    return;
  }
  const draft = await openDraft(host, request);
  try {
    await authorAndPropose(host, request, author, draft);
  } catch (error) {
    // Never leave the check run spinning: say what broke, then let the caller log the error.
    await failDraft(host, request, draft, `Quorum failed while writing or storing the script: ${errorMessage(error)}`).catch(() => undefined);
    throw error;
  }
}

/** Creates the proposal's check run, `in_progress` while the author writes. */
async function openDraft(host: GitHubHost, request: ProposeRequest): Promise<Draft> {
  const { octokit, repo } = host;
  const headSha = request.isPullRequest ? await pullRequestHead(octokit, repo, { number: request.replyTo.issueNumber }) : await defaultBranchHead(octokit, repo, host.defaultHeadSha);
  const runId = newRunId(FREEFORM_WORKFLOW, host.now());
  const { data: check } = await octokit.rest.checks.create({
    owner: repo.owner,
    repo: repo.repo,
    name: freeformCheckRunName("writing…"),
    head_sha: headSha,
    external_id: runId,
    status: "in_progress",
    ...detailsOf(host),
    output: renderAuthoring({ runId, requester: request.sender.login, task: request.task }),
  });
  return { runId, headSha, id: check.id, url: check.html_url ?? null };
}

async function failDraft(host: GitHubHost, request: ProposeRequest, draft: Draft, message: string, lastScript?: string): Promise<void> {
  await updateCheckRun(host, draft.id, {
    status: "completed",
    conclusion: "failure",
    completed_at: host.now().toISOString(),
    output: renderAuthoringFailure({ runId: draft.runId, requester: request.sender.login, task: request.task, message, ...(lastScript ? { lastScript } : {}) }),
  });
}

async function authorAndPropose(host: GitHubHost, request: ProposeRequest, author: FreeformAuthor, draft: Draft): Promise<void> {
  const names = await host.catalog.names().catch(() => ({ repository: [], builtin: [] }));
  const authored = await authorWorkflow({
    runner: author.runner,
    ...author.options,
    task: request.task,
    requester: request.sender.login,
    repository: `${host.repo.owner}/${host.repo.repo}`,
    knownWorkflows: [...new Set([...names.repository, ...names.builtin])].sort(),
  });
  host.log.info(`free-form ${draft.runId}: ${authored.attempts.length} author attempt(s), $${authored.costUsd.toFixed(4)}`);
  if (!authored.ok) {
    await failDraft(host, request, draft, authored.message, authored.lastScript);
    const link = draft.url ? ` Details: [check run](${draft.url}).` : "";
    await answer(host, request.replyTo, request.sender.login, `I could not write a valid workflow for this task.${link} Rephrase it (what to look for, what to return) and ask again.`);
    return;
  }
  const config = await host.config();
  const proposal = await showProposal(host, request, draft, authored, config);
  if (proposal.record.state === "auto_approved") {
    const started = await startApproved(host, proposal, authored.script, request.replyTo, request.sender.login);
    if (!started.announced) await announce(host, request, draft, proposal.record, authored, "starts");
    return;
  }
  await announce(host, request, draft, proposal.record, authored, "waits");
}

/** Stores the script, writes the record and completes the proposal's check run. */
async function showProposal(host: GitHubHost, request: ProposeRequest, draft: Draft, authored: Authored, config: QuorumConfig) {
  const blobSha = await storeApprovedScript(host.octokit, host.repo, authored.script);
  const autoApprove = config.freeform.autoApprove;
  const decidedAt = host.now().toISOString();
  const record: FreeformRecord = {
    v: 1,
    runId: draft.runId,
    name: authored.meta.name,
    blobSha,
    state: autoApprove ? "auto_approved" : "awaiting_approval",
    requester: request.sender.login,
    issueNumber: request.replyTo.issueNumber,
    isPullRequest: request.isPullRequest,
    commentId: request.replyTo.comment?.id ?? null,
    headSha: draft.headSha,
    ...(autoApprove ? { decidedAt } : {}),
  };
  const output = renderProposal({
    record,
    task: request.task,
    meta: authored.meta,
    script: authored.script,
    summary: authored.summary,
    authorEstimate: authored.authorEstimate,
    staticEstimate: authored.staticEstimate,
    ...(config.limits.maxAgents !== undefined ? { maxAgents: config.limits.maxAgents } : {}),
  });
  const name = freeformCheckRunName(record.name);
  await updateCheckRun(host, draft.id, {
    name,
    status: "completed",
    // A record, not a run: never green when nothing ran (rule P2).
    conclusion: autoApprove ? "neutral" : "action_required",
    completed_at: decidedAt,
    output,
    ...buttonsOf(host, autoApprove ? "done" : "awaiting_approval"),
  });
  return { checkRun: { id: draft.id, name, html_url: draft.url, output }, record };
}

/** The reply about the proposal, with its run index entry (how `/workflow approve <run-id>` finds it). */
async function announce(host: GitHubHost, request: ProposeRequest, draft: Draft, record: FreeformRecord, authored: Authored, next: "starts" | "waits"): Promise<void> {
  const { runId } = draft;
  const link = draft.url ? `[check run](${draft.url})` : "the check run";
  const summary = authored.summary.replace(/\s+/g, " ").slice(0, 500);
  const press = host.checkRuns.buttons ? " or presses **Approve**" : "";
  const text =
    next === "starts"
      ? `I wrote **${record.name}** for this task: ${summary}\n\nIt starts at once (\`freeform.autoApprove: true\` in .github/quorum.yml); the script, its phases and the agent estimate are in the ${link}.`
      : `I wrote **${record.name}** for this task: ${summary}\n\nReview the script, its phases and the agent estimate in the ${link}. It runs only after someone with write access comments \`/workflow approve ${runId}\`${press}; \`/workflow cancel ${runId}\` rejects it.`;
  const index = runIndexMarker({ v: 1, runId, workflow: FREEFORM_WORKFLOW, checkRunId: draft.id, headSha: draft.headSha });
  await post(host, request.replyTo, `${shortReplyBody(request.replyTo, request.sender.login, text)}\n\n${index}`);
}
