import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fingerprintOf, type ValidFinding } from "../../src/github/finding.ts";
import type { GitHubClient } from "../../src/github/octokit.ts";
import { publishReview, type PublishContext } from "../../src/github/publish/index.ts";
import { insideHunk, parseHunks } from "../../src/github/publish/diff-hunks.ts";
import { suggestionFor } from "../../src/github/publish/suggestion.ts";
import { FakeGitHub } from "../support/fake-github/index.ts";
import { fakeClient } from "./helpers.ts";

const lines = (n: number, f: (i: number) => string = (i) => `line ${i}`) => Array.from({ length: n }, (_, i) => f(i + 1));
const BASE = lines(40).join("\n") + "\n";
// The PR changes line 10 and appends two lines after line 30.
const HEAD = lines(40, (i) => (i === 10 ? "const x = eval(input);" : `line ${i}`))
  .flatMap((l, i) => (i === 29 ? [l, "fetch(url, { redirect: 'follow' })", "log(token)"] : [l]))
  .join("\n") + "\n";

const inHunk: ValidFinding = {
  title: "eval on user input",
  severity: "critical",
  body: "`eval(input)` runs attacker code.",
  location: { path: "src/app.ts", line: 10, endLine: 10 },
  patch: "--- a/src/app.ts\n+++ b/src/app.ts\n@@ -9,3 +9,3 @@\n line 9\n-const x = eval(input);\n+const x = JSON.parse(input);\n line 11\n",
};
const multiLine: ValidFinding = {
  title: "Token logged after fetch",
  severity: "high",
  body: "The token ends up in logs.",
  location: { path: "src/app.ts", line: 31, endLine: 32 },
};
const outsideDiff: ValidFinding = {
  title: "Old helper is unused",
  severity: "low",
  body: "Nothing calls it.",
  location: { path: "src/app.ts", line: 20, endLine: 20 },
};
const noLocation: ValidFinding = { title: "No tests for the parser", severity: "medium", body: "Add some." };
const otherFile: ValidFinding = { title: "README typo", severity: "info", body: "teh", location: { path: "README.md", line: 1, endLine: 1 } };

