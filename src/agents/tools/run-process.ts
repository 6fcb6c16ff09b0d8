/**
 * Runs one subprocess for the `run` tool (see ./supervised-process.ts for the process group, time
 * limit and cleanup): stdout and stderr merged in arrival order, cut to the output cap with the cut
 * stated.
 */
import { ToolError } from "./errors.ts";
import { CappedOutput } from "./output-cap.ts";
import { runSupervised } from "./supervised-process.ts";

export interface ProcessOptions {
  cwd: string;
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
  const [file, ...args] = argv;
  if (file === undefined) throw new ToolError("Refused command: it is empty.");
  const output = new CappedOutput(options.outputCapBytes);
  const exit = await runSupervised(file, args, {
    cwd: options.cwd,
    env: options.env,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    onStdout: (chunk) => output.push(chunk),
    onStderr: (chunk) => output.push(chunk),
    startError: (name, cause, notFound) =>
      new ToolError(notFound ? `Command not found: "${name}" is not installed or not on PATH.` : `Could not start "${name}": ${cause.message}.`),
  });
  return { ...exit, output: output.render() };
}
