/**
 * `pulls/*`: pull requests, their files, reviews and review comments — with GitHub's checks that
 * matter to a publisher: head and base must exist, one open PR per head/base, review comment lines
 * must be part of the diff.
 */
import { notFound, paginate, unprocessable } from "../http.ts";
import { pullJson, reviewCommentJson, reviewJson } from "../shapes.ts";
import { newId, now, type FakePull, type FakePullFile, type FakeRepo, type FakeReview, type FakeReviewComment } from "../state.ts";
import type { Handlers } from "./types.ts";

interface SideRange {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

function hunks(file: FakePullFile): SideRange[] {
  const out: SideRange[] = [];
  for (const line of (file.patch ?? "").split("\n")) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m) out.push({ oldStart: Number(m[1]), oldLines: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newLines: m[4] === undefined ? 1 : Number(m[4]) });
  }
  return out;
}

function hunkOf(file: FakePullFile, side: string, line: number): number {
  return hunks(file).findIndex((h) =>
    side === "LEFT" ? h.oldLines > 0 && line >= h.oldStart && line < h.oldStart + h.oldLines : h.newLines > 0 && line >= h.newStart && line < h.newStart + h.newLines,
  );
}

function headBranch(r: FakeRepo, head: string): string {
  const i = head.indexOf(":");
  if (i === -1) return head;
  if (head.slice(0, i).toLowerCase() !== r.owner.toLowerCase()) throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "head", code: "invalid" }]);
  return head.slice(i + 1);
}

type ReviewCommentInput = { path: string; body: string; line?: number; side?: string; start_line?: number; start_side?: string; position?: number };

function checkReviewComment(r: FakeRepo, pull: FakePull, input: ReviewCommentInput): void {
  const file = r.pullFiles(pull).find((f) => f.filename === input.path);
  if (!file) throw unprocessable("Unprocessable Entity", ["Path could not be resolved"]);
  if (input.position !== undefined) {
    if (input.position < 1 || input.position > (file.patch ?? "").split("\n").length - 1) {
      throw unprocessable("Unprocessable Entity", ["Pull request review thread position is invalid"]);
    }
    return;
  }
  if (input.line === undefined) throw unprocessable("Unprocessable Entity", ["Pull request review thread line must be part of the diff"]);
  const side = input.side ?? "RIGHT";
  if (side !== "LEFT" && side !== "RIGHT") throw unprocessable("Unprocessable Entity", [`side must be LEFT or RIGHT`]);
  const hunk = hunkOf(file, side, input.line);
  if (hunk === -1) throw unprocessable("Unprocessable Entity", ["Pull request review thread line must be part of the diff"]);
  if (input.start_line !== undefined) {
    const startSide = input.start_side ?? side;
    if (input.start_line > input.line) throw unprocessable("Unprocessable Entity", ["Pull request review thread start line must precede the end line"]);
    if (hunkOf(file, startSide, input.start_line) !== hunk) {
      throw unprocessable("Unprocessable Entity", ["Pull request review thread start line must be part of the same hunk as the line."]);
    }
  }
}

