/** Runs a workflow script through the real engine in a temp repository, collecting its events. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AgentRunner } from "../../src/agents/contract.ts";
import type { JsonValue } from "../../src/kernel/json.ts";
import type { RunEvent } from "../../src/engine/events.ts";
import type { RunLimits } from "../../src/engine/limits.ts";
import { startRun, type RunOutcome } from "../../src/engine/run.ts";
import { resolveWorkflowFile } from "../../src/workflows/resolve.ts";

export interface ScriptRun extends RunOutcome {
  events: RunEvent[];
  repo: string;
  logs: string[];
}

export function tempDir(prefix = "quorum-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function runScript(
  source: string,
  options: { runner?: AgentRunner | null; args?: JsonValue; limits?: Partial<RunLimits>; repo?: string; name?: string; signal?: AbortSignal; defaultModel?: string; files?: Record<string, string> } = {},
): Promise<ScriptRun> {
  const repo = options.repo ?? tempDir();
  for (const [path, text] of Object.entries(options.files ?? {})) writeFileSync(join(repo, path), text);
  const events: RunEvent[] = [];
  const name = options.name ?? "test-workflow";
  const outcome = await startRun({
    workflow: { name, source, filename: join(repo, `${name}.js`) },
    ...(options.args !== undefined ? { args: options.args } : {}),
    repo,
    runner: options.runner ?? null,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.defaultModel ? { defaultModel: options.defaultModel } : {}),
    resolveWorkflow: (n) => resolveWorkflowFile(n, repo, repo),
    sinks: [(e) => events.push(e)],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const logs = events.flatMap((e) => (e.type === "log" ? [e.message] : []));
  return { ...outcome, events, repo, logs };
}

/** Events of one type, typed. */
export function eventsOf<T extends RunEvent["type"]>(events: RunEvent[], type: T): Extract<RunEvent, { type: T }>[] {
  return events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);
}
