/**
 * Where each finding of a run goes (rule P4–P6), by publish mode:
 *
 * | mode | on a pull request | elsewhere |
 * |---|---|---|
 * | `auto` | inside the diff → review comment; else with a patch → PR; else → review body | with a patch → PR; else an issue when the run has no issue to answer on (`issues`), else listed |
 * | `pull-request` | with a patch → PR; else listed | the same |
 * | `review` | all → one review (inline inside the diff, the rest in its body) | listed |
 * | `comment` / `none` | listed (the summary comment carries them for `comment`) | listed |
 *
 * "Listed" means: in the check run summary, the job summary and the summary reply.
 * The mode is the config's `publish.mode` when it is not `auto` (the repository's choice wins),
 * else the script's `meta.publish.mode`, else `auto`.
 *
 * Caps (rule P10): after routing, pull requests beyond `caps.maxPullRequests` and review comments
 * beyond `caps.maxReviewComments` are listed with the cap that stopped them (most severe kept).
 * Staged (rule P9): findings are routed and capped the same way, then previewed
 * (staged-preview.ts) instead of written: nothing but reads reaches GitHub.
 *
 * Edge cases:
 * - A finding that fails to publish (patch does not apply, secret in patch, API error after the
 *   client's retries) is recorded with the reason and the others still publish.
 * - Idempotency (rule P6) is the publishers' job: fingerprint markers in every PR body and review
 *   comment; re-published findings come back as `existing` / `skipped`.
 */
import { errorMessage } from "../../kernel/errors.ts";
import type { Octokit } from "@octokit/rest";
import type { ConfigPublishMode, PublishMode } from "../config.ts";
import { fingerprintOf, type ValidFinding } from "../finding.ts";
import { hunksByPath, insideHunk, type PullFile } from "../publish/diff-hunks.ts";
import { listPullFiles, publishPullRequests, publishReview, type PullRequestContext } from "../publish/index.ts";
import { applyCap, overCapReason, type OutputCaps } from "./output-caps.ts";
import { previewPullRequest, previewReviewEntry, stagedDestinationText, type StagedPreview } from "./staged-preview.ts";
import { publishIssues, type IssueOptions } from "../publish/issue.ts";

export type FindingDestination = "pull-request" | "review-comment" | "review-body" | "issue" | "listed" | "failed";

export interface PublishedFinding {
  finding: ValidFinding;
  fingerprint: string;
  destination: FindingDestination;
  /** PR or review URL. */
  url?: string;
  /** PR or issue number. */
  number?: number;
  /**
   * `existing`: already published by an earlier run (nothing new was posted; an issue may have been updated); `staged`: previewed
   * only (rule P9), see {@link preview}.
   */
  state?: "created" | "existing" | "staged";
  /** What would have been written, in staged mode. */
  preview?: StagedPreview;
  /** Why it is listed or failed. */
  reason?: string;
}

export interface PublishRequest {
  octokit: Octokit;
  /** `baseSha` and `checkout` matter to pull requests only (see {@link PullRequestContext}). */
  context: PullRequestContext;
  mode: PublishMode;
  /** The pull request the run is about, if any. */
  pullRequest: { number: number; headSha: string } | null;
  findings: readonly ValidFinding[];
  /** Per-run caps (rule P10); none when omitted. */
  caps?: OutputCaps;
  /** Preview instead of writing (rule P9). */
  staged?: boolean;
  /**
   * Set when findings without a patch may become issues: the run has no issue or PR to answer on
   * (a schedule, a dispatch) and the config allows it (`publish.issues`).
   */
  issues?: IssueOptions | null;
}

/**
 * The mode in force: the config's unless it is `auto` or `staged`, then the script's, then `auto`.
 * `staged` (rule P9) routes findings as that mode would and previews them instead of writing.
 */
export function effectivePublishMode(configMode: ConfigPublishMode, metaMode: PublishMode | undefined): PublishMode {
  return configMode !== "auto" && configMode !== "staged" ? configMode : (metaMode ?? "auto");
}


interface Entry {
  finding: ValidFinding;
  fingerprint: string;
}

/** Where each finding is headed once routed by mode (and, on a pull request, by the diff). */
interface Routed {
  toPull: Entry[];
  toReview: Entry[];
  toIssue: Entry[];
  /** The PR's files when routing read them: the review reuses them instead of asking again. */
  pullFiles?: PullFile[];
}

/** What happened to each finding so far. */
type Outcomes = Map<ValidFinding, PublishedFinding>;

