/**
 * The last steps of a GitHub run (rule P2) for a run that never started: it ends as every run does,
 * with a `run.finished` event the check-run reporter reduces, against the stateful fake GitHub API.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type QuorumConfig } from "../../src/github/config.ts";
import { WorkflowCatalog } from "../../src/github/run/catalog.ts";
import { concludeOnGitHub } from "../../src/github/run/run-conclude.ts";
import { reporterFor, type GitHubRunEnvironment, type StartedRun } from "../../src/github/run/run-on-github.ts";
import { useFakeGitHub } from "../support/fake-github/index.ts";
import { fakeClient } from "./helpers.ts";

describe("P2 a run refused before it started", () => {
  const gh = useFakeGitHub();

  it("P2 ends with a run.finished event: the check run fails with the reason, nothing is published, the result says not started", async () => {
    const fake = gh().createRepo({ owner: "acme", repo: "refused" });
    const octokit = fakeClient(gh());
    const repo = { owner: "acme", repo: "refused", defaultBranch: fake.defaultBranch };
    const commit = fake.branchSha(fake.defaultBranch);
    const env: GitHubRunEnvironment = {
      octokit,
      repo,
      config: structuredClone(DEFAULT_CONFIG) as QuorumConfig,
      catalog: new WorkflowCatalog(octokit, repo),
      checkout: mkdtempSync(join(tmpdir(), "quorum-refused-")),
      runner: null,
      actionsRunId: "5",
      store: null,
      secrets: [],
      log: { info: () => {}, warn: () => {} },
    };
    const runId = "gh-5-review";
    const reporter = reporterFor(env, { runId, workflow: "review", commit, freeform: false });
    await reporter.start();
    const request = { source: "schedule" as const, workflow: "review", args: undefined, sender: null, pullRequest: null, replyTo: null };
    const started: StartedRun = { request, runId, workflow: "review", script: null, resumed: false, freeform: false, commit, pull: null, reporter };
    const refusal = "The run job left no hand-off; nothing was published.";

    const result = await concludeOnGitHub(env, started, { status: null, refusal, notes: [], metaMode: undefined });

    expect(reporter.state).toMatchObject({ runId, workflow: "review", status: "failed", error: refusal });
    expect(reporter.state.finishedAt).not.toBeNull();
    expect(result).toMatchObject({ runId, status: "failed", conclusion: "failure", findings: 0, published: [] });
    const [checkRun] = fake.checkRuns;
    expect(checkRun).toMatchObject({ status: "completed", conclusion: "failure", externalId: runId });
    expect(`${checkRun?.output?.summary ?? ""}${checkRun?.output?.text ?? ""}`).toContain(refusal);
    expect(gh().requestsTo("pulls/create")).toEqual([]);
  });
});