export const pullHandlers: Handlers = {
  "pulls/list": (c) => {
    const r = c.repo();
    const q = c.url.searchParams;
    const state = q.get("state") ?? "open";
    const head = q.get("head");
    const base = q.get("base");
    let list = r.pulls.filter((p) => state === "all" || p.state === state);
    // GitHub ignores a head filter without "owner:" rather than failing.
    if (head && head.includes(":")) list = list.filter((p) => `${r.owner}:${p.head.ref}`.toLowerCase() === head.toLowerCase());
    if (base) list = list.filter((p) => p.base.ref === base);
    list = [...list].sort((a, b) => (q.get("direction") === "asc" ? a.number - b.number : b.number - a.number));
    const page = paginate(list, c.url);
    return { ...page, body: (page.body as FakePull[]).map((p) => pullJson(c.api, r, p)) };
  },

  "pulls/get": (c) => {
    const r = c.repo();
    return { body: pullJson(c.api, r, r.pull(Number(c.params.pull_number))) };
  },

  "pulls/create": (c) => {
    const r = c.repo();
    const b = c.body as { title?: string; head: string; base: string; body?: string; draft?: boolean; issue?: number };
    if (b.title === undefined && b.issue === undefined) throw unprocessable("Validation Failed", [{ resource: "PullRequest", code: "missing_field", field: "title" }]);
    const branch = headBranch(r, b.head);
    const headSha = r.refs.get(`refs/heads/${branch}`);
    if (!headSha) throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "head", code: "invalid" }]);
    const baseSha = r.refs.get(`refs/heads/${b.base}`);
    if (!baseSha) throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "base", code: "invalid" }]);
    if (r.git.isAncestor(headSha, baseSha)) {
      throw unprocessable("Validation Failed", [{ resource: "PullRequest", code: "custom", message: `No commits between ${b.base} and ${branch}` }]);
    }
    if (r.pulls.some((p) => p.state === "open" && p.head.ref === branch && p.base.ref === b.base)) {
      throw unprocessable("Validation Failed", [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${r.owner}:${branch}.` }]);
    }
    const number = r.nextNumber();
    const pull: FakePull = {
      number,
      id: newId(),
      title: b.title ?? `Issue #${b.issue}`,
      body: b.body ?? null,
      state: "open",
      draft: b.draft ?? false,
      merged: false,
      user: c.actor,
      head: { ref: branch, sha: headSha },
      base: { ref: b.base, sha: baseSha },
      createdAt: now(),
    };
    r.pulls.push(pull);
    r.issues.set(number, { number, id: pull.id, title: pull.title, body: pull.body, user: c.actor, state: "open", isPull: true, labels: [] });
    return { status: 201, body: pullJson(c.api, r, pull) };
  },

  "pulls/update": (c) => {
    const r = c.repo();
    const pull = r.pull(Number(c.params.pull_number));
    const b = c.body as { title?: string; body?: string; state?: "open" | "closed"; base?: string };
    if (b.base !== undefined && !r.refs.has(`refs/heads/${b.base}`)) throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "base", code: "invalid" }]);
    if (b.title !== undefined) pull.title = b.title;
    if (b.body !== undefined) pull.body = b.body;
    if (b.state !== undefined) pull.state = b.state;
    if (b.base !== undefined) pull.base = { ref: b.base, sha: r.branchSha(b.base) };
    return { body: pullJson(c.api, r, pull) };
  },

  "pulls/list-files": (c) => {
    const r = c.repo();
    const files = r.pullFiles(r.pull(Number(c.params.pull_number)));
    const page = paginate(files, c.url);
    return {
      ...page,
      body: (page.body as FakePullFile[]).map((f) => ({
        ...f,
        blob_url: `https://github.com/${r.fullName}/blob/${f.sha}/${f.filename}`,
        raw_url: `https://github.com/${r.fullName}/raw/${f.sha}/${f.filename}`,
        contents_url: `${c.api}/repos/${r.fullName}/contents/${encodeURIComponent(f.filename)}?ref=${f.sha}`,
      })),
    };
  },

  "pulls/list-reviews": (c) => {
    const r = c.repo();
    const n = Number(c.params.pull_number);
    r.pull(n);
    const page = paginate(r.reviews.filter((v) => v.pullNumber === n), c.url);
    return { ...page, body: (page.body as FakeReview[]).map((v) => reviewJson(c.api, r, v)) };
  },

  "pulls/get-review": (c) => {
    const r = c.repo();
    const v = r.reviews.find((x) => x.pullNumber === Number(c.params.pull_number) && x.id === Number(c.params.review_id));
    if (!v) throw notFound();
    return { body: reviewJson(c.api, r, v) };
  },

  "pulls/create-review": (c) => {
    const r = c.repo();
    const pull = r.pull(Number(c.params.pull_number));
    const b = c.body as { commit_id?: string; body?: string; event?: "APPROVE" | "REQUEST_CHANGES" | "COMMENT"; comments?: ReviewCommentInput[] };
    if (b.commit_id !== undefined && !r.git.commits.has(b.commit_id)) throw unprocessable("Unprocessable Entity", ["commit_id is not part of the pull request"]);
    if ((b.event === "COMMENT" || b.event === "REQUEST_CHANGES") && !b.body && !(b.comments ?? []).length) {
      throw unprocessable("Unprocessable Entity", ["Review body is required for COMMENT and REQUEST_CHANGES without comments"]);
    }
    for (const comment of b.comments ?? []) checkReviewComment(r, pull, comment);
    const state = b.event === "APPROVE" ? "APPROVED" : b.event === "REQUEST_CHANGES" ? "CHANGES_REQUESTED" : b.event === "COMMENT" ? "COMMENTED" : "PENDING";
    if (state !== "PENDING" && r.reviews.some((v) => v.pullNumber === pull.number && v.state === "PENDING" && v.user.login === c.actor.login)) {
      throw unprocessable("Unprocessable Entity", ["User can only have one pending review per pull request"]);
    }
    const review: FakeReview = {
      id: newId(),
      pullNumber: pull.number,
      user: c.actor,
      body: b.body ?? "",
      state,
      commitId: b.commit_id ?? r.headSha(pull),
      submittedAt: now(),
    };
    r.reviews.push(review);
    for (const comment of b.comments ?? []) {
      const stored: FakeReviewComment = {
        id: newId(),
        pullNumber: pull.number,
        reviewId: review.id,
        user: c.actor,
        path: comment.path,
        body: comment.body,
        line: comment.line ?? null,
        side: comment.side === "LEFT" ? "LEFT" : "RIGHT",
        startLine: comment.start_line ?? null,
        startSide: comment.start_line !== undefined ? (comment.start_side === "LEFT" ? "LEFT" : "RIGHT") : null,
        commitId: review.commitId,
        createdAt: review.submittedAt,
      };
      r.reviewComments.push(stored);
    }
    return { body: reviewJson(c.api, r, review) };
  },

  "pulls/list-review-comments": (c) => {
    const r = c.repo();
    const n = Number(c.params.pull_number);
    r.pull(n);
    const page = paginate(r.reviewComments.filter((x) => x.pullNumber === n), c.url);
    return { ...page, body: (page.body as FakeReviewComment[]).map((x) => reviewCommentJson(c.api, r, x)) };
  },
};
