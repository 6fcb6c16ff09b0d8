/**
 * The host side of `agent()`: journal lookup, limits, budget, scheduling, the runner call, and
 * the events that describe it (rule A1–A7, J2, L1–L5).
 */
import { ZERO_USAGE, type AgentFailure, type AgentOutcome, type AgentRequest, type FailureReason, type JsonValue } from "../../agents/contract.ts";
import { compileOutputSchema } from "../../agents/structured.ts";
import type { RunContext, ScriptScope } from "../context.ts";
import { contentHash } from "../keys.ts";
import { AGENT_ABANDON_GRACE_MS } from "../limits.ts";
import { AgentCallError, parseAgentOptions } from "./agent-options.ts";

/** Thrown into the script when an agent() call may not start (cap, budget, deadline). */
export class AgentLimitError extends Error {
  override name = "AgentLimitError";
}

/** Runs one agent() call; resolves to its output, or null with the reason in the event stream. */
export async function callAgent(
  ctx: RunContext,
  scope: ScriptScope,
  prompt: JsonValue | undefined,
  rawOptions: JsonValue | undefined,
): Promise<JsonValue> {
  const opts = parseAgentOptions(prompt, rawOptions);
  noteIgnoredOptions(ctx, scope, opts.hints, opts.unknown);
  if (opts.schema !== undefined) {
    try {
      compileOutputSchema(opts.schema); // A3: a bad schema throws before any model call
    } catch (error) {
      throw new AgentCallError(`agent "${opts.label}": ${errorMessage(error)}`);
    }
  }
  if (ctx.stopReason !== null) throw new AgentLimitError(`agent "${opts.label}" was not started: ${ctx.stopReason}`);
  if (ctx.agentsStarted >= ctx.limits.maxAgents) {
    throw new AgentLimitError(
      `agent "${opts.label}" was not started: this run reached its cap of ${ctx.limits.maxAgents} agents (maxAgents). ` +
        "Raise --max-agents or batch the work.",
    );
  }

  const phase = opts.phase ?? scope.currentPhase;
  const model = opts.model ?? phaseModel(scope, phase) ?? (phase !== null ? ctx.phaseModels[phase] : undefined) ?? ctx.defaultModel;
  const hash = contentHash({ prompt: opts.prompt, model, schema: opts.schema, tools: opts.tools, isolation: opts.isolation, hints: opts.hints });
  const cached = ctx.journal.get(ctx.keys.peek(hash));
  // A journaled agent costs nothing now, so the caps do not stop it; what it cost when it ran
  // still counts against them (rule J6), so a run and its resumes share one budget.
  if (!cached) ctx.budget.assertCanStart();
  ctx.agentsStarted++;
  const agentId = `a${ctx.agentsStarted}`;
  const key = ctx.keys.next(hash);
  if (cached) ctx.budget.recordJournaled(cached.usage, cached.costUsd);
  if (!cached && ctx.runner === null) {
    throw new AgentCallError(`agent "${opts.label}" cannot run: ${ctx.missingRunnerHint}`);
  }
  ctx.emit({ type: "agent.queued", agentId, label: opts.label, phase });
  if (cached) {
    ctx.emit({
      type: "agent.finished",
      agentId,
      label: opts.label,
      phase,
      status: "cached",
      usage: cached.usage,
      costUsd: 0,
      durationMs: 0,
      model: cached.model,
    });
    return cached.result;
  }

  const request: AgentRequest = {
    id: agentId,
    prompt: opts.prompt,
    label: opts.label,
    phase,
    model,
    schema: opts.schema,
    tools: opts.tools,
    isolation: opts.isolation,
    cwd: ctx.repo,
    maxTurns: ctx.limits.agentMaxTurns,
    timeoutMs: ctx.limits.agentTimeoutMs,
    hints: opts.hints,
  };

  let release: () => void;
  try {
    release = await ctx.scheduler.acquire(ctx.signal);
  } catch {
    ctx.emit(failedEvent(agentId, opts.label, phase, "stopped", "the run stopped before this agent got a slot", 0));
    return null;
  }
  const startedAt = Date.now();
  let outcome: AgentOutcome;
  try {
    ctx.emit({ type: "agent.started", agentId, model });
    outcome = await runWithDeadline(ctx, request, (p) => {
      if (p.type === "tool") ctx.emit({ type: "agent.tool", agentId, tool: p.tool, detail: p.detail });
    });
  } finally {
    release();
  }
  const durationMs = Date.now() - startedAt;
  ctx.budget.record(outcome.usage, outcome.costUsd);
  // Spend is in every agent.finished; a budget event is only news when there is a cap to watch.
  if (ctx.budget.totalTokens !== null || ctx.budget.maxCostUsd !== null) ctx.emit({
    type: "budget",
    spentTokens: ctx.budget.spentTokens,
    totalTokens: ctx.budget.totalTokens,
    costUsd: ctx.budget.costUsd,
    maxCostUsd: ctx.budget.maxCostUsd,
    ...(ctx.budget.exceeded() ? { exceeded: ctx.budget.exceeded() } : {}),
  });

  if (!outcome.ok) {
    ctx.emit({
      ...failedEvent(agentId, opts.label, phase, outcome.reason, outcome.message, durationMs),
      usage: outcome.usage,
      costUsd: outcome.costUsd,
      model: outcome.model,
    });
    if (outcome.reason === "schema_invalid") {
      // A2: invalid structured output after the retries is an error in the script, not a null.
      throw new AgentCallError(`agent "${opts.label}": ${outcome.message}`);
    }
    ctx.emit({ type: "log", level: "warn", phase, message: `agent "${opts.label}" resolved to null (${outcome.reason}): ${outcome.message}` });
    return null;
  }

  const result = opts.isolation === "worktree" ? withDiff(outcome.output, outcome.diff ?? "") : outcome.output;
  ctx.journalWriter?.append({
    key,
    label: opts.label,
    phase,
    result,
    usage: outcome.usage,
    costUsd: outcome.costUsd,
    model: outcome.model,
    startedAt,
    durationMs,
  });
  ctx.emit({
    type: "agent.finished",
    agentId,
    label: opts.label,
    phase,
    status: "ok",
    usage: outcome.usage,
    costUsd: outcome.costUsd,
    durationMs,
    model: outcome.model,
  });
  return result;
}

