import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ApprovedScriptError,
  gitBlobSha,
  loadApprovedScript,
  saveWorkflowPullRequest,
  storeApprovedScript,
} from "../../../src/github/freeform/index.ts";
import { FakeGitHub } from "../../support/fake-github/index.ts";
import { fakeClient } from "../helpers.ts";
import { proposedScript } from "../../app/support/model.ts";

let gh: FakeGitHub;
beforeEach(async () => {
  gh = await FakeGitHub.start();
  gh.createRepo({ owner: "octo", repo: "app", files: { "README.md": "# app\n" } });
});
afterEach(async () => {
  expect(gh.violations).toEqual([]);
  await gh.stop();
});

const repo = { owner: "octo", repo: "app", defaultBranch: "main" };

describe("G7 the approved script as a git blob", () => {
  it("G7 stores the script as a blob whose sha is its git object id, and loads it back byte for byte", async () => {
    const octokit = fakeClient(gh);
    const script = `${proposedScript()}\n// ünïcödé and a trailing newline\n`;
    const sha = await storeApprovedScript(octokit, repo, script);
    expect(sha).toBe(gitBlobSha(Buffer.from(script, "utf8")));
    expect(await loadApprovedScript(octokit, repo, sha)).toBe(script);
  });

  it("G7 refuses a missing blob, a malformed sha, and bytes that are not text", async () => {
    const octokit = fakeClient(gh);
    await expect(loadApprovedScript(octokit, repo, "0".repeat(40))).rejects.toThrow(/not in octo\/app.*Ask for the free-form task again/);
    await expect(loadApprovedScript(octokit, repo, "HEAD")).rejects.toBeInstanceOf(ApprovedScriptError);
    const binary = gh.repo("octo", "app").git.putBlob(Buffer.from([0x66, 0x00, 0xff]));
    await expect(loadApprovedScript(octokit, repo, binary)).rejects.toThrow(/NUL byte/);
  });
});

describe("G7 /workflow save opens a pull request with the approved script", () => {
  it("G7 commits .github/quorum/workflows/<name>.js on a quorum/ branch and opens one pull request, once", async () => {
    const octokit = fakeClient(gh);
    const script = proposedScript();
    const blobSha = await storeApprovedScript(octokit, repo, script);
    const request = { runId: "20260101-000000-freeform-abcd", name: "readme-typos", blobSha, savedBy: "octocat", approvedBy: "hubot" };
    const first = await saveWorkflowPullRequest(octokit, repo, request);
    expect(first).toMatchObject({ status: "created", path: ".github/quorum/workflows/readme-typos.js", branch: `quorum/workflows/readme-typos-${blobSha.slice(0, 10)}` });
    const fake = gh.repo("octo", "app");
    const pull = fake.pulls.find((p) => p.head.ref === (first as { branch: string }).branch);
    expect(pull?.title).toBe("Add Quorum workflow readme-typos");
    expect(pull?.body).toContain("approved by @hubot");
    expect(fake.fileAt(pull!.head.sha, ".github/quorum/workflows/readme-typos.js")).toBe(script);
    expect(fake.branchSha("main")).toBe(pull!.base.sha);

    const again = await saveWorkflowPullRequest(octokit, repo, request);
    expect(again).toMatchObject({ status: "existing", number: (first as { number: number }).number });
    expect(fake.pulls.length).toBe(1);
  });
});
