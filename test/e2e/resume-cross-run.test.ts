/**
 * End-to-end across workflow runs (rule J5, G1): `/workflow cancel <id>` in one workflow run
 * cancels another through the REST API (the runner then stops that job with SIGINT, and it saves
 * its journal as an artifact); `/workflow resume <id>` in a later workflow run (another
 * GITHUB_RUN_ID) finds that artifact through the REST API (`@actions/artifact` with `findBy`:
 * list the run's artifacts, download through a 302 to blob storage), restores it and resumes,
 * paying only for the agents that had not finished.
 *
 * Two fakes hold artifacts, as on GitHub: the runner's artifact service (Twirp, what a job uploads
 * to) and the REST API (what another workflow run reads). {@link showOnRestApi} copies the first
 * run's live artifacts to the second, which is what GitHub does once they are finalized.
 */
import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { lastUserText } from "../support/fake-anthropic.ts";
import { cloneCheckout, examplePayload, runActionProcess } from "./support/harness.ts";
import { FakeResults } from "./support/fake-results.ts";
import { auditModel, DEFAULT_BRANCH, OWNER, REPO } from "./support/fixtures.ts";
import { botComments, startWorld, type World } from "./support/world.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

const RUN_ID = "gh-7001-audit-auth";

function comment(body: string): Record<string, unknown> {
  const payload = examplePayload("issue_comment", "created");
  (payload.comment as Record<string, unknown>).body = body;
  return payload;
}

/** The workflow run's finalized artifacts, as the REST API lists them. */
function showOnRestApi(world: World, results: FakeResults, workflowRunId: number, backendId: string): void {
  for (const a of results.live()) {
    if (a.runBackendId === backendId && a.content) world.gh.addArtifact(OWNER, REPO, { workflowRunId, name: a.name, content: a.content });
  }
}

