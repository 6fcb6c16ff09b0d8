/** Replies of every flow (rule P3): on the issue, quoting the command, mentioning who asked. Never throws. */
import { postReply, shortReplyBody, type PostedComment } from "../comments.ts";
import type { ReplyTarget } from "../trigger.ts";
import type { GitHubHost } from "./port.ts";

/** Posts `body` as it is (a built reply body, perhaps with a run index entry appended). */
export function post(host: Pick<GitHubHost, "octokit" | "repo" | "secrets" | "log">, target: ReplyTarget, body: string): Promise<PostedComment | null> {
  return postReply({ octokit: host.octokit, owner: host.repo.owner, repo: host.repo.repo, secrets: host.secrets, warn: host.log.warn }, target, body);
}

/** A short reply: the quoted command, a mention of `sender` (null: none) and `text`. */
export async function answer(host: Pick<GitHubHost, "octokit" | "repo" | "secrets" | "log">, target: ReplyTarget, sender: string | null, text: string): Promise<void> {
  await post(host, target, shortReplyBody(target, sender, text));
}
