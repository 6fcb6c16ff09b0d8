import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUTTON_IDS } from "../../src/github/app-buttons.ts";
import { decodeDispatch, type DispatchInputs } from "../../src/github/dispatch.ts";
import { readRunIndex, runIndexMarker } from "../../src/github/freeform/index.ts";
import {
  API,
  buttonPayload,
  capture,
  checkRunJson,
  commentPayload,
  config,
  defaultHead,
  deliver,
  example,
  github,
  HEAD,
  isolateNetwork,
  makeProbot,
  noConfig,
  noRepoWorkflows,
  OWNER,
  ownComment,
  permission,
  REPO_PATH,
} from "./support/probot.ts";

type Json = Record<string, unknown>;

beforeEach(() => {
  isolateNetwork();
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  expect(pending).toEqual([]);
});

const DISPATCH = `${REPO_PATH}/actions/workflows/quorum.yml/dispatches`;
const inputsOf = (body: Json) => decodeDispatch((name) => (body.inputs as DispatchInputs & Record<string, string>)[name] ?? "");

/** Mocks what starting a run costs after the decision: check run, dispatch, details, reply. */
function startMocks(scope: nock.Scope, calls: { checks: Json[]; dispatches: Json[]; updates: Json[]; replies: Json[] }, checkRunId = 42, issue = 1): nock.Scope {
  return scope
    .post(`${REPO_PATH}/check-runs`, capture("POST", `${REPO_PATH}/check-runs`, calls.checks))
    .reply(201, checkRunJson({ id: checkRunId }))
    .post(DISPATCH, capture("POST", DISPATCH, calls.dispatches))
    .reply(200, { workflow_run_id: 9001, run_url: `${API}${REPO_PATH}/actions/runs/9001`, html_url: `https://github.com/${OWNER}/Hello-World/actions/runs/9001` })
    .patch(`${REPO_PATH}/check-runs/${checkRunId}`, capture("PATCH", `${REPO_PATH}/check-runs/${checkRunId}`, calls.updates))
    .reply(200, checkRunJson({ id: checkRunId }))
    .post(`${REPO_PATH}/issues/${issue}/comments`, capture("POST", `${REPO_PATH}/issues/${issue}/comments`, calls.replies))
    .reply(201, { id: 555, html_url: "https://github.com/Codertocat/Hello-World/issues/1#issuecomment-555" });
}

const newCalls = () => ({ checks: [] as Json[], dispatches: [] as Json[], updates: [] as Json[], replies: [] as Json[] });

