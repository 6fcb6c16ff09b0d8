/**
 * What `runTests({ command, runs, reporter, timeoutMs, patch })` means (rule B2), apart from the
 * run it belongs to: checking the call and its command, running the test command N times (in a
 * throwaway worktree with `patch` applied, when given), and reading the runs into the JSON the
 * script gets plus the notes its log should show.
 *
 * - Allowed commands: only a command configured for the repository or one given in the run's
 *   args (`args.command` / `args.testCommand`), so nothing an agent writes can become a command.
 *   A command may extend an allowed one word for word (a file, `--test-name-pattern=…`).
 * - Journaling, serialising the runs of one workflow run and the event stream are the engine's
 *   (`src/engine/primitives/commands.ts`).
 */
import { errorMessage, QuorumError } from "../kernel/errors.ts";
import type { JsonObject, JsonValue } from "../kernel/json.ts";
import { findAllowlistEntry, parseCommandLine } from "../agents/commands.ts";
import { findFlakyTests, summarizeTests } from "./flaky.ts";
import { withPatchedCheckout } from "./patched-checkout.ts";
import { DEFAULT_TEST_RUNS, DEFAULT_TEST_TIMEOUT_MS, MAX_TEST_RUNS, runTestCommand } from "./run-test-command.ts";
import { REPORTERS, type Reporter, type TestRun, type TestSummary } from "./types.ts";

/** Failures listed per run in the result; more are counted, and the cut is logged. */
const MAX_FAILURES_PER_RUN = 20;
/** Argument names whose string value the run's args may use to name the test command. */
const COMMAND_ARG_NAMES = ["command", "testCommand"] as const;

/** A mistake in a runTests() call or a command it may not run; thrown into the script. */
export class RunTestsError extends QuorumError {
  override name = "RunTestsError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid_run_tests", message, options);
  }
}

/** One runTests() call, checked. */
export interface RunTestsSpec {
  command: string;
  runs: number;
  reporter: Reporter;
  timeoutMs: number;
  patch: string | undefined;
}

/** A line for the run's log. */
export interface TestNote {
  level: "info" | "warn";
  message: string;
}

/** What a runTests() call found. */
export interface TestReport {
  /** What the script gets. */
  result: JsonObject;
  /** For the log, in order. */
  notes: TestNote[];
  /** Every run happened and at least one could be read: the result may be journaled (rule J2). */
  complete: boolean;
}

/** Commands the run may use: the configured ones, then those named in its args. */
export function allowedTestCommands(configured: readonly string[], runArgs: JsonValue | undefined): string[] {
  const fromArgs: string[] = [];
  if (runArgs !== null && typeof runArgs === "object" && !Array.isArray(runArgs)) {
    for (const name of COMMAND_ARG_NAMES) {
      const value = runArgs[name];
      if (typeof value === "string" && value.trim() !== "") fromArgs.push(value.trim());
    }
  }
  return [...configured.map((c) => c.trim()).filter((c) => c !== ""), ...fromArgs];
}

/** Checks a runTests() argument; the first allowed command is the default, `maxTimeoutMs` caps one run. */
export function parseRunTestsSpec(raw: JsonValue | undefined, allowed: readonly string[], maxTimeoutMs: number): RunTestsSpec {
  if (raw !== null && raw !== undefined && (typeof raw !== "object" || Array.isArray(raw))) {
    throw new RunTestsError("runTests(spec) takes an object such as { command: \"npm test\", runs: 10, reporter: \"auto\" }.");
  }
  const spec: JsonObject = raw ?? {};
  const command = spec.command === undefined || spec.command === null ? allowed[0] : spec.command;
  if (typeof command !== "string" || command.trim() === "") {
    throw new RunTestsError(
      "runTests() needs a test command: pass { command } in the run's args (e.g. --args '{\"command\": \"npm test\"}') or configure run.testCommand for the repository.",
    );
  }
  const runs = spec.runs ?? DEFAULT_TEST_RUNS;
  if (typeof runs !== "number" || !Number.isInteger(runs) || runs < 1 || runs > MAX_TEST_RUNS) {
    throw new RunTestsError(`runTests(): runs must be a whole number from 1 to ${MAX_TEST_RUNS}; got ${JSON.stringify(runs)}.`);
  }
  const reporter = spec.reporter ?? "auto";
  if (typeof reporter !== "string" || !(REPORTERS as readonly string[]).includes(reporter)) {
    throw new RunTestsError(`runTests(): reporter must be one of ${REPORTERS.join(", ")}; got ${JSON.stringify(reporter)}.`);
  }
  const timeoutMs = spec.timeoutMs ?? Math.min(DEFAULT_TEST_TIMEOUT_MS, maxTimeoutMs);
  if (typeof timeoutMs !== "number" || !Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > maxTimeoutMs) {
    throw new RunTestsError(`runTests(): timeoutMs (per run) must be a whole number of ms from 1 to ${maxTimeoutMs}; got ${JSON.stringify(timeoutMs)}.`);
  }
  const patch = spec.patch ?? undefined;
  if (patch !== undefined && typeof patch !== "string") throw new RunTestsError("runTests(): patch must be a unified diff (a string).");
  return { command: command.trim(), runs, reporter: reporter as Reporter, timeoutMs, patch };
}

