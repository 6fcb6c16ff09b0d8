/**
 * Approving a free-form proposal in the Action (rule G7 without the App): `/workflow approve
 * [run-id]`. Rejecting one (`/workflow cancel` while it waits): freeform-cancel.ts.
 *
 * On approval the approved blob is read back and re-validated, the proposal is restated as
 * approved and linked to a new check run of the same name (which replaces the proposal's
 * `action_required` in the merge box), and the run starts in this job with the proposal's run id
 * and the approved bytes (run-on-github.ts checks them against the blob sha once more).
 *
 * Edge cases:
 * - Write permission was checked by the trigger (rule G5); on top of that bots never approve,
 *   even allow-listed ones: approval is a person's review of the script.
 * - Without a run id, the newest proposal on the issue is meant.
 * - Two approvals at the same moment can both pass the state check (there is no lock without a
 *   database); the window is the few requests between reading and restating the record.
 */
import { errorMessage } from "../../kernel/errors.ts";
import { isBot } from "../authorize.ts";
import { checkProposal, loadApprovedScript, restateProposal, type FreeformRecord } from "../freeform/index.ts";
import type { ReplyTarget, Requester, RunRequest } from "../trigger.ts";
import { answer, locateProposal, nowOf, stateRefusal, type FoundProposal, type FreeformEnvironment } from "./freeform-env.ts";


export function botRefusal(sender: Requester): string | null {
  return isBot(sender.login, sender.type) ? `@${sender.login} is a bot; only people approve or reject free-form workflows.` : null;
}

/**
 * Starts the run of an approved (or auto-approved) proposal: its check run, the proposal restated
 * and linked to it, and the run request for this job. `approved` is the approved record.
 */
export async function startApprovedRun(
  env: FreeformEnvironment,
  proposal: FoundProposal,
  approved: FreeformRecord,
  script: string,
  target: ReplyTarget | null,
  sender: string,
): Promise<RunRequest> {
  const { octokit, repo } = env;
  const approvedBy = approved.state === "auto_approved" ? "Approved automatically (`freeform.autoApprove`)." : `Approved by @${approved.decidedBy ?? sender}.`;
  let checkRun: { id: number; url: string | null } | null = null;
  try {
    const { data } = await octokit.rest.checks.create({
      owner: repo.owner,
      repo: repo.repo,
      name: proposal.checkRun.name,
      head_sha: approved.headSha,
      external_id: approved.runId,
      status: "queued",
      ...(env.actionsRunUrl ? { details_url: env.actionsRunUrl } : {}),
      output: { title: "Starting the approved workflow", summary: `${approvedBy} The approved script runs byte for byte (git blob \`${approved.blobSha}\`) as run \`${approved.runId}\`.` },
    });
    checkRun = { id: data.id, url: data.html_url ?? null };
  } catch (error) {
    env.log.warn(`Could not create the check run of free-form run ${approved.runId} (${errorMessage(error)}); the run makes its own.`);
  }
  const linked: FreeformRecord = { ...approved, ...(checkRun ? { runCheckRunId: checkRun.id } : {}) };
  await octokit.rest.checks
    .update({ owner: repo.owner, repo: repo.repo, check_run_id: proposal.checkRun.id, output: restateProposal(proposal.checkRun.output, linked, checkRun?.url ?? null) })
    .catch((error: unknown) => env.log.warn(`Could not mark the proposal of ${approved.runId} as approved: ${errorMessage(error)}`));
  const number = approved.issueNumber;
  return {
    source: "comment",
    workflow: approved.name,
    args: undefined,
    sender,
    pullRequest: approved.isPullRequest && number !== null ? { number, headSha: approved.headSha } : null,
    replyTo: target,
    handoff: {
      runId: approved.runId,
      headSha: approved.headSha,
      freeform: { blobSha: approved.blobSha, source: script },
      ...(checkRun ? { checkRunId: checkRun.id } : {}),
    },
  };
}

/**
 * `/workflow approve [run-id]`: approves the waiting proposal and returns the run to start, or
 * replies why not and returns null.
 */
export async function approveFreeform(env: FreeformEnvironment, request: { runId: string | undefined; replyTo: ReplyTarget; sender: Requester }): Promise<RunRequest | null> {
  const refuse = async (text: string) => {
    await answer(env, request.replyTo, request.sender, text);
    return null;
  };
  const bot = botRefusal(request.sender);
  if (bot) return refuse(bot);
  const found = await locateProposal(env, request.replyTo.issueNumber, request.runId);
  if ("refusal" in found) return refuse(found.refusal);
  const { record } = found;
  const waiting = stateRefusal(record);
  if (waiting) return refuse(waiting);
  let script: string;
  try {
    script = await loadApprovedScript(env.octokit, env.repo, record.blobSha);
  } catch (error) {
    return refuse(`Cannot approve \`${record.runId}\`: ${errorMessage(error)}`);
  }
  const checked = checkProposal(script);
  if (!checked.ok) return refuse(`Cannot approve \`${record.runId}\`: the stored script no longer validates (${checked.problems.join("; ")}). Ask for the task again.`);
  const approved: FreeformRecord = { ...record, state: "approved", decidedBy: request.sender.login, decidedAt: nowOf(env).toISOString() };
  return startApprovedRun(env, found, approved, script, request.replyTo, request.sender.login);
}