describe("P1 P3 comment → check run + dispatch + reply", () => {
  it("P1 P3 a /workflow comment from a writer creates the check run with the App's token, dispatches the Action with the contract's inputs, records the Actions run and replies with a link", async () => {
    const calls = newCalls();
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "write");
    noRepoWorkflows(scope);
    defaultHead(scope);
    startMocks(scope, calls);
    const probot = await makeProbot();
    const payload = commentPayload("/workflow audit-auth paths='[\"src\"]' fix=false", { commentId: 2024 });
    await deliver(probot, "issue_comment", payload);

    const check = calls.checks[0]!;
    expect(check).toMatchObject({ name: "quorum / audit-auth", head_sha: HEAD, status: "queued", actions: [{ label: "Cancel", identifier: BUTTON_IDS.cancel }] });
    const runId = check.external_id as string;
    expect(runId).toMatch(/^20260301-120000-audit-auth-[0-9a-f]{4}$/);

    const dispatch = calls.dispatches[0]!;
    expect(dispatch).toMatchObject({ ref: "master", return_run_details: true });
    expect(inputsOf(dispatch)).toEqual({
      workflow: "audit-auth",
      args: { paths: '["src"]', fix: false },
      runId,
      checkRunId: 42,
      trigger: { event: "issue_comment", sender: OWNER, number: 1, isPullRequest: false, commentId: 2024, headSha: HEAD },
    });
    expect(calls.updates[0]).toEqual({ details_url: "https://github.com/Codertocat/Hello-World/actions/runs/9001" });

    const reply = calls.replies[0]!.body as string;
    expect(reply).toContain("> `/workflow audit-auth");
    expect(reply).toContain(`Started **audit-auth** (run \`${runId}\`). Progress: [check run](https://github.com/Codertocat/Hello-World/runs/42)`);
    expect(readRunIndex(reply)).toEqual([{ v: 1, runId, workflow: "audit-auth", checkRunId: 42, headSha: HEAD }]);
  });

  it("P1 a quorum:<name> label on an issue starts that workflow and replies on the issue", async () => {
    const calls = newCalls();
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "admin");
    noRepoWorkflows(scope);
    defaultHead(scope);
    startMocks(scope, calls);
    const probot = await makeProbot();
    const payload = example("issues", "labeled");
    (payload.label as Json).name = "quorum:deep-research";
    await deliver(probot, "issues", payload);
    expect(calls.checks[0]).toMatchObject({ name: "quorum / deep-research" });
    expect(inputsOf(calls.dispatches[0]!)).toMatchObject({ workflow: "deep-research", trigger: { event: "issues", sender: OWNER, number: 1, isPullRequest: false } });
    expect(calls.replies[0]!.body).toContain("Started **deep-research**");
  });

  it("P1 G4 pull_request.opened runs the configured PR workflows on the PR head, without a reply", async () => {
    const calls = newCalls();
    const scope = github();
    config(scope, "workflows:\n  pullRequest: [review]\n");
    permission(scope, OWNER, "write");
    noRepoWorkflows(scope);
    scope
      .post(`${REPO_PATH}/check-runs`, capture("POST", `${REPO_PATH}/check-runs`, calls.checks))
      .reply(201, checkRunJson({ id: 43 }))
      .post(DISPATCH, capture("POST", DISPATCH, calls.dispatches))
      .reply(204);
    const probot = await makeProbot();
    const payload = example("pull_request", "opened");
    await deliver(probot, "pull_request", payload);
    const head = ((payload.pull_request as Json).head as Json).sha;
    expect(calls.checks[0]).toMatchObject({ name: "quorum / review", head_sha: head });
    expect(inputsOf(calls.dispatches[0]!)).toMatchObject({ workflow: "review", checkRunId: 43, trigger: { event: "pull_request", number: 2, isPullRequest: true, headSha: head } });
  });

  it("P1 P2 a dispatch GitHub refuses ends the check run as failure with what to fix, and the reply says so", async () => {
    const calls = newCalls();
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "write");
    noRepoWorkflows(scope);
    defaultHead(scope);
    scope
      .post(`${REPO_PATH}/check-runs`, capture("POST", `${REPO_PATH}/check-runs`, calls.checks))
      .reply(201, checkRunJson({ id: 44 }))
      .post(DISPATCH)
      .reply(404, { message: "Not Found" })
      .patch(`${REPO_PATH}/check-runs/44`, capture("PATCH", `${REPO_PATH}/check-runs/44`, calls.updates))
      .reply(200, checkRunJson({ id: 44 }))
      .post(`${REPO_PATH}/issues/1/comments`, capture("POST", `${REPO_PATH}/issues/1/comments`, calls.replies))
      .reply(201, { id: 556, html_url: "" });
    const probot = await makeProbot();
    await deliver(probot, "issue_comment", commentPayload("/workflow review"));
    expect(calls.updates[0]).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Could not start the run" }, actions: [] });
    expect((calls.updates[0]!.output as Json).summary).toMatch(/no workflow \.github\/workflows\/quorum\.yml on master/);
    expect(calls.replies[0]!.body).toMatch(/Could not start \*\*review\*\*: GitHub found no workflow/);
  });

  it("G1 an unknown workflow name gets a reply listing the workflows, and nothing starts", async () => {
    const calls = newCalls();
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "write");
    noRepoWorkflows(scope);
    scope.post(`${REPO_PATH}/issues/1/comments`, capture("POST", `${REPO_PATH}/issues/1/comments`, calls.replies)).reply(201, { id: 1, html_url: "" });
    const probot = await makeProbot();
    await deliver(probot, "issue_comment", commentPayload("/workflow no-such-flow"));
    expect(calls.replies[0]!.body).toMatch(/Unknown workflow `no-such-flow`[\s\S]*`audit-auth`/);
  });
});

