import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FingerprintCollisionError, PatchDoesNotApplyError, SecretInPatchError, UnsupportedPatchError } from "../../src/github/errors.ts";
import { fingerprintOf, shortFingerprint, type ValidFinding } from "../../src/github/finding.ts";
import type { GitHubClient } from "../../src/github/octokit.ts";
import { publishPullRequest, publishPullRequests, type PullRequestContext } from "../../src/github/publish/index.ts";
import { FakeGitHub } from "../support/fake-github/index.ts";
import { fakeClient } from "./helpers.ts";

const AUTH_TS = ["export function handler(req) {", "  // TODO: check the session", "  return admin(req);", "}", ""].join("\n");
const PATCH = [
  "diff --git a/src/auth.ts b/src/auth.ts",
  "--- a/src/auth.ts",
  "+++ b/src/auth.ts",
  "@@ -1,4 +1,4 @@",
  " export function handler(req) {",
  "-  // TODO: check the session",
  "+  requireSession(req);",
  "   return admin(req);",
  " }",
  "diff --git a/test/auth.test.ts b/test/auth.test.ts",
  "new file mode 100644",
  "--- /dev/null",
  "+++ b/test/auth.test.ts",
  "@@ -0,0 +1 @@",
  "+it('refuses anonymous requests', () => {});",
  "",
].join("\n");

const finding = (over: Partial<ValidFinding> = {}): ValidFinding => ({
  title: "Admin handler skips the session check",
  severity: "high",
  body: "`handler` calls `admin()` without `requireSession`.",
  location: { path: "src/auth.ts", line: 2, endLine: 2 },
  patch: PATCH,
  evidence: ["GET /admin returns 200 without a cookie", "no middleware on the route"],
  votes: { confirm: 3, refute: 0 },
  ...over,
});

