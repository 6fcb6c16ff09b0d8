/**
 * `/workflow "<task>"` in the Action (rule G7 without the App): an author agent with read-only
 * tools over the checkout writes a workflow script → validated (retried with the problems) →
 * stored as a git blob → shown in a check run that waits `action_required`, with a reply that
 * carries the run index entry, so `/workflow approve <run-id>` in a later job finds it. With
 * `freeform.autoApprove: true` the run starts at once, in this job.
 *
 * Edge cases:
 * - A quoted known workflow name (`/workflow "review"`) runs that workflow; it is not a task.
 * - No model key: a reply says what to set; nothing is created.
 * - The check run is created before the author starts, so the task is visible at once; if
 *   anything then throws, it is completed as `failure` with the reason, never left spinning.
 * - The proposal's check run is a record and is never touched by the run, which reports into a
 *   second check run of the same name (freeform-approve.ts).
 */
import { errorMessage } from "../../kernel/errors.ts";
import { DEFAULT_TOOLS } from "../../agents/contract.ts";
import { newRunId } from "../../engine/rundir.ts";
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
} from "../freeform/index.ts";
import { postReply, shortReplyBody } from "../comments.ts";
import type { ReplyTarget, Requester, RunRequest } from "../trigger.ts";
import { WORKFLOW_NAME_PATTERN } from "../workflow-script.ts";
import { defaultBranchHead, pullRequestHead } from "./commit.ts";
import { startApprovedRun } from "./freeform-approve.ts";
import { answer, nowOf, type FreeformEnvironment } from "./freeform-env.ts";

export interface ProposeRequest {
  task: string;
  replyTo: ReplyTarget;
  sender: Requester;
  isPullRequest: boolean;
}


/**
 * Writes a script for the task and shows it for approval. Returns the run to start now: a named
 * workflow when the task is one, the script when auto-approved; else null.
 */
export async function proposeFreeform(env: FreeformEnvironment, request: ProposeRequest): Promise<RunRequest | null> {
  const { task } = request;
  // A quoted known name is that workflow, not a task.
  if (WORKFLOW_NAME_PATTERN.test(task) && task !== FREEFORM_WORKFLOW && (await env.catalog.get(task))) {
    return {
      source: "comment",
      workflow: task,
      args: undefined,
      sender: request.sender.login,
      pullRequest: request.isPullRequest ? { number: request.replyTo.issueNumber } : null,
      replyTo: request.replyTo,
    };
  }
  if (!env.runner) {
    await answer(env, request.replyTo, request.sender, `Free-form tasks need a model for the author agent. ${env.missingRunnerHint ?? "Set the action's `anthropic-api-key` input."}`);
    return null;
  }
  const { octokit, repo } = env;
  const headSha = request.isPullRequest
    ? await pullRequestHead(octokit, repo, { number: request.replyTo.issueNumber })
    : await defaultBranchHead(octokit, repo, env.defaultHeadSha);
  const runId = newRunId(FREEFORM_WORKFLOW, nowOf(env));
  const { data: check } = await octokit.rest.checks.create({
    owner: repo.owner,
    repo: repo.repo,
    name: freeformCheckRunName("writing…"),
    head_sha: headSha,
    external_id: runId,
    status: "in_progress",
    ...(env.actionsRunUrl ? { details_url: env.actionsRunUrl } : {}),
    output: renderAuthoring({ runId, requester: request.sender.login, task }),
  });
  try {
    return await authorAndPropose(env, request, { runId, headSha, id: check.id, url: check.html_url ?? null });
  } catch (error) {
    // Never leave the check run spinning: say what broke, then let the job fail with it.
    await octokit.rest.checks
      .update({
        owner: repo.owner,
        repo: repo.repo,
        check_run_id: check.id,
        status: "completed",
        conclusion: "failure",
        completed_at: nowOf(env).toISOString(),
        output: renderAuthoringFailure({ runId, requester: request.sender.login, task, message: `Quorum failed while writing or storing the script: ${errorMessage(error)}` }),
      })
      .catch(() => undefined);
    throw error;
  }
}

