/** What `quorum show <id>` does (rule K2): print a run's report, rebuilt from its events when it has none yet. */
import { readFileSync } from "node:fs";
import type { RunEvent } from "../../engine/events.ts";
import { applyEvent, initialProgress, type ProgressState } from "../../engine/progress.ts";
import { renderReport } from "../../engine/report.ts";
import { CorruptRunError, RunDirectory, shownStatus } from "../../engine/rundir.ts";
import type { CliIo } from "../io.ts";
import { resolveRepoFlag } from "../repo-option.ts";
import { resumeHint } from "./resume-hint.ts";
import { errorMessage } from "../../kernel/errors.ts";

export function showReport(io: CliIo, runId: string, flags: { repo: string }): void {
  const dir = RunDirectory.open(resolveRepoFlag(io.cwd, flags.repo), runId);
  const record = dir.readRecord();
  let report = dir.readText("report.md");
  if (report === null) {
    const { events, skipped } = readEvents(dir.eventsPath);
    if (skipped > 0) io.stderr.write(`quorum: warning: skipped ${skipped} malformed line(s) of ${dir.eventsPath}; the report below is rebuilt from the rest.\n`);
    const state = replay(events, dir.eventsPath);
    try {
      report = renderReport(state, Date.now());
    } catch (error) {
      throw new CorruptRunError(`the report of run ${record.id} cannot be rebuilt from ${dir.eventsPath} (${errorMessage(error)}); the events log is damaged.`);
    }
  }
  io.stdout.write(report);
  const status = shownStatus(dir, record);
  if (status === "interrupted") {
    io.stdout.write(`\nStatus: interrupted — the process running it is gone. Resume it with: ${resumeHint(io, flags.repo, record.id)}\n`);
  }
  io.stdout.write(`\nRun directory: ${dir.path}\n`);
}

const EVENT_TYPES = new Set(["run.started", "phase.started", "agent.queued", "agent.started", "agent.tool", "agent.finished", "log", "budget", "run.finished"]);

/** Events of a run; a torn last line (crash mid-write) and lines that are not events are skipped and counted. */
export function readEvents(path: string): { events: RunEvent[]; skipped: number } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { events: [], skipped: 0 };
  }
  const events: RunEvent[] = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as Partial<RunEvent> | null;
      if (value === null || typeof value !== "object" || typeof value.type !== "string" || !EVENT_TYPES.has(value.type) || typeof value.at !== "number") {
        skipped++;
        continue;
      }
      events.push(value as RunEvent);
    } catch {
      skipped++;
    }
  }
  return { events, skipped };
}

/** Replays events into a report state; an event the reducer cannot use is a damaged log, said in one line. */
function replay(events: RunEvent[], path: string): ProgressState {
  const state = initialProgress();
  for (const [index, event] of events.entries()) {
    try {
      applyEvent(state, event);
    } catch (error) {
      throw new CorruptRunError(`${path} has a malformed ${event.type} event (event ${index + 1}: ${errorMessage(error)}); the report cannot be rebuilt from it.`);
    }
  }
  return state;
}
