/**
 * The check run's conclusion (rule P2): honest about what happened.
 *
 * | what happened | conclusion |
 * |---|---|
 * | waiting for `/workflow approve` | `action_required` |
 * | the script threw, or the run hit its wall-time limit | `failure` |
 * | agents failed to run for infrastructure reasons (rule R1) | `failure`, "incomplete: N of M agents failed to run (reasons)" |
 * | cancelled (Ctrl-C, a cancelled job, SIGTERM) | `cancelled` |
 * | ran and returned findings (valid or not) | `neutral` |
 * | ran, nothing to report | `success` |
 * | nothing ran: no agent and no result | `neutral` ("Nothing ran") |
 * | every agent resolved to null | `neutral` ("No agent succeeded") |
 *
 * Never green when nothing ran: a script that returned nothing without starting one agent, or
 * whose every agent failed, has not checked anything, so it must not look like a clean bill of
 * health. `neutral` rather than `failure`, because the workflow itself did not break.
 * Invalid findings (the workflow returned something the Finding contract refuses) count as
 * something to report.
 */
import { describeInfrastructureFailures, infrastructureFailures, type InfrastructureFailures } from "../../engine/outcome.ts";
import type { ProgressState } from "../../engine/progress.ts";

export type CheckConclusion = "success" | "neutral" | "failure" | "cancelled" | "action_required";

export interface ConclusionInput {
  status: ProgressState["status"];
  agents: number;
  /** Agents that answered (live or from the journal). */
  answered: number;
  hasResult: boolean;
  findings: number;
  invalidFindings: number;
  waitingForApproval?: boolean;
  /** Agents that failed to run for infrastructure reasons (rule R1). */
  infrastructure?: InfrastructureFailures;
}

export interface Verdict {
  conclusion: CheckConclusion;
  /** A short headline for the check run title and replies. */
  headline: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function decideConclusion(input: ConclusionInput): Verdict {
  if (input.waitingForApproval) return { conclusion: "action_required", headline: "Waiting for approval" };
  switch (input.status) {
    case "failed":
      return { conclusion: "failure", headline: "Workflow failed" };
    case "timed_out":
      return { conclusion: "failure", headline: "Run timed out (partial result kept)" };
    case "cancelled":
      return { conclusion: "cancelled", headline: "Cancelled" };
    case "incomplete": {
      const found = input.findings > 0 || input.invalidFindings > 0 ? `; ${findingsHeadline(input)}` : "";
      const what = input.infrastructure && input.infrastructure.failed > 0 ? describeInfrastructureFailures(input.infrastructure) : "agents failed to run";
      return { conclusion: "failure", headline: `incomplete: ${what}${found}` };
    }
    case "pending":
    case "running":
      // Finishing a run that never reported its end: the engine was interrupted.
      return { conclusion: "failure", headline: "Run ended without a result" };
    case "succeeded":
      break;
  }
  if (input.findings > 0 || input.invalidFindings > 0) return { conclusion: "neutral", headline: findingsHeadline(input) };
  if (input.agents === 0 && !input.hasResult) return { conclusion: "neutral", headline: "Nothing ran" };
  if (input.agents > 0 && input.answered === 0) return { conclusion: "neutral", headline: `No agent succeeded (${plural(input.agents, "agent")} resolved to null)` };
  return { conclusion: "success", headline: "No findings" };
}

function findingsHeadline(input: ConclusionInput): string {
  const parts = [input.findings > 0 ? plural(input.findings, "finding") : "", input.invalidFindings > 0 ? `${input.invalidFindings} invalid` : ""];
  return parts.filter(Boolean).join(", ");
}

/** The conclusion inputs a progress state gives (findings are counted by the caller). */
export function conclusionInputOf(state: ProgressState, findings: number, invalidFindings: number, waitingForApproval = false): ConclusionInput {
  return {
    status: state.status,
    agents: state.totals.agents,
    answered: state.totals.succeeded + state.totals.cached,
    hasResult: state.result !== undefined && state.result !== null,
    findings,
    invalidFindings,
    waitingForApproval,
    infrastructure: infrastructureFailures(state),
  };
}