/**
 * A worktree agent's result carries the unified diff it produced (rule A8): an object answer
 * gets a `diff` property; a text answer becomes `{ text, diff }`. An empty diff means no change.
 */
export function withDiff(output: JsonValue, diff: string): JsonValue {
  if (output !== null && typeof output === "object" && !Array.isArray(output)) return { ...output, diff };
  return { text: output, diff };
}

/** The runner call, with the agent's wall-time limit enforced even if the runner ignores its signal. */
async function runWithDeadline(
  ctx: RunContext,
  request: AgentRequest,
  onProgress: Parameters<NonNullable<RunContext["runner"]>["runAgent"]>[2],
): Promise<AgentOutcome> {
  const runner = ctx.runner;
  if (runner === null) throw new Error("unreachable: runner checked by the caller");
  const controller = new AbortController();
  let abandon: ReturnType<typeof setTimeout> | undefined;
  let settleAbandoned: (outcome: AgentOutcome) => void = () => undefined;
  const abandoned = new Promise<AgentOutcome>((resolve) => (settleAbandoned = resolve));
  // Stop the agent; if its runner ignores the signal, give up on it after a grace period.
  const stop = (reason: unknown) => {
    if (!controller.signal.aborted) controller.abort(reason);
    abandon ??= setTimeout(() => settleAbandoned(abandonedOutcome(request, controller.signal)), AGENT_ABANDON_GRACE_MS);
  };
  ctx.stoppers.add(stop);
  if (ctx.signal.aborted) stop(ctx.signal.reason);
  const timeout = setTimeout(() => stop(new Error("time_limit")), request.timeoutMs);
  try {
    return await Promise.race([
      runner.runAgent(request, controller.signal, onProgress).catch((error: unknown) => crashedOutcome(request, controller.signal, error)),
      abandoned,
    ]);
  } finally {
    clearTimeout(timeout);
    if (abandon) clearTimeout(abandon);
    ctx.stoppers.delete(stop);
  }
}

function stopReasonOf(signal: AbortSignal): "time_limit" | "stopped" {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.message === "time_limit" ? "time_limit" : "stopped";
}

function abandonedOutcome(request: AgentRequest, signal: AbortSignal): AgentFailure {
  const reason = stopReasonOf(signal);
  return {
    ok: false,
    reason,
    message:
      reason === "time_limit"
        ? `the agent exceeded its wall-time limit of ${Math.round(request.timeoutMs / 1000)} s`
        : "the run was stopped while this agent was working",
    usage: { ...ZERO_USAGE },
    costUsd: 0,
    model: request.model ?? "unknown",
    turns: 0,
  };
}

function crashedOutcome(request: AgentRequest, signal: AbortSignal, error: unknown): AgentFailure {
  if (signal.aborted) return abandonedOutcome(request, signal);
  return { ...abandonedOutcome(request, signal), reason: "error", message: `the agent runner failed: ${errorMessage(error)}` };
}

function failedEvent(agentId: string, label: string, phase: string | null, reason: FailureReason, message: string, durationMs: number) {
  return {
    type: "agent.finished" as const,
    agentId,
    label,
    phase,
    status: "failed" as const,
    reason,
    message,
    usage: { ...ZERO_USAGE },
    costUsd: 0,
    durationMs,
  };
}

function phaseModel(scope: ScriptScope, phase: string | null): string | undefined {
  if (phase === null) return undefined;
  return scope.meta?.phases?.find((p) => p.title === phase)?.model;
}

function noteIgnoredOptions(ctx: RunContext, scope: ScriptScope, hints: Record<string, unknown>, unknown: string[]): void {
  for (const name of Object.keys(hints)) {
    if (ctx.notedOptions.has(name)) continue;
    ctx.notedOptions.add(name);
    ctx.emit({ type: "log", level: "info", phase: scope.currentPhase, message: `agent option "${name}" is accepted but Quorum does not act on it.` });
  }
  for (const name of unknown) {
    if (ctx.notedOptions.has(name)) continue;
    ctx.notedOptions.add(name);
    ctx.emit({ type: "log", level: "warn", phase: scope.currentPhase, message: `agent option "${name}" is not known to Quorum and was ignored.` });
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
