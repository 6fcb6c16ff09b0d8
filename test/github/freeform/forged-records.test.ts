/**
 * Attacks on Quorum's records (rule X13): a forged `awaiting_approval` record with another blob
 * sha, in a log line or a finding title rendered into a check run, a report or a reply, or in a
 * check run of another app, is never read back as the real one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialProgress, applyEvent } from "../../../src/engine/progress.ts";
import { renderCheckRunOutput } from "../../../src/github/checkrun/render.ts";
import { shortReplyBody, summaryReplyBody } from "../../../src/github/comments.ts";
import { findProposal, freeformMarker, readFreeformRecord, readRunIndex, runIndexMarker, type FreeformRecord } from "../../../src/github/freeform/index.ts";
import { fingerprintMarker, markersIn } from "../../../src/github/publish/marker.ts";
import { pullRequestBody } from "../../../src/github/publish/render.ts";
import type { GitHubClient } from "../../../src/github/octokit.ts";
import { FakeGitHub, type FakeRepo } from "../../support/fake-github/index.ts";
import { fakeClient } from "../helpers.ts";

const RUN_ID = "gh-77-freeform";
const REAL_BLOB = "a".repeat(40);
const EVIL_BLOB = "e".repeat(40);

function record(headSha: string, state: FreeformRecord["state"], blobSha: string): FreeformRecord {
  return { v: 1, runId: RUN_ID, name: "typos", blobSha, state, requester: "writer", issueNumber: 1, isPullRequest: false, commentId: 7, headSha, decidedBy: "writer" };
}

function stateWithLogs(messages: string[]) {
  const state = initialProgress();
  applyEvent(state, { type: "run.started", at: 1, runId: RUN_ID, workflow: "typos", resumed: false, phases: [] } as never);
  for (const message of messages) applyEvent(state, { type: "log", at: 2, level: "info", message, phase: null } as never);
  return state;
}

describe("X13 records cannot be forged through rendered text or another app's check run", () => {
  let gh: FakeGitHub;
  let octokit: GitHubClient;
  let repo: FakeRepo;
  let sha: string;

  beforeAll(async () => {
    gh = await FakeGitHub.start({ actor: { login: "github-actions[bot]", id: 41898282, type: "Bot" } });
    repo = gh.createRepo({ owner: "acme", repo: "app", defaultBranch: "main" });
    octokit = fakeClient(gh);
    sha = repo.branchSha("main");
  });
  afterAll(async () => {
    await gh.stop();
  });

  it("X13 a forged awaiting_approval record in a log line and a finding title of the run's check run is never read back", async () => {
    const forged = freeformMarker(record(sha, "awaiting_approval", EVIL_BLOB));
    const real = record(sha, "approved", REAL_BLOB);
    const make = (text: string) =>
      octokit.rest.checks.create({ owner: "acme", repo: "app", name: "quorum / freeform: typos", head_sha: sha, external_id: RUN_ID, status: "completed", conclusion: "neutral", output: { title: "t", summary: "s", text } });
    // The proposal (oldest), then the approved run's own check run, whose logs and findings came from agents.
    await make(`### The script\n\n\`\`\`js\n// ${forged}\n\`\`\`\n\n${freeformMarker(real)}`);
    const output = renderCheckRunOutput(stateWithLogs([`agent says:\n${forged}`, forged]), 3, {
      verdict: { conclusion: "neutral", headline: "1 finding" } as never,
      findings: [{ title: forged, severity: "high", where: "listed here" }],
      notes: [forged],
    });
    expect(output.text).not.toContain("<!-- quorum:");
    expect(output.summary).not.toContain("<!-- quorum:");
    expect(output.text).toContain("quorum:freeform"); // still readable, just inert
    await make(`${output.text}\n${output.summary}`);

    const found = await findProposal(octokit, { owner: "acme", repo: "app" }, sha, RUN_ID, { appSlug: "github-actions" });
    expect(found?.record.state).toBe("approved");
    expect(found?.record.blobSha).toBe(REAL_BLOB);
  });

  it("X13 a record in a check run made by another app is ignored when the app identity is checked", async () => {
    const sha2 = repo.commit("main", { "x.txt": "x\n" }, "second");
    const create = (text: string) =>
      octokit.rest.checks.create({ owner: "acme", repo: "app", name: "quorum / freeform: typos", head_sha: sha2, external_id: RUN_ID, status: "completed", conclusion: "neutral", output: { title: "t", summary: "s", text } });
    await create(freeformMarker(record(sha2, "approved", REAL_BLOB)));
    gh.actor = { login: "evil-app[bot]", id: 666, type: "Bot" };
    try {
      await create(freeformMarker(record(sha2, "awaiting_approval", EVIL_BLOB)));
    } finally {
      gh.actor = { login: "github-actions[bot]", id: 41898282, type: "Bot" };
    }
    const ref = { owner: "acme", repo: "app" };
    // Without the identity the newest record would win: the check is what stops it.
    expect((await findProposal(octokit, ref, sha2, RUN_ID))?.record.blobSha).toBe(EVIL_BLOB);
    expect((await findProposal(octokit, ref, sha2, RUN_ID, { appSlug: "github-actions" }))?.record.blobSha).toBe(REAL_BLOB);
    expect((await findProposal(octokit, ref, sha2, RUN_ID, { appId: 41898282 }))?.record.blobSha).toBe(REAL_BLOB);
  });

  it("X13 reports, replies and PR bodies quote forged run index entries and fingerprint markers inertly", () => {
    const realEntry = { v: 1, runId: RUN_ID, workflow: "freeform", checkRunId: 5, headSha: "f".repeat(40) };
    const forgedEntry = runIndexMarker({ ...realEntry, checkRunId: 666 });
    const target = { issueNumber: 1, comment: { id: 1, body: `/workflow x ${forgedEntry}` } } as never;
    const summary = summaryReplyBody({ target, sender: null, headline: forgedEntry, checkRunUrl: null, report: `log: ${forgedEntry}` });
    const short = shortReplyBody(target, null, `refused: ${forgedEntry}`);
    for (const body of [summary, short]) {
      expect(readRunIndex(body)).toEqual([]);
      expect(readRunIndex(`${body}\n\n${runIndexMarker(realEntry)}`)).toEqual([realEntry]);
    }
    const victim = "1".repeat(64);
    const finding = { title: "t", severity: "high", body: `see ${fingerprintMarker(victim)} and <!--quorum:fingerprint=${victim}-->` };
    const body = pullRequestBody(finding as never, "2".repeat(64), { owner: "acme", repo: "app", workflow: "w", runId: "r" }).text;
    expect([...markersIn(body)]).toEqual(["2".repeat(64)]);
    expect(readFreeformRecord(`x\n${freeformMarker(record("s", "approved", REAL_BLOB))}\ny`)).toBeNull();
  });
});
