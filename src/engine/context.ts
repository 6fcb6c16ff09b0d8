/**
 * State shared by a run and the workflow it may call inline (rule C4: nested workflows share the
 * parent's concurrency, agent count, budget and cancellation), plus the per-script scope.
 */
import type { AgentDefinition } from "../claude-code/agent-definition.ts";
import type { AgentRunner } from "../agents/contract.ts";
import type { JsonValue } from "../kernel/json.ts";
import type { Budget } from "./budget.ts";
import type { EventSink, RunEvent } from "./events.ts";
import type { JournalEntry, JsonLinesWriter } from "./journal.ts";
import type { KeyAllocator } from "./keys.ts";
import type { RunLimits } from "./limits.ts";
import type { Scheduler } from "./scheduler.ts";
import type { WorkflowMeta } from "./script/index.ts";

/** Where a workflow's script comes from. */
export interface ResolvedWorkflow {
  name: string;
  source: string;
  filename: string;
}

/** Finds a workflow by name or path; throws a clear error for an unknown one. */
export type WorkflowResolver = (nameOrPath: string) => ResolvedWorkflow;

/** Finds the definition of an `agentType` (rule S7); throws a clear error for an unknown one. */
export type AgentTypeResolver = (type: string) => AgentDefinition;

type EventInput = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, "at"> : never) : never;

export interface RunContext {
  readonly runId: string;
  /** The checkout agents' tools see. */
  readonly repo: string;
  readonly limits: RunLimits;
  readonly scheduler: Scheduler;
  readonly budget: Budget;
  readonly keys: KeyAllocator;
  /** Finished agents from earlier attempts of this run, by key. */
  readonly journal: ReadonlyMap<string, JournalEntry>;
  readonly journalWriter: JsonLinesWriter | null;
  readonly runner: AgentRunner | null;
  /** Explains why there is no runner, for the error agent() throws. */
  readonly missingRunnerHint: string;
  readonly defaultModel: string | undefined;
  /** Configured model per phase title: after opts.model and meta.phases[].model, before the default (A7). */
  readonly phaseModels: Readonly<Record<string, string>>;
  /** The repository's configured test command(s), which `runTests()` may run (rule B2). */
  readonly testCommands: readonly string[];
  readonly resolveWorkflow: WorkflowResolver;
  readonly resolveAgentType: AgentTypeResolver;
  /** Aborted on cancellation or when the run's wall time is reached. */
  readonly signal: AbortSignal;
  /** Stops for the agents running now, called with the reason when the run stops (no per-agent listeners). */
  readonly stoppers: Set<(reason: unknown) => void>;
  /** Set once new agent() calls must throw (run deadline); the message says why. */
  stopReason: string | null;
  /**
   * Stops the whole run at once with one message (rule R2): an agent's provider rejected the key or
   * cannot be reached, so every other agent would fail the same way.
   */
  failFast(message: string): void;
  agentsStarted: number;
  /** Notes already in the log (unavailable tools, automatic worktrees, unknown options): each once per run. */
  readonly notedOptions: Set<string>;
  emit(event: EventInput): void;
}

/** One script being executed: the top-level workflow (depth 0) or one it called (depth 1). */
export interface ScriptScope {
  readonly name: string;
  readonly depth: number;
  readonly meta: WorkflowMeta | null;
  /** The args this script was started with, as the host validated them. */
  readonly args: JsonValue | undefined;
  currentPhase: string | null;
}

/** Fans an event out to every sink, stamped with the time; a sink that throws never fails the run. */
export function makeEmitter(sinks: EventSink[]): (event: EventInput) => void {
  return (event) => {
    const full = { ...event, at: Date.now() } as RunEvent;
    for (const sink of sinks) {
      try {
        sink(full);
      } catch {
        // A view failing never fails the run (rule P8's spirit, for every view).
      }
    }
  };
}

export type { EventInput };
