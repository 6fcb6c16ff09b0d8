/**
 * Shapes of model-free test runs (rule B2): one command run N times, each run parsed into
 * per-test outcomes, and the per-test summary that shows which tests are flaky.
 */

/** How a command's output is read. `auto` sniffs the format from the output itself. */
export const REPORTERS = ["vitest", "jest", "mocha", "node", "tap", "auto"] as const;
export type Reporter = (typeof REPORTERS)[number];

/** The output formats the parsers understand. */
export type OutputFormat = "jest-json" | "mocha-json" | "tap" | "node-spec";

export type TestStatus = "passed" | "failed" | "skipped";

/** Where a test was seen (a failure location, or the test's declaration). Repository-relative when inside it. */
export interface TestLocation {
  path: string;
  line?: number;
}

/** One test's outcome in one run. */
export interface TestCaseResult {
  /** Full name: suite titles and the test title joined with " › ". */
  name: string;
  /**
   * The test file: named for every test by jest, vitest and mocha; by TAP and node's spec output
   * only for failures (their location or stack) and under file headers. Part of the test's
   * identity; `summarizeTests` attributes file-less outcomes to a file when that is unambiguous.
   */
  file?: string;
  /** Where the format located this test in this run (TAP and node:test give it for failures). */
  location?: TestLocation;
  status: TestStatus;
  durationMs?: number;
  /**
   * The failure message, for failures: its first line for JSON reporters and TAP, the whole failure
   * block (error, actual/expected, stack with the failing line) for node's spec output, capped with
   * the cut stated.
   */
  message?: string;
}

/** The parsed outcomes of one run's output. */
export interface ParsedOutput {
  format: OutputFormat;
  tests: TestCaseResult[];
}

/** One run of the test command. */
export interface TestRun {
  /** 0-based position among the runs. */
  index: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** The format the output was read as; undefined when nothing could be parsed. */
  format?: OutputFormat;
  tests: TestCaseResult[];
  /** Why no per-test outcomes could be read from this run (it crashed, printed nothing known …). */
  parseError?: string;
  /** The last part of stderr (and stdout when nothing parsed), for diagnosis. */
  outputTail: string;
}

/** A test across all runs. */
export interface TestSummary {
  name: string;
  file?: string;
  /** A location seen in any run (line of the declaration or the failure). */
  location?: TestLocation;
  passed: number;
  failed: number;
  skipped: number;
  /** Distinct failure messages seen (at most a few), as in {@link TestCaseResult.message}. */
  messages: string[];
}
