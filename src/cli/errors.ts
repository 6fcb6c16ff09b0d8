/**
 * Maps errors to one clear line and an exit code (rule K3). Known errors are mistakes in the call
 * or the input and say what to fix; anything else is still one line (no stack trace) with where
 * to look, unless QUORUM_DEBUG is set.
 */
import { InvalidArgsError } from "../engine/args.ts";
import { LimitConfigError } from "../engine/limits.ts";
import { RunLockedError } from "../engine/run-lock.ts";
import { CorruptRunError, UnknownRunError } from "../engine/rundir.ts";
import { ResumeRefusedError } from "../engine/run.ts";
import { ScriptValidationError } from "../engine/script/index.ts";
import { UnknownWorkflowError } from "../workflows/resolve.ts";
import { MissingProviderError } from "../agents/runner.ts";
import { UsageError } from "./usage-error.ts";

/** Exit code for usage and input mistakes (bad flags, unknown workflow, invalid args or script). */
export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;

const KNOWN = [ScriptValidationError, InvalidArgsError, UnknownWorkflowError, UnknownRunError, ResumeRefusedError, LimitConfigError, UsageError, MissingProviderError, CorruptRunError, RunLockedError];

export function describeCliError(error: unknown, env: NodeJS.ProcessEnv = {}): { message: string; code: number } {
  if (KNOWN.some((K) => error instanceof K)) return { message: (error as Error).message, code: EXIT_USAGE };
  const debug = env.QUORUM_DEBUG !== undefined && env.QUORUM_DEBUG !== "" && env.QUORUM_DEBUG !== "0";
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const path = (error as NodeJS.ErrnoException).path;
    const firstLine = error.message.split("\n", 1)[0] ?? "";
    const text = code && path ? `${code} on ${path}: ${firstLine}` : firstLine;
    if (debug) return { message: `${text}\n${error.stack ?? ""}`, code: EXIT_FAILURE };
    return { message: `${text} (an unexpected error; set QUORUM_DEBUG=1 for the stack trace and report it if it persists)`, code: EXIT_FAILURE };
  }
  return { message: String(error), code: EXIT_FAILURE };
}
