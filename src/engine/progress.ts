/**
 * The progress reducer: folds run events into the state every view renders (terminal, check run,
 * report). Views never reach into the engine; they hold a ProgressState and apply events to it.
 *
 * The reducer mutates in place: a 1000-agent run produces thousands of events, and copying maps
 * per event would make views quadratic.
 */
import { type FailureReason } from "../agents/contract.ts";
import type { JsonValue } from "../kernel/json.ts";
import { addUsage, ZERO_USAGE, type Usage } from "../kernel/usage.ts";
import type { RunEvent, RunStatus, RunTotals } from "./events.ts";

/** Agents called outside any phase are grouped under this title. */
export const NO_PHASE = "Run";
/** Log lines kept for views; older ones are counted in `droppedLogs`. */
export const KEPT_LOG_LINES = 200;

export interface PhaseProgress {
  title: string;
  detail?: string;
  queued: number;
  running: number;
  done: number;
  failed: number;
  cached: number;
  usage: Usage;
  costUsd: number;
  startedAt: number | null;
  lastActivityAt: number | null;
}

export interface AgentState {
  id: string;
  label: string;
  phase: string;
  status: "queued" | "running" | "ok" | "failed" | "cached";
  model?: string;
  reason?: FailureReason;
  message?: string;
  startedAt?: number;
  durationMs?: number;
  lastTool?: string;
}

export interface LogLine {
  at: number;
  level: "info" | "warn";
  phase: string | null;
  message: string;
}

export interface ProgressState {
  runId: string;
  workflow: string;
  resumed: boolean;
  status: "pending" | "running" | RunStatus;
  startedAt: number | null;
  finishedAt: number | null;
  currentPhase: string | null;
  phases: PhaseProgress[];
  agents: Map<string, AgentState>;
  logs: LogLine[];
  droppedLogs: number;
  budget: { spentTokens: number; totalTokens: number | null; costUsd: number; maxCostUsd: number | null; exceeded?: "tokens" | "cost" };
  totals: RunTotals;
  result?: JsonValue;
  error?: string;
}

export function initialProgress(): ProgressState {
  return {
    runId: "",
    workflow: "",
    resumed: false,
    status: "pending",
    startedAt: null,
    finishedAt: null,
    currentPhase: null,
    phases: [],
    agents: new Map(),
    logs: [],
    droppedLogs: 0,
    budget: { spentTokens: 0, totalTokens: null, costUsd: 0, maxCostUsd: null },
    totals: { agents: 0, succeeded: 0, failed: 0, cached: 0, usage: { ...ZERO_USAGE }, costUsd: 0, elapsedMs: 0 },
  };
}

function phaseOf(state: ProgressState, title: string | null): PhaseProgress {
  const name = title ?? NO_PHASE;
  let phase = state.phases.find((p) => p.title === name);
  if (!phase) {
    phase = { title: name, queued: 0, running: 0, done: 0, failed: 0, cached: 0, usage: { ...ZERO_USAGE }, costUsd: 0, startedAt: null, lastActivityAt: null };
    state.phases.push(phase);
  }
  return phase;
}

type EventOf<T extends RunEvent["type"]> = Extract<RunEvent, { type: T }>;

/** Applies one event to the state (in place) and returns it. */
export function applyEvent(state: ProgressState, event: RunEvent): ProgressState {
  switch (event.type) {
    case "run.started":
      runStarted(state, event);
      break;
    case "phase.started":
      phaseStarted(state, event);
      break;
    case "agent.queued":
      agentQueued(state, event);
      break;
    case "agent.started":
      agentStarted(state, event);
      break;
    case "agent.tool":
      agentTool(state, event);
      break;
    case "agent.finished":
      agentFinished(state, event);
      break;
    case "log":
      logLine(state, event);
      break;
    case "budget":
      budgetChanged(state, event);
      break;
    case "run.finished":
      runFinished(state, event);
      break;
    default: {
      // Every event type has a case: a new one in RunEvent fails to compile here until it does.
      // At run time an unknown type (an events.jsonl from a newer Quorum) only moves the clock.
      const unhandled: never = event;
      void unhandled;
    }
  }
  if (state.startedAt !== null) state.totals.elapsedMs = event.at - state.startedAt;
  return state;
}

