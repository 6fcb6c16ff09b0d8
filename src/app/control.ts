/**
 * Acting on a located run (rule G1, J5): cancel it, resume it, or say how it is. Each returns the
 * sentence to reply with; none runs an agent.
 *
 * Cancel: the App cancels the Actions workflow run. GitHub then sends the job a cancellation,
 * which the Action turns into a graceful stop: journal saved, check run `cancelled` (rule P2).
 * When the job never started (still queued), nobody else would close the check run, so the App
 * marks it `cancelled` itself.
 *
 * Resume: a completed run is dispatched again with `resume: true` and the same run id, into a new
 * check run of the same name (GitHub does not reopen a completed check run); the Action restores
 * the run directory and answers every journaled agent from it.
 */
import { hasHttpStatus } from "../github/api-error.ts";
import { CHECK_RUN_NAME_PREFIX } from "../github/checkrun/reporter.ts";
import { FREEFORM_WORKFLOW, type CheckRunRef } from "../github/freeform/index.ts";
import type { ReplyTarget } from "../github/trigger.ts";
import { WORKFLOW_NAME_PATTERN } from "../github/workflow-script.ts";
import type { TriggerContext } from "../github/dispatch.ts";
import { buttonsFor } from "../github/app-buttons.ts";
import { actionsRunIdFromUrl, findActionsRun } from "./dispatch.ts";
import type { AppEvent } from "./event.ts";
import type { LocatedRun } from "./locate.ts";
import { errorMessage } from "../kernel/errors.ts";
import { startRun } from "./start-run.ts";

/** Actions run states in which no job is running yet. */
const NOT_STARTED = new Set(["queued", "waiting", "requested", "pending"]);

/** The Actions run of a check run: its `details_url`, else a search by title. */
async function actionsRunOf(event: AppEvent, run: LocatedRun): Promise<number | null> {
  const fromUrl = actionsRunIdFromUrl(run.current.details_url);
  if (fromUrl !== null) return fromUrl;
  return (await findActionsRun(event.octokit, event.repo, event.options.workflowFile, run.runId).catch(() => null))?.id ?? null;
}

async function closeAsCancelled(event: AppEvent, checkRun: CheckRunRef, summary: string): Promise<void> {
  const { data } = await event.octokit.rest.checks.get({ owner: event.repo.owner, repo: event.repo.repo, check_run_id: checkRun.id });
  if (data.status === "completed") return; // the Action got there first
  await event.octokit.rest.checks.update({
    owner: event.repo.owner,
    repo: event.repo.repo,
    check_run_id: checkRun.id,
    status: "completed",
    conclusion: "cancelled",
    completed_at: event.options.now().toISOString(),
    output: { title: "Cancelled", summary },
    actions: buttonsFor("done"),
  });
}

/** Cancels the run's Actions job. Proposals are rejected by the caller, not here. */
export async function cancelRun(event: AppEvent, run: LocatedRun, by: string): Promise<string> {
  const { octokit, repo } = event;
  const current = run.current;
  if (current.status === "completed") return `Run \`${run.runId}\` has already finished (${current.conclusion ?? "completed"}); there is nothing to cancel.`;
  const workflowRunId = await actionsRunOf(event, run);
  if (workflowRunId === null) {
    await closeAsCancelled(event, current, `Cancelled by @${by} before GitHub Actions picked it up. Nothing ran; start it again with the same command.`);
    return `Run \`${run.runId}\` had not reached GitHub Actions; it is marked cancelled.`;
  }
  try {
    await octokit.rest.actions.cancelWorkflowRun({ owner: repo.owner, repo: repo.repo, run_id: workflowRunId });
  } catch (error) {
    if (hasHttpStatus(error, 409)) return `Actions run ${workflowRunId} of \`${run.runId}\` has already finished; there is nothing to cancel.`;
    return `Could not cancel Actions run ${workflowRunId} of \`${run.runId}\`: ${errorMessage(error)}. The App needs the \`actions: write\` permission.`;
  }
  const { data: workflowRun } = await octokit.rest.actions.getWorkflowRun({ owner: repo.owner, repo: repo.repo, run_id: workflowRunId });
  if (workflowRun.status !== null && NOT_STARTED.has(workflowRun.status)) {
    await closeAsCancelled(event, current, `Cancelled by @${by} before its job started. Nothing ran; start it again with the same command.`);
    return `Cancelled run \`${run.runId}\` before its job started.`;
  }
  await octokit.rest.checks
    .update({
      owner: repo.owner,
      repo: repo.repo,
      check_run_id: current.id,
      output: {
        title: "Cancelling…",
        summary: `@${by} cancelled run \`${run.runId}\`. The job stops gracefully, saves its journal and ends as cancelled; \`/workflow resume ${run.runId}\` (or Re-run) continues it without paying again for finished agents.`,
      },
    })
    .catch((error: unknown) => event.log.warn(`run ${run.runId}: could not mark check run ${current.id} as cancelling: ${errorMessage(error)}`));
  return `Cancelling run \`${run.runId}\` (Actions run ${workflowRunId}): it stops gracefully and keeps its journal; \`/workflow resume ${run.runId}\` continues it.`;
}

