import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allowedTestCommands } from "../../src/testing/index.ts";
import { readJournal } from "../../src/engine/journal.ts";
import { resumeRun } from "../../src/engine/run.ts";
import { resolveWorkflowFile } from "../../src/workflows/resolve.ts";
import { runScript } from "../support/run-script.ts";
import { createScriptedRunner } from "../support/scripted-runner.ts";
import { EXAMPLES, useTemp } from "./helpers.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

const temp = useTemp();
const TAP = "node --test --test-reporter=tap";
const FLAKY = "cache refresh replaces the value in the background";

describe("runTests() host primitive", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  it("B2 runTests detects the planted flaky test of examples/flaky-package with zero agent calls", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "flaky-package"));
    const runner = createScriptedRunner({ respond: () => "unused" });
    const run = await runScript(`const r = await runTests({ command: args.command, runs: 12, reporter: "node" }); return { flaky: r.flaky, tests: r.tests.length, runs: r.runs.length };`, {
      runner,
      repo,
      args: { command: TAP },
    });
    expect(run.error).toBeUndefined();
    expect(runner.calls).toHaveLength(0);
    expect(run.events.filter((e) => e.type.startsWith("agent."))).toHaveLength(0);
    const result = run.result as { flaky: { name: string; passed: number; failed: number; location: unknown }[]; tests: number; runs: number };
    expect(result.tests).toBe(7);
    expect(result.runs).toBe(12);
    expect(result.flaky.map((t) => t.name)).toEqual([FLAKY]);
    expect(result.flaky[0]?.passed).toBeGreaterThan(0);
    expect(result.flaky[0]?.failed).toBeGreaterThan(0);
    expect(result.flaky[0]?.location).toEqual({ path: "test/cache.test.js", line: 22 });
  });

  it("B2 runTests may run only a configured command or one given in the run's args (extended word for word)", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "flaky-package"));
    const runner = createScriptedRunner({ respond: () => "unused" });
    const refused = await runScript(`return await runTests({ command: "node -e 1", runs: 1 });`, { runner, repo, args: { command: TAP } });
    expect(refused.error).toMatch(/"node -e 1" is neither the repository's configured test command nor one given in the run's args/);
    const none = await runScript(`return await runTests({ runs: 1 });`, { runner, repo });
    expect(none.error).toMatch(/runTests\(\) needs a test command: pass \{ command \} in the run's args/);
    const narrowed = await runScript(`const r = await runTests({ command: args.command + " test/slug.test.js", runs: 1 }); return r.tests.map((t) => t.name);`, {
      runner,
      repo,
      args: { command: TAP },
    });
    expect(narrowed.result).toEqual(["slugify lower-cases and joins words with dashes", "slugify strips accents and punctuation"]);
    // The prelude keeps the args as they were before the script ran: rewriting them does not widen the allowlist.
    const forged = await runScript(`args.command = "node -e 1"; return await runTests({ command: "node -e 1", runs: 1 });`, { runner, repo, args: { command: TAP } });
    expect(forged.error).toMatch(/neither the repository's configured test command/);
    expect(allowedTestCommands([" npm test "], { testCommand: "npx vitest run", other: "x" })).toEqual(["npm test", "npx vitest run"]);
  });

  it("B2 runTests results are journaled under a cmd: key and a resumed run replays the same detection", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "flaky-package"));
    const runner = createScriptedRunner({ respond: () => "unused" });
    const script = `const r = await runTests({ runs: 3, reporter: "tap" }); return r.runs.map((x) => x.failed);`;
    const first = await runScript(script, { runner, repo, args: { command: TAP } });
    const entries = [...readJournal(path.join(first.runDir, "journal.jsonl")).entries.values()];
    expect(entries.map((e) => e.key)).toEqual([expect.stringMatching(/^cmd:[0-9a-f]{32}#0$/)]);
    expect(entries[0]).toMatchObject({ label: `runTests: ${TAP}`, costUsd: 0 });
    const resumed = await resumeRun({ repo, runId: first.runId, runner, resolveWorkflow: (n) => resolveWorkflowFile(n, repo) });
    expect(resumed.result).toEqual(first.result);
    const events = readFileSync(path.join(first.runDir, "events.jsonl"), "utf8");
    expect(events).toContain("answered from the journal (no tests re-run)");
  });

  it("B2 runTests with a patch runs the tests in a throwaway worktree with the patch applied", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "flaky-package"));
    const patch = [
      "--- a/test/cache.test.js",
      "+++ b/test/cache.test.js",
      "@@ -25,3 +25,3 @@",
      "   // The loader answers like a network call: fast (2 ms) or slow (40 ms).",
      '-  const load = () => new Promise((resolve) => setTimeout(() => resolve("new"), Math.random() < 0.5 ? 2 : 40));',
      '+  const load = () => Promise.resolve("new");',
      '   cache.refresh("user", load);',
      "",
    ].join("\n");
    const runner = createScriptedRunner({ respond: () => "unused" });
    const run = await runScript(`const r = await runTests({ runs: 6, reporter: "tap", patch: args.patch }); return { patched: r.patched, t: r.tests.find((t) => t.name === args.name) };`, {
      runner,
      repo,
      args: { command: TAP, patch, name: FLAKY },
    });
    expect(run.error).toBeUndefined();
    expect(run.result).toMatchObject({ patched: true, t: { passed: 6, failed: 0 } });
    expect(readFileSync(path.join(repo, "test/cache.test.js"), "utf8")).toContain("Math.random() < 0.5 ? 2 : 40");
  });
});