async function authorAndPropose(
  env: FreeformEnvironment,
  request: ProposeRequest,
  proposal: { runId: string; headSha: string; id: number; url: string | null },
): Promise<RunRequest | null> {
  const { octokit, repo, config } = env;
  const { runId } = proposal;
  const requester = request.sender.login;
  const names = await env.catalog.names().catch(() => ({ repository: [], builtin: [] }));
  const authored = await authorWorkflow({
    runner: env.runner!,
    task: request.task,
    requester,
    repository: `${repo.owner}/${repo.repo}`,
    knownWorkflows: [...new Set([...names.repository, ...names.builtin])].sort(),
    ...(env.authorModel ? { model: env.authorModel } : {}),
    tools: DEFAULT_TOOLS,
    cwd: env.checkout,
    ...(env.signal ? { signal: env.signal } : {}),
  });
  env.log.info(`free-form ${runId}: ${authored.attempts.length} author attempt(s), $${authored.costUsd.toFixed(4)}`);

  if (!authored.ok) {
    await octokit.rest.checks.update({
      owner: repo.owner,
      repo: repo.repo,
      check_run_id: proposal.id,
      status: "completed",
      conclusion: "failure",
      completed_at: nowOf(env).toISOString(),
      output: renderAuthoringFailure({ runId, requester, task: request.task, message: authored.message, ...(authored.lastScript ? { lastScript: authored.lastScript } : {}) }),
    });
    const link = proposal.url ? ` Details: [check run](${proposal.url}).` : "";
    await answer(env, request.replyTo, request.sender, `I could not write a valid workflow for this task.${link} Rephrase it (what to look for, what to return) and ask again.`);
    return null;
  }

  const blobSha = await storeApprovedScript(octokit, repo, authored.script);
  const autoApprove = config.freeform.autoApprove;
  const decidedAt = nowOf(env).toISOString();
  const record: FreeformRecord = {
    v: 1,
    runId,
    name: authored.meta.name,
    blobSha,
    state: autoApprove ? "auto_approved" : "awaiting_approval",
    requester,
    issueNumber: request.replyTo.issueNumber,
    isPullRequest: request.isPullRequest,
    commentId: request.replyTo.comment?.id ?? null,
    headSha: proposal.headSha,
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
  await octokit.rest.checks.update({
    owner: repo.owner,
    repo: repo.repo,
    check_run_id: proposal.id,
    name,
    status: "completed",
    // A record, not a run: never green when nothing ran (rule P2).
    conclusion: autoApprove ? "neutral" : "action_required",
    completed_at: decidedAt,
    output,
  });

  const index = runIndexMarker({ v: 1, runId, workflow: FREEFORM_WORKFLOW, checkRunId: proposal.id, headSha: proposal.headSha });
  const link = proposal.url ? `[check run](${proposal.url})` : "the check run";
  const summary = authored.summary.replace(/\s+/g, " ").slice(0, 500);
  const reply = { octokit, owner: repo.owner, repo: repo.repo, secrets: env.secrets, warn: env.log.warn };
  if (autoApprove) {
    const text = `I wrote **${record.name}** for this task: ${summary}\n\nIt starts at once (\`freeform.autoApprove: true\` in .github/quorum.yml); the script, its phases and the agent estimate are in the ${link}.`;
    await postReply(reply, request.replyTo, `${shortReplyBody(request.replyTo, requester, text)}\n\n${index}`);
    return startApprovedRun(env, { checkRun: { id: proposal.id, name, html_url: proposal.url, output: { title: output.title, summary: output.summary, text: output.text } }, record }, record, authored.script, request.replyTo, requester);
  }
  const text =
    `I wrote **${record.name}** for this task: ${summary}\n\n` +
    `Review the script, its phases and the agent estimate in the ${link}. It runs only after someone with write access comments \`/workflow approve ${runId}\`; \`/workflow cancel ${runId}\` rejects it.`;
  await postReply(reply, request.replyTo, `${shortReplyBody(request.replyTo, requester, text)}\n\n${index}`);
  return null;
}
