/**
 * Executes one run: builds the shared context, runs the script in its sandbox, enforces the
 * run's wall time and cancellation, and reports the outcome as `run.finished` (rule L4, C4).
 */
import type { AgentRunner } from "../agents/contract.ts";
import type { JsonValue } from "../kernel/json.ts";
import { Budget } from "./budget.ts";
import { localAgentTypes } from "../claude-code/agent-types-local.ts";
import { makeEmitter, type AgentTypeResolver, type ResolvedWorkflow, type RunContext, type ScriptScope, type WorkflowResolver } from "./context.ts";
import type { EventSink, RunStatus, RunTotals } from "./events.ts";
import type { JournalEntry, JsonLinesWriter } from "./journal.ts";
import { KeyAllocator } from "./keys.ts";
import { RUN_TIMEOUT_GRACE_MS, type RunLimits } from "./limits.ts";
import { validateArgs } from "./args.ts";
import { createHostFunctions } from "./primitives/host.ts";
import { GUEST_PRELUDE } from "./primitives/prelude.ts";
import { infrastructureFailures, incompleteMessage } from "./outcome.ts";
import { applyEvent, initialProgress, type ProgressState } from "./progress.ts";
import { runInSandbox } from "./sandbox/index.ts";
import type { SandboxLimits } from "./sandbox/types.ts";
import { prepareScript, type PreparedScript } from "./script/index.ts";
import { Scheduler } from "./scheduler.ts";
import { errorMessage } from "../kernel/errors.ts";

export const NO_RUNNER_HINT =
  "no model provider is configured. Set ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for a proxy), " +
  "or choose an OpenAI-compatible server with --provider openai and OPENAI_API_KEY / OPENAI_BASE_URL.";

export interface ExecuteOptions {
  runId: string;
  workflow: ResolvedWorkflow;
  prepared: PreparedScript;
  /** Already validated against meta.args. */
  args: JsonValue | undefined;
  repo: string;
  commit: string | null;
  resumed: boolean;
  runner: AgentRunner | null;
  missingRunnerHint?: string;
  limits: RunLimits;
  defaultModel?: string;
  phaseModels?: Readonly<Record<string, string>>;
  testCommands?: readonly string[];
  journal: ReadonlyMap<string, JournalEntry>;
  journalWriter: JsonLinesWriter | null;
  sinks: EventSink[];
  /** A progress state to reduce events into (the caller's report); a fresh one when absent. */
  progress?: ProgressState;
  resolveWorkflow: WorkflowResolver;
  /** Agent types (S7); default: `.claude/agents/` of `repo`. */
  resolveAgentType?: AgentTypeResolver;
  signal?: AbortSignal;
  sandboxLimits?: Partial<SandboxLimits>;
}

export interface ExecuteOutcome {
  status: RunStatus;
  result?: JsonValue;
  error?: string;
  totals: RunTotals;
}

export async function executeRun(options: ExecuteOptions): Promise<ExecuteOutcome> {
  const totalsView = options.progress ?? initialProgress();
  const emit = makeEmitter([(event) => applyEvent(totalsView, event), ...options.sinks]);
  const stops = new RunStops(emit);
  const ctx = createRunContext(options, emit, stops);
  stops.watch(ctx, options.signal, options.limits.runTimeoutMs);

  emit({
    type: "run.started",
    runId: options.runId,
    workflow: options.workflow.name,
    args: options.args,
    resumed: options.resumed,
    commit: options.commit,
    phases: (options.prepared.meta?.phases ?? []).map((p) => ({ title: p.title, ...(p.detail !== undefined ? { detail: p.detail } : {}) })),
  });
  for (const warning of options.prepared.warnings) emit({ type: "log", level: "warn", phase: null, message: warning });
  if (options.signal?.aborted) stops.cancel();

  let outcome = await runToOutcome(ctx, options, stops, totalsView);
  if (outcome.status === "succeeded") {
    // rule R1: a finished script whose agents failed to run has not earned "succeeded".
    const failures = infrastructureFailures(totalsView);
    if (failures.failed > 0) outcome = { ...outcome, status: "incomplete", error: incompleteMessage(failures) };
  }
  reportOvershoot(ctx);
  emit({ type: "run.finished", status: outcome.status, ...(outcome.result !== undefined ? { result: outcome.result } : {}), ...(outcome.error !== undefined ? { error: outcome.error } : {}), totals: { ...totalsView.totals } });
  return { ...outcome, totals: { ...totalsView.totals } };
}

/** The state a run and the workflows it calls inline share (rule C4). */
function createRunContext(options: ExecuteOptions, emit: RunContext["emit"], stops: RunStops): RunContext {
  return {
    runId: options.runId,
    repo: options.repo,
    limits: options.limits,
    scheduler: new Scheduler(options.limits.maxConcurrency),
    budget: new Budget(options.limits.budgetTokens, options.limits.maxCostUsd),
    keys: new KeyAllocator(),
    journal: options.journal,
    journalWriter: options.journalWriter,
    runner: options.runner,
    missingRunnerHint: options.missingRunnerHint ?? NO_RUNNER_HINT,
    defaultModel: options.defaultModel,
    phaseModels: options.phaseModels ?? {},
    testCommands: options.testCommands ?? [],
    resolveWorkflow: options.resolveWorkflow,
    resolveAgentType: options.resolveAgentType ?? localAgentTypes(options.repo),
    signal: stops.agents.signal,
    stoppers: new Set(),
    stopReason: null,
    failFast: (message) => stops.failFast(message),
    agentsStarted: 0,
    notedOptions: new Set(),
    emit,
  };
}