export async function publishFindings(request: PublishRequest): Promise<PublishedFinding[]> {
  const entries = request.findings.map((finding) => ({ finding, fingerprint: fingerprintOf(finding, request.context.workflow) }));
  const out: Outcomes = new Map();
  const routed = await route(request, entries, out);
  if (routed) {
    const wouldComment = commentTest(routed.pullFiles);
    if (request.caps) applyCaps(routed, request.caps, wouldComment, out);
    if (request.staged) preview(request, routed, wouldComment, out);
    else {
      await publishIssueEntries(request, routed.toIssue, out);
      await publishPullEntries(request, routed.toPull, out);
      await publishReviewEntries(request, routed, out);
    }
  }
  return entries.map((e) => out.get(e.finding) ?? { ...e, destination: "failed", reason: "not routed (a bug)" });
}

function listIn(out: Outcomes, reason: string): (e: Entry) => void {
  return (e) => out.set(e.finding, { ...e, destination: "listed", reason });
}

/** Routes every finding by mode; null when the pull request's diff could not be read (all failed). */
async function route(request: PublishRequest, entries: Entry[], out: Outcomes): Promise<Routed | null> {
  const { octokit, context: ctx, mode, pullRequest } = request;
  const listed = (reason: string) => listIn(out, reason);
  const routed: Routed = { toPull: [], toReview: [], toIssue: [] };
  if (mode === "none") entries.forEach(listed("publishing is off (publish mode none)"));
  else if (mode === "comment") entries.forEach(listed("posted in the summary comment (publish mode comment)"));
  else if (mode === "pull-request") {
    routed.toPull = entries.filter((e) => e.finding.patch);
    entries.filter((e) => !e.finding.patch).forEach(listed("no patch"));
  } else if (mode === "review") {
    if (pullRequest) routed.toReview = entries;
    else entries.forEach(listed("review mode needs a pull request"));
    if (pullRequest && request.staged) {
      const files = await listPullFiles(octokit, ctx, pullRequest.number).catch(() => undefined);
      if (files) routed.pullFiles = files;
    }
  } else if (pullRequest) {
    try {
      routed.pullFiles = await listPullFiles(octokit, ctx, pullRequest.number);
    } catch (error) {
      for (const e of entries) out.set(e.finding, { ...e, destination: "failed", reason: `could not read the pull request's diff: ${errorMessage(error)}` });
      return null;
    }
    const inline = commentTest(routed.pullFiles);
    routed.toPull = entries.filter((e) => e.finding.patch && !(e.finding.location !== undefined && inline(e.finding)));
    routed.toReview = entries.filter((e) => !routed.toPull.includes(e));
  } else {
    routed.toPull = entries.filter((e) => e.finding.patch);
    if (request.issues) routed.toIssue = entries.filter((e) => !e.finding.patch);
    else entries.filter((e) => !e.finding.patch).forEach(listed("no patch and no pull request to comment on"));
  }
  return routed;
}

/** Whether a review entry would be an inline comment (inside the diff) rather than a review-body entry. */
function commentTest(pullFiles: PullFile[] | undefined): (f: ValidFinding) => boolean {
  const hunks = pullFiles ? hunksByPath(pullFiles) : null;
  return (f) => f.location !== undefined && (hunks === null || insideHunk(hunks.get(f.location.path) ?? [], f.location.line, f.location.endLine));
}

/** Rule P10: what exceeds a cap is listed with the cap that stopped it (most severe kept). */
function applyCaps(routed: Routed, caps: OutputCaps, wouldComment: (f: ValidFinding) => boolean, out: Outcomes): void {
  const severity = (e: Entry) => e.finding.severity;
  const pulls = applyCap(routed.toPull, caps.maxPullRequests, severity);
  pulls.over.forEach(listIn(out, overCapReason("pull request", caps.maxPullRequests)));
  routed.toPull = pulls.kept;
  const comments = applyCap(routed.toReview.filter((e) => wouldComment(e.finding)), caps.maxReviewComments, severity);
  comments.over.forEach(listIn(out, overCapReason("review comment", caps.maxReviewComments)));
  routed.toReview = routed.toReview.filter((e) => !comments.over.includes(e));
  const issues = applyCap(routed.toIssue, caps.maxIssues, severity);
  issues.over.forEach(listIn(out, overCapReason("issue", caps.maxIssues)));
  routed.toIssue = issues.kept;
}

