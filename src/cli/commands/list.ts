/** `quorum list` (rule K2): runs below the repository, newest first. */
import type { Command } from "commander";
import type { CliIo } from "../io.ts";
import { resolveRepoFlag } from "../repo-option.ts";

export function registerList(program: Command, io: CliIo): void {
  program
    .command("list")
    .description("list runs kept in .quorum/runs")
    .option("--repo <dir>", "the repository", ".")
    .action(async (flags: { repo: string }) => {
      // Loaded when the command runs, so `quorum --help` and the other commands start fast.
      const { listRunDirectories } = await import("../../engine/rundir.ts");
      const { runs, damaged } = listRunDirectories(resolveRepoFlag(io.cwd, flags.repo));
      for (const d of damaged) io.stderr.write(`quorum: warning: skipped a damaged run folder: ${d.reason}\n`);
      if (runs.length === 0) {
        io.stdout.write("No runs yet. Start one with `quorum run <workflow>`.\n");
        return;
      }
      for (const r of runs) io.stdout.write(`${r.record.id}  ${r.status.padEnd(11)}  ${r.record.workflow}  ${r.record.createdAt}\n`);
    });
}
