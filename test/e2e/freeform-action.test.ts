/**
 * End-to-end (rule G7 without the App): free-form workflows in an Action-only setup, each step a
 * separate job of the bundled action, as each comment starts one: a writer's `/workflow "<task>"`
 * → the author agent (scripted fake model, with read-only tools over the checkout) writes a
 * script → a proposal check run waits `action_required` with the script shown → a read-only
 * user's approval is refused → a writer's `/workflow approve <run-id>` runs the approved script
 * byte for byte in that job → its findings become pull requests → `/workflow save` keeps it.
 *
 * The fake API acts as `github-actions[bot]`, the account GITHUB_TOKEN comments as: its replies
 * hold the run index that `/workflow approve` finds the proposal by.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gitBlobSha, readFreeformRecord, readRunIndex } from "../../src/github/freeform/index.ts";
import { firstUserText, type FakeHandler } from "../support/fake-anthropic.ts";
import { cloneFakeRepo } from "../support/fake-github/clone.ts";
import { examplePayload, runActionProcess, runDirectoryOf } from "./support/harness.ts";
import { AUDIT_AUTH_SCRIPT, auditModel, DEFAULT_BRANCH, OWNER, REPO, WRITER } from "./support/fixtures.ts";
import { ACTIONS_BOT, botComments, startWorld, type World } from "./support/world.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

const TASK = "find admin routes without auth";
/** What the author agent writes: the audit-auth double under its own name. */
const SCRIPT = AUDIT_AUTH_SCRIPT.replace('name: "audit-auth"', 'name: "admin-routes"');

/** The author answers with SCRIPT; the run's agents are answered like audit-auth's. */
function model(): FakeHandler {
  const audit = auditModel({ latencyMs: 20 });
  return (request) => {
    if (firstUserText(request.body).includes("# Writing a Quorum workflow script")) {
      return {
        json: {
          script: SCRIPT,
          summary: "Maps the route files, checks each for missing authentication, and has a skeptic confirm every suspicion before it is reported with a fix.",
          estimate: { minAgents: 3, maxAgents: 10, reasoning: "One mapper, one finder per route file, one skeptic per suspicion." },
        },
      };
    }
    return audit(request);
  };
}

function comment(body: string, login: string, id: number): Record<string, unknown> {
  const payload = examplePayload("issue_comment", "created");
  const c = payload.comment as Record<string, unknown>;
  Object.assign(c, { body, id });
  (c.user as Record<string, unknown>).login = login;
  Object.assign(payload.sender as Record<string, unknown>, { login, type: "User" });
  return payload;
}

