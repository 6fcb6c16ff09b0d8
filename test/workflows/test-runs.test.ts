import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { findFlakyTests, parseTestOutput, runTestCommand, summarizeTests, UnreadableOutputError, withPatchedCheckout } from "../../src/testing/index.ts";
import type { TestRun } from "../../src/testing/index.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, "fixtures", "reporters");
const root = "/home/dev/project";
const read = (name: string) => readFileSync(path.join(fixtures, name), "utf8");
const flakyPackage = path.resolve(here, "../../examples/flaky-package");
const FLAKY_NAME = "cache refresh replaces the value in the background";
const temps: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function gitRepoFrom(source: string): string {
  const dir = tempDir("quorum-flaky-");
  cpSync(source, dir, { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q");
  git("-c", "user.email=t@example.com", "-c", "user.name=t", "add", "-A");
  git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "fixture");
  return dir;
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function run(index: number, tests: TestRun["tests"]): TestRun {
  return { index, exitCode: 0, signal: null, timedOut: false, durationMs: 1, tests, outputTail: "" };
}

describe("test output parsers", () => {
  it("B2 reads vitest's JSON report: suite path in the name, relative file, skipped tests", () => {
    const parsed = parseTestOutput(read("vitest.json"), "", "vitest", root);
    expect(parsed.format).toBe("jest-json");
    expect(parsed.tests.map((t) => [t.file, t.name, t.status])).toEqual([
      ["test/math.test.js", "math › adds", "passed"],
      ["test/math.test.js", "math › division › divides", "passed"],
      ["test/math.test.js", "math › division › rounds down", "failed"],
      ["test/math.test.js", "math › multiplies later", "skipped"],
      ["test/top.test.js", "top-level passes", "passed"],
    ]);
    expect(parsed.tests[2]?.message).toBe("AssertionError: expected 3 to be 4 // Object.is equality");
  });

  it("B2 reads jest's --json output (pending counts as skipped)", () => {
    const parsed = parseTestOutput(read("jest.json"), "", "jest", "/home/dev/shop");
    expect(parsed.tests.map((t) => [t.file, t.name, t.status])).toEqual([
      ["src/cart.test.js", "Cart › totals › sums line items", "passed"],
      ["src/cart.test.js", "Cart › totals › applies the discount after tax", "failed"],
      ["src/cart.test.js", "Cart › supports gift cards", "skipped"],
      ["src/price.test.js", "formatPrice prints cents", "passed"],
      ["src/price.test.js", "formatPrice rounds half up", "passed"],
    ]);
  });

  it("B2 reads mocha's JSON reporter even after log lines the tests printed", () => {
    const stdout = `connecting to fake queue\n{ not json\n${read("mocha.json")}`;
    const parsed = parseTestOutput(stdout, "", "mocha", "/home/dev/queue");
    expect(parsed.format).toBe("mocha-json");
    expect(parsed.tests.map((t) => [t.file, t.name, t.status])).toEqual([
      ["test/queue.spec.js", "Queue parse parses an empty queue", "passed"],
      ["test/queue.spec.js", "Queue drain drains in order", "failed"],
      ["test/queue.spec.js", "Queue drain retries a failed job", "passed"],
      ["test/ids.spec.js", "ids formats ids", "passed"],
      ["test/queue.spec.js", "Queue persists to disk", "skipped"],
    ]);
    expect(parsed.tests[1]?.message).toBe("Expected values to be strictly deep-equal:");
  });

  it("B2 reads node:test TAP: leaves only, SKIP/TODO as skipped, failure location from the YAML block", () => {
    const parsed = parseTestOutput(read("node-tap.txt"), "", "node", root);
    expect(parsed.format).toBe("tap");
    expect(parsed.tests.map((t) => [t.name, t.status])).toEqual([
      ["standalone passes", "passed"],
      ["parser › reads numbers", "passed"],
      ["parser › strings › keeps quotes", "passed"],
      ["parser › strings › fails on purpose", "failed"],
      ["parser › handles dates later", "skipped"],
      ["parser › handles regexes", "skipped"],
      ["parent with subtests › child one", "passed"],
      ["parent with subtests › child two", "passed"],
    ]);
    const failed = parsed.tests[3];
    expect(failed?.location).toEqual({ path: "test/suite.test.js", line: 7 });
    expect(failed?.message).toBe("Expected values to be strictly equal:");
  });

  it("B2 reads node:test's default spec output and stops at the failing-tests summary", () => {
    const parsed = parseTestOutput(read("node-spec.txt"), "", "auto", root);
    expect(parsed.format).toBe("node-spec");
    expect(parsed.tests.map((t) => [t.name, t.status])).toEqual([
      ["standalone passes", "passed"],
      ["parser › reads numbers", "passed"],
      ["parser › strings › keeps quotes", "passed"],
      ["parser › strings › fails on purpose", "failed"],
      ["parser › handles dates later", "skipped"],
      ["parser › handles regexes", "skipped"],
      ["parent with subtests › child one", "passed"],
      ["parent with subtests › child two", "passed"],
    ]);
    expect(parsed.tests[3]?.location).toEqual({ path: "test/suite.test.js", line: 7 });
  });

  it("B2 auto recognises every format by shape", () => {
    expect(parseTestOutput(read("vitest.json"), "", "auto", root).format).toBe("jest-json");
    expect(parseTestOutput(read("mocha.json"), "", "auto", root).format).toBe("mocha-json");
    expect(parseTestOutput(read("node-tap.txt"), "", "auto", root).format).toBe("tap");
  });

  it("B2 output without per-test results is an error that names the reporter flag to use", () => {
    expect(() => parseTestOutput("All good!\n", "", "jest", root)).toThrow(UnreadableOutputError);
    expect(() => parseTestOutput("All good!\n", "", "jest", root)).toThrow(/--json/);
    expect(() => parseTestOutput("All good!\n", "", "auto", root)).toThrow(/--test-reporter=tap/);
  });
});

describe("node spec output: failure blocks and files", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  /** A spec-output run of test/a/dup.test.js and test/b/dup.test.js; `fail` lists which fail. */
  function dupRun(fail: { grp?: boolean; a?: boolean; b?: boolean }): string {
    const mark = (failed: boolean | undefined) => (failed ? "✖" : "✔");
    const failures = [
      fail.grp ? "test at test/a/dup.test.js:3:25\n✖ same name (2ms)\n  AssertionError [ERR_ASSERTION]: grp\n      at TestContext.<anonymous> (file:///home/dev/project/test/a/dup.test.js:3:58)\n" : "",
      fail.a ? "test at test/a/dup.test.js:4:1\n✖ same name (1ms)\n  Error: a broke\n      at TestContext.<anonymous> (file:///home/dev/project/test/a/dup.test.js:4:30)\n" : "",
      fail.b ? "test at test/b/dup.test.js:3:1\n✖ same name (1ms)\n  Error: b broke\n      at TestContext.<anonymous> (file:///home/dev/project/test/b/dup.test.js:3:33)\n" : "",
    ].filter((f) => f !== "");
    return [
      "▶ grp",
      `  ${mark(fail.grp)} same name (2ms)`,
      `${mark(fail.grp)} grp (3ms)`,
      `${mark(fail.a)} same name (0.2ms)`,
      `${mark(fail.b)} same name (0.8ms)`,
      "ℹ tests 3",
      `ℹ fail ${failures.length}`,
      ...(failures.length > 0 ? ["", "✖ failing tests:", "", failures.join("\n")] : []),
    ].join("\n");
  }
  const specRun = (index: number, text: string) => run(index, parseTestOutput(text, "", "node", root).tests);

  it("B2 a spec failure keeps its whole block: the error, actual !== expected and the failing stack line, paths made relative", () => {
    const failed = parseTestOutput(read("node-spec.txt"), "", "auto", root).tests[3];
    const message = failed?.message ?? "";
    expect(message.split("\n").slice(0, 4)).toEqual(["AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:", "", "1 !== 2", ""]);
    expect(message).toContain("    at TestContext.<anonymous> (test/suite.test.js:7:41)");
    expect(message).toContain("  operator: 'strictEqual',");
    expect(message.endsWith("}")).toBe(true);
    expect(message).not.toContain("file://");
  });

  it("B2 a long spec failure block is capped, and the cut is stated", () => {
    const frames = Array.from({ length: 120 }, (_, i) => `      at frame${i} (file:///home/dev/project/test/long.test.js:${i + 1}:1)`);
    const text = ["✖ long (1ms)", "ℹ tests 1", "", "✖ failing tests:", "", "test at test/long.test.js:1:1", "✖ long (1ms)", "  Error: too long", ...frames].join("\n");
    const message = parseTestOutput(text, "", "node", root).tests[0]?.message ?? "";
    const lines = message.split("\n");
    expect(lines[0]).toBe("Error: too long");
    expect(lines).toHaveLength(41);
    expect(lines[40]).toMatch(/^… \[cut: 81 more line\(s\), \d+ more character\(s\) not shown\]$/);
    expect(message.length).toBeLessThan(2200);
  });

  it("B2 spec failures get their file from the summary's location, matched to same-named tests in report order", () => {
    const tests = parseTestOutput(read("node-spec-files.txt"), "", "node", root).tests;
    expect(tests.map((t) => [t.name, t.file, t.status, t.location])).toEqual([
      ["grp › same name", "test/a/dup.test.js", "failed", { path: "test/a/dup.test.js", line: 3 }],
      ["same name", undefined, "passed", undefined],
      ["same name", "test/b/dup.test.js", "failed", { path: "test/b/dup.test.js", line: 3 }],
    ]);
    expect(tests[0]?.message).toContain("'old' !== 'new'");
    expect(tests[2]?.message).toBe("Error: boom\nsecond line\n    at TestContext.<anonymous> (test/b/dup.test.js:3:33)\n    at Test.runInAsyncScope (node:async_hooks:227:14)\n    at Test.run (node:internal/test_runner/test:1402:25)\n    at Test.start (node:internal/test_runner/test:1262:17)\n    at startSubtestAfterBootstrap (node:internal/test_runner/harness:387:17)");
  });

  it("B2 without a 'test at' line the file comes from the first stack frame in a test file, not the code under test", () => {
    const text = [
      "✖ loads (1ms)",
      "ℹ tests 1",
      "",
      "✖ failing tests:",
      "",
      "✖ loads (1ms)",
      "  Error: nope",
      "      at load (file:///home/dev/project/src/loader.js:9:11)",
      "      at TestContext.<anonymous> (/home/dev/project/test/loader.test.js:12:5)",
      "      at Test.run (node:internal/test_runner/test:1402:25)",
    ].join("\n");
    expect(parseTestOutput(text, "", "node", root).tests[0]).toMatchObject({ file: "test/loader.test.js", location: { path: "test/loader.test.js", line: 12 } });
  });

  it("B2 a top-level group named by a script path is a file header: its tests get the file, their names leave it out", () => {
    const text = ["▶ /home/dev/project/test/a.test.js", "  ✔ works (1ms)", "  ▶ inner", "    ✔ deep (1ms)", "  ✔ inner (1ms)", "✔ /home/dev/project/test/a.test.js (5ms)", "✔ loose (1ms)", "ℹ tests 3"].join("\n");
    expect(parseTestOutput(text, "", "node", root).tests.map((t) => [t.name, t.file])).toEqual([
      ["works", "test/a.test.js"],
      ["inner › deep", "test/a.test.js"],
      ["loose", undefined],
    ]);
  });

  it("B2 TAP failures get their file from the YAML location; file-header subtests name the file of their tests", () => {
    const parsed = parseTestOutput(read("node-tap.txt"), "", "node", root);
    expect(parsed.tests[3]).toMatchObject({ name: "parser › strings › fails on purpose", file: "test/suite.test.js" });
    expect(parsed.tests.filter((t) => t.file !== undefined)).toHaveLength(1);
    const wrapped = ["TAP version 13", "# Subtest: /home/dev/project/test/b.test.js", "    # Subtest: works", "    ok 1 - works", "    1..1", "ok 1 - /home/dev/project/test/b.test.js", "1..1"].join("\n");
    expect(parseTestOutput(wrapped, "", "tap", root).tests).toEqual([{ name: "works", file: "test/b.test.js", status: "passed" }]);
  });

  it("B2 passes without a file are counted for the one file that test's failures named", () => {
    const runs = [specRun(0, dupRun({ b: true })), specRun(1, dupRun({})), specRun(2, dupRun({ b: true }))];
    const flaky = findFlakyTests(runs);
    expect(flaky.map((t) => [t.name, t.file ?? null, t.passed, t.failed])).toEqual([["same name", "test/b/dup.test.js", 1, 2]]);
    // test/a's "same name" always passed: its passes are never counted for test/b.
    expect(summarizeTests(runs).find((t) => t.name === "same name" && t.file === undefined)).toMatchObject({ passed: 3, failed: 0 });
  });

  it("B2 same-named tests in different files never merge, even when spec output names files only for failures", () => {
    const runs = [specRun(0, dupRun({ b: true })), specRun(1, dupRun({})), specRun(2, dupRun({ a: true })), specRun(3, dupRun({ grp: true, a: true, b: true }))];
    const summaries = summarizeTests(runs).filter((t) => t.name === "same name");
    expect(summaries.map((t) => [t.file ?? null, t.passed, t.failed])).toEqual([
      ["test/a/dup.test.js", 2, 2],
      ["test/b/dup.test.js", 2, 2],
    ]);
    expect(summaries.find((t) => t.file === "test/a/dup.test.js")?.messages[0]).toMatch(/^Error: a broke\n    at TestContext.<anonymous> \(test\/a\/dup.test.js:4:30\)$/);
    expect(summarizeTests(runs).find((t) => t.name === "grp › same name")).toMatchObject({ file: "test/a/dup.test.js", passed: 3, failed: 1 });
    // Two file-less passes of a name both of whose files are known go one to each file; with
    // mixed outcomes and no way to tell which file is which, nothing is attributed.
    const ambiguous = [run(0, [{ name: "x", file: "a.js", status: "failed" }, { name: "x", file: "b.js", status: "failed" }]), run(1, [{ name: "x", status: "passed" }, { name: "x", status: "failed" }])];
    expect(summarizeTests(ambiguous).map((t) => [t.file ?? null, t.passed, t.failed])).toEqual([["a.js", 0, 1], ["b.js", 0, 1], [null, 1, 1]]);
  });

  it("B2 real `node --test` spec output: the flaky test has its file, and its message keeps 'old' !== 'new' and cache.test.js:30", async () => {
    const runs = await runTestCommand({ cwd: flakyPackage, command: "node --test", runs: 12, reporter: "node" });
    expect(runs.every((r) => r.format === "node-spec" && r.tests.length === 7)).toBe(true);
    const flaky = findFlakyTests(runs);
    expect(flaky.map((t) => [t.name, t.file])).toEqual([[FLAKY_NAME, "test/cache.test.js"]]);
    expect(flaky[0]?.location).toEqual({ path: "test/cache.test.js", line: 22 });
    expect(flaky[0]?.messages[0]).toContain("Expected values to be strictly equal:");
    expect(flaky[0]?.messages[0]).toContain("'old' !== 'new'");
    expect(flaky[0]?.messages[0]).toMatch(/\(test\/cache\.test\.js:30:\d+\)/);
    expect(summarizeTests(runs)).toHaveLength(7);
  }, 180_000); // 12 sequential sandboxed runs of a suite that waits on timers; slow on a loaded machine
});

describe("flaky detection", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  it("B2 a test with both passes and failures is flaky; skips and steady failures are not", () => {
    const runs = [
      run(0, [
        { name: "a", file: "x.js", status: "passed" },
        { name: "b", file: "x.js", status: "failed", message: "boom" },
        { name: "c", file: "x.js", status: "failed" },
      ]),
      run(1, [
        { name: "a", file: "x.js", status: "failed", message: "timeout" },
        { name: "b", file: "x.js", status: "failed", message: "boom" },
        { name: "c", file: "x.js", status: "skipped" },
      ]),
      run(2, [
        { name: "a", file: "x.js", status: "passed" },
        { name: "a", file: "y.js", status: "failed" },
      ]),
    ];
    const flaky = findFlakyTests(runs);
    expect(flaky).toEqual([{ name: "a", file: "x.js", passed: 2, failed: 1, skipped: 0, messages: ["timeout"] }]);
    expect(summarizeTests(runs).find((t) => t.name === "b")).toMatchObject({ failed: 2, messages: ["boom"] });
  });

  it("B2 runTestCommand on examples/flaky-package finds exactly the planted flaky test", async () => {
    const runs = await runTestCommand({ cwd: flakyPackage, command: "node --test --test-reporter=tap", runs: 12, reporter: "node" });
    expect(runs).toHaveLength(12);
    expect(runs.every((r) => r.parseError === undefined && r.tests.length === 7)).toBe(true);
    const flaky = findFlakyTests(runs);
    expect(flaky.map((t) => t.name)).toEqual([FLAKY_NAME]);
    expect(flaky[0]?.location).toEqual({ path: "test/cache.test.js", line: 22 });
    expect(flaky[0]?.messages[0]).toMatch(/strictly equal/);
  }, 180_000); // 12 sequential sandboxed runs of a suite that waits on timers; slow on a loaded machine

  it("B2 the default spec reporter of `node --test` is read too", async () => {
    const runs = await runTestCommand({ cwd: flakyPackage, command: "node --test", runs: 2, reporter: "auto" });
    expect(runs.map((r) => [r.format, r.tests.length])).toEqual([["node-spec", 7], ["node-spec", 7]]);
  });

  it("B2 a real vitest run is read through the report file vitest announces", async () => {
    const dir = tempDir("quorum-vitest-");
    writeFileSync(path.join(dir, "package.json"), '{"type":"module","private":true}');
    writeFileSync(
      path.join(dir, "a.test.js"),
      'import { expect, test } from "vitest";\ntest("one", () => expect(1).toBe(1));\ntest("two", () => expect(2).toBe(3));\n',
    );
    // The sandbox shows the tests only their checkout (rule X7): dependencies come through a
    // top-level node_modules link, as in an agent's worktree.
    symlinkSync(path.resolve(here, "../../node_modules"), path.join(dir, "node_modules"));
    const runs = await runTestCommand({ cwd: dir, command: "node_modules/.bin/vitest run --reporter=json", runs: 1, reporter: "vitest" });
    expect(runs[0]?.parseError).toBeUndefined();
    expect(runs[0]?.tests.map((t) => [t.file, t.name, t.status])).toEqual([
      ["a.test.js", "one", "passed"],
      ["a.test.js", "two", "failed"],
    ]);
  });

  it("B2 the command runs without a shell and with a scrubbed environment", async () => {
    const runs = await runTestCommand({
      cwd: flakyPackage,
      command: "node -e \"console.log(Object.keys(process.env).join(','))\"",
      runs: 1,
      env: { PATH: process.env.PATH, GITHUB_TOKEN: "ghs_secret", MY_API_KEY: "k", HOME: "/tmp" },
    });
    expect(runs[0]?.parseError).toMatch(/no per-test results/);
    expect(runs[0]?.outputTail).toContain("PATH");
    expect(runs[0]?.outputTail).not.toMatch(/GITHUB_TOKEN|MY_API_KEY/);
    await expect(runTestCommand({ cwd: flakyPackage, command: "node --test && rm -rf /", runs: 1 })).rejects.toThrow(/without a shell/);
    await expect(runTestCommand({ cwd: flakyPackage, command: "no-such-program-xyz", runs: 1 })).rejects.toThrow(/not installed or not on PATH/);
  });

  it("B2 a patched checkout re-runs the tests against a fix without touching the repository", async () => {
    const repo = gitRepoFrom(flakyPackage);
    const testFile = path.join(repo, "test", "cache.test.js");
    const original = readFileSync(testFile, "utf8");
    const fixed = original.replace("Math.random() < 0.5 ? 2 : 40", "2");
    writeFileSync(testFile, fixed);
    const patch = execFileSync("git", ["diff"], { cwd: repo, encoding: "utf8" });
    writeFileSync(testFile, original);
    const runs = await withPatchedCheckout(repo, patch, (dir) =>
      runTestCommand({ cwd: dir, command: "node --test --test-reporter=tap", runs: 6, reporter: "tap" }),
    );
    expect(summarizeTests(runs).find((t) => t.name === FLAKY_NAME)).toMatchObject({ passed: 6, failed: 0 });
    expect(readFileSync(testFile, "utf8")).toBe(original);
    expect(execFileSync("git", ["worktree", "list"], { cwd: repo, encoding: "utf8" }).trim().split("\n")).toHaveLength(1);
    await expect(withPatchedCheckout(repo, "--- a/nope.js\n+++ b/nope.js\n@@ -1 +1 @@\n-a\n+b\n", async () => 1)).rejects.toThrow(/does not apply/);
  });
});
