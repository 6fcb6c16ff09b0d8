/**
 * Run verbs the App answers from its own records (rule G1, J5): the state of a located run, and
 * resuming it. Cancelling is shared with the Action (src/github/host/cancel.ts).
 *
 * Resume: a completed run is dispatched again with `resume: true` and the same run id, into a new
 * check run of the same name (GitHub does not reopen a completed check run); the Action restores
 * the run directory and answers every journaled agent from it.
 */
import { CHECK_RUN_NAME_PREFIX } from "../github/checkrun/reporter.ts";
import type { TriggerContext } from "../github/dispatch.ts";
import { FREEFORM_WORKFLOW } from "../github/freeform/index.ts";
import { actionsRunIdFromUrl, actionsRunOfLocated, type GitHubHost, type LocatedRun } from "../github/host/index.ts";
import type { ReplyTarget } from "../github/trigger.ts";
import { WORKFLOW_NAME_PATTERN } from "../github/workflow-script.ts";
import type { AppEvent } from "./event.ts";
import { startRun } from "./start-run.ts";

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

/** Dispatches a located run again with `resume: true`; returns the reply (null: the start reply says it). */
export async function resumeLocated(
  event: AppEvent,
  host: GitHubHost,
  run: LocatedRun,
  by: string,
  trigger: Omit<TriggerContext, "headSha">,
  replyTo: ReplyTarget | null,
): Promise<string | null> {
  const current = run.current;
  if (current.status !== "completed") return `Run \`${run.runId}\` is still ${current.status.replace("_", " ")}; cancel it first or wait for it to end.`;
  const target = resumeTarget(run);
  if ("refusal" in target) return target.refusal;
  if ((await actionsRunOfLocated(host, run)) === null) {
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
