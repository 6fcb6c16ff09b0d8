/**
 * End-to-end: a job cancelled mid-run (SIGTERM) saves its run directory as an artifact; the
 * re-run of the job (same workflow run, next attempt, fresh checkout) restores it and resumes from
 * the journal, paying only for the agents that had not finished (rule J5, J2).
 */
import { afterEach, describe, expect, it } from "vitest";
import { lastUserText } from "../support/fake-anthropic.ts";
import { cloneCheckout, examplePayload, runActionProcess } from "./support/harness.ts";
import { FakeResults } from "./support/fake-results.ts";
import { auditModel, DEFAULT_BRANCH, OWNER, REPO } from "./support/fixtures.ts";
import { startWorld, type World } from "./support/world.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

describe("e2e: resume across jobs", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  let world: World | undefined;
  let results: FakeResults | undefined;
  afterEach(async () => {
    await world?.stop();
    await results?.stop();
    world = undefined;
    results = undefined;
  });

  it("J5 a cancelled job saves the journal; the re-run resumes it and calls the model only for unfinished agents", async () => {
    world = await startWorld(auditModel({ latencyMs: 20, verifyDelayMs: 30_000 }));
    results = new FakeResults();
    await results.start();
    world.gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    const payload = examplePayload("issue_comment", "created");
    (payload.comment as Record<string, unknown>).body = "/workflow audit-auth";
    const common = {
      eventName: "issue_comment",
      payload,
      apiUrl: world.gh.url,
      anthropicUrl: world.model.url,
      sha: world.repo.branchSha(DEFAULT_BRANCH),
      runId: "7001",
    };
    const artifactEnv = (job: string) => ({ ACTIONS_RESULTS_URL: `${results!.url}/`, ACTIONS_RUNTIME_TOKEN: FakeResults.runtimeToken("run-7001", job) });
    const model = world.model;
    const prompts = () => model.requests.map((r) => lastUserText(r.body));

    // Job 1: cancelled while the skeptics are thinking (their answers would take 30 s).
    const first = await runActionProcess({
      ...common,
      workspace: world.workspace,
      env: artifactEnv("job-1"),
      onSpawn: (child) => {
        const poll = setInterval(() => {
          // The first skeptic is on the wire (its siblings wait for it to warm the prompt cache).
          if (prompts().some((p) => p.includes("VERIFY:"))) {
            clearInterval(poll);
            child.kill("SIGTERM");
          }
        }, 20);
        child.on("close", () => clearInterval(poll));
      },
    });
    expect(first.code, first.stdout + first.stderr).toBe(1);
    expect(world.repo.checkRuns[0]?.conclusion).toBe("cancelled");
    expect(world.repo.pulls).toHaveLength(0);
    expect(results.live().map((a) => a.name)).toEqual([expect.stringMatching(/^quorum-run-gh-7001-audit-auth-a1-\d+$/)]);
    const callsInJob1 = prompts().length;
    expect(prompts().filter((p) => p.includes("MAP:") || p.includes("FIND:"))).toHaveLength(3);

    // Job 2: "Re-run failed jobs" — same workflow run, attempt 2, a fresh checkout of the same commit.
    model.handle(auditModel({ latencyMs: 20 }));
    const second = await runActionProcess({ ...common, workspace: await cloneCheckout(world.workspace), runAttempt: 2, env: artifactEnv("job-2") });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const job2 = prompts().slice(callsInJob1);
    expect(job2.filter((p) => p.includes("MAP:") || p.includes("FIND:"))).toEqual([]);
    expect(job2.filter((p) => p.includes("VERIFY:"))).toHaveLength(2);
    expect(world.repo.pulls).toHaveLength(2);
    expect(world.repo.checkRuns[1]?.conclusion).toBe("neutral");
    expect(world.repo.checkRuns[1]?.output?.summary).toContain("(resumed)");
    expect(second.outputs["run-id"]).toBe("gh-7001-audit-auth");
    expect(results.live().map((a) => a.name)).toContain("quorum-run-gh-7001-audit-auth-a2-1");
    expect(world.gh.violations).toEqual([]);
  });
});
