/**
 * End-to-end: privilege separation (rule X6) through the bundled Action. A run is three jobs —
 * trigger, run, publish — each with its own token, scoped on the fake GitHub as the example
 * workflow's per-job `permissions:` scope `GITHUB_TOKEN`. The run job's hand-off travels through
 * the fake artifact service of the same workflow run.
 *
 * Proven here: the run stage makes no write request but check-run updates, and repository code it
 * runs cannot write with its token even when it gets hold of it; the publish stage makes no model
 * request and starts no process; the publish stage refuses hand-offs that are forged or tampered
 * with (another workflow run, another run id, not JSON, not the schema) and validates what it
 * publishes from an accepted one (invalid findings, secrets in bodies).
 */
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { uploadHandoff } from "../../src/action/handoff-artifact.ts";
import { buttonsFor } from "../../src/github/app-buttons.ts";
import { encodeDispatch } from "../../src/github/dispatch.ts";
import { fakeClient } from "../github/helpers.ts";
import type { TokenPermissions } from "../support/fake-github/index.ts";
import { checkout, examplePayload, runActionProcess, TEST_MODEL_KEY, UNSET, type ActionProcess } from "./support/harness.ts";
import { FakeResults } from "./support/fake-results.ts";
import { auditModel, DEFAULT_BRANCH, OWNER, PATCHES, REPO, repoFiles } from "./support/fixtures.ts";
import { botComments, startWorld, type World } from "./support/world.ts";

const TRIGGER_TOKEN = "ghs_triggertokentriggertokentrigger00001";
const RUN_TOKEN = "ghs_runtokenruntokenruntokenruntoken0001";
const PUBLISH_TOKEN = "ghs_publishtokenpublishtokenpublish00001";

/** The example workflow's per-job permissions. */
const PERMISSIONS: Record<string, TokenPermissions> = {
  [TRIGGER_TOKEN]: { contents: "read", issues: "write", checks: "write", pull_requests: "read", actions: "write" },
  [RUN_TOKEN]: { contents: "read", checks: "write", actions: "read" },
  [PUBLISH_TOKEN]: { contents: "write", pull_requests: "write", issues: "write", checks: "write" },
};

const WORKFLOW_RUN = "8001";

interface Stages {
  world: World;
  results: FakeResults;
  trigger(): Promise<ActionProcess>;
  run(plan: string, workspace?: string): Promise<ActionProcess>;
  publish(plan: string, extraEnv?: Record<string, string>): Promise<ActionProcess>;
}

function commentPayload(body: string): Record<string, unknown> {
  const payload = examplePayload("issue_comment", "created");
  (payload.comment as Record<string, unknown>).body = body;
  return payload;
}

/** An empty folder: the publish job checks nothing out. */
function emptyWorkspace(): string {
  return mkdtempSync(join(tmpdir(), "quorum-publish-workspace-"));
}

async function stages(world: World, comment: string, event?: { name: string; payload: unknown }): Promise<Stages> {
  const results = new FakeResults();
  await results.start();
  for (const [token, permissions] of Object.entries(PERMISSIONS)) world.gh.scopeToken(token, permissions);
  const common = {
    eventName: event?.name ?? "issue_comment",
    payload: event?.payload ?? commentPayload(comment),
    apiUrl: world.gh.url,
    anthropicUrl: world.model.url,
    sha: world.repo.branchSha(DEFAULT_BRANCH),
    runId: WORKFLOW_RUN,
  };
  const artifacts = (job: string) => ({ ACTIONS_RESULTS_URL: `${results.url}/`, ACTIONS_RUNTIME_TOKEN: FakeResults.runtimeToken(`run-${WORKFLOW_RUN}`, job) });
  return {
    world,
    results,
    trigger: () =>
      runActionProcess({ ...common, workspace: emptyWorkspace(), inputs: { stage: "trigger", "github-token": TRIGGER_TOKEN, "anthropic-api-key": UNSET }, env: artifacts("trigger") }),
    run: (plan, workspace = world.workspace) =>
      runActionProcess({ ...common, workspace, inputs: { stage: "run", plan, "github-token": RUN_TOKEN, "anthropic-api-key": TEST_MODEL_KEY }, env: artifacts("run") }),
    publish: (plan, extraEnv = {}) =>
      runActionProcess({
        ...common,
        workspace: emptyWorkspace(),
        inputs: { stage: "publish", plan, "github-token": PUBLISH_TOKEN, "anthropic-api-key": UNSET },
        env: { ...artifacts("publish"), ...extraEnv },
      }),
  };
}

