/**
 * The host side of `agent()`: journal lookup, limits, budget, scheduling, the runner call, and
 * the events that describe it (rule A1–A7, J2, L1–L5).
 */
import { definitionKey, type AgentDefinition } from "../../claude-code/agent-definition.ts";
import { type AgentFailure, type AgentOutcome, type AgentRequest, type FailureReason, type ToolName } from "../../agents/contract.ts";
import type { JsonValue } from "../../kernel/json.ts";
import { ZERO_USAGE } from "../../kernel/usage.ts";
import { compileOutputSchema } from "../../schema/output-schema.ts";
import type { RunContext, ScriptScope } from "../context.ts";
import type { JournalEntry } from "../journal.ts";
import { journaled, type JournalRecord } from "../journaled.ts";
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

/** One agent() call, its options resolved: what the fresh run and the replay both need. */
interface AgentCall {
  agentId: string;
  opts: ParsedAgentOptions & { prompt: string };
  definition: AgentDefinition | undefined;
  phase: string | null;
  model: string | undefined;
  tools: ToolName[];
  isolation: "none" | "worktree";
  /** The agent got a worktree without asking for one (S7). */
  automatic: boolean;
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
  const { tools, isolation, automatic } = agentTools(ctx, scope, opts, definition);
  checkSchema(opts);
  checkCanStart(ctx, opts);

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
  const call: AgentCall = { agentId: "", opts, definition, phase, model, tools, isolation, automatic };
  return journaled(ctx, "agent", hash, {
    admit: (cached) => {
      // A journaled agent costs nothing now, so the caps do not stop it; what it cost when it ran
      // still counts against them (rule J6), so a run and its resumes share one budget.
      if (!cached) ctx.budget.assertCanStart();
      ctx.agentsStarted++;
      call.agentId = `a${ctx.agentsStarted}`;
    },
    replay: (cached) => replayAgent(ctx, call, cached),
    run: (record) => runFreshAgent(ctx, call, record),
  });
}

/** The tools the agent gets: its own `opts.tools`, else its type's, and the isolation they need. */
function agentTools(ctx: RunContext, scope: ScriptScope, opts: ParsedAgentOptions, definition: AgentDefinition | undefined) {
  let named: ToolName[] | undefined = opts.tools;
  const unavailable = [...opts.unavailableTools];
  if (named === undefined && definition?.tools !== undefined) {
    const mapped = mapTools(`agentType "${definition.name}" (${definition.source})`, definition.tools);
    named = mapped.tools;
    unavailable.push(...mapped.unavailable);
  }
  const effective = effectiveTools(named, opts.isolation);
  noteOptions(ctx, scope, opts, unavailable, effective.automatic);
  return effective;
}

/** A3: a bad schema throws before any model call. */
function checkSchema(opts: ParsedAgentOptions): void {
  if (opts.schema === undefined) return;
  try {
    compileOutputSchema(opts.schema);
  } catch (error) {
    throw new AgentCallError(`agent "${opts.label}": ${errorMessage(error)}`);
  }
}

/** The run's stop and its agent cap refuse new calls, journaled or not. */
function checkCanStart(ctx: RunContext, opts: ParsedAgentOptions): void {
  if (ctx.stopReason !== null) throw new AgentLimitError(`agent "${opts.label}" was not started: ${ctx.stopReason}`);
  if (ctx.agentsStarted >= ctx.limits.maxAgents) {
    throw new AgentLimitError(
      `agent "${opts.label}" was not started: this run reached its cap of ${ctx.limits.maxAgents} agents (maxAgents). ` +
        "Raise --max-agents or batch the work.",
    );
  }
}

