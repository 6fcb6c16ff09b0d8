/**
 * Turns whatever ended an agent into a failure reason and a message that says what went wrong and
 * what to do next (rule A5). The SDK has already retried what is retryable when an error gets here.
 */
import Anthropic from "@anthropic-ai/sdk";
import type { FailureReason, FatalCause } from "../contract.ts";
import type { StopReason } from "../deadline.ts";

/** API error texts that mean "the conversation does not fit the model's context window". */
const CONTEXT_OVERFLOW = /prompt is too long|context (window|length|limit)|too many (input )?tokens|exceeds? the (model's )?(maximum )?context/i;

export interface Failure {
  reason: FailureReason;
  message: string;
  /** Auth or connection: no other agent can succeed either (rule R2). */
  fatal?: FatalCause;
}

export interface FailureContext {
  /** Why the agent's deadline fired (the run stopped it, or its wall time ran out), or null while it has not. */
  stop: StopReason | null;
  timeoutMs: number;
  maxRetries: number;
  baseURL: string;
  model: string;
}

/** True when a 400 error's text says the request exceeds the context window. */
export function isContextOverflowMessage(text: string): boolean {
  return CONTEXT_OVERFLOW.test(text);
}

export function classifyFailure(error: unknown, ctx: FailureContext): Failure {
  if (ctx.stop === "stopped") return { reason: "stopped", message: "the run stopped this agent (cancelled or out of time)." };
  if (ctx.stop === "time_limit") {
    return {
      reason: "time_limit",
      message: `the agent hit its wall-time limit of ${formatMs(ctx.timeoutMs)} (L4). Give it a smaller task, or raise the per-agent time limit.`,
    };
  }
  if (error instanceof Anthropic.APIUserAbortError) return { reason: "stopped", message: "the request was aborted." };
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return { reason: "api_error", message: `requests to ${ctx.baseURL} timed out after ${ctx.maxRetries} retries.` };
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return {
      reason: "api_error",
      fatal: "connection",
      message: `could not reach ${ctx.baseURL} after ${ctx.maxRetries} retries: ${causeText(error)}. Check the network and ANTHROPIC_BASE_URL.`,
    };
  }
  if (error instanceof Anthropic.APIError) return classifyApiError(error, ctx);
  return { reason: "error", message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

function classifyApiError(error: InstanceType<typeof Anthropic.APIError>, ctx: FailureContext): Failure {
  const status = error.status ?? 0;
  const detail = `${status} ${error.type ?? "error"}: ${error.apiMessage ?? error.message}${error.requestID ? ` (request ${error.requestID})` : ""}`;
  if ((status === 400 && isContextOverflowMessage(error.apiMessage ?? error.message)) || status === 413) {
    return {
      reason: "context_overflow",
      message: `the conversation no longer fits the model's context window (${detail}). Give the agent a narrower task or tools that return less.`,
    };
  }
  if (status === 401) return { reason: "api_error", fatal: "auth", message: `Anthropic rejected the API key (${detail}). Check ANTHROPIC_API_KEY.` };
  if (status === 403) return { reason: "api_error", fatal: "auth", message: `this API key may not use ${ctx.model} (${detail}). Check ANTHROPIC_API_KEY and the model.` };
  if (status === 404) return { reason: "api_error", message: `model ${ctx.model} was not found (${detail}). Check opts.model or the configured default model.` };
  if (status === 429 || status >= 500) {
    return { reason: "api_error", message: `the Anthropic API still failed after ${ctx.maxRetries} retries: ${detail}.` };
  }
  return { reason: "api_error", message: `the Anthropic API refused the request: ${detail}.` };
}

function causeText(error: Error): string {
  const cause: unknown = error.cause;
  if (cause instanceof Error) return cause.message;
  return error.message;
}

function formatMs(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}