/** Throws {@link RunTestsError} unless `command` is an allowed one, or extends one word for word. */
export function assertAllowedCommand(command: string, allowed: readonly string[]): void {
  let argv: string[];
  try {
    argv = parseCommandLine(command);
  } catch (error) {
    throw new RunTestsError(`runTests(): ${errorMessage(error)}`);
  }
  const entries = allowed.flatMap((entry) => {
    try {
      return [parseCommandLine(entry)];
    } catch {
      return [];
    }
  });
  if (!findAllowlistEntry(argv, entries)) {
    throw new RunTestsError(
      `runTests(): "${command}" is neither the repository's configured test command nor one given in the run's args ` +
        `(allowed: ${allowed.length > 0 ? allowed.map((a) => `"${a}"`).join(", ") : "none"}). ` +
        "Pass the command as args.command when starting the run, or configure run.testCommand.",
    );
  }
}

/** How the log names a call: the command, its runs, and the patch. */
export function describeTestRuns(spec: RunTestsSpec): string {
  return `\`${spec.command}\` × ${spec.runs}${spec.patch !== undefined ? " with a patch applied" : ""}`;
}

/**
 * Runs the command `spec.runs` times in the checkout `repo`, or in a throwaway worktree of it with
 * `spec.patch` applied; each run in the command sandbox (rule X7: the checkout writable for
 * reports and caches, its .git read-only). Stops early when `signal` aborts.
 */
export function runTestSpec(spec: RunTestsSpec, repo: string, signal: AbortSignal): Promise<TestRun[]> {
  const go = (cwd: string) => runTestCommand({ cwd, command: spec.command, runs: spec.runs, reporter: spec.reporter, timeoutMs: spec.timeoutMs, signal });
  return spec.patch !== undefined ? withPatchedCheckout(repo, spec.patch, go) : go(repo);
}

/** Reads the runs into the script's result and the log's notes; see {@link TestReport}. */
export function reportTestRuns(spec: RunTestsSpec, runs: readonly TestRun[]): TestReport {
  const notes: TestNote[] = [];
  const unread = runs.filter((r) => r.parseError !== undefined);
  if (unread.length > 0) {
    notes.push({
      level: "warn",
      message: `runTests: ${unread.length} of ${runs.length} run(s) of \`${spec.command}\` gave no readable results and are left out of the counts: ${unread[0]?.parseError ?? ""}`,
    });
  }
  if (runs.length < spec.runs) {
    notes.push({ level: "warn", message: `runTests: stopped after ${runs.length} of ${spec.runs} runs because the run is stopping.` });
  }
  const tests = summarizeTests(runs);
  const flaky = findFlakyTests(runs);
  const cuts = { runs: 0, failures: 0 };
  const result: JsonObject = {
    command: spec.command,
    reporter: spec.reporter,
    patched: spec.patch !== undefined,
    runs: runs.map((r) => runJson(r, cuts)),
    tests: tests.map(summaryJson),
    flaky: flaky.map(summaryJson),
  };
  if (cuts.runs > 0) {
    notes.push({
      level: "info",
      message: `runTests: ${cuts.runs} run(s) listed only their first ${MAX_FAILURES_PER_RUN} failures (${cuts.failures} more are counted in the totals but not listed).`,
    });
  }
  notes.push({ level: "info", message: summaryLine(runs.length - unread.length, tests.length, flaky) });
  return { result, notes, complete: unread.length < runs.length && runs.length === spec.runs };
}

function summaryLine(readable: number, tests: number, flaky: readonly TestSummary[]): string {
  const named = flaky.slice(0, 5).map((t) => `${t.name} (${t.passed} passed, ${t.failed} failed)`).join("; ");
  const more = flaky.length > 5 ? ` and ${flaky.length - 5} more` : "";
  return `runTests: ${readable} readable run(s), ${tests} test(s), ${flaky.length} flaky` + (flaky.length > 0 ? `: ${named}${more}` : "") + ".";
}

function summaryJson(t: TestSummary): JsonObject {
  return JSON.parse(JSON.stringify(t)) as JsonObject;
}

function runJson(run: TestRun, cuts: { runs: number; failures: number }): JsonObject {
  const failures = run.tests.filter((t) => t.status === "failed");
  if (failures.length > MAX_FAILURES_PER_RUN) {
    cuts.runs += 1;
    cuts.failures += failures.length - MAX_FAILURES_PER_RUN;
  }
  const out = {
    index: run.index,
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    durationMs: run.durationMs,
    format: run.format ?? null,
    passed: run.tests.filter((t) => t.status === "passed").length,
    failed: failures.length,
    skipped: run.tests.filter((t) => t.status === "skipped").length,
    failures: failures.slice(0, MAX_FAILURES_PER_RUN),
    ...(run.parseError !== undefined ? { parseError: run.parseError, outputTail: run.outputTail } : {}),
  };
  return JSON.parse(JSON.stringify(out)) as JsonObject;
}
