/**
 * End-to-end: staged mode (rule P9) and per-run output caps (rule P10), through the bundled Action
 * against the fake GitHub API and the fake Messages API.
 */
import { afterEach, describe, expect, it } from "vitest";
import { examplePayload, runActionProcess } from "./support/harness.ts";
import { auditModel, CONFIG_YML, DEFAULT_BRANCH, OWNER, REPO } from "./support/fixtures.ts";
import { startWorld, type World } from "./support/world.ts";

function commentPayload(body: string): Record<string, unknown> {
  const payload = examplePayload("issue_comment", "created");
  (payload.comment as Record<string, unknown>).body = body;
  return payload;
}

async function auditRun(world: World, config: string, runId: string) {
  world.repo.commit(DEFAULT_BRANCH, { ".github/quorum.yml": `${CONFIG_YML}${config}` }, "configure publishing");
  world.gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
  const run = await runActionProcess({
    eventName: "issue_comment",
    payload: commentPayload("/workflow audit-auth"),
    workspace: world.workspace,
    apiUrl: world.gh.url,
    anthropicUrl: world.model.url,
    sha: world.repo.branchSha(DEFAULT_BRANCH),
    runId,
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return run;
}

// Each scenario runs the bundled Action as a process; on a loaded machine that takes a while.
describe("e2e: staged mode and output caps", { timeout: 240_000 }, () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it("P9 publish.mode staged: the whole run happens, GitHub gets no write but the check run, which (and the job summary) shows each PR that would be opened", async () => {
    world = await startWorld(auditModel({ latencyMs: 20 }));
    const run = await auditRun(world, "publish:\n  mode: staged\n", "9101");

    // The run happened: every agent ran.
    expect(world.model.requests.length).toBeGreaterThanOrEqual(5);
    // Nothing but check runs was written.
    const writes = world.gh.requests.filter((r) => r.method !== "GET");
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((r) => !/\/check-runs(\/\d+)?$/.test(r.path)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(world.repo.pulls).toHaveLength(0);
    expect(world.repo.issueComments).toHaveLength(0);
    expect([...world.repo.refs.keys()]).toEqual([`refs/heads/${DEFAULT_BRANCH}`]);

    const check = world.repo.checkRuns[0]!;
    expect(check.conclusion).toBe("neutral");
    const summary = check.output?.summary ?? "";
    expect(summary).toContain("Staged: nothing was published (2 items would be)");
    for (const path of ["src/admin.js", "src/users.js"]) {
      expect(summary).toContain(`**Pull request** [quorum/audit-auth] Route in ${path} has no authentication`);
      expect(summary).toContain(`files: \`${path}\``);
    }
    expect(summary).toMatch(/branch `quorum\/audit-auth\/[0-9a-f]{10}`/);
    expect(summary).toMatch(/would open a PR from `quorum\/audit-auth\/[0-9a-f]{10}`/);
    expect(summary).toContain("> **Severity:** high");
    expect(run.summary).toContain("## Staged: nothing was published (2 items would be)");
    expect(run.summary).toContain("Route in src/users.js has no authentication");
    expect(run.outputs.findings).toBe("2");
    expect(world.gh.violations).toEqual([]);
  });

  it("P10 L5 publish.maxPullRequests 1: one PR opens, the other finding is listed in the check run and the summaries with the cap that stopped it", async () => {
    world = await startWorld(auditModel({ latencyMs: 20 }));
    const run = await auditRun(world, "publish:\n  maxPullRequests: 1\n", "9102");
    expect(world.repo.pulls).toHaveLength(1);
    const reason = "over the cap of 1 pull request per run (`publish.maxPullRequests`)";
    expect(world.repo.checkRuns[0]?.output?.summary).toContain(reason);
    expect(run.summary).toContain(reason);
    const reply = world.repo.issueComments.at(-1)?.body ?? "";
    expect(reply).toContain(reason);
    expect(world.gh.violations).toEqual([]);
  });
});
