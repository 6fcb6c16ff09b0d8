/**
 * Free-form workflows, step two (rule G7): approving or rejecting a proposal, by `/workflow
 * approve|cancel [run-id]` or (in the App) the Approve and Cancel buttons. On approval the run
 * starts with the proposal's run id and blob sha, so the approved bytes are what runs.
 *
 * Edge cases:
 * - Approvals and rejections need write permission (rule G5; checked by the trigger decision or
 *   the button handler before they get here), and bots never approve, even allow-listed ones:
 *   approval is a person's review of the script.
 * - The approved blob is read back and re-validated: a blob that vanished or changed stops the
 *   approval with a clear message. The proposal's check run, read again, must show exactly that
 *   blob's script: a record edited to name another blob than the one shown is refused.
 * - Two approvals at the same moment can both pass the state check (there is no lock without a
 *   database); the record is re-read just before approving, so the window is a few milliseconds.
 * - A rejection adds a `cancelled` check run of the same name, which replaces the proposal's
 *   `action_required` in the merge box (a completed check run's conclusion cannot change).
 */
import { isBot } from "../authorize.ts";
import { checkProposal, FREEFORM_WORKFLOW, loadApprovedScript, readFreeformRecord, restateProposal, showsScript, type CheckRunRef, type FreeformRecord } from "../freeform/index.ts";
import type { ReplyTarget, RunRequest } from "../trigger.ts";
import { errorMessage } from "../../kernel/errors.ts";
import { buttonsOf, updateCheckRun } from "./check-run.ts";
import type { GitHubHost, StartedRun } from "./port.ts";

export interface Proposal {
  checkRun: Pick<CheckRunRef, "id" | "name"> & { html_url?: string | null; output: { title?: string | null; summary: string | null; text: string | null } };
  record: FreeformRecord;
}

/** An approval or rejection by someone whose write permission the caller has checked. */
export interface Decision {
  proposal: Proposal;
  by: string;
  senderType?: string;
  /** Where to answer (the deciding comment, or the task's issue for a button); null: nowhere. */
  replyTo: ReplyTarget | null;
}

/** Why `login` may not decide on a proposal (a bot), or null. */
export function botRefusal(login: string, senderType: string | undefined): string | null {
  return isBot(login, senderType) ? `@${login} is a bot; only people approve or reject free-form workflows.` : null;
}

/** Why a proposal cannot be approved or rejected now (it is not waiting), or null. */
export function stateRefusal(record: FreeformRecord): string | null {
  switch (record.state) {
    case "awaiting_approval":
      return null;
    case "rejected":
      return `Free-form run \`${record.runId}\` was rejected by @${record.decidedBy ?? "?"}; nothing to approve. Ask for the task again.`;
    default:
      return `Free-form run \`${record.runId}\` is already approved${record.decidedBy ? ` (by @${record.decidedBy})` : ""}; \`/workflow status ${record.runId}\` shows the run.`;
  }
}

/** The run request of an approved (or auto-approved) record: its id, commit and script fixed. */
function approvedRequest(record: FreeformRecord, script: string, replyTo: ReplyTarget | null, sender: string): RunRequest {
  const number = record.issueNumber;
  return {
    source: "comment",
    workflow: record.name,
    args: undefined,
    sender,
    pullRequest: record.isPullRequest && number !== null ? { number, headSha: record.headSha } : null,
    replyTo,
    handoff: { runId: record.runId, headSha: record.headSha, freeform: { blobSha: record.blobSha, source: script } },
  };
}

/**
 * Starts the run of an approved (or auto-approved) proposal through the host and points the
 * proposal at the run's check run. `approvedBy` is who approved (unused when auto-approved).
 */
