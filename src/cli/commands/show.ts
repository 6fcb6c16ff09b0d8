/** `quorum show <id>` (rule K2): a run's report, rebuilt from its events when it has none yet. */
import type { Command } from "commander";
import type { CliIo } from "../io.ts";

export function registerShow(program: Command, io: CliIo): void {
  program
    .command("show")
    .description("show a run's report: phases, agents that returned null, findings")
    .argument("<run-id>", "the run's id (see `quorum list`)")
    .option("--repo <dir>", "the repository", ".")
    // Loaded when the command runs, so `quorum --help` and the other commands start fast.
    .action(async (runId: string, flags: { repo: string }) => (await import("./show-report.ts")).showReport(io, runId, flags));
}
