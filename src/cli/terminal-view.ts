/**
 * The terminal progress view (rule C5, K1): a reducer over run events rendered as a live phase
 * tree on a TTY, or as plain lines when output is not a terminal (CI logs, pipes).
 */
import type { EventSink, RunEvent } from "../engine/events.ts";
import { applyEvent, initialProgress, NO_PHASE, type ProgressState } from "../engine/progress.ts";
import { formatDuration, formatTokens, formatUsd } from "../engine/report.ts";

const REDRAW_MS = 200;
const PLAIN_PROGRESS_MS = 5_000;
const RUNNING_SHOWN = 4;
const LOG_LINES_SHOWN = 5;

export interface TerminalOutput {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

/** Renders the live tree for a state: one line per phase, running agents and recent logs. */
export function renderTree(state: ProgressState, now: number, width = 100, options: { logs?: boolean } = {}): string[] {
  const t = state.totals;
  const elapsed = state.startedAt === null ? 0 : now - state.startedAt;
  const lines = [
    `${state.workflow} · ${state.runId} · ${state.status}${state.resumed ? " (resumed)" : ""} · ${t.agents} agent${t.agents === 1 ? "" : "s"} · ${formatTokens(t.usage.outputTokens)} out · ${formatUsd(t.costUsd)} · ${formatDuration(elapsed)}`,
  ];
  for (const p of state.phases) {
    const total = p.queued + p.running + p.done + p.failed + p.cached;
    if (total === 0 && p.startedAt === null) {
      lines.push(`  ○ ${p.title}`);
      continue;
    }
    const active = p.title === (state.currentPhase ?? NO_PHASE) && state.status === "running";
    const mark = p.running > 0 || active ? "▶" : "✓";
    const parts = [`${p.done + p.cached}/${total} done`];
    if (p.running > 0) parts.push(`${p.running} running`);
    if (p.failed > 0) parts.push(`${p.failed} null`);
    if (p.cached > 0) parts.push(`${p.cached} from journal`);
    lines.push(`  ${mark} ${p.title}  ${parts.join(", ")} · ${formatTokens(p.usage.outputTokens)} out · ${formatUsd(p.costUsd)}`);
    if (p.running > 0) {
      const running = [...state.agents.values()].filter((a) => a.phase === p.title && a.status === "running");
      for (const a of running.slice(0, RUNNING_SHOWN)) lines.push(`      · ${a.label}${a.lastTool ? ` — ${a.lastTool}` : ""}`);
      if (running.length > RUNNING_SHOWN) lines.push(`      · … ${running.length - RUNNING_SHOWN} more`);
    }
  }
  if (options.logs !== false) for (const l of state.logs.slice(-LOG_LINES_SHOWN)) lines.push(`  ${l.level === "warn" ? "!" : "›"} ${l.message.split("\n", 1)[0]}`);
  return lines.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
}

/**
 * A view that consumes events. Returns the sink and a `close()` that draws the final state.
 * On a TTY it redraws in place at most every 200 ms; otherwise it prints phase starts, log
 * lines, agents that resolved to null, and a progress line at most every 5 s.
 */
export function createTerminalView(out: TerminalOutput): { sink: EventSink; close: () => void; state: ProgressState } {
  const state = initialProgress();
  if (out.isTTY) return ttyView(out, state);
  let lastProgress = 0;
  let seen = false;
  const sink = (event: RunEvent) => {
    seen = true;
    applyEvent(state, event);
    switch (event.type) {
      case "run.started":
        out.write(`quorum: ${event.resumed ? "resuming" : "running"} ${event.workflow} (run ${event.runId})\n`);
        break;
      case "phase.started":
        out.write(`▶ ${event.title}\n`);
        break;
      case "log":
        out.write(`  ${event.level === "warn" ? "!" : "›"} ${event.message}\n`);
        break;
      case "agent.finished":
        if (event.status === "failed") out.write(`  ✗ ${event.label}: null (${event.reason ?? "error"}) ${event.message ?? ""}\n`);
        if (event.at - lastProgress >= PLAIN_PROGRESS_MS) {
          lastProgress = event.at;
          const t = state.totals;
          out.write(`  … ${t.succeeded + t.cached + t.failed}/${t.agents} agents finished, ${formatTokens(t.usage.outputTokens)} output tokens, ${formatUsd(t.costUsd)}\n`);
        }
        break;
      default:
        break;
    }
  };
  // The plain view printed every log line as it came; the final tree does not repeat them.
  // Nothing to draw when the run was refused before it started (a lock, a commit mismatch).
  return { sink, state, close: () => void (seen && out.write(`${renderTree(state, Date.now(), 160, { logs: false }).join("\n")}\n`)) };
}

function ttyView(out: TerminalOutput, state: ProgressState): { sink: EventSink; close: () => void; state: ProgressState } {
  let drawn = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const draw = () => {
    timer = undefined;
    const lines = renderTree(state, Date.now(), out.columns ?? 100);
    const clear = drawn > 0 ? `\x1b[${drawn}F\x1b[J` : "";
    out.write(`${clear}${lines.join("\n")}\n`);
    drawn = lines.length;
  };
  let seen = false;
  const sink = (event: RunEvent) => {
    seen = true;
    applyEvent(state, event);
    timer ??= setTimeout(draw, REDRAW_MS);
  };
  return {
    sink,
    state,
    close: () => {
      if (timer) clearTimeout(timer);
      if (seen) draw();
    },
  };
}
