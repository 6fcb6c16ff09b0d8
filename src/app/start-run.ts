/**
 * Starting a run from the App (rule P1, P3): create the check run with the App's own token (so its
 * buttons work), dispatch the Action with the run id and the check run id, record the Actions run
 * on the check run (`details_url`), and reply to the issue with a link and the run's index entry.
 *
 * The check run is created before the dispatch because the Action needs its id; if the dispatch
 * fails, the check run ends as `failure` with the reason and the reply says what to fix.
 *
 * Records kept without a database:
 * - check run `external_id` = the Quorum run id; `details_url` = the Actions run (for Cancel);
 * - the reply carries a hidden run index entry (freeform/record.ts) so `/workflow <verb> <run-id>`
 *   on the same issue finds the check run again.
 */
import { errorMessage } from "../kernel/errors.ts";
import type { JsonValue } from "../kernel/json.ts";
import { postReply, shortReplyBody, startedReplyBody } from "../github/comments.ts";
import { encodeDispatch, type TriggerContext } from "../github/dispatch.ts";
import { runIndexMarker } from "../github/freeform/index.ts";
import type { ReplyTarget } from "../github/trigger.ts";
import { buttonsFor } from "../github/app-buttons.ts";
import { dispatchWorkflow, DispatchError } from "./dispatch.ts";
import type { AppEvent } from "./event.ts";

export interface StartRequest {
  /** The `workflow` dispatch input: a workflow name, or `freeform` with `scriptBlob`. */
  workflow: string;
  /** Name of the check run (`quorum / <workflow>`, or the free-form name). */
  checkRunName: string;
  args: JsonValue | undefined;
  runId: string;
  headSha: string;
  trigger: Omit<TriggerContext, "headSha">;
  scriptBlob?: string;
  resume?: boolean;
  /** Where the "started" reply goes; null for automatic triggers (pull_request). */
  replyTo: ReplyTarget | null;
  /** Extra first line of the check run summary (e.g. who approved). */
  note?: string;
  /** How the run is named in texts; default: `workflow` (free-form runs: `freeform: <name>`). */
  title?: string;
}

export interface StartedRun {
  checkRunId: number;
  checkRunUrl: string | null;
  /** False when the dispatch failed (the check run then says why). */
  dispatched: boolean;
  actionsRunUrl: string | null;
  /** The reason, when not dispatched. */
  error?: string;
}

function queuedSummary(event: AppEvent, request: StartRequest): string {
  const verb = request.resume ? "Resuming" : "Starting";
  return [
    ...(request.note ? [request.note, ""] : []),
    `${verb} **${request.title ?? request.workflow}** as run \`${request.runId}\`: handed to GitHub Actions (\`.github/workflows/${event.options.workflowFile}\` on \`${event.repo.defaultBranch}\`) by @${request.trigger.sender}.`,
    "",
    "Progress appears here once the job starts. `/workflow cancel " + request.runId + "` stops it gracefully (its journal is kept); `/workflow status " + request.runId + "` reports on it.",
  ].join("\n");
}

/** Creates the check run, dispatches the Action and replies. Never throws for GitHub refusals of the dispatch. */
export async function startRun(event: AppEvent, request: StartRequest): Promise<StartedRun> {
  const { octokit, repo } = event;
  const { data: check } = await octokit.rest.checks.create({
    owner: repo.owner,
    repo: repo.repo,
    name: request.checkRunName,
    head_sha: request.headSha,
    external_id: request.runId,
    status: "queued",
    output: { title: request.resume ? "Resuming: queued in GitHub Actions" : "Queued in GitHub Actions", summary: queuedSummary(event, request) },
    actions: buttonsFor("running"),
  });
  const inputs = encodeDispatch({
    workflow: request.workflow,
    args: request.args,
    runId: request.runId,
    checkRunId: check.id,
    trigger: { ...request.trigger, headSha: request.headSha },
    ...(request.scriptBlob ? { scriptBlob: request.scriptBlob } : {}),
    ...(request.resume ? { resume: true } : {}),
  });
  const reply = { octokit, owner: repo.owner, repo: repo.repo, warn: event.log.warn };

  let actionsRunUrl: string | null = null;
  try {
    const dispatched = await dispatchWorkflow(octokit, repo, event.options.workflowFile, repo.defaultBranch, inputs);
    actionsRunUrl = dispatched.htmlUrl;
  } catch (error) {
    const why = error instanceof DispatchError ? error.message : `Dispatching the Action failed: ${errorMessage(error)}`;
    event.log.warn(`run ${request.runId}: ${why}`);
    await octokit.rest.checks.update({
      owner: repo.owner,
      repo: repo.repo,
      check_run_id: check.id,
      status: "completed",
      conclusion: "failure",
      completed_at: event.options.now().toISOString(),
      output: { title: "Could not start the run", summary: `Run \`${request.runId}\` did not start: nothing ran.\n\n${why}` },
      actions: buttonsFor("done"),
    });
    if (request.replyTo) await postReply(reply, request.replyTo, shortReplyBody(request.replyTo, request.trigger.sender, `Could not start **${request.title ?? request.workflow}**: ${why}`));
    return { checkRunId: check.id, checkRunUrl: check.html_url ?? null, dispatched: false, actionsRunUrl: null, error: why };
  }
  if (actionsRunUrl) {
    await octokit.rest.checks
      .update({ owner: repo.owner, repo: repo.repo, check_run_id: check.id, details_url: actionsRunUrl })
      .catch((error: unknown) => event.log.warn(`run ${request.runId}: could not record the Actions run on check run ${check.id}: ${String(error)}`));
  }
  if (request.replyTo) {
    const body = startedReplyBody({
      target: request.replyTo,
      sender: request.trigger.sender,
      workflow: request.title ?? request.workflow,
      runId: request.runId,
      checkRunUrl: check.html_url ?? null,
      ...(actionsRunUrl ? { actionsRunUrl } : {}),
      resumed: request.resume === true,
    });
    await postReply(reply, request.replyTo, `${body}\n\n${runIndexMarker({ v: 1, runId: request.runId, workflow: request.workflow, checkRunId: check.id, headSha: request.headSha })}`);
  }
  return { checkRunId: check.id, checkRunUrl: check.html_url ?? null, dispatched: true, actionsRunUrl };
}
