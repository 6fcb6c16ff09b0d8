import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Octokit } from "@octokit/rest";
import { RefGuardError } from "../../src/github/errors.ts";
import { createQuorumRef, updateQuorumRef } from "../../src/github/publish/git-commit.ts";
import { assertQuorumRef, quorumBranchName } from "../../src/github/publish/ref-guard.ts";

describe("X5 the publisher writes only quorum/* branches", () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());

  it("X5 the guard accepts quorum/ branches in full and short form", () => {
    expect(assertQuorumRef("refs/heads/quorum/audit-auth/0123456789")).toBe("refs/heads/quorum/audit-auth/0123456789");
    expect(assertQuorumRef("heads/quorum/review/abc")).toBe("refs/heads/quorum/review/abc");
    expect(quorumBranchName("audit-auth", "0123456789")).toBe("quorum/audit-auth/0123456789");
  });

  it("X5 the guard refuses refs/heads/main and anything outside quorum/", () => {
    const refused = [
      "refs/heads/main",
      "heads/main",
      "main",
      "refs/heads/quorum",
      "refs/heads/quorum/",
      "refs/heads/quorumx/y",
      "refs/heads/Quorum/x",
      "refs/tags/quorum/x",
      "refs/quorum/x",
      "refs/heads/quorum/../main",
      "refs/heads/quorum/x/../../main",
      "refs/heads/quorum//x",
      "refs/heads/quorum/x.lock",
      "refs/heads/quorum/.hidden",
      "refs/heads/quorum/a b",
      "refs/heads/quorum/a@{1}",
      "refs/heads/quorum/x:refs/heads/main",
      " refs/heads/quorum/x",
    ];
    for (const ref of refused) expect(() => assertQuorumRef(ref), ref).toThrow(RefGuardError);
    expect(() => assertQuorumRef("refs/heads/main")).toThrow(/not under refs\/heads\/quorum\//);
  });

  it("X5 the default branch is refused even when it is named quorum/…", () => {
    expect(() => assertQuorumRef("refs/heads/quorum/main", { defaultBranch: "quorum/main" })).toThrow(/default branch/);
  });

  it("X5 a workflow name that would escape the prefix cannot make a branch", () => {
    expect(() => quorumBranchName("../main", "0123456789")).toThrow(RefGuardError);
  });

  it("X5 ref writes go through the guard before any request", async () => {
    const octokit = new Octokit({ baseUrl: "https://api.github.com" });
    const repo = { owner: "acme", repo: "app" };
    await expect(createQuorumRef(octokit, repo, "main", "a".repeat(40), { defaultBranch: "main" })).rejects.toThrow(RefGuardError);
    await expect(updateQuorumRef(octokit, repo, "main", "a".repeat(40), { defaultBranch: "main", force: true })).rejects.toThrow(RefGuardError);
    await expect(createQuorumRef(octokit, repo, "quorum/main", "a".repeat(40), { defaultBranch: "quorum/main" })).rejects.toThrow(RefGuardError);
    // nock has no interceptors and net connect is off: any request would have failed differently.
    expect(nock.pendingMocks()).toEqual([]);
  });
});