describe("e2e: free-form workflows in the Action, without the App", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it("G7 P1 P2 P3 P4 G5 a task → proposal `action_required` with the script → a read-only approve is refused → a writer's approve runs the script byte for byte → PRs; then save", async () => {
    world = await startWorld(model(), { actor: ACTIONS_BOT });
    const gh = world.gh;
    gh.setRole(OWNER, REPO, "rita", "read");
    const issue = gh.openIssue(OWNER, REPO, { title: "Which admin routes lack auth?" });
    const sha = world.repo.branchSha(DEFAULT_BRANCH);
    let nextRun = 8001;
    const job = (payload: Record<string, unknown>) =>
      runActionProcess({ eventName: "issue_comment", payload, workspace: world!.workspace, apiUrl: gh.url, anthropicUrl: world!.model.url, sha, runId: String(nextRun++) });

    // 1. The task: the author writes a script; it waits for approval. Nothing runs.
    const propose = await job(comment(`/workflow "${TASK}"`, WRITER, 101));
    expect(propose.code, propose.stdout + propose.stderr).toBe(0);
    expect(world.model.requests).toHaveLength(1);
    const authorTools = ((world.model.requests[0]?.body.tools ?? []) as { name: string }[]).map((t) => t.name);
    expect(authorTools).toEqual(expect.arrayContaining(["read", "list", "grep", "glob"]));
    expect(world.repo.checkRuns).toHaveLength(1);
    const proposal = world.repo.checkRuns[0]!;
    expect(proposal).toMatchObject({ name: "quorum / freeform: admin-routes", headSha: sha, status: "completed", conclusion: "action_required" });
    expect(proposal.output?.text).toContain(SCRIPT);
    expect(proposal.output?.summary).toContain("Waiting for approval");
    const record = readFreeformRecord(proposal.output?.text);
    expect(record).toMatchObject({ name: "admin-routes", state: "awaiting_approval", requester: WRITER, issueNumber: issue, blobSha: gitBlobSha(Buffer.from(SCRIPT, "utf8")) });
    const runId = record!.runId;
    expect(proposal.externalId).toBe(runId);
    const proposed = botComments(world, issue);
    expect(proposed).toHaveLength(1);
    expect(proposed[0]).toContain(`/workflow approve ${runId}`);
    expect(readRunIndex(proposed[0])).toEqual([{ v: 1, runId, workflow: "freeform", checkRunId: proposal.id, headSha: sha }]);
    expect(world.repo.pulls).toHaveLength(0);

    // 2. A read-only user cannot approve: a refusal, nothing runs.
    const refused = await job(comment(`/workflow approve ${runId}`, "rita", 102));
    expect(refused.code, refused.stdout + refused.stderr).toBe(0);
    expect(botComments(world, issue).at(-1)).toMatch(/@rita has read access to Codertocat\/Hello-World/);
    expect(world.repo.checkRuns).toHaveLength(1);
    expect(world.model.requests).toHaveLength(1);
    expect(readFreeformRecord(world.repo.checkRuns[0]!.output?.text)?.state).toBe("awaiting_approval");

    // 3. A writer approves: the approved script runs in that job, as the proposal's run.
    const approve = await job(comment(`/workflow approve ${runId}`, WRITER, 103));
    expect(approve.code, approve.stdout + approve.stderr).toBe(0);
    const recorded = readFileSync(join(runDirectoryOf(approve, runId) ?? "-", "script.js"));
    expect(recorded.equals(Buffer.from(SCRIPT, "utf8"))).toBe(true);
    expect(gitBlobSha(recorded)).toBe(record!.blobSha);
    expect(approve.outputs).toMatchObject({ "run-id": runId, findings: "2" });

    expect(world.repo.checkRuns).toHaveLength(2);
    const [restated, runCheck] = world.repo.checkRuns;
    expect(restated!.conclusion).toBe("action_required"); // a completed check run keeps its conclusion…
    expect(restated!.output?.title).toBe(`Approved by @${WRITER}: admin-routes`); // …and says what happened
    expect(readFreeformRecord(restated!.output?.text)).toMatchObject({ state: "approved", decidedBy: WRITER, runCheckRunId: runCheck!.id });
    expect(runCheck).toMatchObject({ name: "quorum / freeform: admin-routes", externalId: runId, headSha: sha, status: "completed", conclusion: "neutral" });
    expect(world.repo.pulls).toHaveLength(2);
    for (const pull of world.repo.pulls) expect(pull.head.ref).toMatch(/^quorum\/admin-routes\/[0-9a-f]{10}$/);
    const replies = botComments(world, issue);
    expect(replies.at(-2)).toMatch(/Started \*\*admin-routes\*\* \(run `[^`]+`\)/);
    expect(replies.at(-1)).toContain("admin-routes: 2 findings");

    // 4. A second approval finds nothing waiting.
    const again = await job(comment(`/workflow approve ${runId}`, WRITER, 104));
    expect(again.code).toBe(0);
    expect(botComments(world, issue).at(-1)).toMatch(/is already approved \(by @Codertocat\)/);
    expect(world.repo.checkRuns).toHaveLength(2);

    // 5. Keep it: a pull request adding the approved script as a named workflow.
    const save = await job(comment(`/workflow save ${runId} admin-routes`, WRITER, 105));
    expect(save.code, save.stdout + save.stderr).toBe(0);
    const saved = world.repo.pulls.find((p) => p.head.ref.startsWith("quorum/workflows/admin-routes-"));
    expect(saved).toBeDefined();
    expect(world.repo.fileAt(world.repo.headSha(saved!), ".github/quorum/workflows/admin-routes.js")).toBe(SCRIPT);
    expect(botComments(world, issue).at(-1)).toMatch(/Opened pull request \[#\d+\]\(.+\) adding `\.github\/quorum\/workflows\/admin-routes\.js`/);
    expect(gh.violations).toEqual([]);
  });

  it("G7 P2 `/workflow cancel <run-id>` on a waiting proposal rejects it: nothing runs, and a later approve is refused", async () => {
    world = await startWorld(model(), { actor: ACTIONS_BOT });
    const gh = world.gh;
    const issue = gh.openIssue(OWNER, REPO, { title: "Which admin routes lack auth?" });
    const sha = world.repo.branchSha(DEFAULT_BRANCH);
    const job = (payload: Record<string, unknown>, runId: string) =>
      runActionProcess({ eventName: "issue_comment", payload, workspace: world!.workspace, apiUrl: gh.url, anthropicUrl: world!.model.url, sha, runId });

    expect((await job(comment(`/workflow "${TASK}"`, WRITER, 201), "8101")).code).toBe(0);
    const runId = readFreeformRecord(world.repo.checkRuns[0]!.output?.text)!.runId;
    const cancel = await job(comment(`/workflow cancel ${runId}`, WRITER, 202), "8102");
    expect(cancel.code, cancel.stdout + cancel.stderr).toBe(0);
    expect(botComments(world, issue).at(-1)).toContain(`Rejected the free-form workflow \`admin-routes\` (run \`${runId}\`); nothing ran.`);
    expect(world.repo.checkRuns).toHaveLength(2);
    expect(readFreeformRecord(world.repo.checkRuns[0]!.output?.text)).toMatchObject({ state: "rejected", decidedBy: WRITER });
    expect(world.repo.checkRuns[1]).toMatchObject({ name: "quorum / freeform: admin-routes", conclusion: "cancelled" });

    expect((await job(comment(`/workflow approve ${runId}`, WRITER, 203), "8103")).code).toBe(0);
    expect(botComments(world, issue).at(-1)).toMatch(/was rejected by @Codertocat; nothing to approve/);
    expect(world.model.requests).toHaveLength(1); // only the author ever ran
    expect(world.repo.pulls).toHaveLength(0);
    expect(gh.violations).toEqual([]);
  });

  it("G7 P2 with `freeform.autoApprove: true` the written script runs at once, in the same job; the proposal is a neutral record", async () => {
    world = await startWorld(model(), { actor: ACTIONS_BOT });
    const gh = world.gh;
    const issue = gh.openIssue(OWNER, REPO, { title: "Which admin routes lack auth?" });
    world.repo.commit(DEFAULT_BRANCH, { ".github/quorum.yml": "freeform:\n  autoApprove: true\n" }, "Let free-form scripts run without approval");
    const sha = world.repo.branchSha(DEFAULT_BRANCH);
    // actions/checkout of the new default-branch head: the approved run must find its commit there (rule X10).
    const workspace = cloneFakeRepo(world.repo, mkdtempSync(join(tmpdir(), "quorum-workspace-")));
    const result = await runActionProcess({ eventName: "issue_comment", payload: comment(`/workflow "${TASK}"`, WRITER, 301), workspace, apiUrl: gh.url, anthropicUrl: world.model.url, sha, runId: "8201" });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(world.repo.checkRuns).toHaveLength(2);
    const [proposal, runCheck] = world.repo.checkRuns;
    expect(proposal).toMatchObject({ name: "quorum / freeform: admin-routes", conclusion: "neutral" });
    const record = readFreeformRecord(proposal!.output?.text);
    expect(record).toMatchObject({ state: "auto_approved", runCheckRunId: runCheck!.id });
    expect(runCheck).toMatchObject({ name: "quorum / freeform: admin-routes", externalId: record!.runId, conclusion: "neutral" });
    expect(readFileSync(join(runDirectoryOf(result, record!.runId) ?? "-", "script.js"), "utf8")).toBe(SCRIPT);
    expect(world.repo.pulls).toHaveLength(2);
    expect(botComments(world, issue)[0]).toMatch(/It starts at once \(`freeform\.autoApprove: true`/);
    expect(gh.violations).toEqual([]);
  });
});
