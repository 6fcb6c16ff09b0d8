/**
 * Run limits and their defaults (rule L1–L4, C3). Every limit is a named constant here so the
 * CLI, the Action and the docs agree on one number.
 */
import { QuorumError } from "../kernel/errors.ts";

export const DEFAULT_MAX_CONCURRENCY = 16;
export const MIN_MAX_CONCURRENCY = 1;
export const MAX_MAX_CONCURRENCY = 256;
export const DEFAULT_MAX_AGENTS = 1000;
/** `parallel` and `pipeline` refuse more items than this (C3). */
export const MAX_FAN_OUT = 4096;
export const DEFAULT_AGENT_MAX_TURNS = 40;
export const DEFAULT_AGENT_TIMEOUT_MS = 10 * 60_000;
/** Wall time of a whole run (`runTimeoutMs`, L4); an agent has its own, {@link DEFAULT_AGENT_TIMEOUT_MS}. */
export const DEFAULT_RUN_WALL_TIME_MS = 60 * 60_000;
/** After the run's wall time is reached, the script gets this long to return a partial result. */
export const RUN_TIMEOUT_GRACE_MS = 30_000;
/** An agent runner that ignores its abort signal is abandoned this long after its deadline. */
export const AGENT_ABANDON_GRACE_MS = 5_000;

export interface RunLimits {
  maxConcurrency: number;
  maxAgents: number;
  /** Output-token budget of the run (`budget.total`); null = unlimited. */
  budgetTokens: number | null;
  /** Cost cap in USD; null = unlimited. */
  maxCostUsd: number | null;
  agentMaxTurns: number;
  agentTimeoutMs: number;
  runTimeoutMs: number;
}

export const DEFAULT_LIMITS: Readonly<RunLimits> = Object.freeze({
  maxConcurrency: DEFAULT_MAX_CONCURRENCY,
  maxAgents: DEFAULT_MAX_AGENTS,
  budgetTokens: null,
  maxCostUsd: null,
  agentMaxTurns: DEFAULT_AGENT_MAX_TURNS,
  agentTimeoutMs: DEFAULT_AGENT_TIMEOUT_MS,
  runTimeoutMs: DEFAULT_RUN_WALL_TIME_MS,
});

/** Thrown for a limit given out of range; the message names the limit and the allowed range. */
export class LimitConfigError extends QuorumError {
  override name = "LimitConfigError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid_limit", message, options);
  }
}

function positiveInt(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new LimitConfigError(`${name} must be a whole number from ${min} to ${max}; got ${String(value)}.`);
  }
  return value;
}

function positiveOrNull(name: string, value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value) || value <= 0) {
    throw new LimitConfigError(`${name} must be a positive number (or unset for no cap); got ${String(value)}.`);
  }
  return value;
}

/** Merges overrides onto the defaults and checks every range. */
export function resolveLimits(overrides: Partial<RunLimits> = {}): RunLimits {
  const merged = { ...DEFAULT_LIMITS, ...stripUndefined(overrides) };
  return {
    maxConcurrency: positiveInt("maxConcurrency", merged.maxConcurrency, MIN_MAX_CONCURRENCY, MAX_MAX_CONCURRENCY),
    maxAgents: positiveInt("maxAgents", merged.maxAgents, 1, 1_000_000),
    budgetTokens: positiveOrNull("budgetTokens", merged.budgetTokens),
    maxCostUsd: positiveOrNull("maxCostUsd", merged.maxCostUsd),
    agentMaxTurns: positiveInt("agentMaxTurns", merged.agentMaxTurns, 1, 10_000),
    agentTimeoutMs: positiveInt("agentTimeoutMs", merged.agentTimeoutMs, 1, 24 * 3_600_000),
    runTimeoutMs: positiveInt("runTimeoutMs", merged.runTimeoutMs, 1, 7 * 24 * 3_600_000),
  };
}

function stripUndefined<T extends object>(value: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
