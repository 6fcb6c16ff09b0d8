/**
 * Per-agent limits (rule L4) as this provider applies them.
 */
import type { AgentRequest } from "../contract.ts";

/** Turn limit when the request carries no usable one. */
export const DEFAULT_MAX_TURNS = 40;
/** Wall-time limit when the request carries no usable one. */
export const DEFAULT_AGENT_TIMEOUT_MS = 10 * 60_000;

/**
 * The request with its limits made usable: a missing, zero, negative or non-finite `maxTurns` or
 * `timeoutMs` is replaced by the default rather than meaning "no limit" (L4: every agent has one).
 * A fractional `maxTurns` is rounded down (but at least 1).
 */
export function withLimits(request: AgentRequest): AgentRequest {
  const maxTurns = Number.isFinite(request.maxTurns) && request.maxTurns >= 1 ? Math.floor(request.maxTurns) : DEFAULT_MAX_TURNS;
  const timeoutMs = Number.isFinite(request.timeoutMs) && request.timeoutMs > 0 ? request.timeoutMs : DEFAULT_AGENT_TIMEOUT_MS;
  return maxTurns === request.maxTurns && timeoutMs === request.timeoutMs ? request : { ...request, maxTurns, timeoutMs };
}
