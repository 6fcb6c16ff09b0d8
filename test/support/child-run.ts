/**
 * A child process for crash tests: starts (or resumes) a run with a scripted model whose answers
 * take a while, and prints one line per event type of interest so the parent knows when to kill.
 * Usage: node test/support/child-run.ts <start|resume> <repo> <script-or-run-id> <latency-ms>
 */
import { readFileSync } from "node:fs";
import { resumeRun, startRun } from "../../src/engine/run.ts";
import { createScriptedRunner } from "./scripted-runner.ts";

const [mode, repo, target, latency] = process.argv.slice(2);
if (!mode || !repo || !target) throw new Error("usage: child-run.ts <start|resume> <repo> <script|run-id> <latency-ms>");
const runner = createScriptedRunner({ respond: ({ request }) => `done: ${request.prompt}`, latencyMs: Number(latency ?? 20) });
const sinks = [
  (e: { type: string; runId?: string; status?: string }) => {
    if (e.type === "run.started") process.stdout.write(`started ${e.runId}\n`);
    if (e.type === "agent.started") process.stdout.write(`call\n`);
  },
];
const common = { runner, resolveWorkflow: () => { throw new Error("no nested workflows here"); }, sinks, limits: { maxConcurrency: 8 } };
const outcome =
  mode === "start"
    ? await startRun({ ...common, repo, workflow: { name: "crash", source: readFileSync(target, "utf8"), filename: target } })
    : await resumeRun({ ...common, repo, runId: target });
process.stdout.write(`finished ${outcome.status} calls=${runner.calls.length}\n`);
