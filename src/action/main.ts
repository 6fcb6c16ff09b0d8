/** The GitHub Action's entry (`dist/action.js`, `runs.using: node24`). */
import * as core from "@actions/core";
import { runAction } from "./run-action.ts";

try {
  process.exitCode = await runAction();
  // Clients keep sockets and timers alive; everything that matters (outputs, summary, saves) is
  // awaited by now, and stdout/stderr are synchronous for files and pipes on Linux.
  process.exit(process.exitCode);
} catch (error) {
  core.setFailed(`Quorum crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}
