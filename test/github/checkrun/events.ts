/** Run events for reporter tests, with explicit times. */
import { ZERO_USAGE } from "../../../src/kernel/usage.ts";
import type { RunEvent } from "../../../src/engine/events.ts";

export function started(at: number, phases: string[] = ["Map", "Find"]): RunEvent {
  return { type: "run.started", at, runId: "gh-1-audit-auth", workflow: "audit-auth", args: undefined, resumed: false, commit: "abc", phases: phases.map((title) => ({ title })) };
}

export function phase(at: number, title: string): RunEvent {
  return { type: "phase.started", at, title };
}

export function agent(at: number, id: string, phaseTitle: string, status: "ok" | "failed" = "ok", message?: string): RunEvent[] {
  return [
    { type: "agent.queued", at, agentId: id, label: `agent ${id}`, phase: phaseTitle },
    { type: "agent.started", at, agentId: id, model: "claude-sonnet-4-5" },
    {
      type: "agent.finished",
      at,
      agentId: id,
      label: `agent ${id}`,
      phase: phaseTitle,
      status,
      ...(status === "failed" ? { reason: "api_error" as const, message: message ?? "overloaded" } : {}),
      usage: { ...ZERO_USAGE, inputTokens: 1000, outputTokens: 200 },
      costUsd: 0.01,
      durationMs: 1000,
    },
  ];
}

export function log(at: number, message: string): RunEvent {
  return { type: "log", at, level: "info", message, phase: null };
}

export function finished(at: number, status: "succeeded" | "failed" | "cancelled" | "timed_out", result?: unknown, agents = 1, ok = 1): RunEvent {
  return {
    type: "run.finished",
    at,
    status,
    ...(result !== undefined ? { result: result as never } : {}),
    totals: { agents, succeeded: ok, failed: agents - ok, cached: 0, usage: { ...ZERO_USAGE }, costUsd: 0.01, elapsedMs: 0 },
  };
}
