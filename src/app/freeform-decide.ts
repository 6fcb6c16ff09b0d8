/**
 * Free-form workflows in the App, step two (rule G7): approving or rejecting a proposal, by
 * `/workflow approve|cancel [run-id]` or the Approve and Cancel buttons. On approval the Action is
 * dispatched with the proposal's blob sha, so the approved bytes are what runs.
 *
 * Edge cases:
 * - Approvals and rejections need write permission (rule G5; checked by the comment and button
 *   handlers before they get here), and bots never approve, even allow-listed ones: approval is a
 *   human's review of the script.
 * - Before dispatching, the blob is read back and re-validated: a blob that vanished or changed
 *   stops the approval with a clear message.
 * - Two approvals at the same moment can both pass the state check (there is no lock without a
 *   database); the record is re-read just before approving, so the window is a few milliseconds.
 * - A rejection adds a `cancelled` check run of the same name, which replaces the proposal's
 *   `action_required` in the merge box (a completed check run's conclusion cannot change).
 */
import { isBot } from "../github/authorize.ts";
import { buttonsFor } from "../github/app-buttons.ts";
import type { TriggerContext } from "../github/dispatch.ts";
import {
  checkProposal,
  FREEFORM_WORKFLOW,
  loadApprovedScript,
  readFreeformRecord,
  restateProposal,
  type CheckRunRef,
  type FreeformRecord,
} from "../github/freeform/index.ts";
import type { ReplyTarget } from "../github/trigger.ts";
import type { AppEvent } from "./event.ts";
import { errorMessage } from "../kernel/errors.ts";
import { updateCheckRun } from "./shared.ts";
import { startRun } from "./start-run.ts";

export interface Proposal {
  checkRun: Pick<CheckRunRef, "id" | "name"> & { html_url?: string | null; output: { summary: string | null; text: string | null } };
  record: FreeformRecord;
}

/** Starts the run of an approved proposal and points the proposal at it; returns why not, or null. */
export async function startApproved(event: AppEvent, proposal: Proposal, approvedBy: string, replyTo: ReplyTarget | null): Promise<string | null> {
  const { record } = proposal;
  const trigger: Omit<TriggerContext, "headSha"> = {
    event: event.eventName,
    sender: approvedBy === "freeform.autoApprove" ? record.requester : approvedBy,
    ...(record.issueNumber !== null ? { number: record.issueNumber, isPullRequest: record.isPullRequest } : {}),
    ...(record.commentId !== null ? { commentId: record.commentId } : {}),
  };
  const started = await startRun(event, {
    workflow: FREEFORM_WORKFLOW,
    checkRunName: proposal.checkRun.name,
    args: undefined,
    runId: record.runId,
    headSha: record.headSha,
    trigger,
    scriptBlob: record.blobSha,
    replyTo,
    title: `${FREEFORM_WORKFLOW}: ${record.name}`,
    note: approvedBy === "freeform.autoApprove" ? "Approved automatically (`freeform.autoApprove`)." : `Approved by @${approvedBy}; the approved script runs byte for byte (git blob \`${record.blobSha}\`).`,
  });
  const updated: FreeformRecord = { ...record, runCheckRunId: started.checkRunId };
  await updateCheckRun(event, proposal.checkRun.id, { output: restateProposal(proposal.checkRun.output, updated, started.checkRunUrl) }).catch((error: unknown) =>
    event.log.warn(`free-form ${record.runId}: could not link the proposal to its run: ${errorMessage(error)}`),
  );
  return started.dispatched ? null : (started.error ?? "the run could not be started");
}

/**
 * Who may decide on a proposal: the caller has already checked write permission (rule G5) with
 * `authorizeSender`; on top of that, never a bot, even an allow-listed one.
 */
function deciderRefusal(login: string, senderType: string | undefined): string | null {
  return isBot(login, senderType) ? `@${login} is a bot; only people approve or reject free-form workflows.` : null;
}

