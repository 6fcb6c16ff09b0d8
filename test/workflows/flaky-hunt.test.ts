import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentRunner } from "../../src/agents/contract.ts";
import type { JsonValue } from "../../src/kernel/json.ts";
import { normalizeFindings } from "../../src/github/finding.ts";
import { createScriptedRunner, type ScriptedTurn } from "../support/scripted-runner.ts";
import { EXAMPLES, runWorkflow, useTemp } from "./helpers.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

const temp = useTemp();
const FLAKY = "cache refresh replaces the value in the background";
const TAP = "node --test --test-reporter=tap";

/** A patch made the way a worktree agent's diff is: edit the files, `git diff`, restore them. */
function patchFor(repo: string, edits: Record<string, (text: string) => string>): string {
  const originals = Object.fromEntries(Object.keys(edits).map((f) => [f, readFileSync(path.join(repo, f), "utf8")]));
  for (const [file, edit] of Object.entries(edits)) writeFileSync(path.join(repo, file), edit(originals[file] ?? ""));
  const diff = execFileSync("git", ["diff"], { cwd: repo, encoding: "utf8" });
  for (const [file, text] of Object.entries(originals)) writeFileSync(path.join(repo, file), text);
  return diff;
}

const realFix = (repo: string) =>
  patchFor(repo, {
    "src/cache.js": (t) => t.replace("    void Promise.resolve()", "    return Promise.resolve()").replace("without waiting for it; the new value lands when `load` settles.", "and resolves once the new value is stored."),
    "test/cache.test.js": (t) => t.replace('  cache.refresh("user", load);\n  // Give the background refresh time to land.\n  await new Promise((resolve) => setTimeout(resolve, 15));\n', '  await cache.refresh("user", load);\n'),
  });
const longerSleep = (repo: string) => patchFor(repo, { "test/cache.test.js": (t) => t.replace("setTimeout(resolve, 15)", "setTimeout(resolve, 30)") });

function oracle(diff: string) {
  return ({ request }: ScriptedTurn): JsonValue => {
    if (request.label.startsWith("diagnose: ")) {
      return {
        rootCause: "The test sleeps a fixed 15 ms (test/cache.test.js:29) while the loader answers after 2 or 40 ms at random (test/cache.test.js:26), so the refresh lands after the assertion in about half the runs.",
        category: "timing",
        evidence: ["test/cache.test.js:26: Math.random() < 0.5 ? 2 : 40", "test/cache.test.js:29: setTimeout(resolve, 15)"],
        path: "test/cache.test.js",
        line: 29,
        fixIdea: "Make refresh() return its promise and await it in the test.",
      };
    }
    if (request.label.startsWith("skeptic ")) return { verdict: "confirm", reason: "the sleep races the loader (test/cache.test.js:26-29)" };
    if (request.label.startsWith("fix: ")) return { summary: "refresh() now returns its promise; the test awaits it instead of sleeping.", changedFiles: ["src/cache.js", "test/cache.test.js"], confidence: "high", diff };
    throw new Error(`unexpected agent ${request.label}`);
  };
}

