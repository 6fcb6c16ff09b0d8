/**
 * Runs one subprocess for the `run` tool inside the command sandbox (rule X7, ../sandbox/): stdout
 * and stderr merged in arrival order, cut to the output cap with the cut stated. The checkout is
 * writable only for agents in their own worktree.
 */
import { runSandboxed, SandboxUnavailableError } from "../sandbox/index.ts";
import { ToolError } from "./errors.ts";
import { CappedOutput } from "./output-cap.ts";

export interface ProcessOptions {
  cwd: string;
  /** True when the command may change files under `cwd` (an agent's own worktree). */
  writable: boolean;
  /** Variables on top of the sandbox's allowlisted environment. */
  env: Record<string, string>;
  timeoutMs: number;
  outputCapBytes: number;
  signal: AbortSignal;
}

export interface ProcessOutcome {
  /** Exit code, or null when ended by a signal. */
  exitCode: number | null;
  /** The signal that ended the process, if any. */
  exitSignal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Merged output, cut to the cap with the cut stated. */
  output: string;
  durationMs: number;
}

/** Runs `argv`; rejects only with a {@link ToolError} when the program cannot be started. */
export async function runProcess(argv: readonly string[], options: ProcessOptions): Promise<ProcessOutcome> {
  if (argv[0] === undefined) throw new ToolError("Refused command: it is empty.");
  const output = new CappedOutput(options.outputCapBytes);
  try {
    const exit = await runSandboxed({
      argv,
      cwd: options.cwd,
      ...(options.writable ? { writable: [options.cwd] } : { readOnly: [options.cwd] }),
      env: options.env,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      onStdout: (chunk) => output.push(chunk),
      onStderr: (chunk) => output.push(chunk),
      startError: (name, cause, notFound) =>
        new ToolError(notFound ? `Command not found: "${name}" is not installed or not on PATH.` : `Could not start "${name}": ${cause.message}.`),
    });
    return { ...exit, output: output.render() };
  } catch (error) {
    if (error instanceof SandboxUnavailableError) throw new ToolError(error.message);
    throw error;
  }
}