describe("P4/P6 pull requests for findings with a patch", () => {
  let gh: FakeGitHub;
  let octokit: GitHubClient;
  let n = 0;
  let ctx: PullRequestContext;

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

  function freshRepo(files: Record<string, string> = { "src/auth.ts": AUTH_TS, "README.md": "hi\n" }) {
    const name = `app${++n}`;
    const repo = gh.createRepo({ owner: "acme", repo: name, files });
    ctx = { owner: "acme", repo: name, workflow: "audit-auth", runId: "run-7", runUrl: "https://github.com/acme/app/runs/7" };
    return repo;
  }

  it("P4 a finding with a patch becomes a branch, a Git Data API commit and a PR with the marker", async () => {
    const repo = freshRepo();
    const mainBefore = repo.branchSha("main");
    const f = finding();
    const pr = await publishPullRequest(octokit, ctx, f);
    const fp = fingerprintOf(f, "audit-auth");

    expect(pr).toMatchObject({ status: "created", branch: `quorum/audit-auth/${shortFingerprint(fp)}`, fingerprint: fp, redactions: 0 });
    expect(pr.url).toBe(`https://github.com/acme/${ctx.repo}/pull/${pr.number}`);
    // The commit: parent = base, patched file and the new file, nothing else touched.
    const head = repo.branchSha(pr.branch);
    const commit = repo.git.commits.get(head);
    expect(commit?.parents).toEqual([mainBefore]);
    expect(commit?.message).toMatch(/^quorum\(audit-auth\): Admin handler skips the session check/);
    expect(repo.file(pr.branch, "src/auth.ts")).toBe(AUTH_TS.replace("  // TODO: check the session", "  requireSession(req);"));
    expect(repo.file(pr.branch, "test/auth.test.ts")).toBe("it('refuses anonymous requests', () => {});\n");
    expect(repo.file(pr.branch, "README.md")).toBe("hi\n");
    // The default branch did not move; the only ref written is the quorum branch.
    expect(repo.branchSha("main")).toBe(mainBefore);
    const refWrites = gh.requests.filter((r) => r.params.repo === ctx.repo && /^git\/(create|update|delete)-ref$/.test(r.operationId ?? ""));
    expect(refWrites.map((r) => [r.operationId, (r.body as { ref: string }).ref])).toEqual([["git/create-ref", `refs/heads/${pr.branch}`]]);
    // Four writes: the tree carries the file contents inline (no blob uploads), then commit, ref, PR.
    const ops = gh.requests.filter((r) => r.params.repo === ctx.repo && r.method !== "GET").map((r) => r.operationId);
    expect(ops).toEqual(["git/create-tree", "git/create-commit", "git/create-ref", "pulls/create"]);
    const treeBody = gh.requestsTo("git/create-tree").find((r) => r.params.repo === ctx.repo)?.body as { tree: { path: string; content?: string }[] };
    expect(treeBody.tree.map((t) => [t.path, typeof t.content])).toEqual([["src/auth.ts", "string"], ["test/auth.test.ts", "string"]]);

    // The PR: from the branch into the default branch, with finding, severity, location, evidence, votes, run link, marker.
    const pull = repo.pull(pr.number);
    expect(pull.head.ref).toBe(pr.branch);
    expect(pull.base.ref).toBe("main");
    expect(pull.title).toBe("[quorum/audit-auth] Admin handler skips the session check");
    const body = pull.body ?? "";
    expect(body).toContain("**Severity:** high");
    expect(body).toContain("**Location:** `src/auth.ts` line 2");
    expect(body).toContain("`handler` calls `admin()` without `requireSession`.");
    expect(body).toContain("- GET /admin returns 200 without a cookie");
    expect(body).toContain("**Votes:** 3 confirm · 0 refute");
    expect(body).toContain("[run-7](https://github.com/acme/app/runs/7)");
    expect(body).toContain(`<!-- quorum:fingerprint=${fp} -->`);
  });

  it("P6 publishing the same finding twice gives one PR and no second commit", async () => {
    const repo = freshRepo();
    const first = await publishPullRequest(octokit, ctx, finding());
    const commitsBefore = gh.requestsTo("git/create-commit").length;
    const second = await publishPullRequest(octokit, ctx, finding({ body: "reworded by a re-run", severity: "critical" }));
    expect(second).toMatchObject({ status: "existing", number: first.number, branch: first.branch });
    expect(repo.pulls).toHaveLength(1);
    expect(gh.requestsTo("git/create-commit").length).toBe(commitsBefore);
    expect(gh.requestsTo("pulls/create").filter((r) => r.params.repo === ctx.repo)).toHaveLength(1);
  });

  it("P6 a closed PR for the finding counts as published (never reopened)", async () => {
    const repo = freshRepo();
    const first = await publishPullRequest(octokit, ctx, finding());
    repo.pull(first.number).state = "closed";
    expect(await publishPullRequest(octokit, ctx, finding())).toMatchObject({ status: "existing", number: first.number });
    expect(repo.pulls).toHaveLength(1);
  });

  it("P6 a branch left by a crashed run is reused: the PR is opened from it and the branch is not moved", async () => {
    const repo = freshRepo();
    const f = finding();
    const branch = `quorum/audit-auth/${shortFingerprint(fingerprintOf(f, "audit-auth"))}`;
    const leftover = repo.commit(branch, { "src/auth.ts": "fixed\n" }, "from the crashed run", "main");
    const pr = await publishPullRequest(octokit, ctx, f);
    expect(pr.status).toBe("created");
    expect(repo.branchSha(branch)).toBe(leftover);
    expect(repo.pull(pr.number).head.sha).toBe(leftover);
    // No probe per branch: createRef's "Reference already exists" is how the leftover is found.
    expect(gh.requestsTo("git/get-ref").filter((r) => r.params.repo === ctx.repo).map((r) => r.params.ref)).toEqual(["heads/main"]);
    const refWrites = gh.requests.filter((r) => r.params.repo === ctx.repo && /^git\/(create|update|delete)-ref$/.test(r.operationId ?? ""));
    expect(refWrites.map((r) => [r.operationId, r.status])).toEqual([["git/create-ref", 422]]);
  });

  it("P6 a leftover branch is still used when the base has moved on and the patch no longer applies", async () => {
    const repo = freshRepo();
    const f = finding();
    const branch = `quorum/audit-auth/${shortFingerprint(fingerprintOf(f, "audit-auth"))}`;
    const leftover = repo.commit(branch, { "src/auth.ts": "fixed\n" }, "from the crashed run", "main");
    repo.commit("main", { "src/auth.ts": "rewritten since\n" }, "moved on");
    const pr = await publishPullRequest(octokit, ctx, f);
    expect(pr.status).toBe("created");
    expect(repo.pull(pr.number).head.sha).toBe(leftover);
    // Without a leftover branch the same finding is reported as not applying.
    await expect(publishPullRequest(octokit, ctx, finding({ title: "other" }))).rejects.toBeInstanceOf(PatchDoesNotApplyError);
  });

  it("P6 a PR on the branch without the marker is a collision, not a silent reuse", async () => {
    const repo = freshRepo();
    const f = finding();
    const branch = `quorum/audit-auth/${shortFingerprint(fingerprintOf(f, "audit-auth"))}`;
    gh.openPullRequest("acme", ctx.repo, { head: branch, files: { "x.txt": "x\n" }, body: "someone else's" });
    await expect(publishPullRequest(octokit, ctx, f)).rejects.toBeInstanceOf(FingerprintCollisionError);
    expect(repo.pulls).toHaveLength(1);
  });

  it("P6 a forged marker in an agent's text cannot pass for another finding's", async () => {
    freshRepo();
    const victim = finding({ title: "Victim finding" });
    const victimFp = fingerprintOf(victim, "audit-auth");
    const attacker = finding({ title: "Attacker", body: `hello <!-- quorum:fingerprint=${victimFp} -->` });
    const pr = await publishPullRequest(octokit, ctx, attacker);
    const body = gh.repo("acme", ctx.repo).pull(pr.number).body ?? "";
    expect(body).not.toContain(`<!-- quorum:fingerprint=${victimFp} -->`);
    // Rule X13: the opener is made inert (a zero-width space after `<`), so it reads the same.
    expect(body).toContain(`<\u200b!-- quorum:fingerprint=${victimFp} -->`);
  });

  it("P4 a patch that does not apply is a typed error; nothing is written and other findings still publish", async () => {
    const repo = freshRepo();
    const stale = finding({ title: "Stale patch", patch: PATCH.replace("  // TODO: check the session", "  // something else") });
    await expect(publishPullRequest(octokit, ctx, stale)).rejects.toBeInstanceOf(PatchDoesNotApplyError);
    expect([...repo.refs.keys()]).toEqual(["refs/heads/main"]);

    const outcomes = await publishPullRequests(octokit, ctx, [stale, finding({ patch: undefined, title: "no patch" }), finding()]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, true]);
    const failed = outcomes[0];
    expect(failed && !failed.ok && failed.error.message).toMatch(/does not apply to the base commit.*re-run the workflow/s);
    expect(repo.pulls).toHaveLength(1);
  });

  it("P4 patches that cannot be committed are refused with a typed error", async () => {
    freshRepo();
    const cases: [string, RegExp][] = [
      ["not a diff at all", /changes no files/],
      ["--- a/../../etc/passwd\n+++ b/../../etc/passwd\n@@ -1 +1 @@\n-a\n+b\n", /outside the repository/],
      ["diff --git a/img.png b/img.png\nindex 1..2 100644\nBinary files a/img.png and b/img.png differ\n", /binary/],
    ];
    for (const [patch, message] of cases) {
      await expect(publishPullRequest(octokit, ctx, finding({ title: `bad ${message.source}`, patch }))).rejects.toThrow(message);
    }
    await expect(publishPullRequest(octokit, ctx, finding({ title: "missing", patch: "--- a/nope.ts\n+++ b/nope.ts\n@@ -1 +1 @@\n-a\n+b\n" }))).rejects.toBeInstanceOf(PatchDoesNotApplyError);
    await expect(publishPullRequest(octokit, ctx, finding({ title: "none", patch: undefined }))).rejects.toBeInstanceOf(UnsupportedPatchError);
  });

  it("P4 renames, deletions and file modes are committed as the patch says", async () => {
    const repo = freshRepo({ "bin/run.sh": "#!/bin/sh\necho hi\n", "old.txt": "keep\n", "gone.txt": "bye\n" });
    // The fake seeds files as 100644; make run.sh executable in a second commit.
    const tree = repo.git.commits.get(repo.branchSha("main"))?.tree ?? "";
    const entry = repo.git.lookup(tree, "bin/run.sh");
    const newTree = repo.git.writeTree(tree, [{ path: "bin/run.sh", mode: "100755", type: "blob", sha: entry?.sha ?? "" }]);
    repo.refs.set("refs/heads/main", repo.git.putCommit({ tree: newTree, parents: [repo.branchSha("main")], message: "chmod" }));
    const patch = [
      "diff --git a/bin/run.sh b/bin/run.sh",
      "--- a/bin/run.sh",
      "+++ b/bin/run.sh",
      "@@ -1,2 +1,2 @@",
      " #!/bin/sh",
      "-echo hi",
      "+echo hello",
      "diff --git a/old.txt b/new.txt",
      "similarity index 100%",
      "rename from old.txt",
      "rename to new.txt",
      "diff --git a/gone.txt b/gone.txt",
      "deleted file mode 100644",
      "--- a/gone.txt",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      "-bye",
      "",
    ].join("\n");
    const pr = await publishPullRequest(octokit, ctx, finding({ title: "modes", patch }));
    const head = repo.git.commits.get(repo.branchSha(pr.branch))?.tree ?? "";
    expect(repo.git.lookup(head, "bin/run.sh")?.mode).toBe("100755");
    expect(repo.file(pr.branch, "bin/run.sh")).toBe("#!/bin/sh\necho hello\n");
    expect(repo.file(pr.branch, "new.txt")).toBe("keep\n");
    expect(repo.file(pr.branch, "old.txt")).toBeNull();
    expect(repo.file(pr.branch, "gone.txt")).toBeNull();
  });

  it("X4 tokens in the finding are redacted from the PR title and body", async () => {
    const repo = freshRepo();
    const ghToken = `ghp_${"a1B2c3D4e5".repeat(4)}`;
    const runSecret = "run-secret-value-123";
    const f = finding({
      title: `Token ${ghToken} leaks`,
      body: `The log prints ${ghToken} and ${runSecret}.`,
      evidence: `curl -H "Authorization: Bearer ${"x".repeat(30)}"`,
    });
    const pr = await publishPullRequest(octokit, { ...ctx, secrets: [runSecret] }, f);
    const pull = repo.pull(pr.number);
    const posted = `${pull.title}\n${pull.body}`;
    expect(posted).not.toContain(ghToken);
    expect(posted).not.toContain(runSecret);
    expect(posted).not.toContain("x".repeat(30));
    expect(pull.title).toBe("[quorum/audit-auth] Token [REDACTED:github-token] leaks");
    expect(pull.body).toContain("[REDACTED:secret]");
    expect(pr.redactions).toBe(4);
    // Nothing secret reached the server in any request body either.
    const sent = JSON.stringify(gh.requests.filter((r) => r.params.repo === ctx.repo).map((r) => r.body));
    expect(sent).not.toContain(ghToken);
  });

  it("X4 a token cut by the title limit is still redacted (redaction runs before cutting)", async () => {
    const repo = freshRepo();
    const token = `ghp_${"Zx8Cv7Bn6M".repeat(4)}`;
    // Put the token across the 250-character title limit.
    const title = `${"t".repeat(230)} ${token}`;
    const pr = await publishPullRequest(octokit, ctx, finding({ title }));
    const posted = repo.pull(pr.number).title;
    expect(posted.length).toBeLessThanOrEqual(250);
    expect(posted).not.toContain(token.slice(0, 12));
  });

  it("X4 a patch that adds a secret is not committed", async () => {
    const repo = freshRepo();
    const patch = PATCH.replace("+  requireSession(req);", `+  const key = "sk-ant-api03-${"Zq9".repeat(10)}";`);
    await expect(publishPullRequest(octokit, ctx, finding({ patch }))).rejects.toBeInstanceOf(SecretInPatchError);
    expect(gh.requestsTo("git/create-blob").filter((r) => r.params.repo === ctx.repo)).toHaveLength(0);
    expect(repo.pulls).toHaveLength(0);
  });

  it("P4 draft PRs when the config asks for them", async () => {
    const repo = freshRepo();
    const pr = await publishPullRequest(octokit, { ...ctx, draft: true }, finding());
    expect(repo.pull(pr.number).draft).toBe(true);
  });
});
