/**
 * The host side of `runTests({ command, runs, reporter, timeoutMs, patch })` (rule B2): runs the
 * repository's test command N times with no model involved and returns per-test outcomes and the
 * flaky tests. With `patch`, the runs happen in a throwaway worktree with that diff applied — the
 * way a workflow proves a proposed fix without trusting the fixing agent's word.
 *
 * - Allowed commands: only a command configured for the repository or one given in the run's
 *   args (`args.command` / `args.testCommand`), so nothing an agent writes can become a command.
 *   A command may extend an allowed one word for word (a file, `--test-name-pattern=…`).
 * - Journaled like agents (key prefix `cmd:`): a resumed run replays the same detection. Calls
 *   where no run could be read are not journaled (failed calls are never cached, rule J2).
 * - Test runs of one run are serialised: concurrent suites would perturb each other's timing and
 *   manufacture the flakiness they are looking for.
 */
import type { JsonObject, JsonValue } from "../../kernel/json.ts";
import { ZERO_USAGE } from "../../kernel/usage.ts";
import {
  findFlakyTests,
  DEFAULT_TEST_RUNS,
  DEFAULT_TEST_TIMEOUT_MS,
  MAX_TEST_RUNS,
  REPORTERS,
  runTestCommand,
  summarizeTests,
  withPatchedCheckout,
  type Reporter,
  type TestRun,
  type TestSummary,
} from "../../agents/testing/index.ts";
import { findAllowlistEntry } from "../../agents/tools/allowlist.ts";
import { parseCommandLine } from "../../agents/tools/shell-words.ts";
import type { RunContext, ScriptScope } from "../context.ts";
import { jsonHash } from "../keys.ts";
import { errorMessage, QuorumError } from "../../kernel/errors.ts";

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

interface RunTestsSpec {
  command: string;
  runs: number;
  reporter: Reporter;
  timeoutMs: number;
  patch: string | undefined;
}

const queues = new WeakMap<RunContext, Promise<unknown>>();

/** Runs `job` after every earlier test run of the same run has finished. */
function serialised<T>(ctx: RunContext, job: () => Promise<T>): Promise<T> {
  const previous = queues.get(ctx) ?? Promise.resolve();
  const next = previous.then(job, job);
  queues.set(ctx, next.catch(() => undefined));
  return next;
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

function parseSpec(raw: JsonValue | undefined, allowed: readonly string[], maxTimeoutMs: number): RunTestsSpec {
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

function assertAllowed(command: string, allowed: readonly string[]): void {
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

/** Runs one `runTests()` call for the script; see the file comment. */
export async function runTests(
  ctx: RunContext,
  scope: ScriptScope,
  rawSpec: JsonValue | undefined,
  runArgs: JsonValue | undefined,
  configured: readonly string[],
): Promise<JsonValue> {
  const allowed = allowedTestCommands(configured, runArgs);
  const spec = parseSpec(rawSpec, allowed, ctx.limits.runTimeoutMs);
  assertAllowed(spec.command, allowed);
  if (ctx.stopReason !== null) throw new RunTestsError(`runTests() was not started: ${ctx.stopReason}`);

  const phase = scope.currentPhase;
  const what = `\`${spec.command}\` × ${spec.runs}${spec.patch !== undefined ? " with a patch applied" : ""}`;
  const hash = jsonHash({ v: 1, kind: "runTests", command: spec.command, runs: spec.runs, reporter: spec.reporter, timeoutMs: spec.timeoutMs, patch: spec.patch ?? null });
  const key = ctx.keys.next(`cmd:${hash}`); // `cmd:<hash>#<n>`: never collides with an agent key
  const cached = ctx.journal.get(key);
  if (cached) {
    ctx.emit({ type: "log", level: "info", phase, message: `runTests: ${what} answered from the journal (no tests re-run).` });
    return cached.result;
  }

  const startedAt = Date.now();
  const runs = await serialised(ctx, () => {
    ctx.emit({ type: "log", level: "info", phase, message: `runTests: running ${what} (reporter ${spec.reporter}).` });
    // Tests run in the command sandbox (rule X7): the checkout writable for reports and caches, its .git read-only.
    const go = (cwd: string) => runTestCommand({ cwd, command: spec.command, runs: spec.runs, reporter: spec.reporter, timeoutMs: spec.timeoutMs, signal: ctx.signal });
    return spec.patch !== undefined ? withPatchedCheckout(ctx.repo, spec.patch, go) : go(ctx.repo);
  });
  const durationMs = Date.now() - startedAt;

  const unread = runs.filter((r) => r.parseError !== undefined);
  if (unread.length > 0) {
    ctx.emit({
      type: "log",
      level: "warn",
      phase,
      message: `runTests: ${unread.length} of ${runs.length} run(s) of \`${spec.command}\` gave no readable results and are left out of the counts: ${unread[0]?.parseError ?? ""}`,
    });
  }
  if (runs.length < spec.runs) {
    ctx.emit({ type: "log", level: "warn", phase, message: `runTests: stopped after ${runs.length} of ${spec.runs} runs because the run is stopping.` });
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
    ctx.emit({
      type: "log",
      level: "info",
      phase,
      message: `runTests: ${cuts.runs} run(s) listed only their first ${MAX_FAILURES_PER_RUN} failures (${cuts.failures} more are counted in the totals but not listed).`,
    });
  }
  ctx.emit({
    type: "log",
    level: "info",
    phase,
    message:
      `runTests: ${runs.length - unread.length} readable run(s), ${tests.length} test(s), ${flaky.length} flaky` +
      (flaky.length > 0 ? `: ${flaky.slice(0, 5).map((t) => `${t.name} (${t.passed} passed, ${t.failed} failed)`).join("; ")}${flaky.length > 5 ? ` and ${flaky.length - 5} more` : ""}` : "") +
      ".",
  });
  if (unread.length < runs.length && runs.length === spec.runs) {
    ctx.journalWriter?.append({
      key,
      label: `runTests: ${spec.command}`,
      phase,
      result,
      usage: { ...ZERO_USAGE },
      costUsd: 0,
      model: "none",
      startedAt,
      durationMs,
    });
  }
  return result;
}
