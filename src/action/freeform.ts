/**
 * Free-form workflows in the Action (rule G7 without the App): the trigger's `propose`, `approve`,
 * `save` and free-form `cancel` decisions, handed to src/github/run/freeform-*.ts. Proposing and
 * approving may give runs to start in this job (an auto-approved or approved script, or a quoted
 * known workflow name).
 */
import { postReply, shortReplyBody } from "../github/comments.ts";
import { actionsRunIdOf } from "../github/persist/index.ts";
import { approveFreeform } from "../github/run/freeform-approve.ts";
import { cancelFreeform } from "../github/run/freeform-cancel.ts";
import type { FreeformEnvironment } from "../github/run/freeform-env.ts";
import { proposeFreeform } from "../github/run/freeform-propose.ts";
import type { ReplyTarget, RunRequest, TriggerDecision } from "../github/trigger.ts";

export { saveFreeform } from "../github/run/freeform-save.ts";

/** Added to `/workflow help` in the Action. */
export const FREEFORM_HELP =
  '`/workflow "<task in plain words>"` asks an author agent to write a workflow for the task; it is shown in a check run and runs after `/workflow approve <run-id>` from someone with write access. `/workflow save <run-id> <name>` keeps an approved one as a file.';

export type FreeformDecision = Extract<TriggerDecision, { action: "propose" | "approve" }>;

/** Proposes or approves; returns the runs to start in this job (often none). */
export async function freeformRequests(env: FreeformEnvironment, decision: FreeformDecision): Promise<RunRequest[]> {
  const request = decision.action === "propose" ? await proposeFreeform(env, decision) : await approveFreeform(env, decision);
  return request ? [request] : [];
}

/**
 * `/workflow cancel [run-id]` for a free-form run (a waiting proposal is rejected, an approved run
 * stopped). Returns false when the id names no free-form run: the caller cancels it as a run.
 */
export async function cancelFreeformRun(env: FreeformEnvironment, decision: { runId: string | undefined; replyTo: ReplyTarget; sender: string }): Promise<boolean> {
  if (decision.runId !== undefined && actionsRunIdOf(decision.runId) !== null) return false;
  const text = await cancelFreeform(env, { runId: decision.runId, replyTo: decision.replyTo, sender: { login: decision.sender } });
  if (text === null) return false;
  const { octokit, repo } = env;
  await postReply({ octokit, owner: repo.owner, repo: repo.repo, secrets: env.secrets, warn: env.log.warn }, decision.replyTo, shortReplyBody(decision.replyTo, decision.sender, text));
  return true;
}
