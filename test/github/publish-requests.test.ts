/**
 * What publishing costs in requests (issue 4's budget) without giving up idempotency (rule P6),
 * the ref guard (rule X5) or exact file contents (rule P4): reads shared across findings, the
 * checkout's objects used when they are verifiably GitHub's, existing PRs found with one listing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { createTwoFilesPatch } from "diff";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fingerprintOf, shortFingerprint, type ValidFinding } from "../../src/github/finding.ts";
import type { GitHubClient } from "../../src/github/octokit.ts";
import { LocalGitObjects, MAX_INLINE_FILE_BYTES, publishPullRequests, type PullRequestContext } from "../../src/github/publish/index.ts";
import { FakeGitHub, type FakeRepo } from "../support/fake-github/index.ts";
import { newId } from "../support/fake-github/state.ts";
import { fakeClient } from "./helpers.ts";

const source = (i: number) => `export function route${i}(req) {\n  return load(req);\n}\n`;
const fixed = (i: number) => source(i).replace("  return load(req);", "  requireUser(req);\n  return load(req);");

function findingFor(i: number, over: Partial<ValidFinding> = {}): ValidFinding {
  return {
    title: `route${i} has no authentication`,
    severity: "high",
    body: `route${i} answers anonymous callers.`,
    location: { path: `src/routes/r${i}.js`, line: 2, endLine: 2 },
    patch: createTwoFilesPatch(`a/src/routes/r${i}.js`, `b/src/routes/r${i}.js`, source(i), fixed(i)),
    ...over,
  };
}

function files(count: number): Record<string, string> {
  const out: Record<string, string> = { "README.md": "hi\n" };
  for (let i = 0; i < count; i++) out[`src/routes/r${i}.js`] = source(i);
  return out;
}

describe("P4/P6 publishing requests", () => {
  let gh: FakeGitHub;
  let octokit: GitHubClient;
  let n = 0;

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

  function freshRepo(fileCount = 3): { repo: FakeRepo; ctx: PullRequestContext } {
    const name = `req${++n}`;
    const repo = gh.createRepo({ owner: "acme", repo: name, files: files(fileCount) });
    return { repo, ctx: { owner: "acme", repo: name, defaultBranch: "main", baseSha: repo.branchSha("main"), workflow: "audit-auth", runId: "run-1" } };
  }

  const opsFor = (ctx: PullRequestContext) => {
    const counts: Record<string, number> = {};
    for (const r of gh.requests) if (r.params.repo === ctx.repo) counts[r.operationId ?? r.path] = (counts[r.operationId ?? r.path] ?? 0) + 1;
    return counts;
  };

  it("P4 several findings share one PR listing and one read of the base commit, its trees and each file; four writes per PR", async () => {
    const { repo, ctx } = freshRepo(3);
    const findings = [0, 1, 2].map((i) => findingFor(i));
    // Two findings for the same file: read once.
    findings.push(findingFor(0, { title: "route0 also logs the session", patch: createTwoFilesPatch("a/src/routes/r0.js", "b/src/routes/r0.js", source(0), `${source(0)}// audited\n`) }));
    const outcomes = await publishPullRequests(octokit, ctx, findings);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(repo.pulls).toHaveLength(4);
    expect(repo.file(repo.pulls[0]?.head.ref ?? "", "src/routes/r0.js")).toBe(fixed(0));
    expect(opsFor(ctx)).toEqual({
      "pulls/list": 1,
      "git/get-commit": 1,
      "git/get-tree": 3, // root, src, src/routes
      "git/get-blob": 3,
      "git/create-tree": 4,
      "git/create-commit": 4,
      "git/create-ref": 4,
      "pulls/create": 4,
    });

    // P6: the re-run finds every PR in that one listing and writes nothing.
    const before = gh.requests.length;
    const again = await publishPullRequests(octokit, ctx, findings);
    expect(again.map((o) => o.ok && o.pullRequest.status)).toEqual(["existing", "existing", "existing", "existing"]);
    expect(gh.requests.slice(before).map((r) => r.operationId)).toEqual(["pulls/list"]);
    expect(repo.pulls).toHaveLength(4);
  });

  it("P6 a closed PR found in the listing counts as published; the other finding still opens its PR", async () => {
    const { repo, ctx } = freshRepo(2);
    const [first] = await publishPullRequests(octokit, ctx, [findingFor(0)]);
    const pull = first?.ok ? repo.pull(first.pullRequest.number) : null;
    if (!pull) throw new Error("not published");
    pull.state = "closed";
    const outcomes = await publishPullRequests(octokit, ctx, [findingFor(0), findingFor(1)]);
    expect(outcomes.map((o) => o.ok && o.pullRequest.status)).toEqual(["existing", "created"]);
    expect(repo.pulls.filter((p) => p.state === "open")).toHaveLength(1);
  });

  it("P6 many pages of PRs: per-branch lookups when they are cheaper than listing every page", async () => {
    const { repo, ctx } = freshRepo(2);
    // 450 unrelated PRs: 5 pages. Two findings: 1 page read, then one lookup per branch (3 requests, not 5).
    for (let i = 0; i < 450; i++) {
      const number = repo.nextNumber();
      repo.pulls.push({ number, id: newId(), title: `pr ${i}`, body: null, state: "closed", draft: false, merged: false, user: { login: "dev", id: 1, type: "User" }, head: { ref: `feature-${i}`, sha: repo.branchSha("main") }, base: { ref: "main", sha: repo.branchSha("main") }, createdAt: new Date().toISOString() });
    }
    await publishPullRequests(octokit, ctx, [findingFor(0), findingFor(1)]);
    const lists = gh.requestsTo("pulls/list").filter((r) => r.params.repo === ctx.repo);
    expect(lists.map((r) => r.query.head ?? "(all)")).toEqual(["(all)", ...[0, 1].map((i) => `acme:quorum/audit-auth/${shortFingerprint(fingerprintOf(findingFor(i), "audit-auth"))}`)]);

    // Five findings: listing the other four pages is cheaper than five lookups.
    const more = freshRepo(5);
    more.repo.pulls.push(...repo.pulls.map((p) => ({ ...p })));
    await publishPullRequests(octokit, more.ctx, [0, 1, 2, 3, 4].map((i) => findingFor(i)));
    const listed = gh.requestsTo("pulls/list").filter((r) => r.params.repo === more.ctx.repo);
    expect(listed.map((r) => [r.query.head ?? "(all)", r.query.page])).toEqual([1, 2, 3, 4, 5].map((p) => ["(all)", String(p)]));
    expect(more.repo.pulls.filter((p) => p.head.ref.startsWith("quorum/"))).toHaveLength(5);
  });

  it("P4 with a checkout holding the base commit, no tree or file is read through the API", async () => {
    const { repo, ctx } = freshRepo(3);
    const checkout = gh.clone("acme", ctx.repo);
    const outcomes = await publishPullRequests(octokit, { ...ctx, checkout }, [0, 1, 2].map((i) => findingFor(i)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(opsFor(ctx)).toEqual({ "pulls/list": 1, "git/create-tree": 3, "git/create-commit": 3, "git/create-ref": 3, "pulls/create": 3 });
    for (const [i, p] of repo.pulls.entries()) expect(repo.file(p.head.ref, `src/routes/r${i}.js`)).toBe(fixed(i));
  });

  it("P4 a checkout whose object was forged is not trusted: the file is read from GitHub and the PR has GitHub's content", async () => {
    const { repo, ctx } = freshRepo(1);
    const checkout = gh.clone("acme", ctx.repo);
    const tree = repo.git.commits.get(repo.branchSha("main"))?.tree ?? "";
    const blob = repo.git.lookup(tree, "src/routes/r0.js")?.sha ?? "";
    // Same object name, other content: what an agent writing into .git/objects could leave behind.
    const evil = Buffer.from(source(0).replace("return load(req);", "return load(req); backdoor();"));
    const file = join(checkout, ".git", "objects", blob.slice(0, 2), blob.slice(2));
    writeFileSync(file, deflateSync(Buffer.concat([Buffer.from(`blob ${evil.length}\0`), evil])));
    expect(readFileSync(file).length).toBeGreaterThan(0);
    expect(await new LocalGitObjects(checkout).blob(blob)).toBeNull();

    const [outcome] = await publishPullRequests(octokit, { ...ctx, checkout }, [findingFor(0)]);
    const pr = outcome?.ok ? outcome.pullRequest : null;
    expect(repo.file(pr?.branch ?? "", "src/routes/r0.js")).toBe(fixed(0));
    expect(opsFor(ctx)["git/get-blob"]).toBe(1);
  });

  it("P4 a checkout of another commit (or none at all) falls back to the API", async () => {
    const { repo, ctx } = freshRepo(1);
    const checkout = gh.clone("acme", ctx.repo);
    repo.commit("main", { "src/routes/r0.js": source(0).replace("load", "fetchOne") }, "moved on");
    const moved = { ...ctx, baseSha: repo.branchSha("main") };
    const patch = createTwoFilesPatch("a/src/routes/r0.js", "b/src/routes/r0.js", source(0).replace("load", "fetchOne"), fixed(0).replace("load", "fetchOne"));
    const [outcome] = await publishPullRequests(octokit, { ...moved, checkout }, [findingFor(0, { patch })]);
    expect(outcome?.ok).toBe(true);
    expect(opsFor(ctx)["git/get-commit"]).toBe(1);
    expect(opsFor(ctx)["git/get-blob"]).toBe(1);
    const [again] = await publishPullRequests(octokit, { ...moved, checkout: join(checkout, "no-such-folder") }, [findingFor(0, { title: "second", patch })]);
    expect(again?.ok).toBe(true);
  });

  it("P4 a file too large to send inline is uploaded as a blob first; modes and contents are exact", async () => {
    const big = `${"x".repeat(MAX_INLINE_FILE_BYTES)}\nend\n`;
    const { repo, ctx } = freshRepo(1);
    const patch = ["diff --git a/data/big.txt b/data/big.txt", "new file mode 100644", "--- /dev/null", "+++ b/data/big.txt", "@@ -0,0 +1,2 @@", ...big.trimEnd().split("\n").map((l) => `+${l}`), ""].join("\n");
    const [outcome] = await publishPullRequests(octokit, ctx, [findingFor(0, { title: "big", patch })]);
    expect(outcome?.ok, outcome && !outcome.ok ? outcome.error.message : "").toBe(true);
    const pr = outcome?.ok ? outcome.pullRequest : null;
    expect(repo.file(pr?.branch ?? "", "data/big.txt")).toBe(big);
    expect(opsFor(ctx)["git/create-blob"]).toBe(1);
  });

  it("X5 the only refs written are quorum/* branches; the default branch never moves", async () => {
    const { repo, ctx } = freshRepo(3);
    const main = repo.branchSha("main");
    await publishPullRequests(octokit, { ...ctx, checkout: gh.clone("acme", ctx.repo) }, [0, 1, 2].map((i) => findingFor(i)));
    const refs = gh.requests.filter((r) => r.params.repo === ctx.repo && /-ref$/.test(r.operationId ?? "") && r.method !== "GET");
    expect(refs.every((r) => (r.body as { ref: string }).ref.startsWith("refs/heads/quorum/audit-auth/"))).toBe(true);
    expect(repo.branchSha("main")).toBe(main);
  });
});