/** Rule P9: what would be written, and nothing written. */
function preview(request: PublishRequest, routed: Routed, wouldComment: (f: ValidFinding) => boolean, out: Outcomes): void {
  const ctx = request.context;
  routed.toIssue.forEach(listIn(out, "would be filed as an issue (staged mode)"));
  for (const e of routed.toPull) out.set(e.finding, { ...e, destination: "pull-request", state: "staged", preview: previewPullRequest(e.finding, e.fingerprint, ctx) });
  if (!request.pullRequest) return;
  for (const e of routed.toReview) {
    const inline = wouldComment(e.finding);
    out.set(e.finding, { ...e, destination: inline ? "review-comment" : "review-body", state: "staged", preview: previewReviewEntry(e.finding, e.fingerprint, ctx, inline) });
  }
}

async function publishIssueEntries(request: PublishRequest, toIssue: Entry[], out: Outcomes): Promise<void> {
  if (toIssue.length === 0 || !request.issues) return;
  for (const o of await publishIssues(request.octokit, request.context, toIssue.map((e) => e.finding), request.issues)) {
    const e = toIssue.find((x) => x.finding === o.finding);
    if (!e) continue;
    if (!o.ok) out.set(o.finding, { ...e, destination: "failed", reason: o.error });
    else if (o.state === "closed") out.set(o.finding, { ...e, destination: "issue", url: o.url, number: o.number, state: "existing", reason: "its issue is closed; not reopened (publish.reopenClosedIssues is false)" });
    else out.set(o.finding, { ...e, destination: "issue", url: o.url, number: o.number, state: o.state === "created" ? "created" : "existing", ...(o.state === "reopened" ? { reason: "reopened" } : {}) });
  }
}

async function publishPullEntries(request: PublishRequest, toPull: Entry[], out: Outcomes): Promise<void> {
  if (toPull.length === 0) return;
  for (const o of await publishPullRequests(request.octokit, request.context, toPull.map((e) => e.finding))) {
    const e = toPull.find((x) => x.finding === o.finding);
    if (!e) continue;
    out.set(
      o.finding,
      o.ok ? { ...e, destination: "pull-request", url: o.pullRequest.url, number: o.pullRequest.number, state: o.pullRequest.status } : { ...e, destination: "failed", reason: o.error.message },
    );
  }
}

async function publishReviewEntries(request: PublishRequest, routed: Routed, out: Outcomes): Promise<void> {
  const { pullRequest } = request;
  const { toReview, pullFiles } = routed;
  if (toReview.length === 0 || !pullRequest) return;
  try {
    const target = { number: pullRequest.number, headSha: pullRequest.headSha, ...(pullFiles ? { files: pullFiles } : {}) };
    const review = await publishReview(request.octokit, request.context, target, toReview.map((e) => e.finding));
    const inline = new Set(review.inline.map((c) => c.fingerprint));
    const body = new Set(review.inBody);
    const skipped = new Set(review.skipped);
    for (const e of toReview) {
      const base = review.url ? { url: review.url } : {};
      if (inline.has(e.fingerprint)) out.set(e.finding, { ...e, ...base, destination: "review-comment", state: "created" });
      else if (body.has(e.fingerprint)) out.set(e.finding, { ...e, ...base, destination: "review-body", state: "created" });
      else if (skipped.has(e.fingerprint)) out.set(e.finding, { ...e, destination: "review-comment", state: "existing" });
      // A duplicate fingerprint within the batch: posted once, under its twin.
      else out.set(e.finding, { ...e, destination: "review-comment", state: "existing", reason: "same fingerprint as another finding of this run" });
    }
  } catch (error) {
    for (const e of toReview) out.set(e.finding, { ...e, destination: "failed", reason: `the review could not be posted: ${errorMessage(error)}` });
  }
}

/** Markdown for where a finding went, as the check run and summaries list it. */
export function destinationText(p: PublishedFinding): string {
  if (p.state === "staged" && p.preview) return stagedDestinationText(p.preview);
  const again = p.state === "existing" ? " (already published)" : "";
  switch (p.destination) {
    case "pull-request":
      return p.url ? `[PR #${p.number ?? "?"}](${p.url})${again}` : `PR${again}`;
    case "review-comment":
      return p.url ? `[review comment](${p.url})${again}` : `review comment${again}`;
    case "review-body":
      return p.url ? `[in the review](${p.url})${again}` : `in the review${again}`;
    case "issue": {
      const note = p.reason ? ` (${p.reason})` : p.state === "existing" ? " (already open; updated)" : "";
      return p.url ? `[issue #${p.number ?? "?"}](${p.url})${note}` : `issue${note}`;
    }
    case "listed":
      return `listed here${p.reason ? ` (${p.reason})` : ""}`;
    case "failed":
      return `**not published**: ${p.reason ?? "unknown error"}`;
  }
}
