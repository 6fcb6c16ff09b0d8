/**
 * Honest outcomes (rule R1): a run whose script finished but some of whose agents failed to run
 * for infrastructure reasons (provider errors after retries, wall time, a crashed runner) ends
 * `incomplete`, never `succeeded` — its result may look clean only because nobody looked.
 *
 * "Refuted" (an agent answered and said no) and "failed to run" (the agent returned null for an
 * infrastructure reason) are counted apart, with the reasons, so no view can confuse them.
 */
import { INFRASTRUCTURE_FAILURES, type FailureReason } from "../agents/contract.ts";
import { failedAgents, type AgentState, type ProgressState } from "./progress.ts";

export interface InfrastructureFailures {
  /** Agents that failed to run for infrastructure reasons. */
  failed: number;
  /** Agents of the run (live, failed and from the journal). */
  of: number;
  /** Count per reason, most frequent first. */
  reasons: { reason: FailureReason; count: number }[];
}

/** The agents of a run that failed to run for infrastructure reasons; `failed` is 0 when none did. */
export function infrastructureFailures(state: ProgressState): InfrastructureFailures {
  const counts = new Map<FailureReason, number>();
  for (const agent of state.agents.values()) {
    if (agent.status !== "failed" || agent.reason === undefined || !INFRASTRUCTURE_FAILURES.includes(agent.reason)) continue;
    counts.set(agent.reason, (counts.get(agent.reason) ?? 0) + 1);
  }
  const reasons = [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  return { failed: reasons.reduce((n, r) => n + r.count, 0), of: state.agents.size, reasons };
}

/** E.g. `3 of 12 agents failed to run (api_error ×2, time_limit ×1)`. */
export function describeInfrastructureFailures(f: InfrastructureFailures): string {
  const why = f.reasons.map((r) => `${r.reason} ×${r.count}`).join(", ");
  return `${f.failed} of ${f.of} agent${f.of === 1 ? "" : "s"} failed to run${why ? ` (${why})` : ""}`;
}

/** The message of an incomplete run: what failed, and what to do. */
export function incompleteMessage(f: InfrastructureFailures): string {
  return (
    `incomplete: ${describeInfrastructureFailures(f)}. Their part of the work was not done, so the result is not a clean bill of health. ` +
    "See the agents' reasons in the report; fix the cause (API key, network, limits) and resume the run: finished agents are answered from its journal."
  );
}

/** Agents that resolved to null, split: failed to run (infrastructure) and the rest (turn limit, refusal …). */
export function nullAgents(state: ProgressState): { failedToRun: AgentState[]; other: AgentState[] } {
  const failed = failedAgents(state);
  const infra = (a: AgentState) => a.reason !== undefined && INFRASTRUCTURE_FAILURES.includes(a.reason);
  return { failedToRun: failed.filter(infra), other: failed.filter((a) => !infra(a)) };
}

/** The heading line that explains what "failed to run" means, for reports. */
export const FAILED_TO_RUN_NOTE =
  "These agents returned null because the infrastructure failed them (provider errors after retries, wall time, a crashed runner): they neither refuted anything nor found nothing. Their work is missing from the result.";
