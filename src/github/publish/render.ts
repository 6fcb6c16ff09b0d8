/**
 * Markdown for what Quorum posts about a finding: PR titles and bodies, review comments, the review
 * body. The finding's text is cleaned first ({@link prepare}: forged markers neutralised, secrets
 * redacted — before any cutting, so a cut cannot leave half a token that no pattern recognises),
 * then fitted to GitHub's size limits with what was cut said (rule L5), and the final text is
 * redacted once more ({@link finish}, rule X4).
 */
import type { ValidFinding } from "../finding.ts";
import { redactSecrets } from "../redact.ts";
import type { PublishContext } from "./context.ts";
import { fingerprintMarker, neutralizeMarkers } from "./marker.ts";

/** GitHub refuses bodies over 65,536 characters; stay below with room for the footer. */
export const MAX_BODY_LENGTH = 65_000;
export const MAX_TITLE_LENGTH = 250;
/** Length of the finding body in a review-body list entry. */
export const MAX_LIST_ENTRY_BODY_LENGTH = 2_000;

export interface Rendered {
  text: string;
  /** Secrets redacted from it. */
  redactions: number;
}

/** Untrusted text (from agents) made safe to embed: no forged markers, no secrets. */
function clean(text: string, ctx: Pick<PublishContext, "secrets">, counter: { count: number }): string {
  const r = redactSecrets(neutralizeMarkers(text), ctx.secrets ?? []);
  counter.count += r.count;
  return r.text;
}

type TextField = "title" | "body" | "evidence";

/**
 * A copy of the finding with the free-text fields a renderer uses cleaned, and how many secrets
 * that removed (only the fields used are counted, so counts add up across title and body).
 */
function prepare(f: ValidFinding, ctx: Pick<PublishContext, "secrets">, fields: readonly TextField[]): { f: ValidFinding; count: number } {
  const counter = { count: 0 };
  const out: ValidFinding = { ...f };
  if (fields.includes("title")) out.title = clean(f.title, ctx, counter);
  if (fields.includes("body")) out.body = clean(f.body, ctx, counter);
  if (fields.includes("evidence") && f.evidence !== undefined) {
    out.evidence = Array.isArray(f.evidence) ? f.evidence.map((e) => clean(e, ctx, counter)) : clean(f.evidence, ctx, counter);
  }
  return { f: out, count: counter.count };
}

function cut(text: string, max: number, what: string): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n\n_(${what} truncated: ${text.length - max} more characters are in the run report.)_`;
}

/** Redacts the final `text` with the run's secrets; `earlier` = secrets already removed by {@link prepare}. */
export function finish(text: string, ctx: Pick<PublishContext, "secrets">, earlier = 0): Rendered {
  const r = redactSecrets(text, ctx.secrets ?? []);
  return { text: r.text, redactions: earlier + r.count };
}

export function locationText(f: ValidFinding): string | null {
  if (!f.location) return null;
  const { path, line, endLine } = f.location;
  return `\`${path}\` ${endLine > line ? `lines ${line}–${endLine}` : `line ${line}`}`;
}

function runLink(ctx: PublishContext): string {
  return ctx.runUrl ? `[${ctx.runId}](${ctx.runUrl})` : `\`${ctx.runId}\``;
}

function evidenceBlock(f: ValidFinding): string | null {
  if (f.evidence === undefined) return null;
  const items = Array.isArray(f.evidence) ? f.evidence : [f.evidence];
  const text = items.map((e) => (Array.isArray(f.evidence) ? `- ${e}` : e)).join("\n");
  return text.trim() ? `<details><summary>Evidence</summary>\n\n${text}\n\n</details>` : null;
}

function votesLine(f: ValidFinding): string | null {
  return f.votes ? `**Votes:** ${f.votes.confirm} confirm · ${f.votes.refute} refute` : null;
}

export function pullRequestTitle(finding: ValidFinding, ctx: PublishContext): Rendered {
  const { f, count } = prepare(finding, ctx, ["title"]);
  const full = `[quorum/${ctx.workflow}] ${f.title.replace(/\s+/g, " ").trim()}`;
  return finish(full.length > MAX_TITLE_LENGTH ? `${full.slice(0, MAX_TITLE_LENGTH - 1)}…` : full, ctx, count);
}

export function pullRequestBody(finding: ValidFinding, fingerprint: string, ctx: PublishContext): Rendered {
  return findingBody(finding, fingerprint, ctx, {
    runLabel: "Run",
    footer: "_Opened by Quorum for a finding that survived verification. The change was written by an AI agent: review it like any other contribution before merging._",
  });
}