/** Writes requests `token` made that are not reads and not check runs. */
function nonCheckWrites(world: World, token: string) {
  return world.gh.requestsWith(token).filter((r) => r.method !== "GET" && !(r.operationId ?? "").startsWith("checks/"));
}

/** Uploads `document` as the hand-off of `runId`, as anything holding the run job's artifact token could. */
async function forgeHandoff(results: FakeResults, runBackendId: string, runId: string, attempt: number, document: string): Promise<void> {
  const saved = { url: process.env.ACTIONS_RESULTS_URL, token: process.env.ACTIONS_RUNTIME_TOKEN };
  process.env.ACTIONS_RESULTS_URL = `${results.url}/`;
  process.env.ACTIONS_RUNTIME_TOKEN = FakeResults.runtimeToken(runBackendId, "attacker");
  try {
    await uploadHandoff(runId, attempt, document);
  } finally {
    if (saved.url === undefined) delete process.env.ACTIONS_RESULTS_URL;
    else process.env.ACTIONS_RESULTS_URL = saved.url;
    if (saved.token === undefined) delete process.env.ACTIONS_RUNTIME_TOKEN;
    else process.env.ACTIONS_RUNTIME_TOKEN = saved.token;
  }
}

/** A folder of `git`, `sh`, `bash`, `npm`, `npx` and `node` stand-ins that record being started. */
function processTrap(): { dir: string; sprung: () => boolean } {
  const dir = mkdtempSync(join(tmpdir(), "quorum-trap-"));
  const marker = join(dir, "SPRUNG");
  for (const name of ["git", "sh", "bash", "npm", "npx", "node", "yarn", "pnpm"]) {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\necho "$0 $*" >> ${JSON.stringify(marker)}\nexit 1\n`);
    chmodSync(path, 0o755);
  }
  return { dir, sprung: () => existsSync(marker) };
}

/** Three or more processes of the bundle per test, on a shared machine: more than the default minute. */
const STAGED = { timeout: 300_000 };

describe("X6 e2e: privilege separation — trigger, run and publish jobs", () => {
  let world: World | undefined;
  let results: FakeResults | undefined;
  afterEach(async () => {
    await world?.stop();
    await results?.stop();
    world = undefined;
    results = undefined;
  });

  it("X6 P1 P3 P4 a staged /workflow audit-auth: the run job writes only check runs, the publish job calls no model and starts no process, two PRs", STAGED, async () => {
    world = await startWorld(auditModel({ latencyMs: 20 }));
    const issue = world.gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    const s = await stages(world, "/workflow audit-auth");
    results = s.results;

    // Trigger: authorizes, creates the check run, replies with its link; no model, no plan of its own making.
    const trigger = await s.trigger();
    expect(trigger.code, trigger.stdout + trigger.stderr).toBe(0);
    const plan = trigger.outputs.plan ?? "";
    expect(JSON.parse(plan)).toEqual([expect.objectContaining({ workflow: "audit-auth", handoff: expect.objectContaining({ runId: `gh-${WORKFLOW_RUN}-audit-auth`, announced: true }) })]);
    expect(world.repo.checkRuns).toHaveLength(1);
    expect(botComments(world, issue)).toHaveLength(1);
    expect(botComments(world, issue)[0]).toMatch(/\[check run\]\(https:\/\/github\.com\/Codertocat\/Hello-World\/runs\/\d+\)/);
    expect(world.model.requests).toHaveLength(0);

    // Run: agents and the checkout; progress into the same check run; nothing published, no reply.
    const run = await s.run(plan);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(world.model.requests.length).toBeGreaterThan(0);
    expect(nonCheckWrites(world, RUN_TOKEN)).toEqual([]);
    expect(world.gh.requestsWith(RUN_TOKEN).filter((r) => r.status === 403)).toEqual([]);
    expect(world.gh.requestsWith(RUN_TOKEN).some((r) => r.operationId === "checks/update")).toBe(true);
    expect(world.repo.checkRuns).toHaveLength(1);
    expect(world.repo.checkRuns[0]?.status).toBe("in_progress");
    expect(world.repo.pulls).toHaveLength(0);
    expect(botComments(world, issue)).toHaveLength(1);
    expect(s.results.live().map((a) => a.name)).toContain(`quorum-handoff-gh-${WORKFLOW_RUN}-audit-auth-a1`);

    // Publish: no model key, no checkout, a PATH full of traps; the model server is reachable but never asked.
    const modelCalls = world.model.requests.length;
    const trap = processTrap();
    const publish = await s.publish(plan, { PATH: `${trap.dir}:${process.env.PATH ?? ""}` });
    expect(publish.code, publish.stdout + publish.stderr).toBe(0);
    expect(world.model.requests).toHaveLength(modelCalls);
    expect(trap.sprung()).toBe(false);
    expect(world.repo.pulls).toHaveLength(2);
    for (const pull of world.repo.pulls) expect(pull.head.ref).toMatch(/^quorum\/audit-auth\/[0-9a-f]{10}$/);
    expect(world.repo.checkRuns).toHaveLength(1);
    expect(world.repo.checkRuns[0]?.status).toBe("completed");
    expect(world.repo.checkRuns[0]?.conclusion).toBe("neutral");
    expect(world.repo.checkRuns[0]?.output?.text).toContain("| Phase |");
    const replies = botComments(world, issue);
    expect(replies).toHaveLength(2);
    expect(replies[1]).toContain("audit-auth: 2 findings");
    expect(publish.outputs).toMatchObject({ "run-id": `gh-${WORKFLOW_RUN}-audit-auth`, findings: "2" });
    // Only the publish token wrote pull requests and branches.
    const writers = new Set(world.gh.requests.filter((r) => r.method !== "GET" && /^(pulls|git)\//.test(r.operationId ?? "")).map((r) => r.headers.authorization?.split(" ").pop()));
    expect([...writers]).toEqual([PUBLISH_TOKEN]);
    expect(world.gh.violations).toEqual([]);
  });

  it("X6 X1 repository code run by the run job cannot write with the job's token, even when it has it", STAGED, async () => {
    const hostile = (api: string, sha: string) => `
const { readFileSync } = require("node:fs");
const tokens = new Set([${JSON.stringify(RUN_TOKEN)}]);
// Whatever the job's ancestors were started with, if this process can read it.
let pid = process.ppid;
for (let i = 0; i < 8 && pid > 1; i++) {
  try {
    for (const entry of readFileSync("/proc/" + pid + "/environ", "utf8").split("\\0")) {
      const m = /^(?:INPUT_GITHUB-TOKEN|GITHUB_TOKEN)=(.+)$/.exec(entry);
      if (m) tokens.add(m[1]);
    }
    pid = Number(/^PPid:\\s+(\\d+)/m.exec(readFileSync("/proc/" + pid + "/status", "utf8"))[1]);
  } catch { break; }
}
const repo = ${JSON.stringify(`${api}/repos/${OWNER}/${REPO}`)};
const writes = [
  ["POST", "/issues/1/comments", { body: "pwned" }],
  ["PATCH", "/issues/1", { title: "pwned" }],
  ["POST", "/git/refs", { ref: "refs/heads/pwned", sha: ${JSON.stringify(sha)} }],
  ["POST", "/pulls", { title: "pwned", head: "pwned", base: ${JSON.stringify(DEFAULT_BRANCH)} }],
  ["PUT", "/contents/pwned.txt", { message: "pwned", content: Buffer.from("pwned").toString("base64") }],
];
(async () => {
  for (const token of tokens) for (const [method, path, body] of writes) {
    await fetch(repo + path, { method, headers: { authorization: "token " + token, "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => {});
  }
  console.log("TAP version 13\\nok 1 - attacker\\n1..1");
})();
`;
    const config = "run:\n  testCommand: node hostile.test.js\n";
    const script = `export const meta = { name: "tests", description: "Runs the repository's tests once.", phases: [{ title: "Run" }] };
phase("Run");
await runTests({ runs: 1, reporter: "tap" });
return { findings: [] };
`;
    world = await startWorld(auditModel({ latencyMs: 20 }));
    world.repo.commit(DEFAULT_BRANCH, { ".github/quorum.yml": config, ".github/quorum/workflows/tests.js": script }, "tests workflow");
    const sha = world.repo.branchSha(DEFAULT_BRANCH);
    // The run job's checkout: the code under test, hostile.
    const workspace = await checkout({ ...repoFiles(), ".github/quorum.yml": config, "hostile.test.js": hostile(world.gh.url, sha) });
    const issue = world.gh.openIssue(OWNER, REPO, { title: "Run the tests" });
    const s = await stages(world, "/workflow tests");
    results = s.results;
    const trigger = await s.trigger();
    expect(trigger.code, trigger.stdout + trigger.stderr).toBe(0);
    const run = await s.run(trigger.outputs.plan ?? "", workspace);
    expect(run.code, run.stdout + run.stderr).toBe(0);

    // Whatever the hostile code reached, no write of it was accepted, and nothing changed.
    const attempts = nonCheckWrites(world, RUN_TOKEN);
    for (const attempt of attempts) expect(attempt.status, `${attempt.method} ${attempt.path}`).toBe(403);
    expect(world.repo.issueComments.filter((c) => c.body.includes("pwned"))).toEqual([]);
    expect(world.repo.pulls).toHaveLength(0);
    expect([...world.repo.refs.keys()].filter((r) => r.includes("pwned"))).toEqual([]);
    expect(world.repo.file(DEFAULT_BRANCH, "pwned.txt")).toBeNull();
    expect(botComments(world, issue)).toHaveLength(1); // the trigger's start reply only
  });

  it("X6 X4 the publish job refuses forged hand-offs (another workflow run, another run id, off-schema events) and validates an accepted one", STAGED, async () => {
    world = await startWorld(auditModel({ latencyMs: 20 }));
    const issue = world.gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    const s = await stages(world, "/workflow audit-auth");
    results = s.results;
    const trigger = await s.trigger();
    expect(trigger.code, trigger.stdout + trigger.stderr).toBe(0);
    const plan = trigger.outputs.plan ?? "";
    const runId = `gh-${WORKFLOW_RUN}-audit-auth`;
    const commit = world.repo.branchSha(DEFAULT_BRANCH);
    const backend = `run-${WORKFLOW_RUN}`;
    const base = { version: 1, workflowRunId: WORKFLOW_RUN, runId, workflow: "audit-auth", commit, status: "succeeded", notes: [], events: [] };
    const conclusion = () => world!.repo.checkRuns[0];

    // 1. A hand-off uploaded in another workflow run is not even visible to this one.
    await forgeHandoff(s.results, "run-9999", runId, 1, JSON.stringify({ ...base, result: { findings: [] } }));
    let publish = await s.publish(plan);
    expect(publish.code).toBe(1);
    expect(conclusion()?.conclusion).toBe("failure");
    expect(conclusion()?.output?.summary).toContain("The run job left no hand-off");

    // 2–3. Refused documents: nothing of them is published.
    const refused: [string, RegExp][] = [
      // (Each refusal is also unit-tested in test/github/stage-handoff.test.ts; here through the bundle.)
      [JSON.stringify({ ...base, runId: "gh-9999-audit-auth", result: { findings: [] } }), /for runId "gh-9999-audit-auth"/],
      [JSON.stringify({ ...base, events: [{ type: "agent.finished", at: 1, agentId: "a" }], result: { findings: [] } }), /does not match its schema/],
    ];
    let attempt = 1;
    for (const [document, why] of refused) {
      await forgeHandoff(s.results, backend, runId, attempt++, document);
      publish = await s.publish(plan);
      expect(publish.code, publish.stdout).toBe(1);
      expect(conclusion()?.output?.summary).toMatch(why);
      expect(world.repo.pulls).toHaveLength(0);
    }

    // 4. Accepted document, hostile content: an off-schema finding is not published, a secret is redacted.
    const leaked = "ghp_0123456789abcdefghijABCDEFGHIJ0123456789";
    const findings = [
      { title: "No severity here", body: "x", patch: PATCHES["src/admin.js"] },
      { title: "Route in src/users.js has no authentication", severity: "high", body: `Leaked ${leaked} and ${TEST_MODEL_KEY}.`, location: { path: "src/users.js", line: 4 }, patch: PATCHES["src/users.js"] },
    ];
    await forgeHandoff(s.results, backend, runId, attempt++, JSON.stringify({ ...base, result: { findings } }));
    publish = await s.publish(plan);
    expect(publish.code, publish.stdout + publish.stderr).toBe(0);
    expect(world.repo.pulls).toHaveLength(1);
    const pull = world.repo.pulls[0]!;
    expect(pull.body).not.toContain(leaked);
    expect(pull.body).not.toContain(TEST_MODEL_KEY);
    expect(pull.body).toContain("[REDACTED");
    expect(`${conclusion()?.output?.summary ?? ""}\n${conclusion()?.output?.text ?? ""}`).toContain("No severity here");
    expect(world.repo.pulls.map((p) => p.title).join()).not.toContain("No severity here");
    const posted = JSON.stringify([world.repo.issueComments, world.repo.pulls, world.repo.checkRuns.map((c) => c.history)]);
    expect(posted).not.toContain(leaked);
    expect(posted).not.toContain(TEST_MODEL_KEY);
    expect(botComments(world, issue).length).toBeGreaterThan(1);
    expect(world.model.requests).toHaveLength(0);
    expect(world.gh.violations).toEqual([]);
  });

  it("X6 P1 G3 App mode: the dispatched workflow's three jobs keep the App's check run and run id; the publish job concludes it with buttons", STAGED, async () => {
    world = await startWorld(auditModel({ latencyMs: 20 }));
    const issue = world.gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    const runId = "20260301-120000-audit-auth-ab12";
    const head = world.repo.branchSha(DEFAULT_BRANCH);
    // The App's check run, as src/app/start-run.ts creates it before dispatching.
    const { data: check } = await fakeClient(world.gh).rest.checks.create({
      owner: OWNER,
      repo: REPO,
      name: "quorum / audit-auth",
      head_sha: head,
      external_id: runId,
      status: "queued",
      output: { title: "Queued in GitHub Actions", summary: `Starting run \`${runId}\`.` },
      actions: buttonsFor("running"),
    });
    const payload = examplePayload("workflow_dispatch");
    (payload.repository as Record<string, unknown>).default_branch = DEFAULT_BRANCH;
    payload.inputs = encodeDispatch({ workflow: "audit-auth", args: undefined, runId, checkRunId: check.id, trigger: { event: "issue_comment", sender: "Codertocat", number: issue, isPullRequest: false, headSha: head } });
    const s = await stages(world, "", { name: "workflow_dispatch", payload });
    results = s.results;

    const trigger = await s.trigger();
    expect(trigger.code, trigger.stdout + trigger.stderr).toBe(0);
    const plan = trigger.outputs.plan ?? "";
    expect(JSON.parse(plan)).toEqual([expect.objectContaining({ handoff: expect.objectContaining({ runId, checkRunId: check.id, byApp: true }) })]);
    const run = await s.run(plan);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(nonCheckWrites(world, RUN_TOKEN)).toEqual([]);
    const publish = await s.publish(plan);
    expect(publish.code, publish.stdout + publish.stderr).toBe(0);

    expect(world.repo.checkRuns).toHaveLength(1);
    expect(world.repo.checkRuns[0]).toMatchObject({ id: check.id, externalId: runId, status: "completed", conclusion: "neutral" });
    const history = (world.repo.checkRuns[0]?.history ?? []) as { actions?: unknown }[];
    expect(history.at(-1)?.actions).toEqual([]);
    expect(world.repo.pulls).toHaveLength(2);
    // The App replied that the run started; the publish job posts only the summary.
    expect(botComments(world, issue)).toEqual([expect.stringContaining("audit-auth: 2 findings")]);
    expect(publish.outputs["run-id"]).toBe(runId);
    expect(world.gh.violations).toEqual([]);
  });
});
