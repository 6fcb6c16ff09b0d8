/**
 * The host side of `runTests({ command, runs, reporter, timeoutMs, patch })` (rule B2): runs the
 * repository's test command N times with no model involved and returns per-test outcomes and the
 * flaky tests. What a call means — which commands are allowed, how runs are read — is the testing
 * room's (`src/testing/`); this file adds what belongs to a run:
 *
 * - Journaled like agents (key prefix `cmd:`, see ../journaled.ts): a resumed run replays the same
 *   detection. Calls where no run could be read are not journaled (failed calls are never cached,
 *   rule J2).
 * - Test runs of one run are serialised: concurrent suites would perturb each other's timing and
 *   manufacture the flakiness they are looking for.
 * - What happened goes to the run's log.
 */
import type { JsonValue } from "../../kernel/json.ts";
import { ZERO_USAGE } from "../../kernel/usage.ts";
import {
  allowedTestCommands,
  assertAllowedCommand,
  describeTestRuns,
  parseRunTestsSpec,
  reportTestRuns,
  runTestSpec,
  RunTestsError,
  type RunTestsSpec,
} from "../../testing/index.ts";
import type { RunContext, ScriptScope } from "../context.ts";
import { journaled } from "../journaled.ts";
import { jsonHash } from "../keys.ts";

const queues = new WeakMap<RunContext, Promise<unknown>>();

/** Runs `job` after every earlier test run of the same run has finished. */
function serialised<T>(ctx: RunContext, job: () => Promise<T>): Promise<T> {
  const previous = queues.get(ctx) ?? Promise.resolve();
  const next = previous.then(job, job);
  queues.set(ctx, next.catch(() => undefined));
  return next;
}

/** The journal hash of a call: everything that decides its result. */
function specHash(spec: RunTestsSpec): string {
  return jsonHash({ v: 1, kind: "runTests", command: spec.command, runs: spec.runs, reporter: spec.reporter, timeoutMs: spec.timeoutMs, patch: spec.patch ?? null });
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
  const spec = parseRunTestsSpec(rawSpec, allowed, ctx.limits.runTimeoutMs);
  assertAllowedCommand(spec.command, allowed);
  if (ctx.stopReason !== null) throw new RunTestsError(`runTests() was not started: ${ctx.stopReason}`);

  const phase = scope.currentPhase;
  const what = describeTestRuns(spec);
  return journaled(ctx, "runTests", specHash(spec), {
    replay: (cached) => {
      ctx.emit({ type: "log", level: "info", phase, message: `runTests: ${what} answered from the journal (no tests re-run).` });
      return cached.result;
    },
    run: async (record) => {
      const startedAt = Date.now();
      const runs = await serialised(ctx, () => {
        ctx.emit({ type: "log", level: "info", phase, message: `runTests: running ${what} (reporter ${spec.reporter}).` });
        return runTestSpec(spec, ctx.repo, ctx.signal);
      });
      const durationMs = Date.now() - startedAt;
      const report = reportTestRuns(spec, runs);
      for (const note of report.notes) ctx.emit({ type: "log", level: note.level, phase, message: note.message });
      if (report.complete) {
        record({ label: `runTests: ${spec.command}`, phase, result: report.result, usage: { ...ZERO_USAGE }, costUsd: 0, model: "none", startedAt, durationMs });
      }
      return report.result;
    },
  });
}

