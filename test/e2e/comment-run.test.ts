/**
 * End-to-end: the bundled action run as a process, as the runner would, against the fake GitHub
 * API and the fake Messages API (issue 4, scenarios 1 and 3).
 */
import { afterEach, describe, expect, it } from "vitest";
import { examplePayload, runActionProcess, TEST_MODEL_KEY, TEST_TOKEN } from "./support/harness.ts";
import { auditModel, DEFAULT_BRANCH, OWNER, REPO } from "./support/fixtures.ts";
import { botComments, startWorld, type World } from "./support/world.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

function commentPayload(body: string, login: string): Record<string, unknown> {
  const payload = examplePayload("issue_comment", "created");
  const comment = payload.comment as Record<string, unknown>;
  comment.body = body;
  (comment.user as Record<string, unknown>).login = login;
  (payload.sender as Record<string, unknown>).login = login;
  return payload;
}

describe("e2e: /workflow comments on an issue", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it("P1 P2 P3 P4 P6 G1 G6 a writer's /workflow audit-auth: a check run per phase, neutral, two PRs; the same comment again opens none", async () => {
    world = await startWorld(auditModel());
    const issue = world.gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    expect(issue).toBe(1); // the example payload's issue number
    const payload = commentPayload("/workflow audit-auth", "Codertocat");
    const sha = world.repo.branchSha(DEFAULT_BRANCH);
    const common = { eventName: "issue_comment", payload, workspace: world.workspace, apiUrl: world.gh.url, anthropicUrl: world.model.url, sha };

    const first = await runActionProcess({ ...common, runId: "5001" });
    expect(first.code, first.stdout + first.stderr).toBe(0);

    // P1: one check run on the default branch's HEAD, updated as phases start, then completed.
    expect(world.repo.checkRuns).toHaveLength(1);
    const check = world.repo.checkRuns[0]!;
    expect(check.name).toBe("quorum / audit-auth");
    expect(check.headSha).toBe(sha);
    expect(check.externalId).toBe("gh-5001-audit-auth");
    const phasesSeen = check.history
      .map((h) => (h.output as { summary?: string } | undefined)?.summary ?? "")
      .flatMap((s) => [...s.matchAll(/phase \*\*(\w+)\*\*/g)].map((m) => m[1]));
    expect(new Set(phasesSeen)).toEqual(new Set(["Map", "Find", "Verify"]));
    // P2: ran and found something → neutral.
    expect(check.status).toBe("completed");
    expect(check.conclusion).toBe("neutral");
    expect(check.output?.title).toBe("2 findings");
    expect(check.output?.text).toContain("| Phase |");

    // P4: two findings with patches → two PRs from quorum/audit-auth/<fingerprint>, based on the default branch.
    expect(world.repo.pulls).toHaveLength(2);
    for (const pull of world.repo.pulls) {
      expect(pull.head.ref).toMatch(/^quorum\/audit-auth\/[0-9a-f]{10}$/);
      expect(pull.base.ref).toBe(DEFAULT_BRANCH);
      expect(pull.body).toMatch(/<!-- quorum:fingerprint=[0-9a-f]{64} -->/);
    }
    expect(world.repo.file(world.repo.pulls[0]!.head.ref, "src/admin.js") ?? world.repo.file(world.repo.pulls[1]!.head.ref, "src/admin.js")).toContain("requireAdmin");
    expect(world.repo.file(DEFAULT_BRANCH, "src/admin.js")).not.toContain("requireAdmin"); // X5: the default branch is untouched

    // P3: a reply linking the check run, then a summary reply.
    const replies = botComments(world, issue);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain("> `/workflow audit-auth");
    expect(replies[0]).toMatch(/\[check run\]\(https:\/\/github\.com\/Codertocat\/Hello-World\/runs\/\d+\)/);
    expect(replies[1]).toContain("audit-auth: 2 findings");
    expect(replies[1]).toMatch(/PR #\d+/);

    // P7: outputs and the job summary.
    expect(first.outputs).toMatchObject({ "run-id": "gh-5001-audit-auth", findings: "2" });
    expect(Number(first.outputs["cost-usd"])).toBeGreaterThan(0);
    expect(first.summary).toContain("# Quorum: audit-auth");
    expect(first.summary).toMatch(/## Findings \(2\)\n\n- \*\*\[high\]\*\* Route in src\/admin.js has no authentication — `src\/admin.js:4` — \[PR #\d+\]/);

    // X4: neither the token nor the model key was posted anywhere.
    const posted = JSON.stringify([world.repo.issueComments, world.repo.pulls, world.repo.checkRuns.map((c) => c.history)]);
    expect(posted).not.toContain(TEST_TOKEN);
    expect(posted).not.toContain(TEST_MODEL_KEY);

    // P6: the same comment again (a new Actions run) opens no new PR.
    const second = await runActionProcess({ ...common, runId: "5002" });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(world.repo.pulls).toHaveLength(2);
    expect(world.repo.checkRuns).toHaveLength(2);
    expect(world.repo.checkRuns[1]?.conclusion).toBe("neutral");
    expect(botComments(world, issue)[3]).toContain("already published");
    expect(world.gh.violations).toEqual([]);
  });

  it("G5 a read-only user's comment gets a refusal reply; no check run, no model call", async () => {
    world = await startWorld(auditModel());
    world.gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    world.gh.setRole(OWNER, REPO, "rita", "read");
    const payload = commentPayload("/workflow audit-auth", "rita");
    const result = await runActionProcess({
      eventName: "issue_comment",
      payload,
      workspace: world.workspace,
      apiUrl: world.gh.url,
      anthropicUrl: world.model.url,
      sha: world.repo.branchSha(DEFAULT_BRANCH),
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const replies = botComments(world, 1);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/@rita has read access to Codertocat\/Hello-World; running workflows needs write, maintain or admin/);
    expect(world.repo.checkRuns).toHaveLength(0);
    expect(world.repo.pulls).toHaveLength(0);
    expect(world.model.requests).toHaveLength(0);
    expect(result.outputs.findings).toBe("0");
    expect(world.gh.violations).toEqual([]);
  });
});
