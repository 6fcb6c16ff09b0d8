/**
 * Who may trigger a run (rule G5).
 *
 * Permission is asked of the API (`GET /repos/{owner}/{repo}/collaborators/{username}/permission`),
 * never read from `author_association`, which says nothing about write access.
 *
 * Edge cases:
 * - The endpoint's `permission` field is the legacy view: it maps `maintain` → `write` and
 *   `triage` → `read`. `role_name` is precise, so it wins when it is one of the five built-in
 *   roles. A custom repository role has its own `role_name`; then `permission` (its base role)
 *   decides.
 * - 404 means "not a collaborator" → refused. Any other API error is thrown: Quorum does not run
 *   when it cannot tell.
 * - Bots (`type: "Bot"` or a login ending in `[bot]`) are refused unless listed in `allowBots`;
 *   an allow-listed bot is trusted by the config (GitHub Apps usually have no collaborator
 *   permission to ask about). The list matches case-insensitively, with or without `[bot]`.
 * - Edited and deleted comments never trigger ({@link shouldIgnoreEvent}).
 */
import type { Octokit } from "@octokit/rest";
import { isNotFound } from "./repo.ts";

/** Roles that may trigger runs. */
export const TRIGGER_ROLES = ["admin", "maintain", "write"] as const;
const BUILT_IN_ROLES = new Set(["admin", "maintain", "write", "triage", "read"]);

export interface Sender {
  owner: string;
  repo: string;
  login: string;
  /** `sender.type` from the webhook payload: `User`, `Bot`, `Organization`. */
  senderType?: string;
}

export type RefusalCode = "bot" | "insufficient_permission" | "not_collaborator";

export type Authorization =
  | { allowed: true; role: string; via: "api" | "bot-allow-list" }
  | { allowed: false; code: RefusalCode; role: string | null; reason: string };

export function isBot(login: string, senderType?: string): boolean {
  return senderType === "Bot" || /\[bot\]$/i.test(login);
}

function botKey(login: string): string {
  return login.toLowerCase().replace(/\[bot\]$/, "");
}

/** The effective role from the permission endpoint's answer (see the module comment). */
export function effectiveRole(data: { permission?: string | null; role_name?: string | null }): string {
  const role = data.role_name?.toLowerCase();
  if (role && BUILT_IN_ROLES.has(role)) return role;
  return (data.permission ?? "none").toLowerCase();
}

/**
 * Decides whether `sender` may start a run in `owner/repo`.
 * The refusal `reason` is short and safe to post as a reply.
 */
export async function authorizeSender(
  octokit: Octokit,
  sender: Sender,
  config: { allowBots?: readonly string[] } = {},
): Promise<Authorization> {
  const { owner, repo, login } = sender;
  if (isBot(login, sender.senderType)) {
    const allowed = (config.allowBots ?? []).some((b) => botKey(b) === botKey(login));
    if (allowed) return { allowed: true, role: "bot", via: "bot-allow-list" };
    return {
      allowed: false,
      code: "bot",
      role: null,
      reason: `@${login} is a bot; bots cannot trigger Quorum unless listed under allowBots in .github/quorum.yml.`,
    };
  }
  let role: string;
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login });
    role = effectiveRole(data as { permission?: string | null; role_name?: string | null });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return {
      allowed: false,
      code: "not_collaborator",
      role: null,
      reason: `@${login} is not a collaborator on ${owner}/${repo}; only users with write access can run workflows.`,
    };
  }
  if ((TRIGGER_ROLES as readonly string[]).includes(role)) return { allowed: true, role, via: "api" };
  return {
    allowed: false,
    code: "insufficient_permission",
    role,
    reason: `@${login} has ${role} access to ${owner}/${repo}; running workflows needs write, maintain or admin.`,
  };
}

export type IgnoreDecision = { ignore: false } | { ignore: true; reason: string };

const COMMENT_EVENTS = new Set(["issue_comment", "pull_request_review_comment", "discussion_comment", "commit_comment"]);

/**
 * Whether an event must be ignored before any parsing or API call: edited or deleted comments
 * (editing a comment must not re-run or change a run), and comment events without a comment.
 */
export function shouldIgnoreEvent(eventName: string, payload: unknown): IgnoreDecision {
  if (!COMMENT_EVENTS.has(eventName)) return { ignore: false };
  const p = (typeof payload === "object" && payload !== null ? payload : {}) as { action?: unknown; comment?: unknown };
  if (p.action !== undefined && p.action !== "created") {
    return { ignore: true, reason: `${eventName}.${String(p.action)} does not trigger runs; only new comments do.` };
  }
  if (typeof p.comment !== "object" || p.comment === null) {
    return { ignore: true, reason: `${eventName} payload has no comment.` };
  }
  return { ignore: false };
}