describe("e2e: cancel and resume across workflow runs", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  let world: World | undefined;
  let results: FakeResults | undefined;
  afterEach(async () => {
    await world?.stop();
    await results?.stop();
    world = undefined;
    results = undefined;
  });

  it("J5 G1 /workflow cancel stops a run in another workflow run; /workflow resume in a later one restores its artifact through the REST API and pays only for unfinished agents", async () => {
    world = await startWorld(auditModel({ latencyMs: 20, verifyDelayMs: 30_000 }));
    results = new FakeResults();
    await results.start();
    const gh = world.gh;
    gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    const model = world.model;
    const prompts = () => model.requests.map((r) => lastUserText(r.body));
    const sha = world.repo.branchSha(DEFAULT_BRANCH);
    const common = { eventName: "issue_comment", apiUrl: gh.url, anthropicUrl: model.url, sha };
    const artifactEnv = (run: string) => ({ ACTIONS_RESULTS_URL: `${results!.url}/`, ACTIONS_RUNTIME_TOKEN: FakeResults.runtimeToken(run, "job-1") });

    // Workflow run 7001: audit-auth. When it is cancelled, the runner sends its job SIGINT.
    let job1Child: ChildProcess | undefined;
    const run7001 = gh.startWorkflowRun(OWNER, REPO, { id: 7001, onCancel: () => job1Child?.kill("SIGINT") });
    let cancelJob: ReturnType<typeof runActionProcess> | undefined;
    const job1 = await runActionProcess({
      ...common,
      payload: comment("/workflow audit-auth"),
      workspace: world.workspace,
      runId: "7001",
      env: artifactEnv("run-7001"),
      onSpawn: (child) => {
        job1Child = child;
        const poll = setInterval(() => {
          // The skeptics are thinking (their answers would take 30 s): a maintainer cancels the run.
          if (!prompts().some((p) => p.includes("VERIFY:"))) return;
          clearInterval(poll);
          gh.startWorkflowRun(OWNER, REPO, { id: 7002 });
          cancelJob = cloneCheckout(world!.workspace).then((workspace) =>
            runActionProcess({ ...common, payload: comment(`/workflow cancel ${RUN_ID}`), workspace, runId: "7002", env: artifactEnv("run-7002") }),
          );
        }, 20);
        child.on("close", () => clearInterval(poll));
      },
    });
    const cancel = await cancelJob;
    expect(cancel?.code, `${cancel?.stdout}${cancel?.stderr}`).toBe(0);
    expect(botComments(world, 1).some((c) => c.includes(`Cancelling run \`${RUN_ID}\` (Actions run 7001)`))).toBe(true);
    expect(gh.requestsTo("actions/cancel-workflow-run").map((r) => [r.params.run_id, r.status])).toEqual([["7001", 202]]);
    expect(run7001).toMatchObject({ status: "completed", conclusion: "cancelled" });

    // The cancelled job: check run cancelled, nothing published, the journal saved in its workflow run.
    expect(job1.code, job1.stdout + job1.stderr).toBe(1);
    expect(world.repo.checkRuns[0]?.conclusion).toBe("cancelled");
    expect(world.repo.pulls).toHaveLength(0);
    expect(results.live().filter((a) => a.runBackendId === "run-7001").map((a) => a.name)).toEqual([expect.stringMatching(/^quorum-run-gh-7001-audit-auth-a1-\d+$/)]);
    const callsBefore = prompts().length;
    expect(prompts().filter((p) => p.includes("MAP:") || p.includes("FIND:"))).toHaveLength(3);

    // Workflow run 7003, a day later: /workflow resume, from a fresh checkout of the same commit.
    showOnRestApi(world, results, 7001, "run-7001");
    model.handle(auditModel({ latencyMs: 20 }));
    const job3 = await runActionProcess({
      ...common,
      payload: comment(`/workflow resume ${RUN_ID}`),
      workspace: await cloneCheckout(world.workspace),
      runId: "7003",
      env: artifactEnv("run-7003"),
    });
    expect(job3.code, job3.stdout + job3.stderr).toBe(0);
    // Found through the REST API (the newest copy in the repository: a run resumed before elsewhere
    // has a newer journal than the workflow run its id names), downloaded through the redirect.
    expect(gh.requestsTo("actions/list-artifacts-for-repo")).toHaveLength(1);
    expect(gh.requestsTo("actions/list-workflow-run-artifacts")).toEqual([]);
    expect(gh.requestsTo("actions/download-artifact").map((r) => r.status)).toEqual([302]);
    expect(gh.blobDownloads.map((d) => d.status)).toEqual([200]);
    // Only the skeptics that had not answered ran again.
    const job3Prompts = prompts().slice(callsBefore);
    expect(job3Prompts.filter((p) => p.includes("MAP:") || p.includes("FIND:"))).toEqual([]);
    expect(job3Prompts.filter((p) => p.includes("VERIFY:"))).toHaveLength(2);
    expect(world.repo.pulls).toHaveLength(2);
    // The checkout holds the base tree: the patched files were read from it, not fetched (issue 4's budget).
    expect(gh.requestsTo("git/get-blob")).toEqual([]);
    const resumedCheck = world.repo.checkRuns.at(-1);
    expect(resumedCheck?.conclusion).toBe("neutral");
    expect(resumedCheck?.output?.summary).toContain("(resumed)");
    expect(job3.outputs["run-id"]).toBe(RUN_ID);
    // The resumed run is saved in the workflow run that resumed it.
    expect(results.live().filter((a) => a.runBackendId === "run-7003").map((a) => a.name)).toEqual([expect.stringMatching(/^quorum-run-gh-7001-audit-auth-a1-\d+$/)]);
    expect(gh.violations).toEqual([]);
  });

  it("J5 G1 resuming a run whose workflow run has no saved artifact says so and starts nothing; cancelling a finished run says why", async () => {
    world = await startWorld(auditModel({ latencyMs: 20 }));
    results = new FakeResults();
    await results.start();
    const gh = world.gh;
    gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    gh.startWorkflowRun(OWNER, REPO, { id: 7001, status: "completed", conclusion: "success" });
    const common = { eventName: "issue_comment", apiUrl: gh.url, anthropicUrl: world.model.url, sha: world.repo.branchSha(DEFAULT_BRANCH) };
    const env = { ACTIONS_RESULTS_URL: `${results.url}/`, ACTIONS_RUNTIME_TOKEN: FakeResults.runtimeToken("run-7003", "job-1") };

    const resume = await runActionProcess({ ...common, payload: comment(`/workflow resume ${RUN_ID}`), workspace: world.workspace, runId: "7003", env });
    expect(resume.code, resume.stdout + resume.stderr).toBe(0);
    expect(botComments(world, 1).at(-1)).toContain(`No saved run \`${RUN_ID}\``);
    expect(world.repo.checkRuns).toHaveLength(0);
    expect(world.model.requests).toHaveLength(0);

    const cancel = await runActionProcess({ ...common, payload: comment(`/workflow cancel ${RUN_ID}`), workspace: world.workspace, runId: "7004", env });
    expect(cancel.code, cancel.stdout + cancel.stderr).toBe(0);
    // GitHub answers 409 for a completed run; a conflict is final, so it is asked once.
    expect(gh.requestsTo("actions/cancel-workflow-run").map((r) => r.status)).toEqual([409]);
    expect(botComments(world, 1).at(-1)).toContain("Could not cancel Actions run 7001");
    expect(gh.violations).toEqual([]);
  });
});