describe("P5/P6 review comments on pull requests", () => {
  let gh: FakeGitHub;
  let octokit: GitHubClient;
  let n = 0;
  let ctx: PublishContext;
  let prNumber: number;

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    octokit = fakeClient(gh);
  });
  afterAll(async () => {
    await gh.stop();
  });
  afterEach(() => {
    expect(gh.violations).toEqual([]);
  });

  function freshPull() {
    const name = `svc${++n}`;
    const repo = gh.createRepo({ owner: "acme", repo: name, files: { "src/app.ts": BASE, "README.md": "teh readme\n" } });
    const pull = gh.openPullRequest("acme", name, { head: "feature", files: { "src/app.ts": HEAD } });
    ctx = { owner: "acme", repo: name, workflow: "review", runId: "run-9", runUrl: "https://github.com/acme/svc/runs/9" };
    prNumber = pull.number;
    return repo;
  }

  it("P5 findings inside the diff become inline comments, others go in the review body; one COMMENT review", async () => {
    const repo = freshPull();
    const result = await publishReview(octokit, ctx, { number: prNumber }, [inHunk, multiLine, outsideDiff, noLocation, otherFile]);

    expect(repo.reviews).toHaveLength(1);
    const review = repo.reviews[0];
    expect(review?.state).toBe("COMMENTED");
    expect(review?.commitId).toBe(repo.branchSha("feature"));
    expect(result.reviewId).toBe(review?.id);
    expect(result.inline.map((c) => [c.path, c.line, c.endLine, c.suggestion])).toEqual([
      ["src/app.ts", 10, 10, true],
      ["src/app.ts", 31, 32, false],
    ]);
    expect(result.inBody).toEqual([outsideDiff, noLocation, otherFile].map((f) => fingerprintOf(f, "review")));

    const comments = repo.reviewComments;
    expect(comments.map((c) => [c.path, c.startLine, c.line, c.side])).toEqual([
      ["src/app.ts", null, 10, "RIGHT"],
      ["src/app.ts", 31, 32, "RIGHT"],
    ]);
    expect(comments[0]?.body).toContain("```suggestion\nconst x = JSON.parse(input);\n```");
    expect(comments[0]?.body).toContain(`<!-- quorum:fingerprint=${fingerprintOf(inHunk, "review")} -->`);
    expect(comments[1]?.body).not.toContain("suggestion");

    const body = review?.body ?? "";
    expect(body).toMatch(/^\*\*Quorum\*\* · `review` · run \[run-9\]\(https:\/\/github.com\/acme\/svc\/runs\/9\): 5 findings, 2 as inline comments, 3 listed below/);
    for (const f of [outsideDiff, noLocation, otherFile]) {
      expect(body).toContain(`### ${f.title} (${f.severity})`);
      expect(body).toContain(`<!-- quorum:fingerprint=${fingerprintOf(f, "review")} -->`);
    }
    expect(body).toContain("`src/app.ts` line 20");
    expect(body).not.toContain("eval on user input");
  });

  it("P6 publishing the same review twice gives one comment per finding and no second review", async () => {
    const repo = freshPull();
    await publishReview(octokit, ctx, { number: prNumber }, [inHunk, outsideDiff]);
    const again = await publishReview(octokit, ctx, { number: prNumber }, [inHunk, outsideDiff, inHunk]);
    expect(again).toMatchObject({ reviewId: null, inline: [], inBody: [] });
    expect(again.skipped).toHaveLength(3);
    expect(repo.reviews).toHaveLength(1);
    expect(repo.reviewComments).toHaveLength(1);

    // A new finding on a re-run is posted alone.
    const third = await publishReview(octokit, ctx, { number: prNumber }, [inHunk, outsideDiff, multiLine]);
    expect(third.inline.map((c) => c.line)).toEqual([31]);
    expect(repo.reviews).toHaveLength(2);
    expect(repo.reviewComments).toHaveLength(2);
    expect(repo.reviews[1]?.body).not.toContain(outsideDiff.title);
  });

  it("P5 the PR's files the caller already read are used, not fetched again", async () => {
    const repo = freshPull();
    const files = repo.pullFiles(repo.pull(prNumber)).map((f) => ({ filename: f.filename, patch: f.patch ?? null }));
    const before = gh.requests.length;
    const result = await publishReview(octokit, ctx, { number: prNumber, headSha: repo.branchSha("feature"), files }, [inHunk, outsideDiff]);
    expect(result.inline.map((c) => c.line)).toEqual([10]);
    // Reviews and review comments are read in parallel (for markers), then the review is posted.
    expect(gh.requests.slice(before).map((r) => r.operationId).sort()).toEqual(["pulls/create-review", "pulls/list-review-comments", "pulls/list-reviews"]);
  });

  it("P5 no findings, or only duplicates within the batch, post at most one comment each; empty posts nothing", async () => {
    const repo = freshPull();
    expect(await publishReview(octokit, ctx, { number: prNumber }, [])).toMatchObject({ reviewId: null });
    expect(gh.requestsTo("pulls/create-review").filter((r) => r.params.repo === ctx.repo)).toHaveLength(0);
    await publishReview(octokit, ctx, { number: prNumber }, [multiLine, { ...multiLine, body: "same finding again" }]);
    expect(repo.reviewComments).toHaveLength(1);
  });

  it("P5 if GitHub refuses the inline comments, everything goes in the review body", async () => {
    const repo = freshPull();
    gh.failNext("pulls/create-review", { kind: "status", status: 422, message: "Unprocessable Entity", errors: ["Pull request review thread line must be part of the diff"] });
    const result = await publishReview(octokit, ctx, { number: prNumber }, [inHunk, outsideDiff]);
    expect(result.fellBackToBody).toBe(true);
    expect(result.inBody).toHaveLength(2);
    expect(repo.reviews).toHaveLength(1);
    expect(repo.reviewComments).toHaveLength(0);
    expect(repo.reviews[0]?.body).toContain(inHunk.title);
  });

  it("X4 secrets are redacted from review comments and the review body", async () => {
    const repo = freshPull();
    const token = `ghs_${"Q7w8E9r0T1".repeat(4)}`;
    const result = await publishReview(octokit, { ...ctx, secrets: ["super-secret-run-key"] }, { number: prNumber }, [
      { ...multiLine, body: `log(${token})` },
      { ...noLocation, body: "key super-secret-run-key in config" },
    ]);
    const posted = JSON.stringify([repo.reviews, repo.reviewComments]);
    expect(posted).not.toContain(token);
    expect(posted).not.toContain("super-secret-run-key");
    expect(posted).toContain("[REDACTED:github-token]");
    expect(posted).toContain("[REDACTED:secret]");
    expect(result.redactions).toBe(2);
  });

  it("P5 hunks: comments only on RIGHT-side lines inside one hunk", () => {
    const hunks = parseHunks("@@ -8,5 +8,5 @@ ctx\n a\n-b\n+c\n d\n@@ -30,0 +31,2 @@\n+x\n+y\n@@ -50,2 +52,0 @@\n-gone\n-gone");
    expect(hunks).toEqual([
      { newStart: 8, newLines: 5 },
      { newStart: 31, newLines: 2 },
      { newStart: 52, newLines: 0 },
    ]);
    expect(insideHunk(hunks, 8, 12)).toBe(true);
    expect(insideHunk(hunks, 12, 13)).toBe(false);
    expect(insideHunk(hunks, 12, 31)).toBe(false); // spans two hunks
    expect(insideHunk(hunks, 52, 52)).toBe(false); // deletion-only hunk
    expect(parseHunks(undefined)).toEqual([]);
  });

  it("P5 a suggestion is offered only when the patch replaces exactly the finding's lines", () => {
    expect(suggestionFor(inHunk)).toBe("const x = JSON.parse(input);");
    // Two lines replaced, finding on both.
    const two: ValidFinding = {
      ...inHunk,
      location: { path: "src/app.ts", line: 10, endLine: 11 },
      patch: "--- a/src/app.ts\n+++ b/src/app.ts\n@@ -10,2 +10,1 @@\n-a\n-b\n+c\n",
    };
    expect(suggestionFor(two)).toBe("c");
    // Deleting the lines: an empty suggestion.
    expect(suggestionFor({ ...two, patch: "--- a/src/app.ts\n+++ b/src/app.ts\n@@ -10,2 +9,0 @@\n-a\n-b\n" })).toBe("");
    // Wrong lines, other file, several hunks, pure insertion, no patch: none.
    expect(suggestionFor({ ...inHunk, location: { path: "src/app.ts", line: 11, endLine: 11 } })).toBeNull();
    expect(suggestionFor({ ...inHunk, location: { path: "src/other.ts", line: 10, endLine: 10 } })).toBeNull();
    expect(suggestionFor({ ...inHunk, patch: "--- a/src/app.ts\n+++ b/src/app.ts\n@@ -10 +10 @@\n-a\n+b\n@@ -20 +20 @@\n-c\n+d\n" })).toBeNull();
    expect(suggestionFor({ ...inHunk, patch: "--- a/src/app.ts\n+++ b/src/app.ts\n@@ -10,0 +11 @@\n+new\n" })).toBeNull();
    expect(suggestionFor({ ...inHunk, patch: undefined })).toBeNull();
  });

  it("P5 a suggestion containing backticks gets a longer fence", async () => {
    const repo = freshPull();
    const withFence: ValidFinding = { ...inHunk, patch: inHunk.patch?.replace("JSON.parse(input);", 'md("```js");') };
    await publishReview(octokit, ctx, { number: prNumber }, [withFence]);
    expect(repo.reviewComments[0]?.body).toContain('````suggestion\nconst x = md("```js");\n````');
  });
});
