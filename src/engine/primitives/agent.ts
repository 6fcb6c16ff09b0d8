/**
 * The host side of `agent()`: journal lookup, limits, budget, scheduling, the runner call, and
 * the events that describe it (rule A1–A7, J2, L1–L5).
 */
import { definitionKey, type AgentDefinition } from "../../agents/agent-definition.ts";
import { type AgentFailure, type AgentOutcome, type AgentRequest, type FailureReason, type ToolName } from "../../agents/contract.ts";
import type { JsonValue } from "../../kernel/json.ts";
import { ZERO_USAGE } from "../../kernel/usage.ts";
import { compileOutputSchema } from "../../agents/structured.ts";
import type { RunContext, ScriptScope } from "../context.ts";
import { contentHash } from "../keys.ts";
import { AGENT_ABANDON_GRACE_MS } from "../limits.ts";
import { AgentCallError, effectiveTools, mapTools, parseAgentOptions, type ParsedAgentOptions } from "./agent-options.ts";
import { errorMessage, QuorumError } from "../../kernel/errors.ts";

/** Thrown into the script when an agent() call may not start (cap, budget, deadline). */
export class AgentLimitError extends QuorumError {
  override name = "AgentLimitError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("agent_not_started", message, options);
  }
}

/** Runs one agent() call; resolves to its output, or null with the reason in the event stream. */
export async function callAgent(
  ctx: RunContext,
  scope: ScriptScope,
  prompt: JsonValue | undefined,
  rawOptions: JsonValue | undefined,
): Promise<JsonValue> {
  const opts = parseAgentOptions(prompt, rawOptions);
  const definition = resolveAgentType(ctx, opts);
  let named: ToolName[] | undefined = opts.tools;
  const unavailable = [...opts.unavailableTools];
  if (named === undefined && definition?.tools !== undefined) {
    const mapped = mapTools(`agentType "${definition.name}" (${definition.source})`, definition.tools);
    named = mapped.tools;
    unavailable.push(...mapped.unavailable);
  }
  const { tools, isolation, automatic } = effectiveTools(named, opts.isolation);
  noteOptions(ctx, scope, opts, unavailable, automatic);
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
  const model = opts.model ?? definition?.model ?? phaseModel(scope, phase) ?? (phase !== null ? ctx.phaseModels[phase] : undefined) ?? ctx.defaultModel;
  const hash = contentHash({
    prompt: opts.prompt,
    model,
    schema: opts.schema,
    tools,
    isolation,
    hints: opts.hints,
    ...(definition ? { agentDefinition: definitionKey(definition) } : {}),
  });
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
    tools,
    isolation,
    cwd: ctx.repo,
    maxTurns: ctx.limits.agentMaxTurns,
    timeoutMs: ctx.limits.agentTimeoutMs,
    hints: opts.hints,
    ...(opts.effort !== undefined ? { effort: opts.effort } : {}),
    ...(definition && definition.prompt !== "" ? { instructions: definition.prompt } : {}),
  };

  let release: () => void;
  try {
    release = await ctx.scheduler.acquire(ctx.signal);
  } catch {
    ctx.emit(failedEvent(agentId, opts.label, phase, "stopped", "the run stopped before this agent got a slot", 0));
    return null;
  }
  if (ctx.signal.aborted) {
    // The slot came free because the run is stopping (e.g. rule R2): nothing is sent.
    release();
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
    if (outcome.fatal !== undefined) {
      // rule R2: a rejected key or an unreachable API fails every agent alike: stop the run now.
      const what = outcome.fatal === "auth" ? "the model provider rejected the credentials" : "the model provider cannot be reached";
      ctx.failFast(`${what}: ${outcome.message} The run stopped at the first such failure (agent "${opts.label}") instead of letting every agent fail the same way.`);
      return null;
    }
    if (outcome.reason === "schema_invalid") {
      // A2: invalid structured output after the retries is an error in the script, not a null.
      throw new AgentCallError(`agent "${opts.label}": ${outcome.message}`);
    }
    ctx.emit({ type: "log", level: "warn", phase, message: `agent "${opts.label}" resolved to null (${outcome.reason}): ${outcome.message}` });
    return null;
  }

  const result = isolation !== "worktree" ? outcome.output : automatic ? automaticWorktreeResult(ctx, opts.label, phase, outcome.output, outcome.diff ?? "") : withDiff(outcome.output, outcome.diff ?? "");
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

/**
 * The result of an agent that got a worktree without asking (S7: a Claude Code script gave it
 * tools that change files): Claude Code returns such an agent's answer as is, so a text answer
 * stays text and an object answer gets the `diff` property; the diff of a text answer is logged.
 */
function automaticWorktreeResult(ctx: RunContext, label: string, phase: string | null, output: JsonValue, diff: string): JsonValue {
  if (output !== null && typeof output === "object" && !Array.isArray(output)) return { ...output, diff };
  if (diff !== "") {
    const files = [...diff.matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1]);
    ctx.emit({
      type: "log",
      level: "warn",
      phase,
      message: `agent "${label}" changed ${files.length} file(s) in its own worktree (${files.slice(0, 5).join(", ")}${files.length > 5 ? ", …" : ""}); the changes were not applied to the checkout. Give the agent { isolation: "worktree" } to receive them as { text, diff }.`,
    });
  }
  return output;
}

/** The agent type's definition (S7), or undefined; an unknown type throws into the script. */
function resolveAgentType(ctx: RunContext, opts: ParsedAgentOptions): AgentDefinition | undefined {
  if (opts.agentType === undefined) return undefined;
  try {
    return ctx.resolveAgentType(opts.agentType);
  } catch (error) {
    throw new AgentCallError(`agent "${opts.label}": ${errorMessage(error)}`);
  }
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
    const outcome = await Promise.race([
      runner.runAgent(request, controller.signal, onProgress).catch((error: unknown) => crashedOutcome(request, controller.signal, error)),
      abandoned,
    ]);
    // A runner sees only "my signal was aborted"; the engine knows it was the agent's wall time (rule R1 counts it).
    if (!outcome.ok && outcome.reason === "stopped" && stopReasonOf(controller.signal) === "time_limit") {
      return { ...outcome, reason: "time_limit", message: abandonedOutcome(request, controller.signal).message };
    }
    return outcome;
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

function noteOnce(ctx: RunContext, scope: ScriptScope, key: string, level: "info" | "warn", message: string): void {
  if (ctx.notedOptions.has(key)) return;
  ctx.notedOptions.add(key);
  ctx.emit({ type: "log", level, phase: scope.currentPhase, message });
}

function noteOptions(ctx: RunContext, scope: ScriptScope, opts: ParsedAgentOptions, unavailable: { name: string; reason: string }[], automatic: boolean): void {
  for (const tool of unavailable) {
    noteOnce(ctx, scope, `tool:${tool.name}`, "info", `tool "${tool.name}" is not available to Quorum agents (${tool.reason}); agents that ask for it go without it.`);
  }
  if (automatic) {
    noteOnce(
      ctx,
      scope,
      "automatic-worktree",
      "info",
      `agent "${opts.label}" may change files (edit/write) but has no isolation: it runs in its own git worktree, as do others like it; ` +
        "Claude Code would edit the working tree directly. Its answer comes back as is (an object answer gets a `diff`).",
    );
  }
  for (const name of opts.unknown) noteOnce(ctx, scope, name, "warn", `agent option "${name}" is not known to Quorum and was ignored.`);
}
