/** Where findings go, per publish mode (rule P4, P5, P6), against the fake GitHub server. */
import { createTwoFilesPatch } from "diff";
import { describe, expect, it } from "vitest";
import { normalizeFindings } from "../../src/github/finding.ts";
import { effectivePublishMode, publishFindings } from "../../src/github/run/publish-findings.ts";
import { useFakeGitHub } from "../support/fake-github/index.ts";
import { fakeClient } from "../github/helpers.ts";

const A = "export function a() {\n  return 1;\n}\n";
const B = "export function b() {\n  return 2;\n}\n";

function findings(extra: Record<string, unknown>[] = []) {
  return normalizeFindings({
    findings: [
      { title: "a returns the wrong value", severity: "high", body: "a() must return 0", location: { path: "src/a.ts", line: 2 }, patch: createTwoFilesPatch("a/src/a.ts", "b/src/a.ts", A, A.replace("return 1", "return 0")) },
      { title: "b is undocumented", severity: "low", body: "add a comment", location: { path: "src/b.ts", line: 1 } },
      ...extra,
    ],
  }).findings;
}

describe("P4 P5 publishing by mode", () => {
  const gh = useFakeGitHub();

  const ctx = (repo: string) => ({ owner: "acme", repo, defaultBranch: "main", workflow: "audit", runId: "gh-1-audit", secrets: [] });

  it("P4 the config's mode wins unless it is auto; then the script's; then auto", () => {
    expect(effectivePublishMode("none", "pull-request")).toBe("none");
    expect(effectivePublishMode("auto", "review")).toBe("review");
    expect(effectivePublishMode("auto", undefined)).toBe("auto");
  });

  it("P4 auto mode on an issue: a patch becomes a PR, the rest is listed; a patch that does not apply is reported, the others still publish", async () => {
    gh().createRepo({ owner: "acme", repo: "auto", files: { "src/a.ts": A, "src/b.ts": B } });
    const octokit = fakeClient(gh());
    const stale = { title: "stale patch", severity: "medium", body: "x", patch: createTwoFilesPatch("a/src/b.ts", "b/src/b.ts", "something else\n", "other\n") };
    const out = await publishFindings({ octokit, context: ctx("auto"), mode: "auto", pullRequest: null, findings: findings([stale]) });
    expect(out.map((p) => p.destination)).toEqual(["pull-request", "listed", "failed"]);
    expect(out[0]).toMatchObject({ state: "created", number: 1, url: expect.stringContaining("/pull/1") });
    expect(out[1]?.reason).toBe("no patch and no pull request to comment on");
    expect(out[2]?.reason).toMatch(/does not apply/);
    // P6: again → the same PR, nothing new.
    const again = await publishFindings({ octokit, context: ctx("auto"), mode: "auto", pullRequest: null, findings: findings() });
    expect(again[0]).toMatchObject({ destination: "pull-request", state: "existing", number: 1 });
    expect(gh().repo("acme", "auto").pulls).toHaveLength(1);
  });

  it("P5 auto mode on a PR: inside the diff → review comment (even with a patch), outside → review body; one review", async () => {
    gh().createRepo({ owner: "acme", repo: "pr", files: { "src/a.ts": A, "src/b.ts": B } });
    const pull = gh().openPullRequest("acme", "pr", { head: "change", files: { "src/a.ts": A.replace("return 1", "return 10") } });
    const octokit = fakeClient(gh());
    const out = await publishFindings({ octokit, context: ctx("pr"), mode: "auto", pullRequest: { number: pull.number, headSha: pull.head.sha }, findings: findings() });
    expect(out.map((p) => p.destination)).toEqual(["review-comment", "review-body"]);
    const repo = gh().repo("acme", "pr");
    expect(repo.reviews).toHaveLength(1);
    expect(repo.pulls).toHaveLength(1);
  });

  it("P4 none, comment and review-without-a-PR publish nothing and say why", async () => {
    gh().createRepo({ owner: "acme", repo: "quiet", files: { "src/a.ts": A } });
    const octokit = fakeClient(gh());
    const before = gh().requests.length;
    for (const [mode, reason] of [["none", /publish mode none/], ["comment", /summary comment/], ["review", /needs a pull request/]] as const) {
      const out = await publishFindings({ octokit, context: ctx("quiet"), mode, pullRequest: null, findings: findings() });
      expect(out.every((p) => p.destination === "listed" && reason.test(p.reason ?? ""))).toBe(true);
    }
    expect(gh().requests.length).toBe(before);
  });
});
