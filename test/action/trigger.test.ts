/**
 * Trigger decisions (rule G1–G6) on real webhook payloads from @octokit/webhooks-examples, and
 * edited copies for the untrusted cases; GitHub answered by nock.
 */
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/github/config.ts";
import { encodeDispatch, DispatchInputError } from "../../src/github/dispatch.ts";
import { decideTrigger, type TriggerContext, type TriggerDecision } from "../../src/github/trigger.ts";
import { examplePayload } from "../e2e/support/harness.ts";

const API = "https://api.github.com";
const REPO = "/repos/Codertocat/Hello-World";
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const octokit = new Octokit({ baseUrl: API, log: quiet });

function context(inputs: TriggerContext["inputs"] = {}): TriggerContext {
  let memo: ReturnType<TriggerContext["loadConfig"]> | null = null;
  return {
    octokit,
    owner: "Codertocat",
    repo: "Hello-World",
    loadConfig: () => (memo ??= loadConfig(octokit, { owner: "Codertocat", repo: "Hello-World", defaultBranch: "master" }).then((c) => c.config)),
    inputs,
  };
}

/** `.github/quorum.yml` on the default branch (`ref=master`): `text`, or none. */
function config(text: string | null): void {
  const scope = nock(API);
  if (text === null) {
    scope.get(/\/contents\/\.github(%2F|\/)quorum\.ya?ml/).query({ ref: "master" }).times(2).reply(404, { message: "Not Found" });
    return;
  }
  scope
    .get(/\/contents\/\.github(%2F|\/)quorum\.yml/)
    .query({ ref: "master" })
    .reply(200, { type: "file", encoding: "base64", size: text.length, content: Buffer.from(text).toString("base64") });
}

function role(login: string, permission: string, status = 200): void {
  nock(API).get(`${REPO}/collaborators/${login}/permission`).reply(status, status === 200 ? { permission, role_name: permission } : { message: "Not Found" });
}

function comment(body: string, login = "Codertocat", type = "User", action = "created"): Record<string, unknown> {
  const payload = examplePayload("issue_comment", action);
  const c = payload.comment as Record<string, unknown>;
  c.body = body;
  (c.user as Record<string, unknown>).login = login;
  Object.assign(payload.sender as Record<string, unknown>, { login, type });
  return payload;
}

const run = (d: TriggerDecision) => (d.action === "run" ? d.requests : []);