describe("flaky-hunt", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  it("B2 detects the flaky test with no model call, diagnoses, verifies, fixes, and keeps the fix only after M passing runs with the patch", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "flaky-package"));
    const diff = realFix(repo);
    expect(diff).toContain("+  await cache.refresh(\"user\", load);");
    expect(diff).toContain("+    return Promise.resolve()");
    const runner = createScriptedRunner({ respond: oracle(diff) });
    const run = await runWorkflow("flaky-hunt", { repo, runner, args: { command: TAP, runs: 14, confirmRuns: 8 } });
    expect(run.error).toBeUndefined();
    const result = run.result as { findings: { title: string; patch?: string; location?: object; votes?: object; severity: string; body: string }[]; summary: string };

    // Detection: zero agents; every agent starts after the test runs have been read.
    expect(runner.calls.filter((c) => c.phase === "Detect")).toHaveLength(0);
    const firstAgent = run.events.findIndex((e) => e.type === "agent.queued");
    const detected = run.events.findIndex((e) => e.type === "log" && e.message.startsWith("runTests: 14 readable run(s), 7 test(s), 1 flaky: " + FLAKY));
    expect(detected).toBeGreaterThan(-1);
    expect(detected).toBeLessThan(firstAgent);

    expect(result.findings).toHaveLength(1);
    const finding = result.findings[0];
    expect(finding).toMatchObject({ title: `Flaky test: ${FLAKY}`, severity: "medium", location: { path: "test/cache.test.js", line: 22 }, votes: { confirm: 3, refute: 0 }, patch: diff });
    expect(finding?.body).toContain("With the patch applied the test passed 8 of 8 runs");
    expect(run.logs).toContain(`runTests: running \`${TAP}\` × 8 with a patch applied (reporter auto).`);
    expect(runner.calls.map((c) => c.label.replace(/ \d+\/\d+:.*/, ""))).toEqual(["diagnose: " + FLAKY, "skeptic", "skeptic", "skeptic", "fix: " + FLAKY]);
    expect(runner.calls.find((c) => c.label.startsWith("fix: "))).toMatchObject({ isolation: "worktree", tools: expect.arrayContaining(["edit", "run"]) });
    expect(normalizeFindings(result as unknown as JsonValue).errors).toEqual([]);
    expect(result.summary).toMatch(/^1 flaky test\(s\) in 14 run\(s\) .* 1 fix\(es\) proven by 8 passing runs/);
  });

  it("B2 a fix that does not make the test pass every time is dropped; the flaky test is still reported", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "flaky-package"));
    const runner = createScriptedRunner({ respond: oracle(longerSleep(repo)) });
    const run = await runWorkflow("flaky-hunt", { repo, runner, args: { command: TAP, runs: 14, confirmRuns: 10 } });
    expect(run.error).toBeUndefined();
    const findings = (run.result as { findings: { patch?: string; severity: string; body: string }[] }).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]?.patch).toBeUndefined();
    expect(findings[0]?.severity).toBe("low");
    expect(findings[0]?.body).toMatch(/A fix was tried and dropped/);
    expect(run.logs.find((l) => l.startsWith(`Prove: dropped the fix for "${FLAKY}": it passed `))).toBeDefined();
  });

  it("B2 with node's default spec output the flaky test has its file, the diagnoser sees the whole failure, and the fix is still proven", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "flaky-package"));
    const runner = createScriptedRunner({ respond: oracle(realFix(repo)) });
    const run = await runWorkflow("flaky-hunt", { repo, runner, args: { command: "node --test", runs: 14, confirmRuns: 6 } });
    expect(run.error).toBeUndefined();
    const result = run.result as { findings: { patch?: string; location?: object; body: string }[]; detection: { flaky: { name: string; file: string | null }[] } };
    expect(result.detection.flaky).toMatchObject([{ name: FLAKY, file: "test/cache.test.js" }]);
    const prompt = runner.calls.find((c) => c.label.startsWith("diagnose: "))?.prompt ?? "";
    expect(prompt).toContain("Where: test/cache.test.js:22");
    expect(prompt).toContain("'old' !== 'new'");
    expect(prompt).toMatch(/\(test\/cache\.test\.js:30:\d+\)/);
    // The passing re-runs with the patch name no file; the proof still finds the test.
    expect(result.findings[0]?.patch).toBeDefined();
    expect(result.findings[0]?.body).toContain("With the patch applied the test passed 6 of 6 runs");
  });

  it("B2 when the diagnosis agent fails, the finding says why there is no diagnosis", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "flaky-package"));
    const runner = createScriptedRunner({ respond: () => ({ fail: "api_error", message: "the provider is overloaded" }) });
    const run = await runWorkflow("flaky-hunt", { repo, runner, args: { command: TAP, runs: 14 } });
    // rule R1: the result stands, but a run whose diagnosis failed to run is incomplete, not succeeded.
    expect(run.status).toBe("incomplete");
    expect(run.error).toMatch(/^incomplete: 1 of 1 agent failed to run \(api_error ×1\)/);
    const findings = (run.result as { findings: { title: string; body: string; patch?: string }[] }).findings;
    expect(findings.map((f) => f.title)).toEqual([`Flaky test: ${FLAKY}`]);
    expect(findings[0]?.body).toContain("No diagnosis: the diagnosis agent returned nothing (its model call failed or was stopped; the run log has the reason).");
    expect(findings[0]?.body).not.toContain("The diagnosis returned nothing");
    expect(run.logs.some((l) => l.includes("resolved to null (api_error): the provider is overloaded"))).toBe(true);
    expect(run.logs).toContain(`Fix: no fix for "${FLAKY}": no diagnosis: the diagnosis agent returned nothing (its model call failed or was stopped; the run log has the reason).`);
  });

  it("B2 when no model can run at all, the finding carries agent()'s error as the reason", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "flaky-package"));
    const run = await runWorkflow("flaky-hunt", { repo, runner: null as unknown as AgentRunner, args: { command: TAP, runs: 14 } });
    expect(run.error).toBeUndefined();
    const body = (run.result as { findings: { body: string }[] }).findings[0]?.body ?? "";
    expect(body).toMatch(new RegExp(`No diagnosis: agent "diagnose: ${FLAKY.slice(0, 50)}" cannot run: .+`));
    expect(run.logs.find((l) => l.startsWith(`Diagnose: no diagnosis for "${FLAKY}": agent "diagnose: `))).toBeDefined();
  });

  it("B2 a stable suite ends after detection with no agent at all", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "flaky-package"));
    const runner = createScriptedRunner({ respond: () => "unused" });
    const run = await runWorkflow("flaky-hunt", { repo, runner, args: { command: `${TAP} test/slug.test.js test/fetch-user.test.js`, runs: 3 } });
    expect(run.error).toBeUndefined();
    expect(runner.calls).toHaveLength(0);
    expect(run.result).toEqual({ findings: [], summary: `No flaky tests: 4 test(s) gave the same outcome in all 3 readable run(s) of \`${TAP} test/slug.test.js test/fetch-user.test.js\`.` });
  });

  it("B2 a command whose output cannot be read stops with what to change", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "flaky-package"));
    const run = await runWorkflow("flaky-hunt", { repo, runner: createScriptedRunner({ respond: () => "unused" }), args: { command: "node --version", runs: 2, reporter: "jest" } });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/none of the 2 runs of `node --version` gave per-test results .*--json.*Pass a command with a machine-readable reporter/);
  });
});
