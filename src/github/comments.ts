/**
 * Replies to the triggering comment or issue (rule P3): one when the run starts, linking the check
 * run, and one with the summary when it ends; short replies for refusals and help.
 *
 * GitHub issue comments have no threads, so a "reply" is a new comment on the same issue or PR
 * that quotes the command it answers and mentions who asked.
 *
 * Edge cases:
 * - Every body is redacted (rule X4) and fitted to GitHub's 65,536 characters with the cut said.
 * - The quoted command is the first line only, sanitised (it is untrusted) and clipped; a quote of
 *   a quote cannot become a heading or a marker.
 * - Body builders make every HTML comment opener in what they are given inert (rule X13): callers
 *   append Quorum's own run index marker after the body, never inside it.
 * - A reply that fails is logged by the caller and never fails the run (rule P8): see
 *   {@link postReply}'s return value.
 */
import { httpStatusOf } from "./api-error.ts";
import { errorMessage } from "../kernel/errors.ts";
import type { Octokit } from "@octokit/rest";
import { sanitizeUntrusted } from "../agents/sanitize.ts";
import { fitText, MAX_COMMENT_CHARS } from "./checkrun/fit.ts";
import { asCodeSpan, neutralizeRecordSyntax } from "./record-syntax.ts";
import { redactSecrets } from "./redact.ts";
import type { ReplyTarget } from "./trigger.ts";

export interface PostedComment {
  id: number;
  url: string;
}

export interface ReplyContext {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** Exact secrets of the run (tokens, keys). */
  secrets?: readonly string[];
  /** Problems are reported here; replies never throw. */
  warn?: (message: string) => void;
}

/** `> `/workflow audit-auth`` (the command answered, as inert code) and a mention of who asked. */
export function quoteOf(target: ReplyTarget, sender: string | null): string {
  const parts: string[] = [];
  if (target.comment) {
    const firstLine = sanitizeUntrusted(target.comment.body.split(/\r?\n/)[0] ?? "").trim();
    // A code span: a mention or link in the command (`/workflow x @someone`) notifies no one.
    parts.push(`> ${asCodeSpan(neutralizeRecordSyntax(firstLine), 200)}`);
  }
  if (sender) parts.push(`@${sender}`);
  return parts.join("\n\n");
}

/** Posts `body` as a comment on the target's issue or PR; returns null (after `warn`) on failure. */
export async function postReply(ctx: ReplyContext, target: ReplyTarget, body: string): Promise<PostedComment | null> {
  const text = fitText(redactSecrets(body, ctx.secrets ?? []).text, MAX_COMMENT_CHARS, "the full report is in the job summary");
  try {
    const { data } = await ctx.octokit.rest.issues.createComment({ owner: ctx.owner, repo: ctx.repo, issue_number: target.issueNumber, body: text });
    return { id: data.id, url: data.html_url };
  } catch (error) {
    (ctx.warn ?? console.warn)(
      `Could not reply on #${target.issueNumber} (${httpStatusOf(error) ?? "no status"}: ${errorMessage(error)}). Check that the token has \`issues: write\` and \`pull-requests: write\`.`,
    );
    return null;
  }
}

/** The reply when a run starts. */
export function startedReplyBody(options: {
  target: ReplyTarget;
  sender: string | null;
  workflow: string;
  runId: string;
  checkRunUrl: string | null;
  actionsRunUrl?: string;
  resumed?: boolean;
}): string {
  const link = options.checkRunUrl ? `[check run](${options.checkRunUrl})` : options.actionsRunUrl ? `[Actions run](${options.actionsRunUrl})` : "the Actions run";
  const verb = options.resumed ? "Resuming" : "Started";
  return neutralizeRecordSyntax(
    [
      quoteOf(options.target, options.sender),
      `${verb} **${options.workflow}** (run \`${options.runId}\`). Progress: ${link}. Each confirmed finding will be published on its own; a summary follows here when the run ends.`,
    ]
      .filter(Boolean)
      .join("\n\n"),
  );
}

/** The reply when a run ends: a headline, then the report (already rendered Markdown). */
export function summaryReplyBody(options: {
  target: ReplyTarget;
  sender: string | null;
  headline: string;
  checkRunUrl: string | null;
  report: string;
}): string {
  const link = options.checkRunUrl ? ` · [check run](${options.checkRunUrl})` : "";
  return [quoteOf(options.target, null), `**${neutralizeRecordSyntax(options.headline)}**${link}`, "<details><summary>Report</summary>\n", neutralizeRecordSyntax(options.report), "</details>"]
    .filter(Boolean)
    .join("\n\n");
}

/** A short reply (refusal, parse error, help) quoting the command. */
export function shortReplyBody(target: ReplyTarget, sender: string | null, message: string): string {
  return [quoteOf(target, sender), neutralizeRecordSyntax(message)].filter(Boolean).join("\n\n");
}