/** The workflow input that resumes `run`, or why it cannot be resumed. */
function resumeTarget(run: LocatedRun): { workflow: string; scriptBlob?: string } | { refusal: string } {
  if (run.proposal) {
    const { record } = run.proposal;
    if (record.state === "awaiting_approval") return { refusal: `Run \`${run.runId}\` is a free-form workflow waiting for approval: \`/workflow approve ${run.runId}\` starts it.` };
    if (record.state === "rejected") return { refusal: `Run \`${run.runId}\` was rejected by @${record.decidedBy ?? "?"}; it cannot be resumed. Ask for the task again.` };
    return { workflow: FREEFORM_WORKFLOW, scriptBlob: record.blobSha };
  }
  const name = run.current.name.startsWith(CHECK_RUN_NAME_PREFIX) ? run.current.name.slice(CHECK_RUN_NAME_PREFIX.length) : "";
  if (!WORKFLOW_NAME_PATTERN.test(name)) return { refusal: `Check run "${run.current.name}" does not name a workflow; it cannot be resumed.` };
  return { workflow: name };
}

/** Dispatches the run again with `resume: true`. */
export async function resumeRun(
  event: AppEvent,
  run: LocatedRun,
  by: string,
  trigger: Omit<TriggerContext, "headSha">,
  replyTo: ReplyTarget | null,
): Promise<string | null> {
  const current = run.current;
  if (current.status !== "completed") return `Run \`${run.runId}\` is still ${current.status.replace("_", " ")}; cancel it first or wait for it to end.`;
  const target = resumeTarget(run);
  if ("refusal" in target) return target.refusal;
  if ((await actionsRunOf(event, run)) === null) {
    return `Run \`${run.runId}\` never started in GitHub Actions, so there is no journal to resume; start it again with the same command.`;
  }
  const started = await startRun(event, {
    workflow: target.workflow,
    checkRunName: current.name,
    args: undefined,
    runId: run.runId,
    headSha: run.headSha,
    trigger,
    ...(target.scriptBlob ? { scriptBlob: target.scriptBlob } : {}),
    resume: true,
    replyTo,
    ...(run.proposal ? { title: `${FREEFORM_WORKFLOW}: ${run.proposal.record.name}` } : {}),
    note: `Resumed by @${by}: finished agents are answered from the journal.`,
  });
  // The started reply (or the check run) already says what happened.
  return started.dispatched ? null : (started.error ?? null);
}

/** One paragraph on the run's state. */
export function statusText(run: LocatedRun): string {
  const c = run.current;
  const state = c.status === "completed" ? `completed (**${c.conclusion ?? "?"}**)` : `**${c.status.replace("_", " ")}**`;
  const link = c.html_url ? ` · [check run](${c.html_url})` : "";
  const actions = actionsRunIdFromUrl(c.details_url) !== null ? ` · [Actions run](${c.details_url})` : "";
  const lines = [`Run \`${run.runId}\` — ${c.name}: ${state}: ${c.output?.title ?? ""}${link}${actions}`];
  if (run.proposal) {
    const r = run.proposal.record;
    lines.push(`Free-form proposal \`${r.name}\` by @${r.requester}: ${r.state.replace("_", " ")}${r.decidedBy ? ` by @${r.decidedBy}` : ""}.`);
  }
  return lines.join("\n\n");
}
