/**
 * End to end (rule G7, P1–P4): a free-form task in a comment → the App's author agent writes a
 * script (scripted fake model) → validated → check run `action_required` → a read-only user's
 * approval is refused → a maintainer approves → the Action is dispatched with the script's blob →
 * the run (the engine in-process, as the Action would run it: the approved script fetched back
 * with loadApprovedScript, agents on the fake model) → the finding is published as a pull request
 * and the run's check run concludes → `/workflow save` opens a pull request adding the script.
 *
 * GitHub is the stateful fake checked against @octokit/openapi, behind a small proxy that plays
 * GitHub Actions (dispatch, runs). The webhooks are real payloads from @octokit/webhooks-examples,
 * pointed at the fake repository.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quorumApp } from "../../src/app/app.ts";
import { applyEvent, initialProgress } from "../../src/engine/progress.ts";
import { startRun } from "../../src/engine/run.ts";
import { conclusionInputOf, decideConclusion, renderCheckRunOutput } from "../../src/github/checkrun/index.ts";
import { decodeDispatch } from "../../src/github/dispatch.ts";
import { normalizeFindings } from "../../src/github/finding.ts";
import { gitBlobSha, loadApprovedScript, readFreeformRecord } from "../../src/github/freeform/index.ts";
import { publishFindings } from "../../src/github/run/publish-findings.ts";
import { findingLines } from "../../src/github/run/report.ts";
import { resolveWorkflowFile } from "../../src/workflows/resolve.ts";
import { FakeAnthropic, firstUserText } from "../support/fake-anthropic.ts";
import { DEFAULT_ACTOR, FakeGitHub } from "../support/fake-github/index.ts";
import { useTempDirs } from "../support/repo-fixtures.ts";
import { fakeClient } from "../github/helpers.ts";
import { ActionsProxy } from "./support/actions-proxy.ts";
import { authorAnswer, proposedScript, runnerOn, startFakeModel } from "./support/model.ts";
import { commentPayload, deliver, NOW } from "./support/probot.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

const OWNER = "octo";
const REPO = "app";
const README = "# app\n\nWe recieve webhooks and answer them.\n";
const FIXED_README = "# app\n\nWe receive webhooks and answer them.\n";
const PATCH = ["--- a/README.md", "+++ b/README.md", "@@ -3,1 +3,1 @@", "-We recieve webhooks and answer them.", "+We receive webhooks and answer them.", ""].join("\n");
const TASK = "find typos in the README and propose a fix for each";
const SCRIPT = proposedScript();

const temp = useTempDirs();
let gh: FakeGitHub;
let proxy: ActionsProxy;
let model: FakeAnthropic;
let probot: Probot;
let issue: number;

/** The scripted model: the author writes SCRIPT; the run's finder reports one typo; the skeptic confirms. */
function scriptModel(fake: FakeAnthropic): void {
  fake.handle(({ body }) => {
    const prompt = firstUserText(body);
    if (prompt.includes("# Writing a Quorum workflow script")) return authorAnswer(SCRIPT);
    if (prompt.includes("Find spelling mistakes in README.md")) return { json: { typos: [{ title: 'Fix "recieve" in the README', line: 3, patch: PATCH }] } };
    if (prompt.includes("skeptic 1 of 1")) return { json: { verdict: "confirm", reason: 'README.md:3 says "recieve".' } };
    return { error: { status: 400, type: "invalid_request_error", message: `unexpected prompt: ${prompt.slice(0, 80)}` } };
  });
}

/** A real issue_comment payload, pointed at the fake repository's issue. */
function comment(body: string, login: string, commentId: number): Record<string, unknown> {
  const payload = commentPayload(body, { login, commentId });
  const repository = payload.repository as Record<string, unknown>;
  Object.assign(repository, { name: REPO, full_name: `${OWNER}/${REPO}`, default_branch: "main" });
  (repository.owner as Record<string, unknown>).login = OWNER;
  (payload.issue as Record<string, unknown>).number = issue;
  return payload;
}

