/**
 * Cancelling a located run (rule G1, P2): its Actions run is cancelled; GitHub then sends the job
 * a cancellation, which the Action turns into a graceful stop (journal saved, check run
 * `cancelled`). A proposal that waits is rejected instead (freeform-decide.ts), by the caller.
 *
 * Edge cases:
 * - The Actions run is the one the check run's "Details" link names; else the host looks it up
 *   (the App by the dispatched run's title, the Action from a `gh-<id>-…` run id).
 * - A run whose job never started (no Actions run, or one still queued) would never close its
 *   check run: it is marked `cancelled` here.
 * - Cancelling a finished Actions run is GitHub's 409: "already finished", asked once.
 */
import { errorMessage } from "../../kernel/errors.ts";
import { hasHttpStatus } from "../api-error.ts";
import type { CheckRunRef } from "../freeform/index.ts";
import { buttonsOf, updateCheckRun } from "./check-run.ts";
import type { LocatedRun } from "./locate.ts";
import type { GitHubHost } from "./port.ts";

/** Actions run states in which no job is running yet. */
const NOT_STARTED = new Set(["queued", "waiting", "requested", "pending"]);
const ACTIONS_RUN_URL = /\/actions\/runs\/(\d+)(?:[/?#]|$)/;

/** The Actions run id in a run's URL (`…/actions/runs/123…`), or null. */
export function actionsRunIdFromUrl(url: string | null | undefined): number | null {
  const m = url ? ACTIONS_RUN_URL.exec(url) : null;
  return m?.[1] ? Number(m[1]) : null;
}

/** The Actions run of a located run: its check run's "Details", else the host's lookup. */
export async function actionsRunOfLocated(host: GitHubHost, run: LocatedRun): Promise<number | null> {
  return actionsRunIdFromUrl(run.current.details_url) ?? (await host.runs.actionsRunOf(run).catch(() => null));
}

async function closeAsCancelled(host: GitHubHost, checkRun: CheckRunRef, summary: string): Promise<void> {
  const { data } = await host.octokit.rest.checks.get({ owner: host.repo.owner, repo: host.repo.repo, check_run_id: checkRun.id });
  if (data.status === "completed") return; // the Action got there first
  await updateCheckRun(host, checkRun.id, {
    status: "completed",
    conclusion: "cancelled",
    completed_at: host.now().toISOString(),
    output: { title: "Cancelled", summary },
    ...buttonsOf(host, "done"),
  });
}

/** Cancels the Actions job of a located run that is not a waiting proposal; returns the reply. */
export async function cancelLocatedRun(host: GitHubHost, run: LocatedRun, by: string): Promise<string> {
  const { current } = run;
  if (current.status === "completed") return `Run \`${run.runId}\` has already finished (${current.conclusion ?? "completed"}); there is nothing to cancel.`;
  const workflowRunId = await actionsRunOfLocated(host, run);
  if (workflowRunId === null) {
    await closeAsCancelled(host, current, `Cancelled by @${by} before GitHub Actions picked it up. Nothing ran; start it again with the same command.`);
    return `Run \`${run.runId}\` had not reached GitHub Actions; it is marked cancelled.`;
  }
  try {
    await host.octokit.rest.actions.cancelWorkflowRun({ owner: host.repo.owner, repo: host.repo.repo, run_id: workflowRunId });
  } catch (error) {
    if (hasHttpStatus(error, 409)) return `Actions run ${workflowRunId} of \`${run.runId}\` has already finished; there is nothing to cancel.`;
    return `Could not cancel Actions run ${workflowRunId} of \`${run.runId}\`: ${errorMessage(error)}. \`/workflow cancel\` needs the \`actions: write\` permission.`;
  }
  const { data: workflowRun } = await host.octokit.rest.actions.getWorkflowRun({ owner: host.repo.owner, repo: host.repo.repo, run_id: workflowRunId });
  if (workflowRun.status !== null && NOT_STARTED.has(workflowRun.status)) {
    await closeAsCancelled(host, current, `Cancelled by @${by} before its job started. Nothing ran; start it again with the same command.`);
    return `Cancelled run \`${run.runId}\` before its job started.`;
  }
  const summary = `@${by} cancelled run \`${run.runId}\`. The job stops gracefully, saves its journal and ends as cancelled; \`/workflow resume ${run.runId}\`${host.checkRuns.buttons ? " (or Re-run)" : ""} continues it.`;
  await updateCheckRun(host, current.id, { output: { title: "Cancelling…", summary } }).catch((error: unknown) =>
    host.log.warn(`run ${run.runId}: could not mark check run ${current.id} as cancelling: ${errorMessage(error)}`),
  );
  return `Cancelling run \`${run.runId}\` (Actions run ${workflowRunId}): it stops gracefully and keeps its journal; \`/workflow resume ${run.runId}\` continues it.`;
}
