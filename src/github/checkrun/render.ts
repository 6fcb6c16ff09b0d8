/**
 * The check run's output (rule P1): a title, a summary (the status line, then findings once the
 * run is over) and a text (the phase table, recent log lines, agents that resolved to null).
 * Built from the same ProgressState every view reduces (src/engine/progress.ts), with the report's
 * phase table, so the check run, the terminal and report.md agree.
 *
 * Edge cases:
 * - Long log lines and error messages are clipped one by one; each part is then fitted to
 *   GitHub's 65,535 characters with the cut stated (see fit.ts).
 * - Everything is redacted (rule X4) before fitting, so a redaction can never push text over.
 * - Text from agents and scripts is untrusted: it is clipped to single lines in lists and put in
 *   code blocks in the log, so it cannot forge headings; every HTML comment opener is made inert
 *   (rule X13), so it cannot forge Quorum's records either.
 */
import { describeInfrastructureFailures, FAILED_TO_RUN_NOTE, infrastructureFailures, nullAgents } from "../../engine/outcome.ts";
import type { AgentState, ProgressState } from "../../engine/progress.ts";
import { escapeCell, formatDuration, formatTokens, formatUsd, renderPhaseTable } from "../../engine/report.ts";
import { redactSecrets } from "../redact.ts";
import { neutralizeRecordSyntax } from "../record-syntax.ts";
import type { Verdict } from "./conclusion.ts";
import { clipLine, fitText, MAX_CHECK_RUN_OUTPUT_CHARS, MAX_TITLE_CHARS } from "./fit.ts";

/** Log lines shown in the check run (the newest). */
export const CHECK_RUN_LOG_LINES = 20;
/** Agents that resolved to null listed by name; the rest are counted. */
export const CHECK_RUN_LISTED_FAILURES = 30;
/** Findings listed in the summary; the rest are counted. */
export const CHECK_RUN_LISTED_FINDINGS = 100;

/** One finding as the check run lists it, with where it was published. */
export interface FindingLine {
  title: string;
  severity: string;
  /** `path:line`, when the finding has a location. */
  location?: string;
  /** Markdown: a link to the PR or review comment, "listed here", or why it was not published. */
  where: string;
}

export interface CheckRunExtras {
  /** Set once the run is over. */
  verdict?: Verdict;
  findings?: FindingLine[];
  /** Findings the Finding contract refused: their messages. */
  invalidFindings?: string[];
  /** Extra lines for the summary (e.g. "Resumed from the journal of …", publishing problems). */
  notes?: string[];
  /** Staged mode (rule P9): the Markdown section listing what would have been published. */
  staged?: string;
  /** Where the full report lives, named in cut notes. */
  fullReportAt?: string;
  /** Exact secrets of the run (tokens, keys), redacted wherever they occur. */
  secrets?: readonly string[];
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  text: string;
}

const DEFAULT_FULL_REPORT_AT = "the full report is in the job summary and the run's artifact";

function statusWord(state: ProgressState): string {
  switch (state.status) {
    case "pending":
      return "starting";
    case "running":
      return state.currentPhase ? `running · phase **${escapeCell(state.currentPhase)}**` : "running";
    case "timed_out":
      return "timed out";
    default:
      return state.status;
  }
}

function statusLine(state: ProgressState): string {
  const t = state.totals;
  const running = state.phases.reduce((n, p) => n + p.running, 0);
  const tokens = `${formatTokens(t.usage.inputTokens + t.usage.cacheReadTokens + t.usage.cacheWriteTokens)} in / ${formatTokens(t.usage.outputTokens)} out`;
  const agents = `${t.succeeded + t.cached + t.failed}/${t.agents} done${running > 0 ? `, ${running} running` : ""}${t.cached > 0 ? `, ${t.cached} from journal` : ""}${t.failed > 0 ? `, ${t.failed} null` : ""}`;
  return `**${escapeCell(state.workflow || "workflow")}** · ${statusWord(state)}${state.resumed ? " (resumed)" : ""} · run \`${state.runId}\` · **agents** ${agents} · **tokens** ${tokens} · **cost** ${formatUsd(t.costUsd)} · **elapsed** ${formatDuration(t.elapsedMs)}`;
}

function budgetLine(state: ProgressState): string | null {
  const b = state.budget;
  if (b.totalTokens === null && b.maxCostUsd === null) return null;
  const parts = [
    b.totalTokens !== null ? `${formatTokens(b.spentTokens)} of ${formatTokens(b.totalTokens)} output tokens` : "",
    b.maxCostUsd !== null ? `${formatUsd(b.costUsd)} of ${formatUsd(b.maxCostUsd)}` : "",
  ].filter(Boolean);
  return `**Budget:** ${parts.join(" · ")}${b.exceeded ? ` — **${b.exceeded} cap reached**: no new agents were started` : ""}`;
}

