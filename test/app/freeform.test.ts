import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUTTON_IDS } from "../../src/github/app-buttons.ts";
import { decodeDispatch, type DispatchInputs } from "../../src/github/dispatch.ts";
import { gitBlobSha, readFreeformRecord, readRunIndex, runIndexMarker } from "../../src/github/freeform/index.ts";
import type { FakeAnthropic } from "../support/fake-anthropic.ts";
import { authorAnswer, proposedScript, runnerOn, startFakeModel } from "./support/model.ts";
import {
  API,
  buttonPayload,
  capture,
  checkRunJson,
  commentPayload,
  config,
  defaultHead,
  deliver,
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

let model: FakeAnthropic;
beforeEach(async () => {
  isolateNetwork();
  model = await startFakeModel();
});
afterEach(async () => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  await model.stop();
  expect(pending).toEqual([]);
});

const SCRIPT = proposedScript();
const BLOB = gitBlobSha(Buffer.from(SCRIPT, "utf8"));
const TASK = "find typos in the README and fix them";
const PROPOSAL_ID = 100;
const RUN_CHECK_ID = 101;
const DISPATCH = `${REPO_PATH}/actions/workflows/quorum.yml/dispatches`;
const inputsOf = (body: Json) => decodeDispatch((name) => (body.inputs as DispatchInputs & Record<string, string>)[name] ?? "");
const app = () => makeProbot({ authorRunner: () => runnerOn(model) });

interface Calls {
  checks: Json[];
  updates: Json[];
  blobs: Json[];
  dispatches: Json[];
  replies: Json[];
  runUpdates: Json[];
}
const newCalls = (): Calls => ({ checks: [], updates: [], blobs: [], dispatches: [], replies: [], runUpdates: [] });

/** What proposing costs after the decision: the proposal check run, the catalog, the blob, the update. */
function proposeMocks(scope: nock.Scope, calls: Calls): nock.Scope {
  defaultHead(scope);
  scope.post(`${REPO_PATH}/check-runs`, capture("POST", `${REPO_PATH}/check-runs`, calls.checks)).reply(201, checkRunJson({ id: PROPOSAL_ID }));
  noRepoWorkflows(scope);
  return scope
    .post(`${REPO_PATH}/git/blobs`, capture("POST", `${REPO_PATH}/git/blobs`, calls.blobs))
    .reply(201, { sha: BLOB, url: `${API}${REPO_PATH}/git/blobs/${BLOB}` })
    .patch(`${REPO_PATH}/check-runs/${PROPOSAL_ID}`, capture("PATCH", `${REPO_PATH}/check-runs/${PROPOSAL_ID}`, calls.updates))
    .reply(200, checkRunJson({ id: PROPOSAL_ID }));
}

/** What starting the approved run costs: run check run, dispatch, details, reply, proposal link. */
function runMocks(scope: nock.Scope, calls: Calls): nock.Scope {
  return scope
    .post(`${REPO_PATH}/check-runs`, capture("POST", `${REPO_PATH}/check-runs`, calls.checks))
    .reply(201, checkRunJson({ id: RUN_CHECK_ID }))
    .post(DISPATCH, capture("POST", DISPATCH, calls.dispatches))
    .reply(200, { workflow_run_id: 9100, run_url: `${API}${REPO_PATH}/actions/runs/9100`, html_url: "https://github.com/Codertocat/Hello-World/actions/runs/9100" })
    .patch(`${REPO_PATH}/check-runs/${RUN_CHECK_ID}`, capture("PATCH", `${REPO_PATH}/check-runs/${RUN_CHECK_ID}`, calls.runUpdates))
    .reply(200, checkRunJson({ id: RUN_CHECK_ID }))
    .post(`${REPO_PATH}/issues/1/comments`, capture("POST", `${REPO_PATH}/issues/1/comments`, calls.replies))
    .reply(201, { id: 600, html_url: "" })
    .patch(`${REPO_PATH}/check-runs/${PROPOSAL_ID}`, capture("PATCH", `${REPO_PATH}/check-runs/${PROPOSAL_ID}`, calls.updates))
    .reply(200, checkRunJson({ id: PROPOSAL_ID }));
}

