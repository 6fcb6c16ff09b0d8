import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { JsonObject, JsonValue } from "../../../src/kernel/json.ts";
import { runInSandbox } from "../../../src/engine/sandbox/index.ts";
import { prepareScript } from "../../../src/engine/script/index.ts";

const FIXTURE = fileURLToPath(new URL("../../fixtures/workflows/claude-code-style.js", import.meta.url));

/** Minimal guest primitives with Claude Code's semantics (the engine's real prelude is tested elsewhere). */
const MINI_PRELUDE = `
globalThis.agent = (prompt, opts) => __host.agent(prompt, opts === undefined ? null : opts);
globalThis.phase = (title) => __host.phase(title);
globalThis.log = (message) => __host.log(message);
globalThis.parallel = (thunks) => Promise.all(thunks.map(async (thunk) => { try { return await thunk(); } catch { return null; } }));
globalThis.pipeline = (items, ...stages) => Promise.all(items.map(async (item, index) => {
  let previous = item;
  for (const stage of stages) { try { previous = await stage(previous, item, index); } catch { return null; } }
  return previous;
}));
`;

/** Answers by label, the way a model following each schema would. */
async function fakeAgent(prompt: JsonValue | undefined, opts: JsonValue | undefined): Promise<JsonValue> {
  const label = String((opts as JsonObject).label);
  await new Promise((resolve) => setTimeout(resolve, 1));
  if (label.startsWith("map routes")) {
    return {
      routes: [
        { method: "GET", path: "/users/:id", file: "src/users.js", line: 12, middleware: ["requireLogin"] },
        { method: "post", path: "/admin/reset", file: "src/admin.js", line: 30, middleware: [] },
      ],
    };
  }
  if (label === "find authz /users") {
    return {
      findings: [
        { title: "GET /users/:id returns any user's profile", severity: "high", file: "src/users.js", line: 14, explanation: "no ownership check", exploit: "GET /users/2 as user 1" },
      ],
    };
  }
  if (label === "find authn /admin") {
    return { findings: [{ title: "POST /admin/reset has no auth", severity: "critical", file: "src/admin.js", line: 30, explanation: "no middleware", exploit: "curl -X POST /admin/reset" }] };
  }
  if (label.startsWith("find ")) return { findings: [] };
  if (label.startsWith("skeptic")) {
    // The admin finding is refuted by two of three skeptics (a guard is mounted higher up).
    const refuted = String(prompt).includes("/admin/reset") && !label.startsWith("skeptic 3");
    return { refuted, reason: refuted ? "app.use('/admin', requireAdmin) guards it" : "no guard found" };
  }
  if (label.startsWith("fix:")) return { summary: "check ownership", files: ["src/users.js"], diff: "--- a/src/users.js\n+++ b/src/users.js\n" };
  throw new Error(`unexpected agent ${label}`);
}

describe("S7 Claude Code scripts run unmodified", () => {
  it("S7 a Claude Code dynamic-workflow script runs in the sandbox end to end", async () => {
    const source = readFileSync(FIXTURE, "utf8");
    const prepared = prepareScript(source, FIXTURE);
    const phases: string[] = [];
    const logs: string[] = [];
    const options: JsonObject[] = [];
    const result = await runInSandbox({
      body: prepared.body,
      filename: FIXTURE,
      prelude: MINI_PRELUDE,
      globals: { args: undefined },
      host: {
        agent: (prompt, opts) => (options.push(opts as JsonObject), fakeAgent(prompt, opts)),
        phase: (title) => void phases.push(String(title)),
        log: (message) => void logs.push(String(message)),
      },
    });
    expect(phases).toEqual(["Map", "Find", "Verify", "Fix"]);
    expect(logs).toEqual([
      "Map: 2 unique routes from 2 of 2 mappers",
      "Find: 2 suspicions",
      "Verify: 1 of 2 suspicions survived the skeptics",
    ]);
    expect(options.some((o) => o.effort === "high" && o.agentType === "security-reviewer")).toBe(true);
    expect(options.filter((o) => o.isolation === "worktree")).toHaveLength(1);
    expect(result).toEqual({
      findings: [
        {
          title: "GET /users/:id returns any user's profile",
          severity: "high",
          body: "no ownership check\n\nExploit: GET /users/2 as user 1",
          location: { path: "src/users.js", line: 14 },
          evidence: "no guard found\nno guard found\nno guard found",
          votes: { confirm: 3, refute: 0 },
          patch: "--- a/src/users.js\n+++ b/src/users.js\n",
        },
      ],
    });
  });
});
