/**
 * `/workflow cancel <run-id>` for an approved free-form run in an Action-only setup (rule G7, G1):
 * its id names no Actions run, so the run is found again through the run index and its check runs
 * (the run's check run and its "Details" link), by the shared flow through the Action's host,
 * against the stateful fake GitHub API.
 */
import { describe, expect, it } from "vitest";
import { freeformMarker, runIndexMarker, type FreeformRecord } from "../../src/github/freeform/index.ts";
import { locateFromIssue } from "../../src/github/host/index.ts";
import type { ControlRequest } from "../../src/github/host/index.ts";
import { DEFAULT_ACTOR, useFakeGitHub } from "../support/fake-github/index.ts";
import { fakeClient, testActionHost } from "./helpers.ts";

const OWNER = "acme";
const REPO = "app";

describe("G7 G1 cancelling an approved free-form run of the Action", () => {
  const gh = useFakeGitHub();

  it("G7 G1 finds the run's Actions run through the proposal's record and cancels it; a finished one is a 409 asked once; other ids are not free-form", async () => {
    const fake = gh().createRepo({ owner: OWNER, repo: REPO });
    const octokit = fakeClient(gh());
    const repo = { owner: OWNER, repo: REPO, defaultBranch: fake.defaultBranch };
    const head = fake.branchSha(fake.defaultBranch);
    const issueNumber = gh().openIssue(OWNER, REPO, { title: "task" });
    const runId = "20260301-120000-freeform-aa11";
    gh().startWorkflowRun(OWNER, REPO, { id: 9100 });
    const { data: runCheck } = await octokit.rest.checks.create({
      owner: OWNER,
      repo: REPO,
      name: "quorum / freeform: admin-routes",
      head_sha: head,
      external_id: runId,
      status: "in_progress",
      details_url: `https://github.com/${OWNER}/${REPO}/actions/runs/9100`,
    });
    const record: FreeformRecord = {
      v: 1,
      runId,
      name: "admin-routes",
      blobSha: "b".repeat(40),
      state: "approved",
      requester: "wendy",
      issueNumber,
      isPullRequest: false,
      commentId: null,
      headSha: head,
      decidedBy: "wendy",
      runCheckRunId: runCheck.id,
    };
    const { data: proposal } = await octokit.rest.checks.create({
      owner: OWNER,
      repo: REPO,
      name: "quorum / freeform: admin-routes",
      head_sha: head,
      external_id: runId,
      status: "completed",
      conclusion: "action_required",
      output: { title: "Approved by @wendy: admin-routes", summary: "…", text: freeformMarker(record) },
    });
    await octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: issueNumber, body: `I wrote admin-routes.\n\n${runIndexMarker({ v: 1, runId, workflow: "freeform", checkRunId: proposal.id, headSha: head })}` });

    const { host } = testActionHost(octokit, repo, DEFAULT_ACTOR.login);
    const cancel = async (id: string | undefined) => {
      const request: ControlRequest = { action: "control", verb: "cancel", runId: id, replyTo: { issueNumber, comment: null }, sender: { login: "wendy" }, isPullRequest: false };
      return host.runs.cancel(request, await locateFromIssue(host, issueNumber, false, id));
    };

    expect(await cancel(runId)).toBe(`Cancelling run \`${runId}\` (Actions run 9100): it stops gracefully and keeps its journal; \`/workflow resume ${runId}\` continues it.`);
    expect(fake.workflowRuns.get(9100)).toMatchObject({ status: "completed", conclusion: "cancelled" });
    // The job has not closed its check run yet; cancelling again meets GitHub's 409, asked once.
    expect(await cancel(runId)).toMatch(/Actions run 9100 of `.+` has already finished/);
    expect(gh().requestsTo("actions/cancel-workflow-run").map((r) => r.status)).toEqual([202, 409]);
    // Not a run found on this issue: the Action cancels it by the Actions run its id names.
    expect(await cancel("gh-12-review")).toMatch(/Actions run 12/);
  });
});
