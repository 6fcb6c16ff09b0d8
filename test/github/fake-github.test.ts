import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GitHubClient } from "../../src/github/octokit.ts";
import { FakeGitHub } from "../support/fake-github/index.ts";
import { fakeClient } from "./helpers.ts";

describe("fake GitHub server", () => {
  let gh: FakeGitHub;
  let octokit: GitHubClient;

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    octokit = fakeClient(gh);
  });
  afterAll(async () => {
    await gh.stop();
  });

  it("P4 fake GitHub flags a pulls.create without head as a violation (422)", async () => {
    gh.createRepo({ owner: "acme", repo: "flag" });
    // A plain string route: Octokit's types would (rightly) refuse the missing head.
    const route: string = "POST /repos/{owner}/{repo}/pulls";
    const error = await octokit
      .request(route, { owner: "acme", repo: "flag", title: "x", base: "main" })
      .catch((e: unknown) => e as { status: number });
    expect(error.status).toBe(422);
    expect(gh.violations).toHaveLength(1);
    expect(gh.violations[0]).toMatchObject({ kind: "invalid-body", operationId: "pulls/create" });
    expect(gh.violations[0]?.message).toMatch(/head/);
    gh.violations.length = 0;
  });

  it("P4 fake GitHub flags an unknown route and a wrong method as violations (404)", async () => {
    const a = await octokit.request("GET /repos/{owner}/{repo}/no-such-thing", { owner: "acme", repo: "flag" }).catch((e: { status: number }) => e);
    const b = await octokit.request("DELETE /repos/{owner}/{repo}/pulls", { owner: "acme", repo: "flag" }).catch((e: { status: number }) => e);
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(gh.violations.map((v) => v.kind)).toEqual(["unknown-route", "unknown-route"]);
    gh.violations.length = 0;
  });

  it("P4 fake GitHub flags query parameters of the wrong type or value", async () => {
    const route: string = "GET /repos/{owner}/{repo}/pulls";
    const error = await octokit.request(route, { owner: "acme", repo: "flag", state: "everything" }).catch((e: { status: number }) => e);
    expect((error as { status: number }).status).toBe(422);
    expect(gh.violations).toMatchObject([{ kind: "invalid-query", operationId: "pulls/list", message: expect.stringMatching(/state/) }]);
    gh.violations.length = 0;
    // Numbers arrive as strings and are accepted when they parse.
    await octokit.rest.pulls.list({ owner: "acme", repo: "flag", per_page: 100, page: 2 });
    expect(gh.violations).toEqual([]);
  });

  it("P4 fake GitHub keeps Git state: blobs, trees, commits, refs and contents agree", async () => {
    const r = gh.createRepo({ owner: "acme", repo: "git", files: { "src/a.ts": "a\n", "README.md": "hi\n" } });
    const base = r.branchSha("main");
    const blob = await octokit.rest.git.createBlob({ owner: "acme", repo: "git", content: "b\n", encoding: "utf-8" });
    const baseCommit = await octokit.rest.git.getCommit({ owner: "acme", repo: "git", commit_sha: base });
    const tree = await octokit.rest.git.createTree({
      owner: "acme",
      repo: "git",
      base_tree: baseCommit.data.tree.sha,
      tree: [
        { path: "src/b.ts", mode: "100644", type: "blob", sha: blob.data.sha },
        { path: "README.md", mode: "100644", type: "blob", sha: null },
      ],
    });
    const commit = await octokit.rest.git.createCommit({ owner: "acme", repo: "git", message: "m", tree: tree.data.sha, parents: [base] });
    await octokit.rest.git.createRef({ owner: "acme", repo: "git", ref: "refs/heads/quorum/x/1", sha: commit.data.sha });
    const content = await octokit.rest.repos.getContent({ owner: "acme", repo: "git", path: "src/b.ts", ref: "quorum/x/1" });
    expect(Buffer.from((content.data as { content: string }).content, "base64").toString()).toBe("b\n");
    expect(r.file("quorum/x/1", "README.md")).toBeNull();
    expect(r.file("quorum/x/1", "src/a.ts")).toBe("a\n");
    // Git's own sha for the blob "b\n".
    expect(blob.data.sha).toBe("61780798228d17af2d34fce4cfbdf35556832472");
    const again = await octokit.rest.git.createRef({ owner: "acme", repo: "git", ref: "refs/heads/quorum/x/1", sha: commit.data.sha }).catch((e: { status: number }) => e);
    expect((again as { status: number }).status).toBe(422);
    expect(gh.violations).toEqual([]);
  });

  it("P8 fake GitHub injects 502 and secondary rate limits that the client retries", async () => {
    gh.createRepo({ owner: "acme", repo: "flaky" });
    gh.failNext("repos/get", { kind: "server-error", status: 502 }, { times: 2 });
    gh.failNext("repos/get", { kind: "secondary-rate-limit", retryAfter: 1 });
    const { data } = await octokit.rest.repos.get({ owner: "acme", repo: "flaky" });
    expect(data.default_branch).toBe("main");
    expect(gh.requestsTo("repos/get").filter((r) => r.params.repo === "flaky").map((r) => r.status)).toEqual([502, 502, 403, 200]);
    expect(gh.violations).toEqual([]);
  });
});
