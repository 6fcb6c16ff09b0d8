/** Prints a finished run's result and findings, and picks the exit code (rule K1). */
import type { RunOutcome } from "../../engine/run.ts";
import { findingsOf } from "../../engine/result.ts";
import type { CliIo } from "../io.ts";

/** `resumeCommand`: the line that resumes this run when pasted (see resume-hint.ts). */
export function printOutcome(io: CliIo, outcome: RunOutcome, json: boolean, resumeCommand = `quorum resume ${outcome.runId}`): number {
  const invalid = outcome.invalidFindings ?? [];
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ runId: outcome.runId, status: outcome.status, result: outcome.result ?? null, error: outcome.error ?? null, ...(invalid.length > 0 ? { invalidFindings: invalid } : {}), totals: outcome.totals }, null, 2)}\n`,
    );
  } else {
    if (outcome.error) io.stderr.write(`\nquorum: the run ${outcome.status === "failed" ? "failed" : outcome.status === "incomplete" ? "is incomplete" : outcome.status}: ${outcome.error}\n`);
    const findings = findingsOf(outcome.result);
    if (outcome.result !== undefined) io.stdout.write(`${JSON.stringify(outcome.result, null, 2)}\n`);
    if (findings !== null) io.stderr.write(`\n${findings.length - invalid.length} finding(s) in ${outcome.runDir}/findings.json\n`);
    io.stderr.write(`run ${outcome.runId}: ${outcome.status}; run directory ${outcome.runDir}\n`);
    if (outcome.status !== "succeeded") io.stderr.write(`resume it with: ${resumeCommand}\n`);
  }
  // Junk in result.findings is the script's mistake and never a silent success (rule K3).
  if (invalid.length > 0) {
    io.stderr.write(
      `quorum: the workflow returned ${invalid.length} invalid finding(s), left out of findings.json: ${invalid.join("; ")}. ` +
        "Fix what the script returns: result.findings must be an array of { title, severity (critical|high|medium|low|info), body }.\n",
    );
  }
  if (outcome.status === "succeeded") return invalid.length > 0 ? 1 : 0;
  return outcome.status === "cancelled" ? 130 : 1;
}
