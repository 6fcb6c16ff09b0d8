/**
 * Runs one test command inside the command sandbox (rule X7, ../sandbox/; see
 * ../tools/supervised-process.ts for the time limit and cleanup: a time limit or cancellation also ends what it started, `npm test` → node → workers) and
 * captures stdout and stderr separately: a JSON report on stdout must not be interleaved with log
 * lines on stderr.
 *
 * Edge cases: stdout beyond `stdoutCapBytes` is dropped and `stdoutTruncated` is set (a cut JSON
 * report cannot be parsed, and the run says so); only the last `stderrTailBytes` of stderr are
 * kept. A program that cannot be started rejects with {@link CommandStartError}.
 */
import { runSandboxed, SandboxUnavailableError } from "../agents/commands.ts";
import { QuorumError } from "../kernel/errors.ts";

export interface CaptureOptions {
  cwd: string;
  /** True when the tests may change files under `cwd` (except `.git`); else read-only. */
  writable: boolean;
  /** Variables on top of the sandbox's allowlisted environment (rule X7). */
  env: Record<string, string>;
  timeoutMs: number;
  stdoutCapBytes: number;
  stderrTailBytes: number;
  signal?: AbortSignal;
}

export interface CapturedProcess {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  stdout: string;
  stdoutTruncated: boolean;
  stderrTail: string;
  durationMs: number;
}

export class CommandStartError extends QuorumError {
  override name = "CommandStartError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("test_command_not_started", message, options);
  }
}

export async function captureProcess(argv: readonly string[], options: CaptureOptions): Promise<CapturedProcess> {
  const [file, ...args] = argv;
  if (file === undefined) throw new CommandStartError("the test command is empty; give one such as `npm test`.");
  if (options.signal?.aborted) throw new CommandStartError("the run was stopped before the test command started.");
  const stdout: Buffer[] = [];
  let stdoutBytes = 0;
  let stdoutTruncated = false;
  let stderr = Buffer.alloc(0);
  const { exitSignal, ...exit } = await runSandboxed({
    argv: [file, ...args],
    cwd: options.cwd,
    ...(options.writable ? { writable: [options.cwd] } : { readOnly: [options.cwd] }),
    env: options.env,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    onStdout: (chunk) => {
      if (stdoutBytes + chunk.length > options.stdoutCapBytes) {
        stdoutTruncated = true;
        const room = options.stdoutCapBytes - stdoutBytes;
        if (room > 0) stdout.push(chunk.subarray(0, room));
        stdoutBytes = options.stdoutCapBytes;
        return;
      }
      stdout.push(chunk);
      stdoutBytes += chunk.length;
    },
    onStderr: (chunk) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > options.stderrTailBytes) stderr = stderr.subarray(stderr.length - options.stderrTailBytes);
    },
    startError: (name, cause, notFound) =>
      new CommandStartError(notFound ? `"${name}" is not installed or not on PATH; check the test command.` : `could not start "${name}": ${cause.message}.`),
  }).catch((error: unknown) => {
    if (error instanceof SandboxUnavailableError) throw new CommandStartError(error.message);
    throw error;
  });
  return {
    ...exit,
    signal: exitSignal,
    stdout: Buffer.concat(stdout).toString("utf8"),
    stdoutTruncated,
    stderrTail: stderr.toString("utf8"),
  };
}
