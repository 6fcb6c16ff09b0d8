/**
 * An in-process AgentRunner for engine tests and benchmarks: answers come from a function of the
 * request, after an optional simulated latency. It honours the abort signal, validates schema
 * answers with the real validator (feeding errors back to the script's `respond` on retries, like a
 * provider does with a model), and counts calls so tests can assert that nothing ran twice.
 * For a worktree agent, a `diff` string in the answer object stands for the edits the agent made:
 * it becomes the outcome's diff, as a provider reports what `git diff` saw in the worktree.
 */
import type { AgentOutcome, AgentProgress, AgentRequest, AgentRunner, FailureReason } from "../../src/agents/contract.ts";
import type { JsonValue } from "../../src/kernel/json.ts";
import type { Usage } from "../../src/kernel/usage.ts";
import { compileOutputSchema } from "../../src/schema/output-schema.ts";

export interface ScriptedTurn {
  request: AgentRequest;
  /** 0 for the first answer, then 1..3 for answers after validation errors. */
  attempt: number;
  /** Validation errors of the previous answer (attempt > 0). */
  feedback?: string;
}

export type ScriptedAnswer =
  | JsonValue
  | { fail: FailureReason; message?: string }
  | { output: JsonValue; usage?: Partial<Usage>; costUsd?: number; tools?: { tool: string; detail: string }[] };

export interface ScriptedRunnerOptions {
  respond: (turn: ScriptedTurn) => ScriptedAnswer | Promise<ScriptedAnswer>;
  /** Simulated latency per call in ms (a number or a function of the request). */
  latencyMs?: number | ((request: AgentRequest) => number);
  /** Output tokens charged per answer when the answer does not say. */
  outputTokens?: number;
  costUsd?: number;
  maxSchemaRetries?: number;
}

export interface ScriptedRunner extends AgentRunner {
  calls: AgentRequest[];
  /** Number of agents running right now, and the most seen at once. */
  readonly running: number;
  readonly maxRunning: number;
}

const DEFAULT_OUTPUT_TOKENS = 100;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error("aborted"));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    }, { once: true });
  });
}

export function createScriptedRunner(options: ScriptedRunnerOptions): ScriptedRunner {
  const calls: AgentRequest[] = [];
  let running = 0;
  let maxRunning = 0;
  const maxRetries = options.maxSchemaRetries ?? 3;

  const runAgent = async (request: AgentRequest, signal: AbortSignal, onProgress?: (p: AgentProgress) => void): Promise<AgentOutcome> => {
    calls.push(request);
    running++;
    maxRunning = Math.max(maxRunning, running);
    const usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
    let cost = 0;
    const model = request.model ?? "scripted-model";
    try {
      const latency = typeof options.latencyMs === "function" ? options.latencyMs(request) : (options.latencyMs ?? 0);
      if (latency > 0) await sleep(latency, signal);
      const validator = request.schema ? compileOutputSchema(request.schema) : null;
      let feedback: string | undefined;
      for (let attempt = 0; attempt <= maxRetries; attempt++) {
        if (signal.aborted) throw new Error("aborted");
        const answer = await options.respond({ request, attempt, ...(feedback !== undefined ? { feedback } : {}) });
        let output: JsonValue;
        if (isObject(answer) && "fail" in answer && typeof answer.fail === "string") {
          return { ok: false, reason: answer.fail as FailureReason, message: typeof answer.message === "string" ? answer.message : `scripted ${answer.fail}`, usage, costUsd: cost, model, turns: attempt + 1 };
        }
        if (isObject(answer) && "output" in answer) {
          const a = answer as { output: JsonValue; usage?: Partial<Usage>; costUsd?: number; tools?: { tool: string; detail: string }[] };
          for (const t of a.tools ?? []) onProgress?.({ type: "tool", tool: t.tool, detail: t.detail });
          usage.inputTokens += a.usage?.inputTokens ?? 0;
          usage.outputTokens += a.usage?.outputTokens ?? options.outputTokens ?? DEFAULT_OUTPUT_TOKENS;
          usage.cacheReadTokens += a.usage?.cacheReadTokens ?? 0;
          usage.cacheWriteTokens += a.usage?.cacheWriteTokens ?? 0;
          cost += a.costUsd ?? options.costUsd ?? 0;
          output = a.output;
        } else {
          usage.outputTokens += options.outputTokens ?? DEFAULT_OUTPUT_TOKENS;
          cost += options.costUsd ?? 0;
          output = answer as JsonValue;
        }
        // A worktree agent's edits: a scripted answer names the diff they would produce as `diff`.
        let diff: string | undefined;
        if (request.isolation === "worktree" && isObject(output) && typeof output.diff === "string") {
          const { diff: produced, ...rest } = output;
          diff = produced as string;
          output = rest as JsonValue;
        }
        const done = (): AgentOutcome => ({ ok: true, output, usage, costUsd: cost, model, turns: attempt + 1, ...(diff !== undefined ? { diff } : {}) });
        if (validator === null) return done();
        const errors = validator.validate(output);
        if (errors === null) return done();
        feedback = errors;
      }
      return { ok: false, reason: "schema_invalid", message: `structured output still invalid after ${maxRetries} retries:\n${feedback ?? ""}`, usage, costUsd: cost, model, turns: maxRetries + 1 };
    } catch (error) {
      if (signal.aborted) {
        const reason: unknown = signal.reason;
        const timedOut = reason instanceof Error && reason.message === "time_limit";
        return { ok: false, reason: timedOut ? "time_limit" : "stopped", message: timedOut ? "wall-time limit reached" : "stopped", usage, costUsd: cost, model, turns: 0 };
      }
      throw error;
    } finally {
      running--;
    }
  };
  return {
    runAgent,
    calls,
    get running() {
      return running;
    },
    get maxRunning() {
      return maxRunning;
    },
  };
}
