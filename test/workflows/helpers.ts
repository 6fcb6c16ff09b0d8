/** Shared helpers for the built-in workflow and pattern tests. */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import type { AgentRequest, AgentRunner } from "../../src/agents/contract.ts";
import type { JsonValue } from "../../src/kernel/json.ts";
import type { RunEvent } from "../../src/engine/events.ts";
import type { RunLimits } from "../../src/engine/limits.ts";
import { startRun, type RunOutcome } from "../../src/engine/run.ts";
import { resolveWorkflowFile } from "../../src/workflows/resolve.ts";

export const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../examples");

/** Temp folders removed after the test file. */
export function useTemp(): { dir(prefix?: string): string; repoFrom(source: string): string } {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  const dir = (prefix = "quorum-wf-") => {
    const d = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
    made.push(d);
    return d;
  };
  const repoFrom = (source: string) => {
    const d = dir();
    cpSync(source, d, { recursive: true });
    const git = (...args: string[]) => execFileSync("git", args, { cwd: d, stdio: "pipe" });
    git("init", "-q");
    git("config", "user.email", "test@quorum.invalid");
    git("config", "user.name", "Quorum Test");
    git("config", "commit.gpgsign", "false");
    git("add", "-A");
    git("commit", "-qm", "fixture");
    return d;
  };
  return { dir, repoFrom };
}

export interface BuiltinRun extends RunOutcome {
  events: RunEvent[];
  logs: string[];
}

/** Runs a built-in (or repository) workflow by name through the real engine. */
export async function runWorkflow(
  name: string,
  options: { repo: string; runner: AgentRunner; args?: JsonValue; limits?: Partial<RunLimits> },
): Promise<BuiltinRun> {
  const events: RunEvent[] = [];
  const outcome = await startRun({
    workflow: resolveWorkflowFile(name, options.repo, options.repo),
    ...(options.args !== undefined ? { args: options.args } : {}),
    repo: options.repo,
    runner: options.runner,
    ...(options.limits ? { limits: options.limits } : {}),
    resolveWorkflow: (n) => resolveWorkflowFile(n, options.repo, options.repo),
    sinks: [(e) => events.push(e)],
  });
  return { ...outcome, events, logs: events.flatMap((e) => (e.type === "log" ? [e.message] : [])) };
}

/** Labels of the agents a runner was asked for, in call order. */
export const labels = (calls: AgentRequest[]) => calls.map((c) => c.label);
