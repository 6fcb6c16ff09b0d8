/**
 * Maps errors to clear text and an exit code (rule K3). A {@link QuorumError} for the user (bad
 * input, missing setup, a refusal) prints its message as is: it already says what to fix. A
 * system error (a file that cannot be read or written) names the call and the path. Anything else
 * — a `bug` QuorumError or an error Quorum did not expect — is one line plus a request to report
 * it; the stack trace only with QUORUM_DEBUG set.
 */
import { errorMessage, isQuorumError } from "../kernel/errors.ts";

/** Exit code for usage and input mistakes (bad flags, unknown workflow, invalid args or script). */
export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;

/** Codes of mistakes in the call or its input: they exit with {@link EXIT_USAGE}; other user errors with 1. */
const USAGE_CODES: ReadonlySet<string> = new Set([
  "usage",
  "invalid_script",
  "invalid_args",
  "invalid_limit",
  "unknown_workflow",
  "unknown_run",
  "corrupt_run",
  "resume_refused",
  "run_locked",
  "missing_provider",
]);

/** What to do about an error that is Quorum's fault. */
export const BUG_HINT = "this is a bug in Quorum: please report it with the command you ran, this message and the output of `quorum --version`";

export function describeCliError(error: unknown, env: NodeJS.ProcessEnv = {}): { message: string; code: number } {
  if (isQuorumError(error) && error.audience === "user") {
    return { message: error.message, code: USAGE_CODES.has(error.code) ? EXIT_USAGE : EXIT_FAILURE };
  }
  const debug = env.QUORUM_DEBUG !== undefined && env.QUORUM_DEBUG !== "" && env.QUORUM_DEBUG !== "0";
  const firstLine = errorMessage(error).split("\n", 1)[0] ?? "";
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : "";
  const system = systemErrorOf(error);
  if (system !== null) {
    const hint = debug ? "" : " (check the path and its permissions; set QUORUM_DEBUG=1 for the stack trace)";
    return { message: `${system.code} on ${system.path}: ${firstLine}${hint}${stack}`, code: EXIT_FAILURE };
  }
  const hint = debug ? BUG_HINT : `${BUG_HINT} (set QUORUM_DEBUG=1 to add the stack trace)`;
  return { message: `${firstLine}\n${hint}.${stack}`, code: EXIT_FAILURE };
}

/** Node's error for a failed file-system call (`ENOENT`, `EACCES`, …) on a path, else null. */
function systemErrorOf(error: unknown): { code: string; path: string } | null {
  if (!(error instanceof Error) || isQuorumError(error)) return null;
  const { code, path } = error as NodeJS.ErrnoException;
  return typeof code === "string" && typeof path === "string" && code !== "" && path !== "" ? { code, path } : null;
}