function title(state: ProgressState, extras: CheckRunExtras): string {
  if (extras.verdict) return extras.verdict.headline;
  const t = state.totals;
  const phase = state.currentPhase ? `${state.currentPhase} · ` : "";
  return state.status === "pending" ? "Starting" : `Running: ${phase}${t.succeeded + t.cached + t.failed}/${t.agents} agents done`;
}

function findingsSection(extras: CheckRunExtras, over: boolean): string[] {
  if (!over) return ["", "_Findings are validated and published when the workflow returns._"];
  const findings = extras.findings ?? [];
  const lines = ["", `### Findings (${findings.length})`, ""];
  if (findings.length === 0) lines.push("_None._");
  for (const f of findings.slice(0, CHECK_RUN_LISTED_FINDINGS)) {
    lines.push(`- **[${f.severity}]** ${clipLine(escapeCell(f.title), 200)}${f.location ? ` — \`${clipLine(f.location, 200)}\`` : ""} — ${f.where}`);
  }
  if (findings.length > CHECK_RUN_LISTED_FINDINGS) lines.push(`- … and ${findings.length - CHECK_RUN_LISTED_FINDINGS} more (see the job summary)`);
  const invalid = extras.invalidFindings ?? [];
  if (invalid.length > 0) {
    lines.push("", `### Invalid findings (${invalid.length}, not published)`, "");
    for (const message of invalid.slice(0, CHECK_RUN_LISTED_FINDINGS)) lines.push(`- ${clipLine(message)}`);
    if (invalid.length > CHECK_RUN_LISTED_FINDINGS) lines.push(`- … and ${invalid.length - CHECK_RUN_LISTED_FINDINGS} more`);
  }
  return lines;
}

function textSections(state: ProgressState, now: number): string[] {
  const lines = ["### Phases", "", renderPhaseTable(state, now)];
  // rule R1: agents that failed to run are listed apart from other nulls.
  const { failedToRun, other } = nullAgents(state);
  const list = (agents: AgentState[]) => {
    for (const a of agents.slice(0, CHECK_RUN_LISTED_FAILURES)) {
      lines.push(`- **${clipLine(escapeCell(a.label), 120)}** (${escapeCell(a.phase)}): ${a.reason ?? "error"} — ${clipLine(a.message ?? "")}`);
    }
    if (agents.length > CHECK_RUN_LISTED_FAILURES) lines.push(`- … and ${agents.length - CHECK_RUN_LISTED_FAILURES} more (see events.jsonl in the run's artifact)`);
  };
  if (failedToRun.length > 0) {
    lines.push("", `### Failed to run: ${describeInfrastructureFailures(infrastructureFailures(state))}`, "", FAILED_TO_RUN_NOTE, "");
    list(failedToRun);
  }
  if (other.length > 0) {
    lines.push("", `### ${failedToRun.length > 0 ? "Other agents" : "Agents"} that resolved to null (${other.length})`, "");
    list(other);
  }
  const logs = state.logs.slice(-CHECK_RUN_LOG_LINES);
  if (logs.length > 0) {
    const earlier = state.droppedLogs + state.logs.length - logs.length;
    lines.push("", "### Recent log", "", "```");
    if (earlier > 0) lines.push(`(${earlier} earlier lines not shown)`);
    for (const l of logs) lines.push(`${l.level === "warn" ? "! " : "  "}${clipLine(l.message).replace(/```/g, "ˋˋˋ")}`);
    lines.push("```");
  }
  return lines;
}

/** Renders the output for the current state; `extras.verdict` marks the final update. */
export function renderCheckRunOutput(state: ProgressState, now: number, extras: CheckRunExtras = {}): CheckRunOutput {
  const over = extras.verdict !== undefined;
  const summaryLines = [statusLine(state)];
  const budget = budgetLine(state);
  if (budget) summaryLines.push("", budget);
  for (const note of extras.notes ?? []) summaryLines.push("", clipLine(note, 2_000));
  if (state.error) summaryLines.push("", "**Error**", "", "```", clipLine(state.error, 4_000).replace(/```/g, "ˋˋˋ"), "```");
  summaryLines.push(...findingsSection(extras, over));
  if (over && extras.staged) summaryLines.push("", extras.staged);

  const secrets = extras.secrets ?? [];
  const where = extras.fullReportAt ?? DEFAULT_FULL_REPORT_AT;
  // Rule X13: nothing in a run's check run is a record, so every comment opener in it is inert.
  const clean = (text: string): string => neutralizeRecordSyntax(redactSecrets(text, secrets).text);
  const titleText = clean(title(state, extras));
  return {
    title: titleText.length > MAX_TITLE_CHARS ? `${titleText.slice(0, MAX_TITLE_CHARS - 1)}…` : titleText,
    summary: fitText(clean(summaryLines.join("\n")), MAX_CHECK_RUN_OUTPUT_CHARS, where),
    text: fitText(clean(textSections(state, now).join("\n")), MAX_CHECK_RUN_OUTPUT_CHARS, where),
  };
}
