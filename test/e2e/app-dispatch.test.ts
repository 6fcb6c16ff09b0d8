/**
 * End-to-end: the bundled action run as a process on a `workflow_dispatch` the GitHub App sends
 * (inputs made with `encodeDispatch`, src/github/dispatch.ts): the run keeps the App's run id,
 * reports into the App's check run (created here as the App would, with its buttons), and does not
 * post the "started" reply the App already posted. A free-form run executes exactly the approved
 * blob; a blob whose bytes do not match its sha runs nothing; a cancelled App run resumes in a
 * later workflow run from its saved journal, found among the repository's artifacts.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buttonsFor } from "../../src/github/app-buttons.ts";
import { encodeDispatch, type DispatchRequest } from "../../src/github/dispatch.ts";
import { gitBlobSha } from "../../src/github/freeform/index.ts";
import { lastUserText } from "../support/fake-anthropic.ts";
import { fakeClient } from "../github/helpers.ts";
import { FakeResults } from "./support/fake-results.ts";
import { cloneCheckout, examplePayload, runActionProcess, runDirectoryOf } from "./support/harness.ts";
import { AUDIT_AUTH_SCRIPT, auditModel, DEFAULT_BRANCH, OWNER, REPO } from "./support/fixtures.ts";
import { botComments, startWorld, type World } from "./support/world.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

const MAINTAINER = "Codertocat";
/** A free-form script as the App's author would have written it: audit-auth under another name. */
const FREEFORM_SCRIPT = AUDIT_AUTH_SCRIPT.replace('name: "audit-auth"', 'name: "admin-routes"');

type Update = { status?: string; conclusion?: string; details_url?: string; actions?: unknown; output?: { title?: string; summary?: string } };

/** The App's check run, as src/app/start-run.ts creates it before dispatching. */
async function appCheckRun(world: World, name: string, runId: string): Promise<number> {
  const { data } = await fakeClient(world.gh).rest.checks.create({
    owner: OWNER,
    repo: REPO,
    name,
    head_sha: world.repo.branchSha(DEFAULT_BRANCH),
    external_id: runId,
    status: "queued",
    output: { title: "Queued in GitHub Actions", summary: `Starting run \`${runId}\`: handed to GitHub Actions.` },
    actions: buttonsFor("running"),
  });
  return data.id;
}

/** A workflow_dispatch payload carrying the App's inputs. */
function dispatchPayload(request: Omit<DispatchRequest, "trigger"> & { trigger?: Partial<DispatchRequest["trigger"]> }, world: World): Record<string, unknown> {
  const payload = examplePayload("workflow_dispatch");
  (payload.repository as Record<string, unknown>).default_branch = DEFAULT_BRANCH;
  payload.inputs = encodeDispatch({
    ...request,
    trigger: { event: "issue_comment", sender: MAINTAINER, number: 1, isPullRequest: false, commentId: 4242, headSha: world.repo.branchSha(DEFAULT_BRANCH), ...request.trigger },
  });
  return payload;
}

function run(world: World, payload: unknown, extra: { runId?: string; workspace?: string; env?: Record<string, string>; onSpawn?: (child: ChildProcess) => void } = {}) {
  return runActionProcess({
    eventName: "workflow_dispatch",
    payload,
    workspace: extra.workspace ?? world.workspace,
    apiUrl: world.gh.url,
    anthropicUrl: world.model.url,
    sha: world.repo.branchSha(DEFAULT_BRANCH),
    runId: extra.runId ?? "6001",
    ...(extra.env ? { env: extra.env } : {}),
    ...(extra.onSpawn ? { onSpawn: extra.onSpawn } : {}),
  });
}

async function storeBlob(world: World, text: string): Promise<string> {
  const { data } = await fakeClient(world.gh).rest.git.createBlob({ owner: OWNER, repo: REPO, content: Buffer.from(text, "utf8").toString("base64"), encoding: "base64" });
  return data.sha;
}

const updatesOf = (world: World, id: number): Update[] => (world.repo.checkRuns.find((c) => c.id === id)?.history ?? []) as Update[];

