/** The action's outputs (rule P7): `run-id`, `findings`, `cost-usd`, and the report as job summary. */
import { errorMessage } from "../kernel/errors.ts";
import * as core from "@actions/core";
import { redactCanonical } from "../github/redact.ts";
import type { GitHubRunResult } from "../github/run/index.ts";
import type { RunRequest } from "../github/trigger.ts";

let outputSecrets: readonly string[] = [];

/** The run's secrets, redacted from every output and the job summary (rule X4, X11). */
export function setOutputSecrets(secrets: readonly string[]): void {
  outputSecrets = secrets;
}

export interface ActionOutputs {
  runIds: string[];
  findings: number;
  costUsd: number;
  reports: string[];
}

export function summarize(results: readonly GitHubRunResult[]): ActionOutputs {
  return {
    runIds: results.map((r) => r.runId).filter(Boolean),
    findings: results.reduce((n, r) => n + r.findings, 0),
    costUsd: results.reduce((n, r) => n + r.costUsd, 0),
    reports: results.map((r) => r.report),
  };
}

/**
 * Writes the outputs and the job summary. `run-id` is a comma-separated list when one event ran
 * several workflows (schedules, PR workflows); `findings` is the number of valid findings;
 * `cost-usd` has six decimals. Never throws: a summary that cannot be written is a warning.
 * Everything written is redacted with the run's secrets ({@link setOutputSecrets}).
 */
export async function writeOutputs(outputs: ActionOutputs, extraSummary?: string): Promise<void> {
  const clean = (text: string): string => redactCanonical(text, outputSecrets).text;
  core.setOutput("run-id", clean(outputs.runIds.join(",")));
  core.setOutput("findings", String(outputs.findings));
  core.setOutput("cost-usd", outputs.costUsd.toFixed(6));
  const body = clean([...outputs.reports, ...(extraSummary ? [extraSummary] : [])].join("\n\n---\n\n"));
  if (!body || !process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(body, true).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`);
  }
}

/** Exit code of a job whose runs ended with `results`: a failed, cancelled or refused handed-over run fails it. */
export function exitCodeOf(results: readonly GitHubRunResult[], requests: readonly RunRequest[]): number {
  // A run the App handed over has a check run and a reply waiting for it: not starting is a failure.
  const handedOver = requests.some((r) => r.handoff?.byApp === true);
  const bad = results.filter((r) => r.status === "failed" || r.status === "incomplete" || r.status === "timed_out" || r.status === "cancelled" || (handedOver && r.status === "not_started"));
  if (bad.length > 0) {
    core.setFailed(bad.map((r) => `${r.workflow || r.runId}: ${r.headline}`).join("; "));
    return 1;
  }
  return 0;
}
