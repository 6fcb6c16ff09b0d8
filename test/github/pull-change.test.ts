/** rule R4: a reviewing workflow on a pull request gets the PR's change from the API, every page of it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/kernel/json.ts";
import { pullRequestChangeArgs } from "../../src/github/run/pull-change.ts";
import { FakeGitHub } from "../support/fake-github/index.ts";
import { fakeClient } from "./helpers.ts";

const REVIEW_ARGS: JsonObject = { type: "object", properties: { files: { type: "array" }, diff: { type: "string" }, base: { type: "string" }, head: { type: "string" }, skeptics: { type: "integer" } } };

describe("R4 the change of a pull request as a reviewing workflow's args", () => {
  let gh: FakeGitHub;
  beforeAll(async () => {
    gh = await FakeGitHub.start();
    gh.createRepo({ owner: "acme", repo: "app", files: { "README.md": "# app\n" } });
  });
  afterAll(async () => {
    await gh.stop();
  });

  it("R4 all 150 files of a PR arrive (two pages of pulls.listFiles), with patches, statuses, base and head", async () => {
    const prFiles = Array.from({ length: 150 }, (_, i) => ({ filename: `src/f${i}.js`, status: i === 0 ? ("added" as const) : ("modified" as const), additions: 1, deletions: 0, changes: 1, sha: null, patch: `@@ -0,0 +1 @@\n+line ${i}` }));
    const pull = gh.openPullRequest("acme", "app", { head: "big", files: { "src/f0.js": "line 0\n" }, prFiles });
    const octokit = fakeClient(gh);
    const before = gh.requestsTo("pulls/list-files").length;
    const args = (await pullRequestChangeArgs(octokit, { owner: "acme", repo: "app" }, { number: pull.number, headSha: pull.head.sha }, REVIEW_ARGS, { skeptics: 2 })) as JsonObject;
    expect(gh.requestsTo("pulls/list-files").length - before).toBe(2); // 100 per page
    const files = args.files as JsonObject[];
    expect(files).toHaveLength(150);
    expect(files[0]).toEqual({ path: "src/f0.js", patch: "@@ -0,0 +1 @@\n+line 0", status: "added" });
    expect(files[149]?.path).toBe("src/f149.js");
    expect(args).toMatchObject({ skeptics: 2, base: pull.base.sha, head: pull.head.sha });
    expect(gh.violations).toEqual([]);
  });

  it("R4 args that already name a change, and workflows that take none, are left alone (no API call)", async () => {
    const octokit = fakeClient(gh);
    const before = gh.requests.length;
    const given = { diff: "diff --git a/x b/x\n" };
    expect(await pullRequestChangeArgs(octokit, { owner: "acme", repo: "app" }, { number: 1, headSha: "abc" }, REVIEW_ARGS, given)).toBe(given);
    expect(await pullRequestChangeArgs(octokit, { owner: "acme", repo: "app" }, { number: 1, headSha: "abc" }, { type: "object", properties: { paths: { type: "array" } } }, undefined)).toBeUndefined();
    expect(gh.requests.length).toBe(before);
  });

  it("R4 a PR whose files cannot be read is an error that says which PR and what the token needs", async () => {
    const octokit = fakeClient(gh);
    await expect(pullRequestChangeArgs(octokit, { owner: "acme", repo: "app" }, { number: 9999, headSha: "abc" }, REVIEW_ARGS, undefined)).rejects.toThrow(
      /^could not read the change of pull request #9999 to review \(.*\)\. Does the token have `pull-requests: read`\?$/,
    );
  });
});