/** Proposes the task and returns the proposal check run as GitHub would show it afterwards. */
async function propose(calls: Calls): Promise<Json> {
  const scope = github();
  noConfig(scope);
  permission(scope, OWNER, "write");
  proposeMocks(scope, calls);
  scope.post(`${REPO_PATH}/issues/1/comments`, capture("POST", `${REPO_PATH}/issues/1/comments`, calls.replies)).reply(201, { id: 501, html_url: "" });
  model.reply(authorAnswer(SCRIPT));
  await deliver(await app(), "issue_comment", commentPayload(`/workflow "${TASK}"`, { commentId: 3001 }));
  const update = calls.updates[calls.updates.length - 1]!;
  return checkRunJson({
    id: PROPOSAL_ID,
    name: update.name,
    external_id: (calls.checks[0] as Json).external_id,
    status: "completed",
    conclusion: update.conclusion,
    output: { ...(update.output as Json), annotations_count: 0, annotations_url: "" },
  });
}

describe("G7 free-form workflows in the App", () => {
  it("G7 a free-form task → author agent → validated script shown in a check run that waits action_required; nothing is dispatched", async () => {
    const calls = newCalls();
    const proposal = await propose(calls);
    expect(model.requests).toHaveLength(1);
    expect(calls.checks[0]).toMatchObject({ name: "quorum / freeform: writing…", status: "in_progress", head_sha: HEAD });
    const runId = calls.checks[0]!.external_id as string;
    expect(runId).toMatch(/^20260301-120000-freeform-[0-9a-f]{4}$/);
    expect(calls.blobs[0]).toEqual({ content: Buffer.from(SCRIPT).toString("base64"), encoding: "base64" });

    const update = calls.updates[0]!;
    expect(update).toMatchObject({
      name: "quorum / freeform: readme-typos",
      status: "completed",
      conclusion: "action_required",
      actions: [{ label: "Approve", identifier: BUTTON_IDS.approve }, { label: "Cancel", identifier: BUTTON_IDS.cancel }],
    });
    const output = update.output as { title: string; summary: string; text: string };
    expect(output.title).toBe("Waiting for approval: readme-typos");
    expect(output.summary).toContain(`> ${TASK}`);
    expect(output.summary).toContain("| Find | One agent reads the README | haiku |");
    expect(output.summary).toMatch(/\*\*Static estimate:\*\* at least \*\*1\*\* agent, growing with the data — 1 `agent\(\)` call site\(s\) that run once; `patterns.adversarialVerify` \(1 agent per item\)/);
    expect(output.summary).toContain("**Author's estimate** (the author agent's own guess): 1–6 agents");
    expect(output.text).toContain(["```js", SCRIPT, "```"].join("\n"));
    expect(readFreeformRecord(output.text)).toMatchObject({ runId, blobSha: BLOB, state: "awaiting_approval", requester: OWNER, issueNumber: 1, commentId: 3001, headSha: HEAD });

    const reply = calls.replies[0]!.body as string;
    expect(reply).toContain("I wrote **readme-typos** for this task");
    expect(reply).toContain(`\`/workflow approve ${runId}\``);
    expect(readRunIndex(reply)).toEqual([{ v: 1, runId, workflow: "freeform", checkRunId: PROPOSAL_ID, headSha: HEAD }]);
    expect(proposal.conclusion).toBe("action_required");
  });

  it("G7 an invalid script is retried with its validation errors, and the corrected one is proposed", async () => {
    const calls = newCalls();
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "write");
    proposeMocks(scope, calls);
    scope.post(`${REPO_PATH}/issues/1/comments`).reply(201, { id: 502, html_url: "" });
    model.reply(authorAnswer('export const meta = { name: "x", description: "d" };\nconst started = require("fs");\nreturn {};'), authorAnswer(SCRIPT));
    await deliver(await app(), "issue_comment", commentPayload(`/workflow "${TASK}"`));
    expect(model.requests).toHaveLength(2);
    const retry = JSON.stringify(model.requests[1]!.body.messages);
    expect(retry).toContain("Your previous script was refused");
    expect(retry).toContain("line 2, column 17: `require` is not available");
    expect((calls.updates[0]!.output as Json).text).toContain(SCRIPT);
  });

  it("X4 a token pasted into a task is redacted from the App's check runs too: Probot's client gets the same write-request hook as the Action's", async () => {
    const calls = newCalls();
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "write");
    proposeMocks(scope, calls);
    scope.post(`${REPO_PATH}/issues/1/comments`, capture("POST", `${REPO_PATH}/issues/1/comments`, calls.replies)).reply(201, { id: 503, html_url: "" });
    model.reply(authorAnswer(SCRIPT));
    const token = `ghp_${"A1b2C3d4E5".repeat(3)}abcdef`;
    const serverSecret = "server-only-webhook-secret-5f1e9";
    const probot = await makeProbot({ authorRunner: () => runnerOn(model), secrets: [serverSecret] });
    await deliver(probot, "issue_comment", commentPayload(`/workflow "find where ${token} and ${serverSecret} are used"`));
    const written = JSON.stringify([calls.checks, calls.updates, calls.replies]);
    expect(calls.checks).toHaveLength(1);
    expect(calls.updates).toHaveLength(1);
    expect(written).not.toContain(token);
    expect(written).not.toContain(serverSecret);
    expect((calls.checks[0]!.output as Json).summary).toContain("[REDACTED");
  });

  it("G7 the Approve button from a writer dispatches the approved script by its blob sha, into a new check run", async () => {
    const calls = newCalls();
    const proposal = await propose(calls);
    const runId = proposal.external_id as string;
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "write");
    scope
      .get(`${REPO_PATH}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [proposal] })
      .get(`${REPO_PATH}/check-runs/${PROPOSAL_ID}`)
      .reply(200, proposal)
      .get(`${REPO_PATH}/git/blobs/${BLOB}`)
      .reply(200, { sha: BLOB, size: SCRIPT.length, encoding: "base64", content: Buffer.from(SCRIPT).toString("base64"), url: "", node_id: "B" })
      .patch(`${REPO_PATH}/check-runs/${PROPOSAL_ID}`, capture("PATCH", `${REPO_PATH}/check-runs/${PROPOSAL_ID}`, calls.updates))
      .reply(200, proposal);
    runMocks(scope, calls);
    await deliver(await app(), "check_run", buttonPayload(BUTTON_IDS.approve, proposal));

    const approved = calls.updates[1]!;
    expect(approved).toMatchObject({ actions: [], output: { title: "Approved by @Codertocat: readme-typos" } });
    expect(readFreeformRecord((approved.output as Json).text as string)).toMatchObject({ state: "approved", decidedBy: OWNER, decidedAt: "2026-03-01T12:00:00.000Z" });

    expect(calls.checks[1]).toMatchObject({ name: "quorum / freeform: readme-typos", external_id: runId, head_sha: HEAD, status: "queued" });
    const inputs = inputsOf(calls.dispatches[0]!);
    expect(inputs).toEqual({
      workflow: "freeform",
      args: undefined,
      runId,
      checkRunId: RUN_CHECK_ID,
      scriptBlob: BLOB,
      trigger: { event: "check_run", sender: OWNER, number: 1, isPullRequest: false, commentId: 3001, headSha: HEAD },
    });
    expect(inputs?.scriptBlob).toBe(gitBlobSha(Buffer.from(SCRIPT, "utf8")));
    expect(calls.replies[1]!.body).toContain(`Started **freeform: readme-typos** (run \`${runId}\`)`);
    const linked = calls.updates[2]!.output as Json;
    expect(linked.summary).toContain(`The run reports in [its own check run](https://github.com/Codertocat/Hello-World/runs/${RUN_CHECK_ID})`);
    expect(readFreeformRecord(linked.text as string)).toMatchObject({ state: "approved", runCheckRunId: RUN_CHECK_ID });
  });

  it("G7 G5 /workflow approve from a read-only user is refused; nothing is dispatched", async () => {
    const replies: Json[] = [];
    const scope = github();
    noConfig(scope);
    permission(scope, "reader", "read");
    scope.post(`${REPO_PATH}/issues/1/comments`, capture("POST", `${REPO_PATH}/issues/1/comments`, replies)).reply(201, { id: 1, html_url: "" });
    await deliver(await app(), "issue_comment", commentPayload("/workflow approve 20260301-120000-freeform-abcd", { login: "reader" }));
    expect(replies[0]!.body).toContain("@reader has read access");
  });

  it("G7 /workflow approve from a writer finds the proposal through the App's reply and starts it", async () => {
    const calls = newCalls();
    const proposal = await propose(calls);
    const runId = proposal.external_id as string;
    const scope = github();
    noConfig(scope);
    permission(scope, "maintainer", "maintain");
    scope
      .get(`${REPO_PATH}/issues/1/comments`)
      .query(true)
      .reply(200, [ownComment(501, `I wrote it. ${runIndexMarker({ v: 1, runId, workflow: "freeform", checkRunId: PROPOSAL_ID, headSha: HEAD })}`)])
      .get(`${REPO_PATH}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [proposal] })
      .get(`${REPO_PATH}/check-runs/${PROPOSAL_ID}`)
      .reply(200, proposal)
      .get(`${REPO_PATH}/git/blobs/${BLOB}`)
      .reply(200, { sha: BLOB, size: SCRIPT.length, encoding: "base64", content: Buffer.from(SCRIPT).toString("base64"), url: "", node_id: "B" })
      .patch(`${REPO_PATH}/check-runs/${PROPOSAL_ID}`, capture("PATCH", `${REPO_PATH}/check-runs/${PROPOSAL_ID}`, calls.updates))
      .reply(200, proposal);
    runMocks(scope, calls);
    await deliver(await app(), "issue_comment", commentPayload("/workflow approve", { login: "maintainer", commentId: 3002 }));
    expect(inputsOf(calls.dispatches[0]!)).toMatchObject({ workflow: "freeform", runId, scriptBlob: BLOB, trigger: { event: "issue_comment", sender: "maintainer" } });
    expect(calls.replies[1]!.body).toContain("> `/workflow approve");
  });

  it("G7 Cancel on a waiting proposal rejects it: no dispatch, buttons removed", async () => {
    const calls = newCalls();
    const proposal = await propose(calls);
    const scope = github();
    noConfig(scope);
    permission(scope, OWNER, "admin");
    scope
      .get(`${REPO_PATH}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 1, check_runs: [proposal] })
      .patch(`${REPO_PATH}/check-runs/${PROPOSAL_ID}`, capture("PATCH", `${REPO_PATH}/check-runs/${PROPOSAL_ID}`, calls.updates))
      .reply(200, proposal)
      .post(`${REPO_PATH}/check-runs`, capture("POST", `${REPO_PATH}/check-runs`, calls.checks))
      .reply(201, checkRunJson({ id: 102 }))
      .post(`${REPO_PATH}/issues/1/comments`, capture("POST", `${REPO_PATH}/issues/1/comments`, calls.replies))
      .reply(201, { id: 1, html_url: "" });
    await deliver(await app(), "check_run", buttonPayload(BUTTON_IDS.cancel, proposal));
    expect(calls.updates[1]).toMatchObject({ actions: [], output: { title: "Rejected by @Codertocat: readme-typos" } });
    expect(readFreeformRecord((calls.updates[1]!.output as Json).text as string)).toMatchObject({ state: "rejected", decidedBy: OWNER });
    // A newer check run of the same name replaces the proposal's action_required in the merge box.
    expect(calls.checks[1]).toMatchObject({ name: "quorum / freeform: readme-typos", external_id: proposal.external_id, status: "completed", conclusion: "cancelled" });
    expect(calls.replies[1]!.body).toContain("Rejected the free-form workflow `readme-typos`");
  });

  it("G7 freeform.autoApprove: true starts the proposed script at once", async () => {
    const calls = newCalls();
    const scope = github();
    config(scope, "freeform:\n  autoApprove: true\n");
    permission(scope, OWNER, "write");
    proposeMocks(scope, calls);
    runMocks(scope, calls);
    model.reply(authorAnswer(SCRIPT));
    await deliver(await app(), "issue_comment", commentPayload(`/workflow "${TASK}"`));
    expect(calls.updates[0]).toMatchObject({ conclusion: "neutral", actions: [], output: { title: "Approved automatically: readme-typos" } });
    expect(inputsOf(calls.dispatches[0]!)).toMatchObject({ workflow: "freeform", scriptBlob: BLOB, checkRunId: RUN_CHECK_ID });
    expect(calls.replies[0]!.body).toContain("Started **freeform: readme-typos**");
  });
});