describe("G triggers → run requests", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it("G1 a writer's `/workflow audit-auth paths=[\"src\"] fix=false` starts audit-auth with parsed args and a reply target", async () => {
    config(null);
    role("Codertocat", "write");
    const decision = await decideTrigger(context(), { name: "issue_comment", payload: comment('/workflow audit-auth paths=["src"] fix=false\nthanks!') });
    expect(run(decision)).toEqual([
      expect.objectContaining({
        source: "comment",
        workflow: "audit-auth",
        args: { paths: ["src"], fix: false },
        sender: "Codertocat",
        pullRequest: null,
        replyTo: { issueNumber: 1, comment: expect.objectContaining({ id: 492700400, body: expect.stringContaining("/workflow audit-auth") }) },
      }),
    ]);
  });

  it("G1 help, run verbs and resume; a malformed command gets the parser's message as reply", async () => {
    for (const [body, expected] of [
      ["/workflow help", { action: "help" }],
      ["/workflow status gh-1-review", { action: "control", verb: "status", runId: "gh-1-review" }],
      ["/workflow cancel", { action: "control", verb: "cancel", runId: undefined }],
      // Without a run id a resume is a run verb: the host decides which run is meant.
      ["/workflow resume", { action: "control", verb: "resume", runId: undefined, sender: { login: "Codertocat" }, isPullRequest: false }],
    ] as const) {
      config(null);
      role("Codertocat", "admin");
      expect(await decideTrigger(context(), { name: "issue_comment", payload: comment(body) })).toMatchObject(expected);
    }
    config(null);
    role("Codertocat", "write");
    expect(run(await decideTrigger(context(), { name: "issue_comment", payload: comment("/workflow resume gh-41-audit-auth") }))).toEqual([
      expect.objectContaining({ workflow: "", resumeRunId: "gh-41-audit-auth" }),
    ]);
    config(null);
    role("Codertocat", "write");
    const bad = await decideTrigger(context(), { name: "issue_comment", payload: comment("/workflow audit-auth a=1 a=2") });
    expect(bad).toMatchObject({ action: "reply", body: expect.stringMatching(/Argument .a. is given twice/) });
  });

  it("G1 a comment on a pull request targets the PR (its head is resolved later)", async () => {
    config(null);
    role("Codertocat", "write");
    const payload = comment("/workflow review");
    (payload.issue as Record<string, unknown>).pull_request = { url: `${API}${REPO}/pulls/1` };
    expect(run(await decideTrigger(context(), { name: "issue_comment", payload }))[0]?.pullRequest).toEqual({ number: 1 });
  });

  it("G5 ordinary, edited and deleted comments are ignored without any API call", async () => {
    expect(await decideTrigger(context(), { name: "issue_comment", payload: comment("LGTM, /workflow later") })).toMatchObject({ action: "ignore" });
    for (const action of ["edited", "deleted"]) {
      const decision = await decideTrigger(context(), { name: "issue_comment", payload: comment("/workflow audit-auth", "Codertocat", "User", action) });
      expect(decision).toMatchObject({ action: "ignore", reason: expect.stringContaining(`issue_comment.${action}`) });
    }
  });

  it("G5 read and triage users and strangers get a short refusal; nothing runs", async () => {
    for (const [login, perm, status] of [["rita", "read", 200], ["tom", "triage", 200], ["stranger", "", 404]] as const) {
      config(null);
      role(login, perm, status);
      const decision = await decideTrigger(context(), { name: "issue_comment", payload: comment("/workflow audit-auth", login) });
      expect(decision).toMatchObject({ action: "reply", replyTo: { issueNumber: 1 } });
      expect(decision.action === "reply" ? decision.body : "").toMatch(new RegExp(`@${login} (has ${perm} access|is not a collaborator)`));
    }
  });

  it("G5 bots are skipped silently unless allow-listed in the config", async () => {
    config(null);
    expect(await decideTrigger(context(), { name: "issue_comment", payload: comment("/workflow audit-auth", "renovate[bot]", "Bot") })).toMatchObject({ action: "ignore" });
    config("allowBots: [renovate]\n");
    expect(run(await decideTrigger(context(), { name: "issue_comment", payload: comment("/workflow audit-auth", "renovate[bot]", "Bot") }))).toHaveLength(1);
  });

  it("G5 a person's refusal, asked while the config is read, never depends on the config: allowBots naming the reader, or a broken config, still refuse", async () => {
    for (const text of ["allowBots: [rita, rita[bot]]\n", "allowBots: [rita]\npublish:\n  mdoe: review\n"]) {
      config(text);
      role("rita", "read");
      const decision = await decideTrigger(context(), { name: "issue_comment", payload: comment("/workflow audit-auth", "rita") });
      expect(decision).toMatchObject({ action: "reply", body: expect.stringContaining("@rita has read access") });
    }
    // A person named like an allow-listed bot is still a person: the API decides.
    config("allowBots: [renovate]\n");
    role("renovate", "read");
    expect(await decideTrigger(context(), { name: "issue_comment", payload: comment("/workflow audit-auth", "renovate") })).toMatchObject({ action: "reply" });
  });

  it("G6 a broken .github/quorum.yml on the default branch is reported to an authorized commenter", async () => {
    config("publish:\n  mdoe: review\n");
    role("Codertocat", "write");
    const decision = await decideTrigger(context(), { name: "issue_comment", payload: comment("/workflow audit-auth") });
    expect(decision).toMatchObject({ action: "reply", body: expect.stringMatching(/publish\.mdoe: unknown key[\s\S]*default branch/) });
  });

  it("G2 a `quorum:<name>` label on an issue or PR starts <name>; other labels and prefixes do not", async () => {
    const issue = examplePayload("issues", "labeled");
    (issue.label as Record<string, unknown>).name = "quorum:audit-auth";
    config(null);
    role("Codertocat", "write");
    expect(run(await decideTrigger(context(), { name: "issues", payload: issue }))).toEqual([
      expect.objectContaining({ source: "label", workflow: "audit-auth", pullRequest: null, replyTo: { issueNumber: 1, comment: null } }),
    ]);

    const pr = examplePayload("pull_request", "labeled");
    (pr.label as Record<string, unknown>).name = "ai:review";
    config("labelPrefix: \"ai:\"\n");
    role("Codertocat", "write");
    const prRequests = run(await decideTrigger(context(), { name: "pull_request", payload: pr }));
    expect(prRequests[0]).toMatchObject({ workflow: "review", pullRequest: { number: 2, headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821" } });

    config(null);
    expect(await decideTrigger(context(), { name: "issues", payload: examplePayload("issues", "labeled") })).toMatchObject({ action: "ignore", reason: expect.stringContaining('"bug"') });
    // The input's prefix decides before any request.
    expect(await decideTrigger(context({ labelPrefix: "run:" }), { name: "issues", payload: issue })).toMatchObject({ action: "ignore" });
  });

  it("G4 pull_request opened / synchronize / ready_for_review run the configured PR workflows on the head; drafts wait", async () => {
    for (const action of ["opened", "synchronize", "ready_for_review"]) {
      config("workflows:\n  pullRequest: [review, audit-auth]\n");
      role("Codertocat", "write");
      const requests = run(await decideTrigger(context(), { name: "pull_request", payload: { ...examplePayload("pull_request", action), pull_request: { ...(examplePayload("pull_request", action).pull_request as object), draft: false } } }));
      expect(requests.map((r) => [r.workflow, r.pullRequest?.headSha, r.replyTo])).toEqual([
        ["review", "ec26c3e57ca3a959ca5aad62de7213c562f8c821", null],
        ["audit-auth", "ec26c3e57ca3a959ca5aad62de7213c562f8c821", null],
      ]);
    }
    const draft = examplePayload("pull_request", "opened");
    (draft.pull_request as Record<string, unknown>).draft = true;
    expect(await decideTrigger(context(), { name: "pull_request", payload: draft })).toMatchObject({ action: "ignore", reason: expect.stringContaining("draft") });
    config(null);
    expect(await decideTrigger(context(), { name: "pull_request", payload: examplePayload("pull_request", "synchronize") })).toMatchObject({ action: "ignore", reason: expect.stringContaining("workflows.pullRequest") });
    expect(await decideTrigger(context(), { name: "pull_request", payload: examplePayload("pull_request", "closed") })).toMatchObject({ action: "ignore" });
  });

  it("G4 G5 an outside contributor's PR is skipped without a reply", async () => {
    config("workflows:\n  pullRequest: [review]\n");
    role("Codertocat", "read");
    const payload = examplePayload("pull_request", "opened");
    (payload.pull_request as Record<string, unknown>).draft = false;
    expect(await decideTrigger(context(), { name: "pull_request", payload })).toMatchObject({ action: "ignore", reason: expect.stringContaining("has read access") });
  });

  it("G3 schedule runs the configured workflows; workflow_dispatch takes workflow and args inputs", async () => {
    config("workflows:\n  schedule: [flaky-hunt]\n");
    expect(run(await decideTrigger(context(), { name: "schedule", payload: { schedule: "17 3 * * *" } }))).toEqual([
      expect.objectContaining({ source: "schedule", workflow: "flaky-hunt", sender: null, replyTo: null }),
    ]);
    const dispatch = examplePayload("workflow_dispatch");
    dispatch.inputs = { workflow: "deep-research", args: '{"question":"where is auth?"}' };
    expect(run(await decideTrigger(context(), { name: "workflow_dispatch", payload: dispatch }))).toEqual([
      expect.objectContaining({ source: "workflow_dispatch", workflow: "deep-research", args: { question: "where is auth?" } }),
    ]);
    expect(run(await decideTrigger(context({ workflow: "resume", args: "gh-9-review" }), { name: "workflow_dispatch", payload: examplePayload("workflow_dispatch") }))).toEqual([
      expect.objectContaining({ resumeRunId: "gh-9-review" }),
    ]);
    expect(await decideTrigger(context(), { name: "workflow_dispatch", payload: examplePayload("workflow_dispatch") })).toMatchObject({ action: "ignore" });
    expect(await decideTrigger(context(), { name: "push", payload: {} })).toMatchObject({ action: "ignore" });
  });

  it("G3 G7 J5 a dispatch by the GitHub App hands over its run: run id, commit, check run, approved blob, resume; no API call", async () => {
    const head = "c".repeat(40);
    const blob = "b".repeat(40);
    const dispatch = examplePayload("workflow_dispatch");
    dispatch.inputs = encodeDispatch({
      workflow: "freeform",
      args: undefined,
      runId: "20260301-120000-freeform-ab12",
      checkRunId: 77,
      trigger: { event: "issue_comment", sender: "maintainer", number: 5, isPullRequest: true, commentId: 9, headSha: head },
      scriptBlob: blob,
    });
    expect(run(await decideTrigger(context(), { name: "workflow_dispatch", payload: dispatch }))).toEqual([
      {
        source: "workflow_dispatch",
        workflow: "freeform",
        args: undefined,
        sender: "maintainer",
        pullRequest: { number: 5, headSha: head },
        replyTo: { issueNumber: 5, comment: null },
        handoff: { runId: "20260301-120000-freeform-ab12", headSha: head, freeform: { blobSha: blob }, checkRunId: 77, byApp: true },
      },
    ]);
    dispatch.inputs = encodeDispatch({ workflow: "audit-auth", args: { depth: 2 }, runId: "r-1", checkRunId: 78, trigger: { event: "check_run", sender: "m", headSha: head }, resume: true });
    expect(run(await decideTrigger(context(), { name: "workflow_dispatch", payload: dispatch }))).toEqual([
      expect.objectContaining({ workflow: "audit-auth", args: { depth: 2 }, resumeRunId: "r-1", pullRequest: null, replyTo: null, handoff: { runId: "r-1", headSha: head, checkRunId: 78, byApp: true } }),
    ]);
    for (const [inputs, message] of [
      [{ ...encodeDispatch({ workflow: "freeform", args: undefined, runId: "r-1", checkRunId: 1, trigger: { event: "x", sender: "m", headSha: head }, scriptBlob: blob }), "script-blob": "not-a-sha" }, /is not a git blob sha/],
      [encodeDispatch({ workflow: "review", args: ["a"], runId: "r-1", checkRunId: 1, trigger: { event: "x", sender: "m", headSha: head } }), /args must be a JSON object/],
      [encodeDispatch({ workflow: "review", args: undefined, runId: "r-1", checkRunId: 1, trigger: { event: "x", sender: "m", headSha: "main" } }), /is not a commit sha/],
    ] as const) {
      dispatch.inputs = inputs;
      await expect(decideTrigger(context(), { name: "workflow_dispatch", payload: dispatch })).rejects.toThrow(DispatchInputError);
      await expect(decideTrigger(context(), { name: "workflow_dispatch", payload: dispatch })).rejects.toThrow(message);
    }
  });

  it("G7 a writer's free-form task, approve and save become decisions for the Action's free-form flow", async () => {
    for (const [body, expected] of [
      ['/workflow "find admin routes without auth"', { action: "propose", task: "find admin routes without auth", sender: { login: "Codertocat", type: "User" }, isPullRequest: false }],
      ["/workflow approve 20260301-x", { action: "approve", runId: "20260301-x", sender: { login: "Codertocat" } }],
      ["/workflow approve", { action: "approve", runId: undefined }],
      ["/workflow save 20260301-x admin-routes", { action: "save", runId: "20260301-x", name: "admin-routes" }],
    ] as const) {
      config(null);
      role("Codertocat", "write");
      expect(await decideTrigger(context(), { name: "issue_comment", payload: comment(body) })).toMatchObject({ ...expected, replyTo: { issueNumber: 1 } });
    }
    // A read-only user's approval is refused before anything is looked up.
    config(null);
    role("rita", "read");
    expect(await decideTrigger(context(), { name: "issue_comment", payload: comment("/workflow approve 20260301-x", "rita") })).toMatchObject({
      action: "reply",
      body: expect.stringMatching(/@rita has read access/),
    });
  });
});
