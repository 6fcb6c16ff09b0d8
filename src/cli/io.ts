/** The streams and environment a CLI invocation uses; tests pass their own. */
import type { TerminalOutput } from "./terminal-view.ts";

export interface CliIo {
  stdout: TerminalOutput;
  stderr: TerminalOutput;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C / SIGTERM / SIGHUP: the run stops gracefully and keeps its journal. */
  signal?: AbortSignal;
}

/**
 * A process stream that never kills the run (rule K1): once its reader is gone, writes are
 * dropped quietly and the run goes on to finish its run directory (run.json, result, report).
 */
export function guardedOutput(stream: NodeJS.WriteStream): TerminalOutput {
  let gone = false;
  // EPIPE (`| head`, a killed `tee`), EIO (a closed terminal) or any other stream error: not worth
  // dying for, the run directory has everything.
  stream.on("error", () => {
    gone = true;
  });
  return {
    write: (s) => {
      if (gone || stream.destroyed) return;
      try {
        stream.write(s);
      } catch {
        gone = true;
      }
    },
    isTTY: stream.isTTY === true,
    columns: stream.columns ?? 100,
  };
}

export function processIo(): CliIo {
  const controller = new AbortController();
  const stdout = guardedOutput(process.stdout);
  const stderr = guardedOutput(process.stderr);
  let interrupts = 0;
  const onSignal = (name: NodeJS.Signals) => {
    interrupts++;
    if (interrupts > 1 && name === "SIGINT") process.exit(130);
    if (interrupts > 1) return;
    stderr.write(`\nquorum: ${name} received; stopping the run gracefully (the journal keeps finished agents). Press Ctrl-C again to quit at once.\n`);
    controller.abort(new Error("cancelled"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // A closed terminal: stop gracefully as on Ctrl-C instead of dying mid-write (rule K1).
  process.on("SIGHUP", onSignal);
  return { stdout, stderr, env: process.env, cwd: process.cwd(), signal: controller.signal };
}
