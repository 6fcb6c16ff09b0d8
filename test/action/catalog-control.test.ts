/** Workflows from the default branch or built in (rule G6), help (G1) and run verbs (G1). */
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postReply, quoteOf } from "../../src/github/comments.ts";
import { DirectoryRunStore } from "../../src/github/persist/directory-store.ts";
import { WorkflowCatalog } from "../../src/github/run/catalog.ts";
import { handleControl } from "../../src/github/run/control.ts";
import { useFakeGitHub } from "../support/fake-github/index.ts";
import { fakeClient } from "../github/helpers.ts";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SCRIPT = (name: string) => `export const meta = { name: "${name}", description: "repo copy" };\nreturn { findings: [] };\n`;

describe("G6 the workflow catalog on GitHub", () => {
  const gh = useFakeGitHub();

  it("G6 repository scripts come from the default branch (.github/quorum first, then .claude), then built-ins; never a PR head", async () => {
    const repo = gh().createRepo({
      owner: "acme",
      repo: "cat",
      files: { ".github/quorum/workflows/review.js": SCRIPT("review"), ".claude/workflows/tidy.js": SCRIPT("tidy"), ".claude/workflows/review.js": "ignored" },
    });
    gh().openPullRequest("acme", "cat", { head: "evil", files: { ".github/quorum/workflows/review.js": "throw new Error('from the PR head')", ".github/quorum/workflows/pwn.js": SCRIPT("pwn") } });
    const catalog = new WorkflowCatalog(fakeClient(gh()), { owner: "acme", repo: "cat", defaultBranch: repo.defaultBranch });
    expect((await catalog.get("review"))?.source).toBe(SCRIPT("review"));
    expect((await catalog.get("tidy"))?.filename).toBe(".claude/workflows/tidy.js");
    expect((await catalog.get("audit-auth"))?.filename).toMatch(/src[\\/]workflows[\\/]audit-auth\.js$/); // built in
    expect(await catalog.get("pwn")).toBeNull();
    expect(await catalog.get("../secrets")).toBeNull();
    expect((await catalog.names()).repository).toEqual(["review", "tidy"]);
    await catalog.prefetch();
    expect(catalog.resolver()("tidy").source).toBe(SCRIPT("tidy"));
    expect(() => catalog.resolver()("nope")).toThrow(/unknown workflow "nope".*Known: .*tidy/);
    expect(() => catalog.resolver()("./local.js")).toThrow(/unknown workflow/);
    const help = await catalog.helpText();
    expect(help).toMatch(/in this repository\*\* \(default branch\): `review`, `tidy`/);
    expect(help).toMatch(/Built in:\*\* .*`audit-auth`/);
  });
});

describe("G1 run verbs and P3 replies", () => {
  const API = "https://api.github.com";
  const octokit = new Octokit({ baseUrl: API, log: { debug() {}, info() {}, warn() {}, error() {} } });
  const replyTo = { issueNumber: 7, comment: { id: 1, url: "", body: "/workflow status gh-9-review\n<!-- hidden -->" } };
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  function captureComment(): { body: string } {
    const seen = { body: "" };
    nock(API)
      .post("/repos/acme/app/issues/7/comments")
      .reply(201, ((async (request: Request) => {
        seen.body = ((await request.json()) as { body: string }).body;
        return { id: 5, html_url: "https://github.com/acme/app/issues/7#issuecomment-5" };
      }) as unknown) as () => Record<string, unknown>);
    return seen;
  }

  it("G1 `status <id>` replies with the saved run's status and report; an unknown id says so", async () => {
    const root = mkdtempSync(join(tmpdir(), "quorum-store-"));
    mkdirSync(join(root, "gh-9-review"));
    writeFileSync(join(root, "gh-9-review", "run.json"), JSON.stringify({ workflow: "review", status: "succeeded", updatedAt: "2026-11-22T03:00:00Z" }));
    writeFileSync(join(root, "gh-9-review", "report.md"), "# Quorum: review\n\nall good\n");
    const env = { octokit, repo: { owner: "acme", repo: "app" }, store: new DirectoryRunStore(root), secrets: [], warn: () => {} };
    let seen = captureComment();
    await handleControl(env, { verb: "status", runId: "gh-9-review", replyTo, sender: "wendy" });
    expect(seen.body).toMatch(/^> `\/workflow status gh-9-review`\n\n@wendy\n\nRun `gh-9-review` \(\*\*review\*\*\): succeeded[\s\S]*all good/);
    seen = captureComment();
    await handleControl(env, { verb: "status", runId: "gh-10-review", replyTo, sender: "wendy" });
    expect(seen.body).toMatch(/No saved run `gh-10-review`/);
  });

  it("G1 `cancel <id>` cancels the Actions run the id names; without an id it asks which run", async () => {
    nock(API).post("/repos/acme/app/actions/runs/9/cancel").reply(202, {});
    const env = { octokit, repo: { owner: "acme", repo: "app" }, store: null, secrets: [], warn: () => {} };
    let seen = captureComment();
    await handleControl(env, { verb: "cancel", runId: "gh-9-review", replyTo, sender: "wendy" });
    expect(seen.body).toMatch(/Cancelling run `gh-9-review` \(Actions run 9\)/);
    seen = captureComment();
    await handleControl(env, { verb: "cancel", runId: undefined, replyTo, sender: "wendy" });
    expect(seen.body).toMatch(/Which run\? Use `\/workflow cancel <run-id>`/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("P3 X13 a mention in the quoted command notifies no one: the quote is a code span that backticks cannot close", () => {
    const quote = (body: string) => quoteOf({ issueNumber: 1, comment: { id: 1, url: "", body } }, "mallory");
    expect(quote("/workflow x @everyone @acme/admins")).toBe("> `/workflow x @everyone @acme/admins`\n\n@mallory");
    // A backtick in the command would end the span and free the mention after it: shown as ' instead.
    expect(quote("/workflow x ` @victim `")).toBe("> `/workflow x ' @victim '`\n\n@mallory");
    // Outside the span there is only the quote marker and the asker's own mention.
    const outside = quote("/workflow `@a` @b [link](https://evil.example)").replace(/`[^`]*`/g, "");
    expect(outside).toBe("> \n\n@mallory");
  });

  it("P3 X4 replies quote only the sanitised first line, are redacted, and a failed post is a warning", async () => {
    expect(quoteOf({ issueNumber: 1, comment: { id: 1, url: "", body: "/workflow x\u200B <!-- y\nsecond line" } }, "ann")).toBe("> `/workflow x`\n\n@ann");
    const seen = captureComment();
    await postReply({ octokit, owner: "acme", repo: "app", secrets: ["super-secret-value"] }, replyTo, "leaked super-secret-value and ghp_abcdefghijklmnopqrstuvwxyz0123456789");
    expect(seen.body).toBe("leaked [REDACTED:secret] and [REDACTED:github-token]");
    nock(API).post("/repos/acme/app/issues/7/comments").reply(403, { message: "Resource not accessible by integration" });
    const warnings: string[] = [];
    expect(await postReply({ octokit, owner: "acme", repo: "app", warn: (m) => warnings.push(m) }, replyTo, "hi")).toBeNull();
    expect(warnings[0]).toMatch(/Could not reply on #7 \(403: Resource not accessible by integration\)\. Check that the token has `issues: write`/);
  });
});
