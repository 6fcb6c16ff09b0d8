/** Small helpers the App's handlers share. */
import type { Octokit } from "@octokit/rest";
import type { ReplyContext } from "../github/comments.ts";
import type { AppEvent } from "./event.ts";

/** Where `postReply` posts for this event (replies never throw; problems go to the log). */
export function replyContextOf(event: AppEvent): ReplyContext {
  return { octokit: event.octokit, owner: event.repo.owner, repo: event.repo.repo, warn: event.log.warn };
}

export type CheckRunUpdate = Omit<Parameters<Octokit["rest"]["checks"]["update"]>[0] & object, "owner" | "repo" | "check_run_id">;

/** Updates one of the App's check runs in the event's repository. */
export async function updateCheckRun(event: AppEvent, id: number, fields: CheckRunUpdate): Promise<void> {
  await event.octokit.rest.checks.update({ owner: event.repo.owner, repo: event.repo.repo, check_run_id: id, ...fields });
}
