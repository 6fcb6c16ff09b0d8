/** Maps known errors to one clear line and an exit code (rule K3). Unknown errors keep their stack. */
import { InvalidArgsError } from "../engine/args.ts";
import { LimitConfigError } from "../engine/limits.ts";
import { UnknownRunError } from "../engine/rundir.ts";
import { ResumeRefusedError } from "../engine/run.ts";
import { ScriptValidationError } from "../engine/script/index.ts";
import { UnknownWorkflowError } from "../workflows/resolve.ts";
import { MissingProviderError } from "../agents/runner.ts";
import { UsageError } from "./usage-error.ts";

/** Exit code for usage and input mistakes (bad flags, unknown workflow, invalid args or script). */
export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;

export function describeCliError(error: unknown): { message: string; code: number } {
  const known = [ScriptValidationError, InvalidArgsError, UnknownWorkflowError, UnknownRunError, ResumeRefusedError, LimitConfigError, UsageError, MissingProviderError];
  if (known.some((K) => error instanceof K)) return { message: (error as Error).message, code: EXIT_USAGE };
  if (error instanceof Error) return { message: `${error.message}\n${error.stack ?? ""}`, code: EXIT_FAILURE };
  return { message: String(error), code: EXIT_FAILURE };
}
