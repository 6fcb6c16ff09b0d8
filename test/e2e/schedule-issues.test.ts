/**
 * End-to-end: a scheduled run has no issue or PR to answer on, so its findings without a proven
 * patch become issues — one per fingerprint, labelled `quorum`; a later run that finds them again
 * updates them instead of opening more (rule P6).
 */
import { afterEach, describe, expect, it } from "vitest";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";
import { runActionProcess } from "./support/harness.ts";
import { AUDIT_AUTH_SCRIPT, auditModel, DEFAULT_BRANCH, repoFiles } from "./support/fixtures.ts";
import { startWorld, type World } from "./support/world.ts";

/** The audit-auth double, with no fix: every confirmed hole is a finding without a patch. */
const NO_PATCH_SCRIPT = AUDIT_AUTH_SCRIPT.replace("patch: s.patch, votes", "votes");

function files(config: string): Record<string, string> {
  return { ...repoFiles(), ".github/quorum/workflows/audit-auth.js": NO_PATCH_SCRIPT, ".github/quorum.yml": config };
}

describe("e2e: findings of a scheduled run become issues", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  const run = (w: World, runId: string) =>
    runActionProcess({ eventName: "schedule", payload: { schedule: "17 3 * * *" }, workspace: w.workspace, apiUrl: w.gh.url, anthropicUrl: w.model.url, runId, sha: w.repo.branchSha(DEFAULT_BRANCH) });

  it("P6 a schedule run opens one labelled issue per finding; the next run updates them, never duplicates them", async () => {
    expect(NO_PATCH_SCRIPT).not.toContain("patch: s.patch, votes");
    const tree = files("workflows:\n  schedule: [audit-auth]\n");
    world = await startWorld(auditModel({ latencyMs: 10 }), { repoFiles: tree, workspaceFiles: tree });

    const first = await run(world, "7001");
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const issues = () => [...world!.repo.issues.values()].filter((i) => !i.isPull);
    expect(issues()).toHaveLength(2);
    for (const issue of issues()) {
      expect(issue.labels).toEqual(["quorum"]);
      expect(issue.state).toBe("open");
      expect(issue.title).toMatch(/^\[quorum\/audit-auth\] Route in src\/(admin|users)\.js has no authentication$/);
      expect(issue.body).toMatch(/<!-- quorum:fingerprint=[0-9a-f]{16,64} -->/);
      expect(issue.body).toContain("gh-7001-audit-auth");
    }
    expect(world.repo.pulls).toHaveLength(0);
    expect(world.repo.checkRuns[0]?.conclusion).toBe("neutral");
    expect(first.outputs.findings).toBe("2");

    const second = await run(world, "7002");
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(issues()).toHaveLength(2);
    for (const issue of issues()) expect(issue.body).toContain("gh-7002-audit-auth");
    expect(second.summary).toMatch(/\[issue #\d+\]\([^)]+\) \(already open; updated\)/);
    expect(world.gh.violations).toEqual([]);
  });

  it("P6 a closed issue is not reopened by a later run; publish.issues: false lists the findings instead", async () => {
    const tree = files("workflows:\n  schedule: [audit-auth]\n");
    world = await startWorld(auditModel({ latencyMs: 10 }), { repoFiles: tree, workspaceFiles: tree });
    expect((await run(world, "7101")).code).toBe(0);
    const [closed] = [...world.repo.issues.values()];
    closed!.state = "closed";
    const again = await run(world, "7102");
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect([...world.repo.issues.values()]).toHaveLength(2);
    expect(closed!.state).toBe("closed");
    expect(closed!.body).toContain("gh-7101-audit-auth");
    expect(again.summary).toContain("its issue is closed; not reopened (publish.reopenClosedIssues is false)");
    await world.stop();

    const off = files("workflows:\n  schedule: [audit-auth]\npublish:\n  issues: false\n");
    world = await startWorld(auditModel({ latencyMs: 10 }), { repoFiles: off, workspaceFiles: off });
    const listed = await run(world, "7201");
    expect(listed.code, listed.stdout + listed.stderr).toBe(0);
    expect([...world.repo.issues.values()]).toHaveLength(0);
    expect(listed.summary).toContain("no patch and no pull request to comment on");
    expect(world.gh.violations).toEqual([]);
  });
});