/**
 * How a run stops. Cancellation and the run's wall time stop the agents at once and give the
 * script {@link RUN_TIMEOUT_GRACE_MS} to return a partial result; a fatal agent failure (rule R2)
 * stops the script with the agents, with no grace period, and the run fails with its message.
 */
class RunStops {
  /** Aborted when the agents must stop (the context's signal). */
  readonly agents = new AbortController();
  /** Aborted when the script must stop. */
  readonly sandbox = new AbortController();
  stoppedAs: "cancelled" | "timed_out" | null = null;
  fatal: string | null = null;
  #ctx: RunContext | undefined;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #runTimer: ReturnType<typeof setTimeout> | undefined;
  #signal: AbortSignal | undefined;
  readonly #emit: RunContext["emit"];
  readonly cancel = () => this.#stop("cancelled", "The run was cancelled.");

  constructor(emit: RunContext["emit"]) {
    this.#emit = emit;
  }

  /** Starts watching the caller's cancellation and the run's wall time. */
  watch(ctx: RunContext, signal: AbortSignal | undefined, runTimeoutMs: number): void {
    this.#ctx = ctx;
    this.#signal = signal;
    signal?.addEventListener("abort", this.cancel, { once: true });
    this.#runTimer = setTimeout(() => this.#stop("timed_out", `The run reached its wall-time limit of ${Math.round(runTimeoutMs / 60_000)} min.`), runTimeoutMs);
  }

  failFast(message: string): void {
    if (this.stoppedAs !== null || this.fatal !== null) return;
    this.fatal = message;
    if (this.#ctx) this.#ctx.stopReason = message;
    this.stopAgents(new Error("stopped"));
    this.sandbox.abort(new Error(message));
  }

  stopAgents(reason: Error): void {
    this.agents.abort(reason);
    for (const stopAgent of [...(this.#ctx?.stoppers ?? [])]) stopAgent(reason);
  }

  /** The script has returned or thrown: no more timers, and any agent still running is stopped. */
  finish(): void {
    clearTimeout(this.#runTimer);
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    this.#signal?.removeEventListener("abort", this.cancel);
    this.stopAgents(new Error("the run finished"));
  }

  #stop(as: "cancelled" | "timed_out", why: string): void {
    if (this.stoppedAs !== null) return;
    this.stoppedAs = as;
    if (this.#ctx) this.#ctx.stopReason = why;
    this.#emit({ type: "log", level: "warn", phase: null, message: `${why} Running agents are being stopped; the script has ${RUN_TIMEOUT_GRACE_MS / 1000} s to return a partial result.` });
    this.stopAgents(new Error(as));
    this.#graceTimer = setTimeout(() => this.sandbox.abort(new Error(as)), RUN_TIMEOUT_GRACE_MS);
  }
}

/** Runs the top-level script and says how it ended. */
async function runToOutcome(ctx: RunContext, options: ExecuteOptions, stops: RunStops, totalsView: ProgressState): Promise<ExecuteOutcome> {
  try {
    const result = await runScript(ctx, options.workflow, options.prepared, options.args, 0, stops.sandbox.signal, options.sandboxLimits);
    if (stops.fatal !== null) return { status: "failed", error: stops.fatal, totals: totalsView.totals };
    return { status: stops.stoppedAs ?? "succeeded", ...(result !== undefined ? { result } : {}), totals: totalsView.totals };
  } catch (error) {
    return { status: stops.stoppedAs ?? "failed", error: stops.fatal ?? errorMessage(error), totals: totalsView.totals };
  } finally {
    stops.finish();
  }
}

/** Agents already running when a cap was reached may spend past it: the log says by how much. */
function reportOvershoot(ctx: RunContext): void {
  const overshoot = ctx.budget.overshoot();
  if (overshoot.tokens <= 0 && overshoot.costUsd <= 0) return;
  ctx.emit({
    type: "log",
    level: "warn",
    phase: null,
    message: `Budget overshoot: agents already running when the cap was reached spent ${overshoot.tokens} output tokens and $${overshoot.costUsd.toFixed(4)} past it.`,
  });
}

async function runScript(
  ctx: RunContext,
  workflow: ResolvedWorkflow,
  prepared: PreparedScript,
  args: JsonValue | undefined,
  depth: number,
  signal: AbortSignal,
  sandboxLimits: Partial<SandboxLimits> | undefined,
): Promise<JsonValue | undefined> {
  const scope: ScriptScope = { name: workflow.name, depth, meta: prepared.meta, args, currentPhase: null };
  const runNested = async (nameOrPath: string, nestedArgs: JsonValue | undefined) => {
    const nested = ctx.resolveWorkflow(nameOrPath);
    const nestedPrepared = prepareScript(nested.source, nested.filename);
    const checkedArgs = validateArgs(nested.name, nestedPrepared.meta?.args, nestedArgs);
    ctx.emit({ type: "log", level: "info", phase: scope.currentPhase, message: `workflow "${nested.name}" started inline` });
    return runScript(ctx, nested, nestedPrepared, checkedArgs, depth + 1, signal, sandboxLimits);
  };
  return runInSandbox({
    body: prepared.body,
    filename: workflow.filename,
    prelude: GUEST_PRELUDE,
    globals: { args },
    host: createHostFunctions(ctx, scope, runNested),
    ...(sandboxLimits ? { limits: sandboxLimits } : {}),
    signal,
  });
}
