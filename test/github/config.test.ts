import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { CONFIG_SCHEMA, DEFAULT_CONFIG, loadConfig, loadWorkflowScript, parseConfig } from "../../src/github/config.ts";
import { ConfigError, InvalidWorkflowNameError } from "../../src/github/errors.ts";
import { FakeGitHub } from "../support/fake-github/index.ts";
import { fakeClient } from "./helpers.ts";

const API = "https://api.github.com";
const octokit = new Octokit({ baseUrl: API, log: { debug() {}, info() {}, warn() {}, error() {} } });

function file(path: string, text: string): Record<string, unknown> {
  return { type: "file", encoding: "base64", size: Buffer.byteLength(text), name: path.split("/").pop(), path, content: Buffer.from(text).toString("base64"), sha: "0".repeat(40) };
}

function contents(path: string, ref: string): nock.Interceptor {
  return nock(API).get(`/repos/acme/app/contents/${encodeURIComponent(path)}`).query({ ref });
}

function configError(text: string): ConfigError {
  try {
    parseConfig(text);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

const FULL = `
workflows:
  schedule: [flaky-hunt]
  pullRequest: [review]
labelPrefix: "ai:"
allowBots: [renovate]
publish: { mode: review, draft: true }
models:
  default: sonnet
  phases: { Verify: opus }
limits: { maxConcurrency: 8, maxAgents: 200, budgetTokens: 500000, maxCostUsd: 12.5 }
run: { allowlist: ["npm test"], testCommand: npm test }
freeform: { autoApprove: true }
`;

describe("G6 config and scripts come from the default branch", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it("G6 config is read with ref = the default branch name from the API", async () => {
    nock(API).get("/repos/acme/app").reply(200, { default_branch: "trunk", name: "app", full_name: "acme/app" });
    contents(".github/quorum.yml", "trunk").reply(200, file(".github/quorum.yml", FULL));
    const loaded = await loadConfig(octokit, { owner: "acme", repo: "app" });
    expect(loaded.ref).toBe("trunk");
    expect(loaded.path).toBe(".github/quorum.yml");
    expect(loaded.config).toEqual({
      workflows: { schedule: ["flaky-hunt"], pullRequest: ["review"] },
      labelPrefix: "ai:",
      allowBots: ["renovate"],
      publish: { mode: "review", draft: true, allowPaths: [], maxPullRequests: 10, maxReviewComments: 30, maxIssues: 10, issues: true, issueLabel: "quorum", reopenClosedIssues: false },
      models: { default: "sonnet", phases: { Verify: "opus" } },
      limits: { maxConcurrency: 8, maxAgents: 200, budgetTokens: 500000, maxCostUsd: 12.5 },
      run: { allowlist: ["npm test"], testCommand: "npm test" },
      freeform: { autoApprove: true },
    });
  });

  it("G6 the payload's default branch saves the repository call; a missing file gives defaults", async () => {
    contents(".github/quorum.yml", "main").reply(404, { message: "Not Found" });
    contents(".github/quorum.yaml", "main").reply(404, { message: "Not Found" });
    const loaded = await loadConfig(octokit, { owner: "acme", repo: "app", defaultBranch: "main" });
    expect(loaded).toEqual({ config: { ...DEFAULT_CONFIG }, path: null, ref: "main" });
    expect(loaded.config.labelPrefix).toBe("quorum:");
  });

  it("G6 an empty file or partial config is filled with defaults", () => {
    expect(parseConfig("# nothing yet\n")).toEqual(DEFAULT_CONFIG);
    const c = parseConfig("publish:\n  draft: true\n");
    expect(c.publish).toEqual({ mode: "auto", draft: true, allowPaths: [], maxPullRequests: 10, maxReviewComments: 30, maxIssues: 10, issues: true, issueLabel: "quorum", reopenClosedIssues: false });
    expect(c.workflows).toEqual({ schedule: [], pullRequest: [] });
  });

  it("G6 an invalid config is a clear error pointing at each key", () => {
    const error = configError(`
publish:
  mode: yolo
  mdoe: auto
limits:
  maxConcurrency: 0
workflows:
  schedule: [ok, "Bad Name"]
freeform: { autoApprove: "yes" }
`);
    const problems = Object.fromEntries(error.problems.map((p) => [p.path, p.message]));
    expect(problems).toMatchObject({
      "publish.mode": "must be one of auto, pull-request, review, comment, none, staged",
      "publish.mdoe": "unknown key (check the spelling)",
      "limits.maxConcurrency": "must be >= 1",
      "workflows.schedule.1": expect.stringMatching(/workflow name/),
      "freeform.autoApprove": "must be boolean",
    });
    expect(error.message).toMatch(/^\.github\/quorum\.yml is invalid:\n {2}- /);
    expect(error.message).toContain("\n  - publish.mode: must be one of auto, pull-request, review, comment, none, staged\n");
    expect(error.message).toMatch(/Fix the file on the default branch/);
  });

  it("G6 YAML syntax errors give the line", () => {
    const error = configError("publish:\n  mode: [auto\nlimits: {}\n");
    expect(error.problems[0]?.path).toMatch(/^line \d+$/);
    expect(configError("a: 1\na: 2\n").message).toMatch(/line 2/);
  });

  it("G6 S7 a workflow script is read from .github/quorum/workflows, then .claude/workflows (x.js, then x.workflow.js), on the default branch", async () => {
    contents(".github/quorum/workflows/audit-auth.js", "main").reply(404, { message: "Not Found" });
    contents(".github/quorum/workflows/audit-auth.workflow.js", "main").reply(404, { message: "Not Found" });
    contents(".claude/workflows/audit-auth.js", "main").reply(200, file(".claude/workflows/audit-auth.js", "return 1;\n"));
    const script = await loadWorkflowScript(octokit, { owner: "acme", repo: "app", defaultBranch: "main" }, "audit-auth");
    expect(script).toEqual({ name: "audit-auth", path: ".claude/workflows/audit-auth.js", ref: "main", source: "return 1;\n" });

    contents(".github/quorum/workflows/nope.js", "main").reply(404, { message: "Not Found" });
    contents(".github/quorum/workflows/nope.workflow.js", "main").reply(404, { message: "Not Found" });
    contents(".claude/workflows/nope.js", "main").reply(404, { message: "Not Found" });
    contents(".claude/workflows/nope.workflow.js", "main").reply(404, { message: "Not Found" });
    expect(await loadWorkflowScript(octokit, { owner: "acme", repo: "app", defaultBranch: "main" }, "nope")).toBeNull();

    contents(".github/quorum/workflows/sweep.js", "main").reply(404, { message: "Not Found" });
    contents(".github/quorum/workflows/sweep.workflow.js", "main").reply(404, { message: "Not Found" });
    contents(".claude/workflows/sweep.js", "main").reply(404, { message: "Not Found" });
    contents(".claude/workflows/sweep.workflow.js", "main").reply(200, file(".claude/workflows/sweep.workflow.js", "return 2;\n"));
    expect(await loadWorkflowScript(octokit, { owner: "acme", repo: "app", defaultBranch: "main" }, "sweep")).toMatchObject({ path: ".claude/workflows/sweep.workflow.js" });
  });

  it("G6 workflow names that could escape the folder are refused before any request", async () => {
    for (const name of ["../secrets", "a/b", "Audit", "", "x.js", "-x"]) {
      await expect(loadWorkflowScript(octokit, { owner: "acme", repo: "app", defaultBranch: "main" }, name)).rejects.toBeInstanceOf(InvalidWorkflowNameError);
    }
  });

  it("G6 a file too large for the contents API is refused, not half-read", async () => {
    contents(".github/quorum.yml", "main").reply(200, { ...file(".github/quorum.yml", ""), size: 2_000_000, encoding: "none", content: "" });
    await expect(loadConfig(octokit, { owner: "acme", repo: "app", defaultBranch: "main" })).rejects.toThrow(/bytes/);
  });
});

describe("G6 against the fake GitHub", () => {
  it("G6 a PR that changes config and scripts does not change what is read", async () => {
    nock.enableNetConnect("127.0.0.1");
    const gh = await FakeGitHub.start();
    try {
      gh.createRepo({
        owner: "acme",
        repo: "app",
        defaultBranch: "develop",
        files: { ".github/quorum.yml": 'labelPrefix: "safe:"\n', ".github/quorum/workflows/review.js": "return 'default';\n" },
      });
      gh.openPullRequest("acme", "app", {
        head: "evil",
        files: { ".github/quorum.yml": 'labelPrefix: "evil:"\nallowBots: [evil]\n', ".github/quorum/workflows/review.js": "return 'evil';\n" },
      });
      const octo = fakeClient(gh);
      const { config } = await loadConfig(octo, { owner: "acme", repo: "app" });
      const script = await loadWorkflowScript(octo, { owner: "acme", repo: "app" }, "review");
      expect(config.labelPrefix).toBe("safe:");
      expect(script?.source).toBe("return 'default';\n");
      const reads = gh.requestsTo("repos/get-content");
      expect(reads.length).toBe(2);
      expect(reads.every((r) => r.query.ref === "develop")).toBe(true);
      expect(gh.violations).toEqual([]);
    } finally {
      await gh.stop();
    }
  });
});

describe("the config schema", () => {
  it("is valid against the draft-07 meta-schema (parseConfig compiles it without meta-validation)", () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    expect(ajv.validateSchema(CONFIG_SCHEMA), JSON.stringify(ajv.errors)).toBe(true);
  });
});
