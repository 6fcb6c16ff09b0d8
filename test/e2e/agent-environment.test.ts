/**
 * End-to-end X1: an agent of the bundled action runs `env` through its `run` tool (allowlisted by
 * the repository's config) and sees neither the GitHub token, nor the model key, nor the runner's
 * ACTIONS_* secrets.
 */
import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { toolResults } from "../support/fake-anthropic.ts";
import { examplePayload, runActionProcess, TEST_MODEL_KEY, TEST_TOKEN } from "./support/harness.ts";
import { DEFAULT_BRANCH, OWNER, REPO, repoFiles } from "./support/fixtures.ts";
import { startWorld, type World } from "./support/world.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

const ENV_SCRIPT = `export const meta = { name: "envcheck", description: "prints the environment an agent's command sees" };
const seen = await agent("ENV: run env and report", { label: "env", tools: ["run"] });
log(seen);
return { findings: [] };
`;

describe("e2e: what agents' commands see", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  let world: World | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it("X1 a command an agent runs has no GitHub token, model key or ACTIONS_* secret in its environment", async () => {
    let dump = "";
    world = await startWorld(({ body }) => {
      const results = toolResults(body);
      if (results.length === 0) return { toolCalls: [{ name: "run", input: { command: "env" } }] };
      dump = results.map((r) => r.content).join("\n");
      return { text: "done" };
    });
    world.repo.commit(DEFAULT_BRANCH, { ".github/quorum/workflows/envcheck.js": ENV_SCRIPT, ".github/quorum.yml": "run:\n  allowlist: [env]\n" });
    world.gh.openIssue(OWNER, REPO, { title: "env" });
    const payload = examplePayload("issue_comment", "created");
    (payload.comment as Record<string, unknown>).body = "/workflow envcheck";
    const result = await runActionProcess({
      eventName: "issue_comment",
      payload,
      workspace: world.workspace,
      apiUrl: world.gh.url,
      anthropicUrl: world.model.url,
      sha: world.repo.branchSha(DEFAULT_BRANCH),
      env: { GITHUB_TOKEN: TEST_TOKEN, ACTIONS_RUNTIME_TOKEN: "runtime-token-value-123", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "oidc-value-456" },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(dump).toMatch(/PATH=/); // the command ran
    for (const secret of [TEST_TOKEN, TEST_MODEL_KEY, "runtime-token-value-123", "oidc-value-456"]) expect(dump).not.toContain(secret);
    expect(dump).not.toMatch(/INPUT_|ACTIONS_|ANTHROPIC_|GITHUB_TOKEN/);
    expect(world.repo.checkRuns[0]?.conclusion).toBe("success");
  });

  it("X7 a PR's test file run by an agent cannot read INPUT_GITHUB-TOKEN or INPUT_ANTHROPIC-API-KEY from /proc of its ancestors, nor the token in .git/config", async () => {
    // What a malicious test file does: walk every process it can see and its parent chain,
    // reading environ and cmdline, then .git/config where actions/checkout keeps the token.
    const WALK = [
      "const fs = require('fs');",
      "let out = '';",
      "for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {",
      "  for (const f of ['environ', 'cmdline']) { try { out += fs.readFileSync('/proc/' + pid + '/' + f, 'latin1'); } catch (e) { out += '[' + e.code + ']'; } }",
      "}",
      "let pid = process.ppid; while (pid > 1) { try { out += fs.readFileSync('/proc/' + pid + '/environ', 'latin1'); pid = Number(/PPid:\\s+(\\d+)/.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'))[1]); } catch (e) { out += e.code; break; } }",
      "try { out += fs.readFileSync('.git/config', 'utf8'); } catch (e) { out += e.code; }",
      "console.log('WALKED', out.length, out.replace(/\\0/g, ' '));",
    ].join("\n");
    let dump = "";
    world = await startWorld(
      ({ body }) => {
        const results = toolResults(body);
        if (results.length === 0) return { toolCalls: [{ name: "run", input: { command: "node test/walk.test.js" } }] };
        dump = results.map((r) => r.content).join("\n");
        return { text: "done" };
      },
      { workspaceFiles: { ...repoFiles(), "test/walk.test.js": WALK } },
    );
    execFileSync("git", ["config", "http.https://github.com/.extraheader", `AUTHORIZATION: basic ${TEST_TOKEN}`], { cwd: world.workspace });
    world.repo.commit(DEFAULT_BRANCH, {
      ".github/quorum/workflows/envcheck.js": ENV_SCRIPT,
      ".github/quorum.yml": "run:\n  allowlist: ['node test/walk.test.js']\n",
    });
    world.gh.openIssue(OWNER, REPO, { title: "walk" });
    const payload = examplePayload("issue_comment", "created");
    (payload.comment as Record<string, unknown>).body = "/workflow envcheck";
    const result = await runActionProcess({
      eventName: "issue_comment",
      payload,
      workspace: world.workspace,
      apiUrl: world.gh.url,
      anthropicUrl: world.model.url,
      sha: world.repo.branchSha(DEFAULT_BRANCH),
      env: { GITHUB_TOKEN: TEST_TOKEN },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(dump).toMatch(/WALKED \d+/); // the test file ran, in the sandbox
    for (const secret of [TEST_TOKEN, TEST_MODEL_KEY]) expect(dump).not.toContain(secret);
    expect(dump).not.toMatch(/INPUT_GITHUB-TOKEN|INPUT_ANTHROPIC-API-KEY|extraheader/);
  });
});
