/**
 * Starts one subprocess without a shell, in its own process group, with a time limit and an output
 * cap, and always leaves nothing behind: when the time is up, the agent is cancelled, or the
 * command exits while children it started still run, the whole group is killed.
 *
 * stdout and stderr are merged in arrival order; stdin is closed (a command waiting for input ends
 * at the time limit). On Windows there are no process groups and only the direct child is killed.
 */
import { spawn } from "node:child_process";
import { ToolError } from "./errors.ts";
import { CappedOutput } from "./output-cap.ts";

/** Time between the polite SIGTERM and the SIGKILL when the time limit is reached. */
const KILL_GRACE_MS = 2000;

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

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    if (process.platform === "win32") process.kill(pid, signal);
    else process.kill(-pid, signal);
  } catch {
    // Already gone (ESRCH): nothing to kill.
  }
}

/** Runs `argv`; rejects only with a {@link ToolError} when the program cannot be started. */
export function runProcess(argv: readonly string[], options: ProcessOptions): Promise<ProcessOutcome> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.reject(new ToolError("Refused command: it is empty."));
  const started = performance.now();
  const output = new CappedOutput(options.outputCapBytes);
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
    options.signal.addEventListener("abort", onAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      options.signal.removeEventListener("abort", onAbort);
    };

    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("error", (error: Error & { code?: string }) => {
      cleanup();
      if (error.code === "ENOENT") {
        reject(new ToolError(`Command not found: "${file}" is not installed or not on PATH.`));
      } else {
        reject(new ToolError(`Could not start "${file}": ${error.message}.`));
      }
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
        output: output.render(),
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}