/** An agent an earlier attempt of the run finished: its answer again, its cost counted, no model call. */
function replayAgent(ctx: RunContext, call: AgentCall, cached: JournalEntry): JsonValue {
  const { agentId, opts, phase } = call;
  ctx.budget.recordJournaled(cached.usage, cached.costUsd);
  ctx.emit({ type: "agent.queued", agentId, label: opts.label, phase });
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

/** The request the runner gets (the agents room's contract). */
function agentRequest(ctx: RunContext, call: AgentCall): AgentRequest {
  const { opts, definition } = call;
  return {
    id: call.agentId,
    prompt: opts.prompt,
    label: opts.label,
    phase: call.phase,
    model: call.model,
    schema: opts.schema,
    tools: call.tools,
    isolation: call.isolation,
    cwd: ctx.repo,
    maxTurns: ctx.limits.agentMaxTurns,
    timeoutMs: ctx.limits.agentTimeoutMs,
    hints: opts.hints,
    ...(opts.effort !== undefined ? { effort: opts.effort } : {}),
    ...(definition && definition.prompt !== "" ? { instructions: definition.prompt } : {}),
  };
}

/** Waits for a slot, calls the runner and reports what happened; `record` journals a success. */
async function runFreshAgent(ctx: RunContext, call: AgentCall, record: (entry: JournalRecord) => void): Promise<JsonValue> {
  const { agentId, opts, phase } = call;
  if (ctx.runner === null) {
    throw new AgentCallError(`agent "${opts.label}" cannot run: ${ctx.missingRunnerHint}`);
  }
  ctx.emit({ type: "agent.queued", agentId, label: opts.label, phase });
  const request = agentRequest(ctx, call);
  const release = await acquireSlot(ctx, call);
  if (release === null) return null;
  const startedAt = Date.now();
  let outcome: AgentOutcome;
  try {
    ctx.emit({ type: "agent.started", agentId, model: call.model });
    outcome = await runWithDeadline(ctx, request, (p) => {
      if (p.type === "tool") ctx.emit({ type: "agent.tool", agentId, tool: p.tool, detail: p.detail });
    });
  } finally {
    release();
  }
  const durationMs = Date.now() - startedAt;
  recordSpend(ctx, outcome);
  if (!outcome.ok) return agentFailed(ctx, call, outcome, durationMs);

  const output = outcome.output;
  const diff = outcome.diff ?? "";
  const result = call.isolation !== "worktree" ? output : call.automatic ? automaticWorktreeResult(ctx, opts.label, phase, output, diff) : withDiff(output, diff);
  record({ label: opts.label, phase, result, usage: outcome.usage, costUsd: outcome.costUsd, model: outcome.model, startedAt, durationMs });
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

/** A concurrency slot's release, or null (and a `stopped` agent) when the run stops first. */
async function acquireSlot(ctx: RunContext, call: AgentCall): Promise<(() => void) | null> {
  let release: () => void;
  try {
    release = await ctx.scheduler.acquire(ctx.signal);
  } catch {
    ctx.emit(failedEvent(call.agentId, call.opts.label, call.phase, "stopped", "the run stopped before this agent got a slot", 0));
    return null;
  }
  if (ctx.signal.aborted) {
    // The slot came free because the run is stopping (e.g. rule R2): nothing is sent.
    release();
    ctx.emit(failedEvent(call.agentId, call.opts.label, call.phase, "stopped", "the run stopped before this agent got a slot", 0));
    return null;
  }
  return release;
}

/** Counts what the agent cost; a budget event only when there is a cap to watch (spend is in every agent.finished). */
function recordSpend(ctx: RunContext, outcome: AgentOutcome): void {
  ctx.budget.record(outcome.usage, outcome.costUsd);
  if (ctx.budget.totalTokens === null && ctx.budget.maxCostUsd === null) return;
  ctx.emit({
    type: "budget",
    spentTokens: ctx.budget.spentTokens,
    totalTokens: ctx.budget.totalTokens,
    costUsd: ctx.budget.costUsd,
    maxCostUsd: ctx.budget.maxCostUsd,
    ...(ctx.budget.exceeded() ? { exceeded: ctx.budget.exceeded() } : {}),
  });
}

/** A failed agent: null for the script (with the reason in the stream), a throw for A2, a stopped run for R2. */
function agentFailed(ctx: RunContext, call: AgentCall, outcome: AgentFailure, durationMs: number): JsonValue {
  const { agentId, opts, phase } = call;
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
