/**
 * Starts one program without a shell, in its own process group, with a time limit, and always
 * leaves nothing behind: when the time is up, the caller cancels, or the program exits while
 * children it started still run, the whole group is killed (SIGTERM, then SIGKILL after a grace
 * period). stdin is closed (a program waiting for input ends at the time limit). What the program
 * writes is handed to the caller's sinks, which decide what to keep (rule L5). On Windows there
 * are no process groups and only the direct child is killed.
 *
 * Used by the `run` tool (./run-process.ts) and by model-free test runs
 * (../testing/capture-process.ts).
 */
import { spawn } from "node:child_process";

/** Time between the polite SIGTERM and the SIGKILL when the time limit is reached. */
const KILL_GRACE_MS = 2000;

export interface SupervisedOptions {
  cwd: string;
  /** The complete environment of the program (already scrubbed by the caller). */
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  onStdout: (chunk: Buffer) => void;
  onStderr: (chunk: Buffer) => void;
  /** The error to reject with when `file` cannot be started (`notFound`: not installed or not on PATH). */
  startError: (file: string, cause: Error, notFound: boolean) => Error;
}

export interface SupervisedExit {
  /** Exit code, or null when ended by a signal. */
  exitCode: number | null;
  /** The signal that ended the process, if any. */
  exitSignal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    if (process.platform === "win32") process.kill(pid, signal);
    else process.kill(-pid, signal);
  } catch {
    // Already gone (ESRCH): nothing to kill.
  }
}

/** Runs `file` with `args`; rejects only with `options.startError(…)` when it cannot be started. */
export function runSupervised(file: string, args: readonly string[], options: SupervisedOptions): Promise<SupervisedExit> {
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
    let timedOut = false;
    let cancelled = false;
    let exit: { code: number | null; signal: string | null } | undefined;
    let graceTimer: NodeJS.Timeout | undefined;

    const stop = (): void => {
      killGroup(child.pid, "SIGTERM");
      graceTimer = setTimeout(() => killGroup(child.pid, "SIGKILL"), KILL_GRACE_MS);
      graceTimer.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    // Cancelled while the sandbox was being prepared: the listener above will never fire.
    if (options.signal?.aborted) onAbort();
    const cleanup = (): void => {
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      options.signal?.removeEventListener("abort", onAbort);
    };

    child.stdout.on("data", options.onStdout);
    child.stderr.on("data", options.onStderr);
    child.on("error", (error: Error & { code?: string }) => {
      cleanup();
      reject(options.startError(file, error, error.code === "ENOENT"));
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      // Children left running in the group would hold the pipes open; end them.
      killGroup(child.pid, "SIGKILL");
    });
    child.on("close", (code, signal) => {
      cleanup();
      resolve({
        exitCode: exit?.code ?? code,
        exitSignal: exit?.signal ?? signal,
        timedOut,
        cancelled,
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}