function runStarted(state: ProgressState, event: EventOf<"run.started">): void {
  state.runId = event.runId;
  state.workflow = event.workflow;
  state.resumed = event.resumed;
  state.status = "running";
  state.startedAt ??= event.at;
  for (const declared of event.phases) {
    const phase = phaseOf(state, declared.title);
    if (declared.detail !== undefined) phase.detail = declared.detail;
  }
}

function phaseStarted(state: ProgressState, event: EventOf<"phase.started">): void {
  state.currentPhase = event.title;
  const phase = phaseOf(state, event.title);
  phase.startedAt ??= event.at;
}

function agentQueued(state: ProgressState, event: EventOf<"agent.queued">): void {
  const phase = phaseOf(state, event.phase);
  phase.startedAt ??= event.at;
  phase.queued++;
  phase.lastActivityAt = event.at;
  state.agents.set(event.agentId, { id: event.agentId, label: event.label, phase: phase.title, status: "queued" });
  state.totals.agents++;
}

function agentStarted(state: ProgressState, event: EventOf<"agent.started">): void {
  const agent = state.agents.get(event.agentId);
  if (!agent) return;
  const phase = phaseOf(state, agent.phase);
  phase.queued--;
  phase.running++;
  agent.status = "running";
  agent.startedAt = event.at;
  if (event.model !== undefined) agent.model = event.model;
}

function agentTool(state: ProgressState, event: EventOf<"agent.tool">): void {
  const agent = state.agents.get(event.agentId);
  if (agent) agent.lastTool = `${event.tool} ${event.detail}`.trim();
}

function agentFinished(state: ProgressState, event: EventOf<"agent.finished">): void {
  const agent = state.agents.get(event.agentId);
  const phase = phaseOf(state, agent?.phase ?? event.phase);
  if (agent?.status === "running") phase.running--;
  else if (agent?.status === "queued") phase.queued--;
  phase.lastActivityAt = event.at;
  phase.usage = addUsage(phase.usage, event.usage);
  phase.costUsd += event.costUsd;
  if (event.status === "ok") {
    phase.done++;
    state.totals.succeeded++;
  } else if (event.status === "cached") {
    phase.cached++;
    state.totals.cached++;
  } else {
    phase.failed++;
    state.totals.failed++;
  }
  if (event.status !== "cached") {
    state.totals.usage = addUsage(state.totals.usage, event.usage);
    state.totals.costUsd += event.costUsd;
  }
  if (agent) {
    agent.status = event.status;
    agent.durationMs = event.durationMs;
    if (event.reason !== undefined) agent.reason = event.reason;
    if (event.message !== undefined) agent.message = event.message;
    if (event.model !== undefined) agent.model = event.model;
  }
}

function logLine(state: ProgressState, event: EventOf<"log">): void {
  state.logs.push({ at: event.at, level: event.level, phase: event.phase, message: event.message });
  if (state.logs.length > KEPT_LOG_LINES) {
    state.logs.shift();
    state.droppedLogs++;
  }
}

function budgetChanged(state: ProgressState, event: EventOf<"budget">): void {
  state.budget = {
    spentTokens: event.spentTokens,
    totalTokens: event.totalTokens,
    costUsd: event.costUsd,
    maxCostUsd: event.maxCostUsd,
    ...(event.exceeded ? { exceeded: event.exceeded } : {}),
  };
}

function runFinished(state: ProgressState, event: EventOf<"run.finished">): void {
  state.status = event.status;
  state.finishedAt = event.at;
  state.totals = event.totals;
  if (event.result !== undefined) state.result = event.result;
  if (event.error !== undefined) state.error = event.error;
}

/** Agents that resolved to null, with their reasons (rule A5: every null carries one). */
export function failedAgents(state: ProgressState): AgentState[] {
  return [...state.agents.values()].filter((a) => a.status === "failed");
}

/** Folds a whole event list (e.g. `events.jsonl`) into a state. */
export function replayEvents(events: Iterable<RunEvent>): ProgressState {
  const state = initialProgress();
  for (const event of events) applyEvent(state, event);
  return state;
}
