/**
 * One review per run on a pull request (rule P5), idempotent by fingerprint (rule P6).
 *
 * A finding whose location (RIGHT side, `line..endLine`) lies inside one hunk of the PR diff
 * becomes an inline comment, with a suggestion block when its patch replaces exactly those lines;
 * every other finding is listed in the review body. The review's event is always COMMENT.
 *
 * Edge cases:
 * - Findings whose marker already appears in a review or review comment of this PR are skipped;
 *   when nothing new remains no review is created.
 * - Two findings with the same fingerprint in one batch are posted once.
 * - If GitHub rejects the inline comments (422, e.g. the head moved and a line left the diff), the
 *   review is posted again with every finding in the body, so nothing is lost.
 * - Renamed files are matched by their new name; files without a patch (binary, huge) never get
 *   inline comments.
 */
import { hasHttpStatus } from "../api-error.ts";
import type { Octokit } from "@octokit/rest";
import { fingerprintOf, type ValidFinding } from "../finding.ts";
import type { PublishContext } from "./context.ts";
import { hunksByPath, insideHunk, type PullFile } from "./diff-hunks.ts";
import { markersIn } from "./marker.ts";
import { reviewBody, reviewCommentBody, type BodyEntry } from "./render.ts";
import { suggestionFor } from "./suggestion.ts";

export interface ReviewTarget {
  number: number;
  /** The head commit the comments refer to; fetched when absent. */
  headSha?: string;
  /** The PR's files (`pulls.listFiles`) when the caller already has them; fetched when absent. */
  files?: readonly PullFile[];
}

export interface InlineComment {
  fingerprint: string;
  path: string;
  line: number;
  endLine: number;
  suggestion: boolean;
}

export interface PublishedReview {
  /** null when there was nothing new to post. */
  reviewId: number | null;
  url: string | null;
  inline: InlineComment[];
  /** Fingerprints listed in the review body. */
  inBody: string[];
  /** Fingerprints already published on this PR. */
  skipped: string[];
  /** True when inline comments were refused and everything went into the body. */
  fellBackToBody: boolean;
  redactions: number;
}

/** Fingerprints already posted on the PR, from reviews and review comments. */
async function publishedFingerprints(octokit: Octokit, ctx: PublishContext, pull: number): Promise<Set<string>> {
  const params = { owner: ctx.owner, repo: ctx.repo, pull_number: pull, per_page: 100 };
  const [reviews, comments] = await Promise.all([
    octokit.paginate(octokit.rest.pulls.listReviews, params),
    octokit.paginate(octokit.rest.pulls.listReviewComments, params),
  ]);
  const seen = new Set<string>();
  for (const item of [...reviews, ...comments]) for (const fp of markersIn(item.body)) seen.add(fp);
  return seen;
}

/** The PR's files, all pages. */
export function listPullFiles(octokit: Octokit, ctx: Pick<PublishContext, "owner" | "repo">, pull: number): Promise<PullFile[]> {
  return octokit.paginate(octokit.rest.pulls.listFiles, { owner: ctx.owner, repo: ctx.repo, pull_number: pull, per_page: 100 });
}

type ReviewComment = { path: string; body: string; line: number; side: "RIGHT"; start_line?: number; start_side?: "RIGHT" };

export async function publishReview(
  octokit: Octokit,
  ctx: PublishContext,
  pr: ReviewTarget,
  findings: readonly ValidFinding[],
): Promise<PublishedReview> {
  const result: PublishedReview = { reviewId: null, url: null, inline: [], inBody: [], skipped: [], fellBackToBody: false, redactions: 0 };
  const published = await publishedFingerprints(octokit, ctx, pr.number);

  const fresh: BodyEntry[] = [];
  const batch = new Set<string>();
  for (const finding of findings) {
    const fingerprint = fingerprintOf(finding, ctx.workflow);
    if (published.has(fingerprint)) {
      result.skipped.push(fingerprint);
      continue;
    }
    if (batch.has(fingerprint)) continue;
    batch.add(fingerprint);
    fresh.push({ finding, fingerprint });
  }
  if (fresh.length === 0) return result;

  const hunks = hunksByPath(pr.files ?? (await listPullFiles(octokit, ctx, pr.number)));
  const comments: ReviewComment[] = [];
  const inline: InlineComment[] = [];
  const inBody: BodyEntry[] = [];
  for (const entry of fresh) {
    const loc = entry.finding.location;
    if (!loc || !insideHunk(hunks.get(loc.path) ?? [], loc.line, loc.endLine)) {
      inBody.push(entry);
      continue;
    }
    const suggestion = suggestionFor(entry.finding);
    const body = reviewCommentBody(entry.finding, entry.fingerprint, ctx, suggestion);
    result.redactions += body.redactions;
    comments.push({
      path: loc.path,
      body: body.text,
      line: loc.endLine,
      side: "RIGHT",
      ...(loc.endLine > loc.line ? { start_line: loc.line, start_side: "RIGHT" as const } : {}),
    });
    inline.push({ fingerprint: entry.fingerprint, path: loc.path, line: loc.line, endLine: loc.endLine, suggestion: suggestion !== null });
  }

  const commitId = pr.headSha ?? (await octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pr.number })).data.head.sha;
  const post = async (withComments: ReviewComment[], bodyEntries: BodyEntry[]) => {
    const body = reviewBody(ctx, withComments.length, bodyEntries);
    const { data } = await octokit.rest.pulls.createReview({
      owner: ctx.owner,
      repo: ctx.repo,
      pull_number: pr.number,
      commit_id: commitId,
      event: "COMMENT",
      body: body.text,
      ...(withComments.length ? { comments: withComments } : {}),
    });
    return { data, redactions: body.redactions };
  };

  let posted;
  try {
    posted = await post(comments, inBody);
    result.inline = inline;
    result.inBody = inBody.map((e) => e.fingerprint);
  } catch (error) {
    if (!hasHttpStatus(error, 422) || comments.length === 0) throw error;
    result.redactions = 0;
    posted = await post([], fresh);
    result.fellBackToBody = true;
    result.inBody = fresh.map((e) => e.fingerprint);
  }
  result.reviewId = posted.data.id;
  result.url = posted.data.html_url;
  result.redactions += posted.redactions;
  return result;
}
