/**
 * End-to-end: `review` on a pull request (issue 4, scenario 2) — the PR workflow from the
 * default branch's `.github/quorum.yml` (rule G4, G6), one review whose comments all sit inside
 * the diff (rule P5).
 */
import { afterEach, describe, expect, it } from "vitest";
import { parseHunks } from "../../src/github/publish/diff-hunks.ts";
import { firstUserText } from "../support/fake-anthropic.ts";
import { examplePayload, runActionProcess } from "./support/harness.ts";
import { builtinReviewModel, OWNER, REPO, repoFiles, repoFilesWithoutScripts, reviewModel, USERS_JS_PR, WRITER } from "./support/fixtures.ts";
import { startWorld, type World } from "./support/world.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

describe("e2e: review on a pull request", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it("P5 G4 pull_request opened runs the configured review: one review, every inline comment inside the diff, the rest in its body", async () => {
    world = await startWorld(reviewModel(), { workspaceFiles: { ...repoFiles(), "src/users.js": USERS_JS_PR } });
    const pull = world.gh.openPullRequest(OWNER, REPO, { head: "feature/roles", files: { "src/users.js": USERS_JS_PR }, user: { login: WRITER, id: 21031067, type: "User" } });
    const payload = examplePayload("pull_request", "opened");
    payload.number = pull.number;
    const pr = payload.pull_request as Record<string, unknown>;
    pr.number = pull.number;
    pr.draft = false;
    (pr.head as Record<string, unknown>).sha = pull.head.sha;
    (pr.head as Record<string, unknown>).ref = pull.head.ref;

    const result = await runActionProcess({ eventName: "pull_request", payload, workspace: world.workspace, apiUrl: world.gh.url, anthropicUrl: world.model.url, runId: "6001" });
    expect(result.code, result.stdout + result.stderr).toBe(0);

    expect(world.repo.checkRuns).toHaveLength(1);
    expect(world.repo.checkRuns[0]).toMatchObject({ name: "quorum / review", headSha: pull.head.sha, conclusion: "neutral" });
    expect(world.repo.reviews).toHaveLength(1);
    const review = world.repo.reviews[0]!;
    expect(review.state).toBe("COMMENTED");
    expect(review.body).toContain("Admin route has no guard");
    expect(review.body).toContain("No tests for the role endpoint");

    const hunks = new Map(world.repo.pullFiles(pull).map((f) => [f.filename, parseHunks(f.patch)]));
    expect(world.repo.reviewComments.length).toBeGreaterThan(0);
    for (const c of world.repo.reviewComments) {
      const inside = (hunks.get(c.path) ?? []).some((h) => (c.line ?? 0) >= h.newStart && (c.line ?? 0) < h.newStart + h.newLines);
      expect(inside, `${c.path}:${c.line}`).toBe(true);
    }
    expect(world.repo.reviewComments[0]?.body).toContain("```suggestion");
    expect(world.repo.pulls).toHaveLength(1); // no PR opened for a finding: the one PR is the contributor's
    expect(world.repo.issueComments).toHaveLength(0); // automatic PR runs reply through the review, not comments
    expect(result.outputs.findings).toBe("3");
    expect(world.gh.violations).toEqual([]);
  });

  it("R4 B3 the BUILT-IN review on pull_request opened, with no repository script and no args: it reviews the PR's change and posts review comments", async () => {
    const files = repoFilesWithoutScripts();
    expect(Object.keys(files).some((p) => p.startsWith(".github/quorum/workflows/"))).toBe(false);
    world = await startWorld(builtinReviewModel(), { repoFiles: files, workspaceFiles: { ...files, "src/users.js": USERS_JS_PR } });
    const pull = world.gh.openPullRequest(OWNER, REPO, { head: "feature/roles", files: { "src/users.js": USERS_JS_PR }, user: { login: WRITER, id: 21031067, type: "User" } });
    const payload = examplePayload("pull_request", "opened");
    payload.number = pull.number;
    const pr = payload.pull_request as Record<string, unknown>;
    pr.number = pull.number;
    pr.draft = false;
    (pr.head as Record<string, unknown>).sha = pull.head.sha;
    (pr.head as Record<string, unknown>).ref = pull.head.ref;

    const result = await runActionProcess({ eventName: "pull_request", payload, workspace: world.workspace, apiUrl: world.gh.url, anthropicUrl: world.model.url, runId: "6002" });
    expect(result.code, result.stdout + result.stderr).toBe(0);

    // The change came from the pull request through the API, not from args.
    expect(world.gh.requestsTo("pulls/list-files").length).toBeGreaterThan(0);
    const reviewers = world.model.requests.filter((r) => firstUserText(r.body).startsWith("Review one file of a code change"));
    expect(reviewers.length).toBe(4); // one file, four lenses
    expect(world.repo.checkRuns[0], result.summary).toMatchObject({ name: "quorum / review", headSha: pull.head.sha, conclusion: "neutral" });
    expect(world.repo.reviews).toHaveLength(1);
    expect(world.repo.reviewComments).toHaveLength(1);
    const comment = world.repo.reviewComments[0]!;
    expect(comment).toMatchObject({ path: "src/users.js", line: 9 });
    expect(comment.body).toContain("Role change without authorization");
    expect(comment.body).toContain("```suggestion");
    expect(result.outputs.findings).toBe("1");
    expect(world.gh.violations).toEqual([]);
  });
});
