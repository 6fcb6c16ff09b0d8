/** The streams and environment a CLI invocation uses; tests pass their own. */
import type { TerminalOutput } from "./terminal-view.ts";

export interface CliIo {
  stdout: TerminalOutput;
  stderr: TerminalOutput;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C / SIGTERM: the run stops gracefully and keeps its journal. */
  signal?: AbortSignal;
}

export function processIo(): CliIo {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (name: NodeJS.Signals) => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write(`\nquorum: ${name} received; stopping the run gracefully (the journal keeps finished agents). Press Ctrl-C again to quit at once.\n`);
    controller.abort(new Error("cancelled"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    stdout: { write: (s) => void process.stdout.write(s), isTTY: process.stdout.isTTY === true, columns: process.stdout.columns ?? 100 },
    stderr: { write: (s) => void process.stderr.write(s), isTTY: process.stderr.isTTY === true, columns: process.stderr.columns ?? 100 },
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}
