/**
 * Model-free test runs (rule B2): the test command run N times in a row, each run's output parsed
 * into per-test outcomes. No shell (the command line is split into argv; shell syntax is refused),
 * each run inside the command sandbox (rule X7: an environment built from an allowlist, no
 * network, the checkout writable — test runners write reports and caches there — but its `.git`
 * read-only), a time limit per run.
 *
 * Edge cases:
 * - A run whose output holds no readable results (a crash, a reporter we cannot read, stdout cut
 *   at the cap) keeps its exit code and output tail and says why in `parseError`; the other runs
 *   still count.
 * - A command that cannot be started at all throws {@link CommandStartError} at once.
 * - Runs are sequential: parallel runs of one suite would fight over ports, files and CPU and
 *   create flakiness of their own.
 */
import { parseCommandLine, scrubEnvironment } from "../agents/commands.ts";
import { captureProcess } from "./capture-process.ts";
import { parseTestOutput } from "./parse-output.ts";
import type { Reporter, TestRun } from "./types.ts";
import { errorMessage } from "../kernel/errors.ts";

/** Runs of one test command when the caller does not say (`runTests({ runs })`). */
export const DEFAULT_TEST_RUNS = 10;
export const MAX_TEST_RUNS = 100;
/** Time limit of one run of the test command when the caller does not say (`runTests({ timeoutMs })`). */
export const DEFAULT_TEST_TIMEOUT_MS = 10 * 60_000;
/** A JSON report bigger than this is cut (and the run says it could not be read). */
export const STDOUT_CAP_BYTES = 64 * 1024 * 1024;
/** How much of stderr each run keeps, for diagnosis. */
export const STDERR_TAIL_BYTES = 16 * 1024;
/** How much of the output tail a run reports. */
const OUTPUT_TAIL_CHARS = 4000;

/** Variables every test run gets: no colours, no watch mode, no pager. */
const FIXED_ENVIRONMENT: Readonly<Record<string, string>> = { CI: "1", NO_COLOR: "1", FORCE_COLOR: "0", GIT_PAGER: "cat", PAGER: "cat" };

export interface RunTestCommandOptions {
  cwd: string;
  /** One command line without shell syntax, e.g. `node --test --test-reporter=tap`. */
  command: string;
  runs?: number;
  reporter?: Reporter;
  /** Per run. */
  timeoutMs?: number;
  /**
   * True (the default) when the tests may change files under `cwd` except `.git` (test runners
   * write reports and caches into the checkout); false mounts the whole checkout read-only.
   */
  writable?: boolean;
  /**
   * Extra variables for the tests. Variables whose names look like secrets are dropped, and PATH,
   * HOME and TMPDIR are the sandbox's own; nothing is copied from this process's environment.
   */
  env?: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
  /** Called after each run, e.g. for progress. */
  onRun?: (run: TestRun) => void;
}

function tail(text: string): string {
  return text.length > OUTPUT_TAIL_CHARS ? `…${text.slice(-OUTPUT_TAIL_CHARS)}` : text;
}

/** Runs `command` `runs` times (default 10, at most 100) and returns every run's outcomes. */
export async function runTestCommand(options: RunTestCommandOptions): Promise<TestRun[]> {
  const argv = parseCommandLine(options.command);
  if (argv.length === 0) throw new RangeError("runTestCommand: the command is empty; give one such as `npm test`.");
  const runs = options.runs ?? DEFAULT_TEST_RUNS;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_TEST_RUNS) {
    throw new RangeError(`runTestCommand: runs must be a whole number from 1 to ${MAX_TEST_RUNS}; got ${String(runs)}.`);
  }
  const reporter = options.reporter ?? "auto";
  const extra = scrubEnvironment(options.env ?? {}, Object.keys(options.env ?? {}));
  for (const name of ["PATH", "HOME", "TMPDIR", "TMP", "TEMP"]) delete extra[name];
  const env = { ...extra, ...FIXED_ENVIRONMENT };
  const results: TestRun[] = [];
  for (let index = 0; index < runs; index++) {
    if (options.signal?.aborted) break;
    const outcome = await captureProcess(argv, {
      cwd: options.cwd,
      writable: options.writable ?? true,
      env,
      timeoutMs: options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS,
      stdoutCapBytes: STDOUT_CAP_BYTES,
      stderrTailBytes: STDERR_TAIL_BYTES,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const run: TestRun = {
      index,
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      timedOut: outcome.timedOut,
      durationMs: outcome.durationMs,
      tests: [],
      outputTail: tail(outcome.stderrTail),
    };
    try {
      const parsed = parseTestOutput(outcome.stdout, outcome.stderrTail, reporter, options.cwd);
      run.format = parsed.format;
      run.tests = parsed.tests;
      if (parsed.tests.length === 0) run.parseError = "the output was readable but named no tests.";
    } catch (error) {
      const why = errorMessage(error);
      const cause = outcome.timedOut
        ? `the run hit its time limit of ${Math.round((options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS) / 1000)} s; `
        : outcome.stdoutTruncated
          ? `stdout passed the ${STDOUT_CAP_BYTES / 1024 / 1024} MiB cap and was cut; `
          : "";
      run.parseError = `${cause}${why}`;
      run.outputTail = tail(`${outcome.stdout.slice(-OUTPUT_TAIL_CHARS)}\n${outcome.stderrTail}`.trim());
    }
    results.push(run);
    options.onRun?.(run);
  }
  return results;
}
