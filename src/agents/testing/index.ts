/**
 * Model-free test runs and flaky-test detection (rule B2): run a test command N times, parse each
 * run's per-test outcomes (jest/vitest JSON, mocha JSON, TAP, node:test), and find the tests with
 * mixed outcomes.
 */
export { runTestCommand, DEFAULT_TEST_RUNS, MAX_TEST_RUNS, DEFAULT_TEST_TIMEOUT_MS, type RunTestCommandOptions } from "./run-test-command.ts";
export { findFlakyTests, summarizeTests } from "./flaky.ts";
export { parseTestOutput, UnreadableOutputError } from "./parse-output.ts";
export { withPatchedCheckout, PatchApplyError } from "./patched-checkout.ts";
export { CommandStartError } from "./capture-process.ts";
export { REPORTERS, type Reporter, type TestRun, type TestSummary, type TestCaseResult, type TestStatus, type OutputFormat } from "./types.ts";
