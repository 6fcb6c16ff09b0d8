/**
 * Model-free test runs and flaky-test detection (rule B2): run a test command N times, parse each
 * run's per-test outcomes (jest/vitest JSON, mocha JSON, TAP, node:test), and find the tests with
 * mixed outcomes; and what a script's `runTests()` call means (`run-tests.ts`). The engine journals
 * the calls and reports them in the event stream; this room knows nothing of journals or events.
 */
export { runTestCommand, DEFAULT_TEST_RUNS, MAX_TEST_RUNS, DEFAULT_TEST_TIMEOUT_MS, type RunTestCommandOptions } from "./run-test-command.ts";
export { findFlakyTests, summarizeTests } from "./flaky.ts";
export { parseTestOutput, UnreadableOutputError } from "./parse-output.ts";
export { withPatchedCheckout, PatchApplyError } from "./patched-checkout.ts";
export { CommandStartError } from "./capture-process.ts";
export { REPORTERS, type Reporter, type TestRun, type TestSummary, type TestCaseResult, type TestStatus, type OutputFormat } from "./types.ts";
export {
  allowedTestCommands,
  assertAllowedCommand,
  describeTestRuns,
  parseRunTestsSpec,
  reportTestRuns,
  runTestSpec,
  RunTestsError,
  type RunTestsSpec,
  type TestNote,
  type TestReport,
} from "./run-tests.ts";
