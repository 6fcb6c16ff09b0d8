/**
 * End-to-end X1: an agent of the bundled action runs `env` through its `run` tool (allowlisted by
 * the repository's config) and sees neither the GitHub token, nor the model key, nor the runner's
 * ACTIONS_* secrets.
 */
import { afterEach, describe, expect, it } from "vitest";
import { toolResults } from "../support/fake-anthropic.ts";
import { examplePayload, runActionProcess, TEST_MODEL_KEY, TEST_TOKEN } from "./support/harness.ts";
import { DEFAULT_BRANCH, OWNER, REPO } from "./support/fixtures.ts";
import { startWorld, type World } from "./support/world.ts";

const ENV_SCRIPT = `export const meta = { name: "envcheck", description: "prints the environment an agent's command sees" };
const seen = await agent("ENV: run env and report", { label: "env", tools: ["run"] });
log(seen);
return { findings: [] };
`;

describe("e2e: what agents' commands see", () => {
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
});
