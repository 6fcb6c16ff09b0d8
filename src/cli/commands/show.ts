/** `quorum show <id>` (rule K2): a run's report, rebuilt from its events when it has none yet. */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { RunEvent } from "../../engine/events.ts";
import { replayEvents } from "../../engine/progress.ts";
import { renderReport } from "../../engine/report.ts";
import { RunDirectory } from "../../engine/rundir.ts";
import type { CliIo } from "../io.ts";
import { resolveRepoFlag } from "../repo-option.ts";

export function registerShow(program: Command, io: CliIo): void {
  program
    .command("show")
    .description("show a run's report: phases, agents that returned null, findings")
    .argument("<run-id>", "the run's id (see `quorum list`)")
    .option("--repo <dir>", "the repository", ".")
    .action((runId: string, flags: { repo: string }) => {
      const dir = RunDirectory.open(resolveRepoFlag(io.cwd, flags.repo), runId);
      const report = dir.readText("report.md") ?? renderReport(replayEvents(readEvents(dir.eventsPath)), Date.now());
      io.stdout.write(report);
      io.stdout.write(`\nRun directory: ${dir.path}\n`);
    });
}

/** Events of a run; a torn last line (crash mid-write) is skipped. */
export function readEvents(path: string): RunEvent[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  const events: RunEvent[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      events.push(JSON.parse(line) as RunEvent);
    } catch {
      // torn line
    }
  }
  return events;
}