beforeAll(async () => {
  gh = await FakeGitHub.start();
  gh.createRepo({ owner: OWNER, repo: REPO, files: { "README.md": README } });
  gh.setRole(OWNER, REPO, "maintainer", "maintain");
  gh.setRole(OWNER, REPO, "visitor", "read");
  issue = gh.openIssue(OWNER, REPO, { title: "Typos everywhere" });
  proxy = await ActionsProxy.start(gh.url);
  model = await startFakeModel();
  scriptModel(model);
  probot = new Probot({
    githubToken: "ghs_e2etokene2etokene2etokene2etoken00",
    baseUrl: proxy.url,
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults((instanceOptions: object) => ({ ...instanceOptions, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  await probot.load(quorumApp({ botLogin: DEFAULT_ACTOR.login, authorRunner: () => runnerOn(model), now: () => NOW }));
});

afterAll(async () => {
  await model?.stop();
  await proxy?.stop();
  await gh?.stop();
});

describe("G7 end to end: free-form task to published finding", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  it("G7 P1 P2 P4 task → script → action_required → approve → run → PR, with the approved script in the run directory; then save", async () => {
    const fake = gh.repo(OWNER, REPO);

    // 1. The task: a proposal waits for approval; nothing is dispatched.
    await deliver(probot, "issue_comment", comment(`/workflow "${TASK}"`, "maintainer", 1));
    const proposal = fake.checkRuns.find((c) => c.name === "quorum / freeform: readme-typos");
    expect(proposal).toMatchObject({ status: "completed", conclusion: "action_required", headSha: fake.branchSha("main") });
    expect(proposal!.output?.text).toContain(SCRIPT);
    const runId = proposal!.externalId!;
    expect(proxy.dispatches).toEqual([]);
    expect(fake.issueComments.at(-1)?.body).toContain(`/workflow approve ${runId}`);

    // 2. A read-only user cannot approve.
    await deliver(probot, "issue_comment", comment(`/workflow approve ${runId}`, "visitor", 2));
    expect(fake.issueComments.at(-1)?.body).toContain("@visitor has read access");
    expect(proxy.dispatches).toEqual([]);

    // 3. A maintainer approves: the Action is dispatched with the blob of the approved bytes.
    await deliver(probot, "issue_comment", comment(`/workflow approve ${runId}`, "maintainer", 3));
    expect(proxy.dispatches).toHaveLength(1);
    const dispatch = proxy.dispatches[0]!;
    expect(dispatch).toMatchObject({ owner: OWNER, repo: REPO, workflowFile: "quorum.yml", ref: "main" });
    const request = decodeDispatch((name) => dispatch.inputs[name] ?? "");
    expect(request).toMatchObject({ workflow: "freeform", runId, scriptBlob: gitBlobSha(Buffer.from(SCRIPT, "utf8")) });
    expect(readFreeformRecord(fake.checkRuns.find((c) => c.id === proposal!.id)!.output?.text)).toMatchObject({ state: "approved", decidedBy: "maintainer" });
    const runCheck = fake.checkRuns.find((c) => c.id === request!.checkRunId)!;
    expect(runCheck).toMatchObject({ name: "quorum / freeform: readme-typos", externalId: runId, status: "queued", detailsUrl: `https://github.com/${OWNER}/${REPO}/actions/runs/${dispatch.workflowRunId}` });

    // 4. The run, as the Action does it: the approved script fetched back by its blob sha.
    const octokit = fakeClient(gh);
    const repo = { owner: OWNER, repo: REPO, defaultBranch: "main" };
    const script = await loadApprovedScript(octokit, repo, request!.scriptBlob!);
    expect(script).toBe(SCRIPT);
    const checkout = await temp.repo({ "README.md": README });
    const state = initialProgress();
    const outcome = await startRun({
      workflow: { name: "freeform", source: script, filename: "freeform.js" },
      repo: checkout,
      runId: request!.runId,
      runner: runnerOn(model),
      resolveWorkflow: (name) => resolveWorkflowFile(name, checkout, checkout),
      sinks: [(event) => applyEvent(state, event)],
    });
    expect(outcome.status).toBe("succeeded");
    const recorded = readFileSync(join(outcome.runDir, "script.js"));
    expect(recorded.toString("utf8")).toBe(SCRIPT);
    expect(gitBlobSha(recorded)).toBe(request!.scriptBlob);

    const { findings, errors } = normalizeFindings(outcome.result);
    expect(errors).toEqual([]);
    const published = await publishFindings({
      octokit,
      context: { ...repo, workflow: "readme-typos", runId: request!.runId, secrets: [] },
      mode: "auto",
      pullRequest: null,
      findings,
    });
    expect(published).toMatchObject([{ destination: "pull-request", state: "created" }]);
    const pull = fake.pulls.find((p) => p.head.ref.startsWith("quorum/readme-typos/"))!;
    expect(fake.fileAt(fake.headSha(pull), "README.md")).toBe(FIXED_README);
    expect(fake.file("main", "README.md")).toBe(README);

    // The Action reports into the App's check run (dispatch input check-run-id).
    const verdict = decideConclusion(conclusionInputOf(state, published.length, 0));
    await octokit.rest.checks.update({
      owner: OWNER,
      repo: REPO,
      check_run_id: request!.checkRunId!,
      status: "completed",
      conclusion: verdict.conclusion,
      output: renderCheckRunOutput(state, Date.now(), { verdict, findings: findingLines(published) }),
    });
    expect(fake.checkRuns.find((c) => c.id === request!.checkRunId)).toMatchObject({ status: "completed", conclusion: "neutral" });

    // 5. Keep it: /workflow save opens a PR adding the approved script as a named workflow.
    await deliver(probot, "issue_comment", comment(`/workflow save ${runId} readme-typos`, "maintainer", 4));
    const save = fake.pulls.find((p) => p.head.ref.startsWith("quorum/workflows/readme-typos-"))!;
    expect(fake.fileAt(fake.headSha(save), ".github/quorum/workflows/readme-typos.js")).toBe(SCRIPT);
    expect(fake.issueComments.at(-1)?.body).toMatch(/Opened pull request \[#\d+\]\(.+\) adding `\.github\/quorum\/workflows\/readme-typos\.js`/);

    expect(gh.violations).toEqual([]);
    expect(proxy.violations).toEqual([]);
  });
});
