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

  it("J5 fake GitHub lists a workflow run's artifacts, downloads through a 302 to a signed blob URL, refuses expired ones", async () => {
    gh.createRepo({ owner: "acme", repo: "arts" });
    const zip = Buffer.from("PK\u0003\u0004 not really a zip");
    const a1 = gh.addArtifact("acme", "arts", { workflowRunId: 55, name: "quorum-run-gh-55-x-a1-1", content: zip });
    const a2 = gh.addArtifact("acme", "arts", { workflowRunId: 55, name: "other", content: Buffer.from("x") });
    gh.addArtifact("acme", "arts", { workflowRunId: 56, name: "elsewhere", content: Buffer.from("y") });
    const old = gh.addArtifact("acme", "arts", { workflowRunId: 55, name: "old", content: Buffer.from("z"), expired: true });

    const page1 = await octokit.rest.actions.listWorkflowRunArtifacts({ owner: "acme", repo: "arts", run_id: 55, per_page: 2 });
    expect(page1.data.total_count).toBe(3);
    expect(page1.data.artifacts.map((a) => a.name)).toEqual(["old", "other"]);
    expect(page1.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, { owner: "acme", repo: "arts", run_id: 55, per_page: 2 });
    expect(all.map((a) => a.id).sort()).toEqual([a1.id, a2.id, old.id].sort());
    const named = await octokit.rest.actions.listWorkflowRunArtifacts({ owner: "acme", repo: "arts", run_id: 55, name: a1.name });
    expect(named.data.artifacts).toMatchObject([{ id: a1.id, size_in_bytes: zip.length, expired: false, workflow_run: { id: 55 } }]);
    expect((await octokit.rest.actions.listArtifactsForRepo({ owner: "acme", repo: "arts" })).data.total_count).toBe(4);

    const download = await octokit.rest.actions.downloadArtifact({ owner: "acme", repo: "arts", artifact_id: a1.id, archive_format: "zip", request: { redirect: "manual" } });
    expect(download.status).toBe(302);
    const location = String(download.headers.location);
    expect(location).toMatch(new RegExp(`^${gh.url}/_fake/artifact-blobs/${a1.id}/artifact\\.zip\\?sig=`));
    const blob = await fetch(location);
    expect(blob.headers.get("content-type")).toBe("application/zip");
    expect(Buffer.from(await blob.arrayBuffer())).toEqual(zip);
    expect((await fetch(location.replace(/sig=[^&]+/, "sig=forged"))).status).toBe(403);
    expect(gh.blobDownloads.map((d) => d.status)).toEqual([200, 403]);

    const gone = await octokit.rest.actions.downloadArtifact({ owner: "acme", repo: "arts", artifact_id: old.id, archive_format: "zip", request: { redirect: "manual" } }).catch((e: { status: number }) => e);
    expect((gone as { status: number }).status).toBe(410);
    const unknownRun = await octokit.rest.actions.listWorkflowRunArtifacts({ owner: "acme", repo: "arts", run_id: 99 }).catch((e: { status: number }) => e);
    expect((unknownRun as { status: number }).status).toBe(404);
    await octokit.rest.actions.deleteArtifact({ owner: "acme", repo: "arts", artifact_id: a2.id });
    expect(gh.repo("acme", "arts").artifacts.map((a) => a.id)).not.toContain(a2.id);
    // Blob downloads are storage, not API requests.
    expect(gh.requests.some((r) => r.path.startsWith("/_fake/"))).toBe(false);
    expect(gh.violations).toEqual([]);
  });

  it("G1 fake GitHub cancels a running workflow run once (202, then 409) and tells the test", async () => {
    gh.createRepo({ owner: "acme", repo: "runs" });
    let cancelled = 0;
    const run = gh.startWorkflowRun("acme", "runs", { id: 77, onCancel: () => cancelled++ });
    const first = await octokit.rest.actions.cancelWorkflowRun({ owner: "acme", repo: "runs", run_id: 77 });
    expect(first.status).toBe(202);
    await new Promise((resolve) => setImmediate(resolve));
    expect(cancelled).toBe(1);
    expect(run).toMatchObject({ status: "completed", conclusion: "cancelled" });
    const fetched = await octokit.rest.actions.getWorkflowRun({ owner: "acme", repo: "runs", run_id: 77 });
    expect(fetched.data).toMatchObject({ id: 77, status: "completed", conclusion: "cancelled" });
    const noRetry = fakeClient(gh, { serverErrorRetries: 0 });
    const again = await noRetry.rest.actions.cancelWorkflowRun({ owner: "acme", repo: "runs", run_id: 77 }).catch((e: { status: number }) => e);
    expect((again as { status: number }).status).toBe(409);
    const unknown = await noRetry.rest.actions.cancelWorkflowRun({ owner: "acme", repo: "runs", run_id: 78 }).catch((e: { status: number }) => e);
    expect((unknown as { status: number }).status).toBe(404);
    expect(cancelled).toBe(1);
    expect(gh.violations).toEqual([]);
  });

  it("P4 a clone of a fake repository has the fake's commit shas and files", async () => {
    const r = gh.createRepo({ owner: "acme", repo: "cloned", files: { "src/a.ts": "a\n", "README.md": "hi\n" } });
    r.commit("feature", { "src/a.ts": "b\n" }, "change", "main");
    const dir = gh.clone("acme", "cloned");
    const { execFileSync } = await import("node:child_process");
    const run = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
    expect(run("rev-parse", "HEAD")).toBe(r.branchSha("main"));
    expect(run("rev-parse", "feature")).toBe(r.branchSha("feature"));
    expect(run("show", "feature:src/a.ts")).toBe("b");
    expect(run("status", "--porcelain")).toBe("");
  });
});
