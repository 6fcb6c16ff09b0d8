/**
 * The run event stream: one typed union that every view (terminal, check run, report) and the
 * events log consume. Views reduce events into state; they never reach into the engine.
 */
import type { FailureReason } from "../agents/contract.ts";
import type { JsonValue } from "../kernel/json.ts";
import type { Usage } from "../kernel/usage.ts";

/** Totals of a run, as reported in `run.finished` and the summary. */
export interface RunTotals {
  agents: number;
  succeeded: number;
  failed: number;
  /** Answered from the journal without a model call. */
  cached: number;
  usage: Usage;
  costUsd: number;
  elapsedMs: number;
}

/**
 * `incomplete`: the script finished, but agents failed to run for infrastructure reasons (rule R1);
 * the result stands, yet it is not a clean bill of health.
 */
export type RunStatus = "succeeded" | "incomplete" | "failed" | "cancelled" | "timed_out";

interface Base {
  /** Milliseconds since the epoch, host clock. */
  at: number;
}

export type RunEvent =
  | (Base & {
      type: "run.started";
      runId: string;
      workflow: string;
      args: JsonValue | undefined;
      resumed: boolean;
      commit: string | null;
      phases: { title: string; detail?: string }[];
    })
  | (Base & { type: "phase.started"; title: string })
  | (Base & { type: "agent.queued"; agentId: string; label: string; phase: string | null })
  | (Base & { type: "agent.started"; agentId: string; model: string | undefined })
  | (Base & { type: "agent.tool"; agentId: string; tool: string; detail: string })
  | (Base & {
      type: "agent.finished";
      agentId: string;
      label: string;
      phase: string | null;
      /** `cached` = answered from the journal (no model call). */
      status: "ok" | "failed" | "cached";
      reason?: FailureReason;
      message?: string;
      usage: Usage;
      costUsd: number;
      durationMs: number;
      model?: string;
    })
  | (Base & { type: "log"; level: "info" | "warn"; message: string; phase: string | null })
  | (Base & {
      type: "budget";
      spentTokens: number;
      totalTokens: number | null;
      costUsd: number;
      maxCostUsd: number | null;
      /** Set when a cap was reached: new agent() calls now throw. */
      exceeded?: "tokens" | "cost";
    })
  | (Base & {
      type: "run.finished";
      status: RunStatus;
      result?: JsonValue;
      error?: string;
      totals: RunTotals;
    });

export type RunEventType = RunEvent["type"];

/** A consumer of events. Must not throw; a failing view never fails the run. */
export type EventSink = (event: RunEvent) => void;
