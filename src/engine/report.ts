/**
 * The run report in Markdown: the same picture the terminal and the check run show (phase table,
 * agents that resolved to null with their reasons, findings), for `report.md` and job summaries.
 */
import type { JsonValue } from "../kernel/json.ts";
import { describeInfrastructureFailures, FAILED_TO_RUN_NOTE, infrastructureFailures, nullAgents } from "./outcome.ts";
import type { PhaseProgress, ProgressState } from "./progress.ts";
import { findingsOf } from "./result.ts";

const MAX_LISTED_FAILURES = 50;
const MAX_LISTED_FINDINGS = 100;
const MAX_LOG_LINES = 20;

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

export function formatTokens(n: number): string {
  if (n < 1_000) return String(n);
  if (n < 1_000_000) return `${(n / 1_000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(2)}M`;
}

export function formatUsd(n: number): string {
  return `$${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;
}

function phaseTotal(p: PhaseProgress): number {
  return p.queued + p.running + p.done + p.failed + p.cached;
}

/** A Markdown table of phases: agents done / running / total, tokens, cost, elapsed. */
export function renderPhaseTable(state: ProgressState, now: number): string {
  const rows = state.phases
    .filter((p) => phaseTotal(p) > 0 || p.startedAt !== null)
    .map((p) => {
      const done = p.done + p.cached;
      const elapsed = p.startedAt === null ? "" : formatDuration((p.lastActivityAt ?? now) - p.startedAt);
      const marker = state.currentPhase === p.title && state.status === "running" ? "▶ " : "";
      const extra = [p.cached > 0 ? `${p.cached} from journal` : "", p.failed > 0 ? `${p.failed} null` : ""].filter(Boolean).join(", ");
      return `| ${marker}${escapeCell(p.title)} | ${done}/${phaseTotal(p)}${extra ? ` (${extra})` : ""} | ${p.running} | ${formatTokens(p.usage.inputTokens + p.usage.cacheReadTokens + p.usage.cacheWriteTokens)} in / ${formatTokens(p.usage.outputTokens)} out | ${formatUsd(p.costUsd)} | ${elapsed} |`;
    });
  if (rows.length === 0) return "_No agents yet._";
  return ["| Phase | Agents done | Running | Tokens | Cost | Elapsed |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

export function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

interface FindingLike {
  title: string;
  severity: string;
  location?: string;
}

function findingSummary(value: JsonValue): FindingLike | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const title = typeof value.title === "string" ? value.title : "(untitled finding)";
  const severity = typeof value.severity === "string" ? value.severity : "info";
  const loc = value.location;
  let location: string | undefined;
  if (loc && typeof loc === "object" && !Array.isArray(loc) && typeof loc.path === "string") {
    location = typeof loc.line === "number" ? `${loc.path}:${loc.line}` : loc.path;
  }
  return { title, severity, ...(location ? { location } : {}) };
}

/** The whole report. */
export function renderReport(state: ProgressState, now: number = state.finishedAt ?? Date.now()): string {
  const t = state.totals;
  const lines: string[] = [
    `# Quorum: ${state.workflow}`,
    "",
    `**Run** \`${state.runId}\` · **status** ${state.status}${state.resumed ? " (resumed)" : ""} · **agents** ${t.agents} (${t.succeeded} ok, ${t.cached} from journal, ${t.failed} null) · **tokens** ${formatTokens(t.usage.inputTokens + t.usage.cacheReadTokens + t.usage.cacheWriteTokens)} in / ${formatTokens(t.usage.outputTokens)} out · **cost** ${formatUsd(t.costUsd)} · **elapsed** ${formatDuration(t.elapsedMs)}`,
    "",
    renderPhaseTable(state, now),
  ];
  if (state.error) lines.push("", "## Error", "", "```", state.error, "```");

  // rule R1: "failed to run" is never mixed with other nulls, and never with "refuted" or "nothing found".
  const { failedToRun, other } = nullAgents(state);
  if (failedToRun.length > 0) {
    lines.push("", `## Failed to run: ${describeInfrastructureFailures(infrastructureFailures(state))}`, "", FAILED_TO_RUN_NOTE, "");
    for (const a of failedToRun.slice(0, MAX_LISTED_FAILURES)) lines.push(`- **${escapeCell(a.label)}** (${a.phase}): ${a.reason ?? "error"} — ${a.message ?? ""}`);
    if (failedToRun.length > MAX_LISTED_FAILURES) lines.push(`- … and ${failedToRun.length - MAX_LISTED_FAILURES} more (see events.jsonl)`);
  }
  if (other.length > 0) {
    lines.push("", `## ${failedToRun.length > 0 ? "Other agents" : "Agents"} that resolved to null (${other.length})`, "");
    for (const a of other.slice(0, MAX_LISTED_FAILURES)) lines.push(`- **${escapeCell(a.label)}** (${a.phase}): ${a.reason ?? "error"} — ${a.message ?? ""}`);
    if (other.length > MAX_LISTED_FAILURES) lines.push(`- … and ${other.length - MAX_LISTED_FAILURES} more (see events.jsonl)`);
  }

  const findings = (findingsOf(state.result) ?? []).map(findingSummary).filter((f): f is FindingLike => f !== null);
  lines.push("", `## Findings (${findings.length})`, "");
  if (findings.length === 0) lines.push("_None._");
  for (const f of findings.slice(0, MAX_LISTED_FINDINGS)) lines.push(`- **[${f.severity}]** ${escapeCell(f.title)}${f.location ? ` — \`${f.location}\`` : ""}`);
  if (findings.length > MAX_LISTED_FINDINGS) lines.push(`- … and ${findings.length - MAX_LISTED_FINDINGS} more (see findings.json)`);

  const logs = state.logs.slice(-MAX_LOG_LINES);
  if (logs.length > 0) {
    lines.push("", "## Log", "", "```");
    if (state.droppedLogs + state.logs.length > logs.length) lines.push(`(${state.droppedLogs + state.logs.length - logs.length} earlier lines not shown)`);
    for (const l of logs) lines.push(`${l.level === "warn" ? "! " : "  "}${l.message}`);
    lines.push("```");
  }
  return `${lines.join("\n")}\n`;
}
