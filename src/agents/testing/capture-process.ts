/**
 * Runs one program without a shell and captures stdout and stderr separately (a JSON report on
 * stdout must not be interleaved with log lines on stderr). The child gets its own process group,
 * so a time limit or cancellation also ends what it started (`npm test` → node → workers).
 *
 * Edge cases: stdout beyond `stdoutCapBytes` is dropped and `stdoutTruncated` is set (a cut JSON
 * report cannot be parsed, and the run says so); only the last `stderrTailBytes` of stderr are
 * kept. A program that cannot be started rejects with {@link CommandStartError}.
 */
import { spawn } from "node:child_process";

const KILL_GRACE_MS = 2000;

export interface CaptureOptions {
  cwd: string;
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

export class CommandStartError extends Error {
  override name = "CommandStartError";
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    if (process.platform === "win32") process.kill(pid, signal);
    else process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export function captureProcess(argv: readonly string[], options: CaptureOptions): Promise<CapturedProcess> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.reject(new CommandStartError("the test command is empty; give one such as `npm test`."));
  if (options.signal?.aborted) return Promise.reject(new CommandStartError("the run was stopped before the test command started."));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: process.platform !== "win32",
      windowsHide: true,
      shell: false,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stdoutTruncated = false;
    let stderr = Buffer.alloc(0);
    let timedOut = false;
    let cancelled = false;
    let grace: NodeJS.Timeout | undefined;
    let exit: { code: number | null; signal: string | null } | undefined;

    const stop = () => {
      killGroup(child.pid, "SIGTERM");
      grace = setTimeout(() => killGroup(child.pid, "SIGKILL"), KILL_GRACE_MS);
      grace.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      if (grace) clearTimeout(grace);
      options.signal?.removeEventListener("abort", onAbort);
    };

    child.stdout.on("data", (chunk: Buffer) => {
      if (stdoutBytes + chunk.length > options.stdoutCapBytes) {
        stdoutTruncated = true;
        const room = options.stdoutCapBytes - stdoutBytes;
        if (room > 0) stdout.push(chunk.subarray(0, room));
        stdoutBytes = options.stdoutCapBytes;
        return;
      }
      stdout.push(chunk);
      stdoutBytes += chunk.length;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > options.stderrTailBytes) stderr = stderr.subarray(stderr.length - options.stderrTailBytes);
    });
    child.on("error", (error: Error & { code?: string }) => {
      cleanup();
      reject(
        new CommandStartError(
          error.code === "ENOENT"
            ? `"${file}" is not installed or not on PATH; check the test command.`
            : `could not start "${file}": ${error.message}.`,
        ),
      );
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      killGroup(child.pid, "SIGKILL"); // leftovers would hold the pipes open
    });
    child.on("close", (code, signal) => {
      cleanup();
      resolve({
        exitCode: exit?.code ?? code,
        signal: exit?.signal ?? signal,
        timedOut,
        cancelled,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stdoutTruncated,
        stderrTail: stderr.toString("utf8"),
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}