/** An approval or rejection by someone whose write permission the caller has checked. */
export interface Decision {
  proposal: Proposal;
  by: string;
  senderType?: string;
  /** Where to answer (the approving comment), or null for a button. */
  replyTo: ReplyTarget | null;
}

function stateRefusal(record: FreeformRecord): string | null {
  switch (record.state) {
    case "awaiting_approval":
      return null;
    case "rejected":
      return `Free-form run \`${record.runId}\` was rejected by @${record.decidedBy ?? "?"}; nothing to approve. Ask for the task again.`;
    default:
      return `Free-form run \`${record.runId}\` is already approved${record.decidedBy ? ` (by @${record.decidedBy})` : ""}; \`/workflow status ${record.runId}\` shows the run.`;
  }
}

/** Approves a waiting proposal and starts its run. Returns the reply text (null: nothing more to say). */
export async function approveProposal(event: AppEvent, decision: Decision): Promise<string | null> {
  const { record } = decision.proposal;
  const refused = deciderRefusal(decision.by, decision.senderType) ?? stateRefusal(record);
  if (refused) return refused;
  // Re-read: another approval or rejection may have landed since the record was read.
  const { data: fresh } = await event.octokit.rest.checks.get({ owner: event.repo.owner, repo: event.repo.repo, check_run_id: decision.proposal.checkRun.id });
  const freshRecord = readFreeformRecord(fresh.output?.text) ?? record;
  const raced = stateRefusal(freshRecord);
  if (raced) return raced;
  let script: string;
  try {
    script = await loadApprovedScript(event.octokit, event.repo, record.blobSha);
  } catch (error) {
    return `Cannot approve \`${record.runId}\`: ${errorMessage(error)}`;
  }
  const checked = checkProposal(script);
  if (!checked.ok) return `Cannot approve \`${record.runId}\`: the stored script no longer validates (${checked.problems.join("; ")}). Ask for the task again.`;

  const approved: FreeformRecord = { ...record, state: "approved", decidedBy: decision.by, decidedAt: event.options.now().toISOString() };
  const output = { summary: fresh.output?.summary ?? null, text: fresh.output?.text ?? null };
  await updateCheckRun(event, decision.proposal.checkRun.id, { output: restateProposal(output, approved), actions: buttonsFor("done") });
  const failed = await startApproved(
    event,
    { checkRun: { id: decision.proposal.checkRun.id, name: decision.proposal.checkRun.name, output: restateProposal(output, approved) }, record: approved },
    decision.by,
    decision.replyTo,
  );
  return failed;
}

/** Rejects a waiting proposal (Cancel on the proposal, or `/workflow cancel` while it waits). */
export async function rejectProposal(event: AppEvent, decision: Decision): Promise<string> {
  const { record } = decision.proposal;
  const refused = deciderRefusal(decision.by, decision.senderType) ?? stateRefusal(record);
  if (refused) return refused;
  const decidedAt = event.options.now().toISOString();
  const rejected: FreeformRecord = { ...record, state: "rejected", decidedBy: decision.by, decidedAt };
  const { checkRun } = decision.proposal;
  await updateCheckRun(event, checkRun.id, { output: restateProposal(checkRun.output, rejected), actions: buttonsFor("done") });
  // The proposal's conclusion cannot change; a newer check run of the same name takes its place
  // in the merge box, so a rejected script does not show "action required" for good.
  await event.octokit.rest.checks.create({
    owner: event.repo.owner,
    repo: event.repo.repo,
    name: checkRun.name,
    head_sha: record.headSha,
    external_id: record.runId,
    status: "completed",
    conclusion: "cancelled",
    completed_at: decidedAt,
    output: {
      title: `Rejected by @${decision.by}: ${record.name}`,
      summary: `The free-form workflow proposed${checkRun.html_url ? ` in [this check run](${checkRun.html_url})` : ""} for run \`${record.runId}\` was rejected by @${decision.by}. Nothing ran.`,
    },
  });
  return `Rejected the free-form workflow \`${record.name}\` (run \`${record.runId}\`); nothing ran.`;
}
