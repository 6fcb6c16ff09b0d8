/**
 * Approving a free-form proposal approves the script that was shown (rule G7): the record in the
 * proposal's check run names a blob, and the check run shows a script. Someone who can edit the
 * host's check runs (another job holding the same app's `checks: write` token) rewrites the
 * record to name another blob — a valid script already in the repository — and leaves the
 * harmless script on display. The approval must refuse rather than run the unseen blob.
 * Through the shared flow and the Action's host, against the stateful fake GitHub API.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freeformMarker, renderProposal, runIndexMarker, storeApprovedScript, type FreeformRecord } from "../../../src/github/freeform/index.ts";
import { actOnDecision } from "../../../src/github/host/index.ts";
import type { TriggerDecision } from "../../../src/github/trigger.ts";
import { proposedScript } from "../../app/support/model.ts";
import { DEFAULT_ACTOR, useFakeGitHub, type FakeUser } from "../../support/fake-github/index.ts";
import { fakeClient, testActionHost } from "../helpers.ts";

const OWNER = "acme";
const REPO = "app";
const SHOWN = proposedScript("readme-typos");
const UNSEEN = proposedScript("readme-typos").replace("Find spelling mistakes in README.md.", "Find spelling mistakes in README.md and in every file of the repository.");

describe("G7 an approval runs the script that was shown", () => {
  const gh = useFakeGitHub();

  /** A proposal and its run index; `as` makes them as other accounts (default: the job's own). */
  async function setUp(runId: string, as: { botLogin?: string; commenter?: FakeUser; checkRunApp?: FakeUser } = {}) {
    const fake = gh().createRepo({ owner: OWNER, repo: REPO });
    const own = gh().actor;
    const octokit = fakeClient(gh());
    const repo = { owner: OWNER, repo: REPO, defaultBranch: fake.defaultBranch };
    const head = fake.branchSha(fake.defaultBranch);
    const issueNumber = gh().openIssue(OWNER, REPO, { title: "task" });
    const shownBlob = await storeApprovedScript(octokit, repo, SHOWN);
    const unseenBlob = await storeApprovedScript(octokit, repo, UNSEEN);
    const record: FreeformRecord = { v: 1, runId, name: "readme-typos", blobSha: shownBlob, state: "awaiting_approval", requester: "wendy", issueNumber, isPullRequest: false, commentId: null, headSha: head };
    const view = { record, task: "fix README typos", meta: { name: "readme-typos", description: "d" }, script: SHOWN, summary: "s", authorEstimate: { minAgents: 1, maxAgents: 2, reasoning: "r" }, staticEstimate: null };
    gh().actor = as.checkRunApp ?? own;
    const { data: proposal } = await octokit.rest.checks.create({
      owner: OWNER,
      repo: REPO,
      name: "quorum / freeform: readme-typos",
      head_sha: head,
      external_id: runId,
      status: "completed",
      conclusion: "action_required",
      output: renderProposal(view),
    });
    gh().actor = as.commenter ?? own;
    await octokit.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: issueNumber, body: `I wrote readme-typos.\n\n${runIndexMarker({ v: 1, runId, workflow: "freeform", checkRunId: proposal.id, headSha: head })}` });
    gh().actor = own;
    const { host, queued } = testActionHost(octokit, repo, as.botLogin ?? DEFAULT_ACTOR.login);
    const approve: TriggerDecision = { action: "approve", runId, replyTo: { issueNumber, comment: null }, sender: { login: "wendy", type: "User" }, isPullRequest: false };
    return { octokit, proposal, record, view, host, queued, approve, shownBlob, unseenBlob, issueNumber };
  }

  it("G7 X13 a record rewritten to name another blob than the script shown is refused; nothing is queued", async () => {
    const s = await setUp("20260301-120000-freeform-ee01");
    // The edit: the record now names the unseen blob; the text still shows the harmless script.
    const forged = { ...s.record, blobSha: s.unseenBlob };
    const shown = renderProposal(s.view).text.split("\n").slice(0, -1).join("\n");
    await s.octokit.rest.checks.update({ owner: OWNER, repo: REPO, check_run_id: s.proposal.id, output: { title: "Waiting for approval: readme-typos", summary: "s", text: `${shown}\n${freeformMarker(forged)}` } });

    await actOnDecision(s.host, s.approve);
    expect(s.queued).toEqual([]);
    const comments = await s.octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: s.issueNumber });
    expect(comments.data.at(-1)?.body).toContain(`its check run does not show the stored script (blob \`${s.unseenBlob}\`)`);
    const { data: after } = await s.octokit.rest.checks.get({ owner: OWNER, repo: REPO, check_run_id: s.proposal.id });
    expect(after.output.text).toContain('"state":"awaiting_approval"');
  });

  it("G7 the untouched proposal is approved with the blob it shows", async () => {
    const s = await setUp("20260301-120000-freeform-ee02");
    await actOnDecision(s.host, s.approve);
    expect(s.queued).toHaveLength(1);
    expect(s.queued[0]?.handoff?.freeform).toEqual({ blobSha: s.shownBlob, source: SHOWN });
  });

  it("G7 /workflow save of an approved proposal whose record was rewritten to another blob opens no pull request", async () => {
    const s = await setUp("20260301-120000-freeform-ee03");
    await actOnDecision(s.host, s.approve);
    const { data: approved } = await s.octokit.rest.checks.get({ owner: OWNER, repo: REPO, check_run_id: s.proposal.id });
    const text = approved.output.text ?? "";
    const forged = text.replace(s.shownBlob, s.unseenBlob);
    expect(forged).not.toBe(text);
    await s.octokit.rest.checks.update({ owner: OWNER, repo: REPO, check_run_id: s.proposal.id, output: { title: approved.output.title ?? "", summary: approved.output.summary ?? "", text: forged } });

    const save: TriggerDecision = { action: "save", runId: s.record.runId, name: "readme-typos", replyTo: { issueNumber: s.issueNumber, comment: null }, sender: { login: "wendy" }, isPullRequest: false };
    await actOnDecision(s.host, save);
    const comments = await s.octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: s.issueNumber });
    expect(comments.data.at(-1)?.body).toContain("does not show the stored script");
    expect((await s.octokit.rest.pulls.list({ owner: OWNER, repo: REPO, state: "all" })).data).toEqual([]);
  });

  it("X13 with a person's login as QUORUM_BOT_LOGIN (a token that makes no check runs), another app's check run is never taken for the proposal", async () => {
    const person: FakeUser = { login: "quorum-machine-user", id: 5150, type: "User" };
    const otherApp: FakeUser = { login: "other-app[bot]", id: 6160, type: "Bot" };
    const s = await setUp("20260301-120000-freeform-ee04", { botLogin: person.login, commenter: person, checkRunApp: otherApp });
    await actOnDecision(s.host, s.approve);
    expect(s.queued).toEqual([]);
    const comments = await s.octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: s.issueNumber });
    expect(comments.data.at(-1)?.body).toContain("I found no run");
  });
});
