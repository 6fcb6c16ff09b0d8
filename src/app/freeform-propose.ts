/**
 * Free-form workflows in the App, step one (rule G7): `/workflow "<task>"` → the author agent (the
 * only agent the App ever runs) writes a script → validated → stored as a git blob → shown in a
 * check run that waits `action_required` (or, with `freeform.autoApprove: true`, started at once).
 * Approval and rejection: freeform-decide.ts.
 *
 * Two check runs of the same name (`quorum / freeform: <name>`) on the same commit: the proposal,
 * which keeps the record (github/freeform/record.ts) and is never touched by the Action, and the
 * run, created on approval. GitHub shows the newest of a name in the merge box, so once the run
 * starts the proposal's `action_required` no longer shows there.
 *
 * Edge cases:
 * - No model key on the server: a reply says so; nothing is created.
 * - The proposal check run is created before the author starts, so the task is visible at once;
 *   if anything then throws, it is completed as `failure` with the reason, never left spinning.
 * - With `freeform.autoApprove: true` the proposal is completed `neutral` (it is a record, not a
 *   run; never green when nothing ran) and the run starts at once.
 */
import type { AgentRunner } from "../agents/contract.ts";
import { postReply, shortReplyBody } from "../github/comments.ts";
import { buttonsFor } from "../github/app-buttons.ts";
import {
  authorWorkflow,
  freeformCheckRunName,
  FREEFORM_WORKFLOW,
  renderAuthoring,
  renderAuthoringFailure,
  renderProposal,
  runIndexMarker,
  storeApprovedScript,
  type FreeformRecord,
} from "../github/freeform/index.ts";
import { newRunId } from "../engine/rundir.ts";
import { WorkflowCatalog } from "../github/run/catalog.ts";
import type { ReplyTarget } from "../github/trigger.ts";
import type { AppEvent } from "./event.ts";
import { startApproved } from "./freeform-decide.ts";
import { errorMessage } from "../kernel/errors.ts";
import { replyContextOf, updateCheckRun } from "./shared.ts";

export interface ProposeRequest {
  task: string;
  requester: string;
  replyTo: ReplyTarget;
  isPullRequest: boolean;
  headSha: string;
}

/** Writes a script for the task, shows it for approval (or starts it when auto-approved). */
export async function proposeFreeform(event: AppEvent, request: ProposeRequest): Promise<void> {
  const { octokit, repo } = event;
  const reply = replyContextOf(event);
  const makeRunner = event.options.authorRunner;
  if (!makeRunner) {
    await postReply(
      reply,
      request.replyTo,
      shortReplyBody(request.replyTo, request.requester, "Free-form tasks need a model key on the Quorum App's server (`ANTHROPIC_API_KEY`), and this installation has none. Run a named workflow instead: `/workflow help` lists them."),
    );
    return;
  }
  const runId = newRunId(FREEFORM_WORKFLOW, event.options.now());
  const { data: check } = await octokit.rest.checks.create({
    owner: repo.owner,
    repo: repo.repo,
    name: freeformCheckRunName("writing…"),
    head_sha: request.headSha,
    external_id: runId,
    status: "in_progress",
    output: renderAuthoring({ runId, requester: request.requester, task: request.task }),
  });
  try {
    await authorAndPropose(event, request, makeRunner(), runId, { id: check.id, html_url: check.html_url ?? null });
  } catch (error) {
    // Never leave the check run spinning: say what broke, then let Probot log the error.
    await updateCheckRun(event, check.id, {
      status: "completed",
      conclusion: "failure",
      completed_at: event.options.now().toISOString(),
      output: renderAuthoringFailure({ runId, requester: request.requester, task: request.task, message: `Quorum failed while writing or storing the script: ${errorMessage(error)}` }),
    }).catch(() => undefined);
    throw error;
  }
}

async function authorAndPropose(event: AppEvent, request: ProposeRequest, runner: AgentRunner, runId: string, check: { id: number; html_url: string | null }): Promise<void> {
  const { octokit, repo } = event;
  const reply = replyContextOf(event);
  const { config } = await event.config();
  const catalog = await new WorkflowCatalog(octokit, repo).names().catch(() => ({ repository: [], builtin: [] }));
  const authored = await authorWorkflow({
    runner,
    task: request.task,
    requester: request.requester,
    repository: `${repo.owner}/${repo.repo}`,
    knownWorkflows: [...new Set([...catalog.repository, ...catalog.builtin])].sort(),
    ...(event.options.authorModel ? { model: event.options.authorModel } : {}),
  });
  event.log.info(`free-form ${runId}: ${authored.attempts.length} author attempt(s), $${authored.costUsd.toFixed(4)}`);

  if (!authored.ok) {
    await updateCheckRun(event, check.id, {
      status: "completed",
      conclusion: "failure",
      completed_at: event.options.now().toISOString(),
      output: renderAuthoringFailure({ runId, requester: request.requester, task: request.task, message: authored.message, ...(authored.lastScript ? { lastScript: authored.lastScript } : {}) }),
    });
    const link = check.html_url ? ` Details: [check run](${check.html_url}).` : "";
    await postReply(reply, request.replyTo, shortReplyBody(request.replyTo, request.requester, `I could not write a valid workflow for this task.${link} Rephrase it (what to look for, what to return) and ask again.`));
    return;
  }

  const blobSha = await storeApprovedScript(octokit, repo, authored.script);
  const autoApprove = config.freeform.autoApprove;
  const record: FreeformRecord = {
    v: 1,
    runId,
    name: authored.meta.name,
    blobSha,
    state: autoApprove ? "auto_approved" : "awaiting_approval",
    requester: request.requester,
    issueNumber: request.replyTo.issueNumber,
    isPullRequest: request.isPullRequest,
    commentId: request.replyTo.comment?.id ?? null,
    headSha: request.headSha,
    ...(autoApprove ? { decidedAt: event.options.now().toISOString() } : {}),
  };
  const view = {
    record,
    task: request.task,
    meta: authored.meta,
    script: authored.script,
    summary: authored.summary,
    authorEstimate: authored.authorEstimate,
    staticEstimate: authored.staticEstimate,
    ...(config.limits.maxAgents !== undefined ? { maxAgents: config.limits.maxAgents } : {}),
  };
  const name = freeformCheckRunName(record.name);
  await updateCheckRun(event, check.id, {
    name,
    status: "completed",
    conclusion: autoApprove ? "neutral" : "action_required",
    completed_at: event.options.now().toISOString(),
    output: renderProposal(view),
    actions: buttonsFor(autoApprove ? "done" : "awaiting_approval"),
  });

  if (autoApprove) {
    await startApproved(event, { checkRun: { id: check.id, name, output: renderProposal(view) }, record }, "freeform.autoApprove", request.replyTo);
    return;
  }
  const link = check.html_url ? `[check run](${check.html_url})` : "the check run";
  const body = [
    shortReplyBody(
      request.replyTo,
      request.requester,
      `I wrote **${record.name}** for this task: ${authored.summary.replace(/\s+/g, " ").slice(0, 500)}\n\nReview the script, its phases and the agent estimate in the ${link}. It runs only after someone with write access comments \`/workflow approve ${runId}\` or presses **Approve**.`,
    ),
    runIndexMarker({ v: 1, runId, workflow: FREEFORM_WORKFLOW, checkRunId: check.id, headSha: request.headSha }),
  ].join("\n\n");
  await postReply(reply, request.replyTo, body);
}
