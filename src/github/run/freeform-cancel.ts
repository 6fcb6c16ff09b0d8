/**
 * `/workflow cancel [run-id]` for free-form runs in the Action (rule G7, G1): a proposal that waits
 * is rejected; an approved run still going is stopped by cancelling the Actions run its check run
 * names ("Details"); the job then saves its journal and ends `cancelled`.
 *
 * Free-form run ids do not name their Actions run (they are fixed before it exists), so the run is
 * found through the proposal's record: `runCheckRunId` → that check run's `details_url`.
 */
import { errorMessage } from "../../kernel/errors.ts";
import { hasHttpStatus } from "../api-error.ts";
import { restateProposal, type FreeformRecord } from "../freeform/index.ts";
import type { ReplyTarget, Requester } from "../trigger.ts";
import { botRefusal } from "./freeform-approve.ts";
import { locateProposal, nowOf, type FoundProposal, type FreeformEnvironment } from "./freeform-env.ts";

const ACTIONS_RUN_URL = /\/actions\/runs\/(\d+)(?:[/?#]|$)/;


async function reject(env: FreeformEnvironment, found: FoundProposal, sender: Requester): Promise<string> {
  const { record, checkRun } = found;
  const decidedAt = nowOf(env).toISOString();
  const rejected: FreeformRecord = { ...record, state: "rejected", decidedBy: sender.login, decidedAt };
  const { octokit, repo } = env;
  await octokit.rest.checks.update({ owner: repo.owner, repo: repo.repo, check_run_id: checkRun.id, output: restateProposal(checkRun.output, rejected) });
  // The proposal's conclusion cannot change; a newer check run of the same name takes its place
  // in the merge box, so a rejected script does not show "action required" for good.
  await octokit.rest.checks.create({
    owner: repo.owner,
    repo: repo.repo,
    name: checkRun.name,
    head_sha: record.headSha,
    external_id: record.runId,
    status: "completed",
    conclusion: "cancelled",
    completed_at: decidedAt,
    output: {
      title: `Rejected by @${sender.login}: ${record.name}`,
      summary: `The free-form workflow proposed${checkRun.html_url ? ` in [this check run](${checkRun.html_url})` : ""} for run \`${record.runId}\` was rejected by @${sender.login}. Nothing ran.`,
    },
  });
  return `Rejected the free-form workflow \`${record.name}\` (run \`${record.runId}\`); nothing ran.`;
}

async function stop(env: FreeformEnvironment, record: FreeformRecord): Promise<string> {
  const { octokit, repo } = env;
  if (record.runCheckRunId === undefined) return `Run \`${record.runId}\` has no check run to follow; stop its job in the Actions tab.`;
  const { data: check } = await octokit.rest.checks.get({ owner: repo.owner, repo: repo.repo, check_run_id: record.runCheckRunId });
  if (check.status === "completed") return `Run \`${record.runId}\` has already finished (${check.conclusion ?? "completed"}); there is nothing to cancel.`;
  const workflowRunId = Number(ACTIONS_RUN_URL.exec(check.details_url ?? "")?.[1] ?? Number.NaN);
  if (!Number.isSafeInteger(workflowRunId)) return `The check run of \`${record.runId}\` does not name its Actions run; stop its job in the Actions tab.`;
  try {
    await octokit.rest.actions.cancelWorkflowRun({ owner: repo.owner, repo: repo.repo, run_id: workflowRunId });
  } catch (error) {
    if (hasHttpStatus(error, 409)) return `Actions run ${workflowRunId} of \`${record.runId}\` has already finished; there is nothing to cancel.`;
    return `Could not cancel Actions run ${workflowRunId} of \`${record.runId}\`: ${errorMessage(error)}. The workflow needs \`actions: write\` for \`/workflow cancel\`.`;
  }
  return `Cancelling run \`${record.runId}\` (Actions run ${workflowRunId}). Its journal is saved; \`/workflow resume ${record.runId}\` continues it.`;
}

/**
 * Cancels free-form run `runId` (or the newest proposal on the issue): rejects it while it waits,
 * else stops its Actions run. Returns the reply, or null when there is no such free-form run.
 */
export async function cancelFreeform(env: FreeformEnvironment, request: { runId: string | undefined; replyTo: ReplyTarget; sender: Requester }): Promise<string | null> {
  const found = await locateProposal(env, request.replyTo.issueNumber, request.runId);
  if ("refusal" in found) return null;
  const { record } = found;
  switch (record.state) {
    case "awaiting_approval":
      return botRefusal(request.sender) ?? reject(env, found, request.sender);
    case "rejected":
      return `Free-form run \`${record.runId}\` was already rejected by @${record.decidedBy ?? "?"}; nothing runs.`;
    default:
      return stop(env, record);
  }
}
