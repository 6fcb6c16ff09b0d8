/**
 * `/workflow save <run-id> <name>` in the Action (rule G7): a pull request adding the approved
 * script of a free-form run to `.github/quorum/workflows/<name>.js` (github/freeform/save.ts).
 * Only approved scripts are saved; the reply says what happened.
 */
import { errorMessage } from "../../kernel/errors.ts";
import { saveWorkflowPullRequest } from "../freeform/index.ts";
import type { ReplyTarget, Requester } from "../trigger.ts";
import { answer, locateProposal, type FreeformEnvironment } from "./freeform-env.ts";


async function saveText(env: FreeformEnvironment, request: { runId: string; name: string; replyTo: ReplyTarget; sender: Requester }): Promise<string> {
  const found = await locateProposal(env, request.replyTo.issueNumber, request.runId);
  if ("refusal" in found) return found.refusal;
  const { record, checkRun } = found;
  if (record.state === "awaiting_approval") return `The workflow of \`${record.runId}\` is not approved yet: \`/workflow approve ${record.runId}\` first, then save it.`;
  if (record.state === "rejected") return `The workflow of \`${record.runId}\` was rejected; it cannot be saved.`;
  try {
    const saved = await saveWorkflowPullRequest(env.octokit, env.repo, {
      runId: record.runId,
      name: request.name,
      blobSha: record.blobSha,
      savedBy: request.sender.login,
      ...(record.decidedBy ? { approvedBy: record.decidedBy } : {}),
      proposalUrl: checkRun.html_url,
      secrets: env.secrets,
    });
    if (saved.status === "unchanged") return `\`${saved.path}\` on the default branch already holds exactly this script; \`/workflow ${request.name}\` runs it.`;
    return `${saved.status === "created" ? "Opened" : "There already is"} pull request [#${saved.number}](${saved.url}) adding \`${saved.path}\`. Once merged, \`/workflow ${request.name}\` runs it.`;
  } catch (error) {
    return `Could not save \`${record.runId}\` as \`${request.name}\`: ${errorMessage(error)}`;
  }
}

/** Saves the approved script of `runId` as workflow `name` and replies. */
export async function saveFreeform(env: FreeformEnvironment, request: { runId: string; name: string; replyTo: ReplyTarget; sender: Requester }): Promise<void> {
  await answer(env, request.replyTo, request.sender, await saveText(env, request));
}
