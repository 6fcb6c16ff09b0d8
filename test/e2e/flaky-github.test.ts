/**
 * End-to-end: 502s and secondary rate limits injected on the calls that write (issue 4,
 * scenario 4). Every finding is published exactly once (rule P6, P8).
 */
import { afterEach, describe, expect, it } from "vitest";
import { examplePayload, runActionProcess } from "./support/harness.ts";
import { auditModel, DEFAULT_BRANCH, OWNER, REPO } from "./support/fixtures.ts";
import { botComments, startWorld, type World } from "./support/world.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

describe("e2e: an unreliable GitHub", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it("P8 P6 502s and secondary rate limits on every kind of write: each finding published exactly once", async () => {
    world = await startWorld(auditModel({ latencyMs: 50 }));
    world.gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    const gh = world.gh;
    gh.failNext("repos/get-collaborator-permission-level", { kind: "server-error", status: 502 });
    gh.failNext("repos/get-content", { kind: "secondary-rate-limit", retryAfter: 1 });
    gh.failNext("checks/create", { kind: "server-error", status: 502 });
    gh.failNext("checks/update", { kind: "secondary-rate-limit", retryAfter: 1 }, { times: 2 });
    gh.failNext("issues/create-comment", { kind: "server-error", status: 502 });
    gh.failNext("pulls/list", { kind: "server-error", status: 503 });
    gh.failNext("git/create-tree", { kind: "server-error", status: 502 });
    gh.failNext("git/create-tree", { kind: "secondary-rate-limit", retryAfter: 1 });
    gh.failNext("git/create-commit", { kind: "secondary-rate-limit", retryAfter: 1 });
    gh.failNext("git/create-ref", { kind: "server-error", status: 502 }, { times: 2 });
    gh.failNext("pulls/create", { kind: "secondary-rate-limit", retryAfter: 1 });
    gh.failNext("pulls/create", { kind: "server-error", status: 502 });

    const payload = examplePayload("issue_comment", "created");
    (payload.comment as Record<string, unknown>).body = "/workflow audit-auth";
    const result = await runActionProcess({
      eventName: "issue_comment",
      payload,
      workspace: world.workspace,
      apiUrl: world.gh.url,
      anthropicUrl: world.model.url,
      sha: world.repo.branchSha(DEFAULT_BRANCH),
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);

    const injected = gh.requests.filter((r) => r.status === 502 || r.status === 503 || r.status === 403);
    expect(injected.length).toBeGreaterThanOrEqual(14);
    expect(world.repo.pulls).toHaveLength(2);
    expect(new Set(world.repo.pulls.map((p) => p.head.ref)).size).toBe(2);
    expect([...world.repo.refs.keys()].filter((r) => r.startsWith("refs/heads/quorum/"))).toHaveLength(2);
    expect(world.repo.checkRuns).toHaveLength(1);
    expect(world.repo.checkRuns[0]?.conclusion).toBe("neutral");
    expect(botComments(world, 1)).toHaveLength(2);
    expect(result.outputs.findings).toBe("2");
    expect(world.gh.violations).toEqual([]);
  });

  it("P8 check-run updates that keep failing never fail the run: findings are still published and the job succeeds", async () => {
    world = await startWorld(auditModel({ latencyMs: 50 }));
    world.gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    world.gh.failNext("checks/update", { kind: "status", status: 500, message: "check runs are down" }, { times: 1000 });
    const payload = examplePayload("issue_comment", "created");
    (payload.comment as Record<string, unknown>).body = "/workflow audit-auth";
    const result = await runActionProcess({
      eventName: "issue_comment",
      payload,
      workspace: world.workspace,
      apiUrl: world.gh.url,
      anthropicUrl: world.model.url,
      sha: world.repo.branchSha(DEFAULT_BRANCH),
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/::warning::Could not update the check run "quorum \/ audit-auth" \(500/);
    expect(world.repo.pulls).toHaveLength(2);
    expect(result.outputs.findings).toBe("2");
    expect(botComments(world, 1)[1]).toContain("audit-auth: 2 findings");
    expect(world.gh.violations).toEqual([]);
  });
});