export async function startApproved(host: GitHubHost, proposal: Proposal, script: string, replyTo: ReplyTarget | null, approvedBy: string): Promise<StartedRun> {
  const { record } = proposal;
  const auto = record.state === "auto_approved";
  const note = auto
    ? "Approved automatically (`freeform.autoApprove`)."
    : `Approved by @${record.decidedBy ?? approvedBy}; the approved script runs byte for byte (git blob \`${record.blobSha}\`).`;
  const started = await host.start({
    request: approvedRequest(record, script, replyTo, auto ? record.requester : approvedBy),
    checkRunName: proposal.checkRun.name,
    title: `${FREEFORM_WORKFLOW}: ${record.name}`,
    note,
    ...(record.commentId !== null ? { commentId: record.commentId } : {}),
  });
  const linked: FreeformRecord = { ...record, ...(started.checkRun ? { runCheckRunId: started.checkRun.id } : {}) };
  await updateCheckRun(host, proposal.checkRun.id, { output: restateProposal(proposal.checkRun.output, linked, started.checkRun?.url ?? null) }).catch((error: unknown) =>
    host.log.warn(`free-form ${record.runId}: could not link the proposal to its run: ${errorMessage(error)}`),
  );
  return started;
}

/** Approves a waiting proposal and starts its run. Returns the reply text (null: the start said everything). */
export async function approveProposal(host: GitHubHost, decision: Decision): Promise<string | null> {
  const { record, checkRun } = decision.proposal;
  const refused = botRefusal(decision.by, decision.senderType) ?? stateRefusal(record);
  if (refused) return refused;
  // Re-read: another approval or rejection may have landed since the record was read.
  const { data: fresh } = await host.octokit.rest.checks.get({ owner: host.repo.owner, repo: host.repo.repo, check_run_id: checkRun.id });
  const raced = stateRefusal(readFreeformRecord(fresh.output?.text) ?? record);
  if (raced) return raced;
  let script: string;
  try {
    script = await loadApprovedScript(host.octokit, host.repo, record.blobSha);
  } catch (error) {
    return `Cannot approve \`${record.runId}\`: ${errorMessage(error)}`;
  }
  // What is approved is what was shown: the blob the record names must be the script in the text.
  if (!showsScript(fresh.output?.text, script)) {
    return `Cannot approve \`${record.runId}\`: its check run does not show the stored script (blob \`${record.blobSha}\`); it was changed after Quorum wrote it. Ask for the task again.`;
  }
  const checked = checkProposal(script);
  if (!checked.ok) return `Cannot approve \`${record.runId}\`: the stored script no longer validates (${checked.problems.join("; ")}). Ask for the task again.`;

  const approved: FreeformRecord = { ...record, state: "approved", decidedBy: decision.by, decidedAt: host.now().toISOString() };
  const output = restateProposal({ summary: fresh.output?.summary ?? null, text: fresh.output?.text ?? null }, approved);
  await updateCheckRun(host, checkRun.id, { output, ...buttonsOf(host, "done") });
  const started = await startApproved(host, { checkRun: { id: checkRun.id, name: checkRun.name, html_url: checkRun.html_url ?? null, output }, record: approved }, script, decision.replyTo, decision.by);
  return started.error ?? null;
}

/** Rejects a waiting proposal (Cancel on the proposal, or `/workflow cancel` while it waits). */
export async function rejectProposal(host: GitHubHost, decision: Decision): Promise<string> {
  const { record, checkRun } = decision.proposal;
  const refused = botRefusal(decision.by, decision.senderType) ?? stateRefusal(record);
  if (refused) return refused;
  const decidedAt = host.now().toISOString();
  const rejected: FreeformRecord = { ...record, state: "rejected", decidedBy: decision.by, decidedAt };
  await updateCheckRun(host, checkRun.id, { output: restateProposal(checkRun.output, rejected), ...buttonsOf(host, "done") });
  // The proposal's conclusion cannot change; a newer check run of the same name takes its place
  // in the merge box, so a rejected script does not show "action required" for good.
  await host.octokit.rest.checks.create({
    owner: host.repo.owner,
    repo: host.repo.repo,
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