describe("e2e: the Action runs what the GitHub App dispatches", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  let world: World | undefined;
  let results: FakeResults | undefined;
  afterEach(async () => {
    await world?.stop();
    await results?.stop();
    world = undefined;
    results = undefined;
  });

  it("P1 P2 P3 G3 a named workflow adopts the App's check run: updated per phase and completed with buttons; no second check run; the summary goes to the issue, no started reply", async () => {
    world = await startWorld(auditModel());
    const issue = world.gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    const runId = "20260301-120000-audit-auth-ab12";
    const checkRunId = await appCheckRun(world, "quorum / audit-auth", runId);

    const job = await run(world, dispatchPayload({ workflow: "audit-auth", args: undefined, runId, checkRunId }, world), { runId: "6001" });
    expect(job.code, job.stdout + job.stderr).toBe(0);

    // One check run, the App's: no second one was created.
    expect(world.repo.checkRuns).toHaveLength(1);
    expect(world.gh.requestsTo("checks/create")).toHaveLength(1);
    const check = world.repo.checkRuns[0]!;
    expect(check).toMatchObject({ id: checkRunId, name: "quorum / audit-auth", externalId: runId, status: "completed", conclusion: "neutral" });
    const updates = updatesOf(world, checkRunId).slice(1); // [0] is the App's create
    expect(updates[0]).toMatchObject({ status: "in_progress", details_url: "https://github.com/Codertocat/Hello-World/actions/runs/6001" });
    expect(updates.slice(0, -1).every((u) => u.actions === undefined)).toBe(true); // the App's Cancel button stays while it runs
    expect(updates.at(-1)).toMatchObject({ status: "completed", conclusion: "neutral", actions: [] });
    expect(updates.some((u) => /phase \*\*Verify\*\*/.test(u.output?.summary ?? ""))).toBe(true);

    // The findings were published under the workflow's name; the run kept the App's run id.
    expect(world.repo.pulls.map((p) => p.head.ref)).toEqual([expect.stringMatching(/^quorum\/audit-auth\//), expect.stringMatching(/^quorum\/audit-auth\//)]);
    expect(job.outputs["run-id"]).toBe(runId);
    expect(existsSync(join(runDirectoryOf(job, runId) ?? "-", "journal.jsonl"))).toBe(true);
    expect(existsSync(join(world.workspace, ".quorum"))).toBe(false);

    // P3: the App posted the started reply; the Action posts only the summary, on the issue.
    const replies = botComments(world, issue);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain("audit-auth: 2 findings");
    expect(replies[0]).not.toMatch(/^Started/m);
    expect(world.gh.violations).toEqual([]);
  });

  it("G7 P1 P4 a free-form run executes exactly the approved blob (script.js is its bytes) and publishes its findings", async () => {
    world = await startWorld(auditModel({ latencyMs: 20 }));
    world.gh.openIssue(OWNER, REPO, { title: "Find admin routes" });
    const blob = await storeBlob(world, FREEFORM_SCRIPT);
    const runId = "20260301-120000-freeform-cd34";
    const checkRunId = await appCheckRun(world, "quorum / freeform: admin-routes", runId);

    const job = await run(world, dispatchPayload({ workflow: "freeform", args: undefined, runId, checkRunId, scriptBlob: blob }, world));
    expect(job.code, job.stdout + job.stderr).toBe(0);

    const recorded = readFileSync(join(runDirectoryOf(job, runId) ?? "-", "script.js"));
    expect(recorded.equals(Buffer.from(FREEFORM_SCRIPT, "utf8"))).toBe(true);
    expect(gitBlobSha(recorded)).toBe(blob);
    expect(world.gh.requestsTo("git/get-blob").map((r) => r.params.file_sha)).toEqual([blob]);

    expect(world.repo.checkRuns).toHaveLength(1);
    expect(world.repo.checkRuns[0]).toMatchObject({ id: checkRunId, name: "quorum / freeform: admin-routes", status: "completed", conclusion: "neutral" });
    expect(world.repo.pulls, job.stdout.split("\n").filter((l) => !l.startsWith("::debug")).join("\n")).toHaveLength(2);
    for (const pull of world.repo.pulls) expect(pull.head.ref).toMatch(/^quorum\/admin-routes\/[0-9a-f]{10}$/);
    expect(job.outputs).toMatchObject({ "run-id": runId, findings: "2" });
    expect(world.gh.violations).toEqual([]);
  });

  it("G7 P2 a blob whose bytes are not the approved sha is a clear failure: nothing runs, the check run and the issue say why", async () => {
    world = await startWorld(auditModel({ latencyMs: 20 }));
    const issue = world.gh.openIssue(OWNER, REPO, { title: "Find admin routes" });
    const blob = await storeBlob(world, FREEFORM_SCRIPT);
    // Someone swapped the stored bytes under the approved sha.
    world.repo.git.blobs.set(blob, Buffer.from(FREEFORM_SCRIPT.replace("VERIFY: try to refute", "VERIFY: always confirm"), "utf8"));
    const runId = "20260301-120000-freeform-ef56";
    const checkRunId = await appCheckRun(world, "quorum / freeform: admin-routes", runId);

    const job = await run(world, dispatchPayload({ workflow: "freeform", args: undefined, runId, checkRunId, scriptBlob: blob }, world));
    expect(job.code, job.stdout + job.stderr).toBe(1);
    expect(job.stdout + job.stderr).toMatch(/not the approved one/);

    expect(world.model.requests).toHaveLength(0);
    expect(world.repo.pulls).toHaveLength(0);
    expect(runDirectoryOf(job, runId)).toBeNull();
    expect(world.repo.checkRuns).toHaveLength(1);
    const check = world.repo.checkRuns[0]!;
    expect(check).toMatchObject({ id: checkRunId, status: "completed", conclusion: "failure", output: { title: "Could not start the run" } });
    expect(check.output?.summary).toMatch(new RegExp(`Blob ${blob} came back with bytes that hash to [0-9a-f]{40}; refusing to run a script that is not the approved one`));
    expect(updatesOf(world, checkRunId).at(-1)).toMatchObject({ actions: [] });
    expect(botComments(world, issue).at(-1)).toMatch(/refusing to run a script that is not the approved one/);
    expect(world.gh.violations).toEqual([]);
  });

  it("J5 P2 an App run cancelled in one workflow run offers Re-run; `resume: true` in a later workflow run finds its artifact in the repository and pays only for unfinished agents", async () => {
    world = await startWorld(auditModel({ latencyMs: 20, verifyDelayMs: 30_000 }));
    results = new FakeResults();
    await results.start();
    const gh = world.gh;
    gh.openIssue(OWNER, REPO, { title: "Audit auth please" });
    const model = world.model;
    const prompts = () => model.requests.map((r) => lastUserText(r.body));
    const artifactEnv = (run: string) => ({ ACTIONS_RESULTS_URL: `${results!.url}/`, ACTIONS_RUNTIME_TOKEN: FakeResults.runtimeToken(run, "job-1") });
    const runId = "20260301-120000-audit-auth-9a9a";

    // Workflow run 7101: the job is cancelled (SIGINT) while the skeptics think.
    const first = await appCheckRun(world, "quorum / audit-auth", runId);
    const job1 = await run(world, dispatchPayload({ workflow: "audit-auth", args: undefined, runId, checkRunId: first }, world), {
      runId: "7101",
      env: artifactEnv("run-7101"),
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (!prompts().some((p) => p.includes("VERIFY:"))) return;
          clearInterval(poll);
          child.kill("SIGINT");
        }, 20);
        child.on("close", () => clearInterval(poll));
      },
    });
    expect(job1.code, job1.stdout + job1.stderr).toBe(1);
    expect(world.repo.checkRuns.find((c) => c.id === first)).toMatchObject({ status: "completed", conclusion: "cancelled" });
    expect(updatesOf(world, first).at(-1)).toMatchObject({ actions: buttonsFor("resumable") });
    const saved = results.live().filter((a) => a.runBackendId === "run-7101");
    expect(saved.map((a) => a.name)).toEqual([expect.stringMatching(new RegExp(`^quorum-run-${runId}-a1-\\d+$`))]);
    const callsBefore = prompts().length;

    // What GitHub's REST API shows of that workflow run's artifacts once finalized.
    for (const a of saved) if (a.content) gh.addArtifact(OWNER, REPO, { workflowRunId: 7101, name: a.name, content: a.content });
    gh.addArtifact(OWNER, REPO, { workflowRunId: 7050, name: "coverage-report", content: Buffer.from("not ours") });

    // Re-run: the App dispatches the same run id with resume: true into a new check run.
    model.handle(auditModel({ latencyMs: 20 }));
    const second = await appCheckRun(world, "quorum / audit-auth", runId);
    const job2 = await run(world, dispatchPayload({ workflow: "audit-auth", args: undefined, runId, checkRunId: second, resume: true }, world), {
      runId: "7103",
      workspace: await cloneCheckout(world.workspace),
      env: artifactEnv("run-7103"),
    });
    expect(job2.code, job2.stdout + job2.stderr).toBe(0);
    // Found among the repository's artifacts (the run id names no workflow run), downloaded through the redirect.
    expect(gh.requestsTo("actions/list-artifacts-for-repo").length).toBeGreaterThan(0);
    expect(gh.requestsTo("actions/download-artifact").map((r) => r.status)).toEqual([302]);
    const resumedPrompts = prompts().slice(callsBefore);
    expect(resumedPrompts.filter((p) => p.includes("MAP:") || p.includes("FIND:"))).toEqual([]);
    expect(resumedPrompts.filter((p) => p.includes("VERIFY:"))).toHaveLength(2);
    expect(world.repo.checkRuns.find((c) => c.id === second)).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(updatesOf(world, second).at(-1)).toMatchObject({ actions: [] });
    expect(world.repo.checkRuns).toHaveLength(2);
    expect(world.repo.pulls).toHaveLength(2);
    expect(job2.outputs["run-id"]).toBe(runId);
    expect(gh.violations).toEqual([]);
  });
});