/** The body shared by a finding's PR and its issue: head line, the finding, evidence, votes, footer, marker. */
function findingBody(
  finding: ValidFinding,
  fingerprint: string,
  ctx: PublishContext,
  words: { runLabel: string; footer: string },
): Rendered {
  const { f, count } = prepare(finding, ctx, ["body", "evidence"]);
  const location = locationText(f);
  const evidence = evidenceBlock(f);
  const head = [
    `**Severity:** ${f.severity} · **Workflow:** \`${ctx.workflow}\` · **${words.runLabel}:** ${runLink(ctx)}`,
    location ? `**Location:** ${location}` : null,
  ].filter(Boolean).join("\n");
  const tail = [
    evidence ? cut(evidence, 20_000, "Evidence") : null,
    votesLine(f),
    "---",
    words.footer,
    fingerprintMarker(fingerprint),
  ].filter((p): p is string => Boolean(p)).join("\n\n");
  // head is short and tail at most ~21k characters, so the room left for the body stays large.
  const room = MAX_BODY_LENGTH - head.length - tail.length - 300;
  return finish(`${head}\n\n${cut(f.body, room, "Finding")}\n\n${tail}`, ctx, count);
}

/** A fence longer than any backtick run inside `text`. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(longest + 1);
}

export function reviewCommentBody(finding: ValidFinding, fingerprint: string, ctx: PublishContext, suggestion: string | null): Rendered {
  const { f, count } = prepare(finding, ctx, ["title", "body", "evidence"]);
  const parts = [`**${f.title.replace(/\s+/g, " ")}** (${f.severity})`, cut(f.body, 20_000, "Finding")];
  if (suggestion !== null) {
    const fence = fenceFor(suggestion);
    // An empty block suggests deleting the lines; a block with one empty line would keep a blank one.
    parts.push(suggestion === "" ? `${fence}suggestion\n${fence}` : `${fence}suggestion\n${suggestion}\n${fence}`);
  }
  const evidence = evidenceBlock(f);
  if (evidence) parts.push(cut(evidence, 20_000, "Evidence"));
  const votes = votesLine(f);
  if (votes) parts.push(votes);
  parts.push(`_Quorum · \`${ctx.workflow}\` · run ${runLink(ctx)}_\n${fingerprintMarker(fingerprint)}`);
  return finish(parts.join("\n\n"), ctx, count);
}

export interface BodyEntry {
  finding: ValidFinding;
  fingerprint: string;
}

/**
 * The review body: a summary line, then one entry per finding that could not be placed inline.
 * Entries that do not fit are counted, not dropped silently.
 */
export function reviewBody(ctx: PublishContext, inlineCount: number, entries: readonly BodyEntry[]): Rendered {
  const total = inlineCount + entries.length;
  const summary = `**Quorum** · \`${ctx.workflow}\` · run ${runLink(ctx)}: ${total} finding${total === 1 ? "" : "s"}` +
    (inlineCount ? `, ${inlineCount} as inline comment${inlineCount === 1 ? "" : "s"}` : "") +
    (entries.length ? `, ${entries.length} listed below` : "") + ".";
  const chunks: string[] = [summary];
  let length = summary.length;
  let shown = 0;
  let redactions = 0;
  for (const { finding, fingerprint } of entries) {
    const { f, count } = prepare(finding, ctx, ["title", "body"]);
    const location = locationText(f);
    const entry = [
      `### ${f.title.replace(/\s+/g, " ")} (${f.severity})`,
      location ? `${location}` : null,
      cut(f.body, MAX_LIST_ENTRY_BODY_LENGTH, "Finding"),
      votesLine(f),
      fingerprintMarker(fingerprint),
    ].filter(Boolean).join("\n\n");
    if (length + entry.length + 200 > MAX_BODY_LENGTH) break;
    redactions += count;
    chunks.push(entry);
    length += entry.length + 2;
    shown++;
  }
  if (shown < entries.length) {
    chunks.push(`_${entries.length - shown} more finding(s) did not fit in this review; they are in the run report and will be posted by a re-run._`);
  }
  return finish(chunks.join("\n\n"), ctx, redactions);
}

/**
 * The body of an issue for a finding of a run with no issue or PR to answer on (rule P6): the
 * finding, where it was last found, and the marker that makes a re-run update this issue instead
 * of opening another.
 */
export function issueBody(finding: ValidFinding, fingerprint: string, ctx: PublishContext): Rendered {
  return findingBody(finding, fingerprint, ctx, {
    runLabel: "Last found by run",
    footer: "_Opened by Quorum for a finding that survived verification but has no proven fix. A later run that finds it again updates this issue; closing it keeps it closed._",
  });
}