describe("G5 App authorization", () => {
  it("G5 a read-only commenter gets a short refusal; no check run, no dispatch", async () => {
    const calls = newCalls();
    const scope = github();
    noConfig(scope);
    permission(scope, "reader", "read");
    scope.post(`${REPO_PATH}/issues/1/comments`, capture("POST", `${REPO_PATH}/issues/1/comments`, calls.replies)).reply(201, { id: 1, html_url: "" });
    const probot = await makeProbot();
    await deliver(probot, "issue_comment", commentPayload("/workflow audit-auth", { login: "reader" }));
    expect(calls.replies).toHaveLength(1);
    expect(calls.replies[0]!.body).toContain("@reader has read access to Codertocat/Hello-World; running workflows needs write, maintain or admin.");
  });

  it("G5 a bot's command is skipped silently: the config is read (for allowBots), then no permission call and no reply", async () => {
    const scope = github();
    noConfig(scope);
    const probot = await makeProbot();
    await deliver(probot, "issue_comment", commentPayload("/workflow review", { login: "renovate[bot]", type: "Bot" }));
    // Only the token and the config were asked for: the assertions are nock's pendingMocks (empty) and disableNetConnect.
  });

  it("G5 edited comments and ordinary comments cost no API call at all", async () => {
    const probot = await makeProbot();
    await deliver(probot, "issue_comment", commentPayload("/workflow audit-auth", { action: "edited" }));
    await deliver(probot, "issue_comment", commentPayload("Looks good to me"));
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("G5 a button pressed by a read-only user does nothing", async () => {
    const scope = github();
    noConfig(scope);
    permission(scope, "reader", "read");
    const probot = await makeProbot();
    await deliver(probot, "check_run", buttonPayload(BUTTON_IDS.cancel, { id: 42, external_id: "run-1", head_sha: HEAD, status: "in_progress" }, { login: "reader" }));
  });
});

describe("P2 Cancel and J5 resume", () => {
  const runId = "20260301-120000-audit-auth-beef";
  const running = checkRunJson({ id: 42, name: "quorum / audit-auth", external_id: runId, status: "in_progress", details_url: "https://github.com/Codertocat/Hello-World/actions/runs/9001" });

  it("P2 the Cancel button cancels the Actions run; a job that never started gets its check run marked cancelled by the App", async () => {
    const updates: Json[] = [];
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "write");
    scope
      .get(`${REPO_PATH}/commits/${HEAD}/check-runs`)
      .query({ filter: "all", per_page: "100", app_id: "31337" })
      .reply(200, { total_count: 1, check_runs: [running] })
      .post(`${REPO_PATH}/actions/runs/9001/cancel`)
      .reply(202, {})
      .get(`${REPO_PATH}/actions/runs/9001`)
      .reply(200, { id: 9001, status: "queued", conclusion: null })
      .get(`${REPO_PATH}/check-runs/42`)
      .reply(200, running)
      .patch(`${REPO_PATH}/check-runs/42`, capture("PATCH", `${REPO_PATH}/check-runs/42`, updates))
      .reply(200, running);
    const probot = await makeProbot();
    await deliver(probot, "check_run", buttonPayload(BUTTON_IDS.cancel, running));
    expect(updates[0]).toMatchObject({ status: "completed", conclusion: "cancelled", output: { title: "Cancelled" }, actions: [] });
  });

  it("P2 /workflow cancel on a running job leaves the graceful stop to the Action and says so", async () => {
    const updates: Json[] = [];
    const replies: Json[] = [];
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "maintain");
    scope
      .get(`${REPO_PATH}/issues/1/comments`)
      .query(true)
      .reply(200, [ownComment(7, `Started. ${runIndexMarker({ v: 1, runId, workflow: "audit-auth", checkRunId: 42, headSha: HEAD })}`), { id: 8, body: runIndexMarker({ v: 1, runId, workflow: "audit-auth", checkRunId: 666, headSha: "f".repeat(40) }), user: { login: "mallory", type: "User" } }])
      .get(`${REPO_PATH}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [running] })
      .post(`${REPO_PATH}/actions/runs/9001/cancel`)
      .reply(202, {})
      .get(`${REPO_PATH}/actions/runs/9001`)
      .reply(200, { id: 9001, status: "in_progress", conclusion: null })
      .patch(`${REPO_PATH}/check-runs/42`, capture("PATCH", `${REPO_PATH}/check-runs/42`, updates))
      .reply(200, running)
      .post(`${REPO_PATH}/issues/1/comments`, capture("POST", `${REPO_PATH}/issues/1/comments`, replies))
      .reply(201, { id: 9, html_url: "" });
    const probot = await makeProbot();
    await deliver(probot, "issue_comment", commentPayload(`/workflow cancel ${runId}`));
    expect(updates[0]).toMatchObject({ output: { title: "Cancelling…" } });
    expect(updates[0]).not.toHaveProperty("conclusion");
    expect(replies[0]!.body).toContain(`Cancelling run \`${runId}\` (Actions run 9001): it stops gracefully and keeps its journal`);
  });

  /** A writer's `/workflow resume…` on issue 1, whose run index names a cancelled run; the new check run gets `checkRunId`. */
  async function resumeFromComment(command: string, checkRunId: number) {
    const calls = newCalls();
    const cancelled = { ...running, status: "completed", conclusion: "cancelled" };
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "write");
    scope
      .get(`${REPO_PATH}/issues/1/comments`)
      .query(true)
      .reply(200, [ownComment(7, runIndexMarker({ v: 1, runId, workflow: "audit-auth", checkRunId: 42, headSha: HEAD }))])
      .get(`${REPO_PATH}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [cancelled] });
    startMocks(scope, calls, checkRunId);
    const probot = await makeProbot();
    await deliver(probot, "issue_comment", commentPayload(command));
    return calls;
  }

  it("J5 P1 /workflow resume <run-id> dispatches the same run id with resume into a new check run", async () => {
    const calls = await resumeFromComment(`/workflow resume ${runId}`, 77);
    expect(calls.checks[0]).toMatchObject({ name: "quorum / audit-auth", external_id: runId, head_sha: HEAD });
    expect(inputsOf(calls.dispatches[0]!)).toMatchObject({ workflow: "audit-auth", runId, checkRunId: 77, resume: true });
    expect(calls.replies[0]!.body).toContain(`Resuming **audit-auth** (run \`${runId}\`)`);
  });

  it("J5 G1 /workflow resume without a run id resumes the newest run on the issue (the same decision as the Action's; the App finds the run)", async () => {
    const calls = await resumeFromComment("/workflow resume", 78);
    expect(inputsOf(calls.dispatches[0]!)).toMatchObject({ workflow: "audit-auth", runId, checkRunId: 78, resume: true, trigger: { event: "issue_comment", sender: OWNER, number: 1 } });
  });

  it("J5 the Re-run button resumes the run of the pressed check run", async () => {
    const calls = newCalls();
    const failed = { ...running, status: "completed", conclusion: "failure", pull_requests: [{ number: 1, id: 1, url: "", head: { ref: "x", sha: HEAD, repo: { id: 1, name: "r", url: "" } }, base: { ref: "master", sha: HEAD, repo: { id: 1, name: "r", url: "" } } }] };
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "write");
    scope.get(`${REPO_PATH}/commits/${HEAD}/check-runs`).query(true).reply(200, { total_count: 1, check_runs: [failed] });
    startMocks(scope, calls, 78);
    const probot = await makeProbot();
    await deliver(probot, "check_run", buttonPayload(BUTTON_IDS.rerun, failed));
    expect(inputsOf(calls.dispatches[0]!)).toMatchObject({ runId, resume: true, trigger: { event: "check_run", sender: OWNER, number: 1 } });
  });

  it("G1 /workflow status replies with the run's state and links", async () => {
    const replies: Json[] = [];
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "write");
    scope
      .get(`${REPO_PATH}/issues/1/comments`)
      .query(true)
      .reply(200, [ownComment(7, runIndexMarker({ v: 1, runId, workflow: "audit-auth", checkRunId: 42, headSha: HEAD }))])
      .get(`${REPO_PATH}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [{ ...running, output: { title: "Running: Find · 3/10 agents done", summary: "", text: "" } }] })
      .post(`${REPO_PATH}/issues/1/comments`, capture("POST", `${REPO_PATH}/issues/1/comments`, replies))
      .reply(201, { id: 9, html_url: "" });
    const probot = await makeProbot();
    await deliver(probot, "issue_comment", commentPayload("/workflow status"));
    expect(replies[0]!.body).toContain(`Run \`${runId}\` — quorum / audit-auth: **in progress**: Running: Find · 3/10 agents done · [check run](https://github.com/Codertocat/Hello-World/runs/42) · [Actions run](https://github.com/Codertocat/Hello-World/actions/runs/9001)`);
  });
});
