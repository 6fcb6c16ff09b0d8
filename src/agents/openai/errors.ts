/**
 * Turns what the `openai` SDK throws into the contract's failure reasons (rule A5), with messages
 * that say what went wrong and what to do next.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import type { FailureReason, FatalCause } from "../contract.ts";
import { errorMessage } from "../../kernel/errors.ts";

export interface ClassifiedError {
  reason: FailureReason;
  message: string;
  /** Auth or connection: no other agent can succeed either (rule R2). */
  fatal?: FatalCause;
}

/** Patterns servers use for "prompt too long" (OpenAI, vLLM, llama.cpp, LiteLLM). */
const CONTEXT_OVERFLOW_TEXT = /context_length_exceeded|maximum context length|context (?:length|size|window)|exceeds? the available context|too many tokens/i;
const CONTEXT_OVERFLOW_CODES = new Set(["context_length_exceeded", "exceed_context_size_error", "string_above_max_length"]);
/** How servers without structured outputs reject `response_format: json_schema`. */
const RESPONSE_FORMAT_TEXT = /response_format|json_schema|structured output/i;

/**
 * True for a 400/422 that rejects `response_format` itself (not a 400 about something else).
 * Edge case: a 400 whose message merely quotes the request body is still matched if it names
 * `response_format`; the cost of a false positive is one extra request in fallback mode.
 */
export function isResponseFormatRejected(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  if (error.param === "response_format") return true;
  return RESPONSE_FORMAT_TEXT.test(error.message) && !isContextOverflow(error);
}

/** True for a 400/422 that rejects `reasoning_effort` (a model or server without reasoning control, S7). */
export function isReasoningEffortRejected(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  return error.param === "reasoning_effort" || /reasoning[_ ]effort|reasoning\.effort/i.test(error.message);
}

/** True for a request rejected because the conversation no longer fits the model's context. */
export function isContextOverflow(error: unknown): boolean {
  if (!(error instanceof APIError)) return false;
  if (error.code && CONTEXT_OVERFLOW_CODES.has(error.code)) return true;
  if (error.type && CONTEXT_OVERFLOW_CODES.has(error.type)) return true;
  return (error.status === 400 || error.status === 413) && CONTEXT_OVERFLOW_TEXT.test(error.message);
}

/**
 * Classifies an error thrown by a Chat Completions call once the SDK has given up (its retries for
 * 408/409/429/5xx and connection errors are already spent). Aborts are handled by the caller,
 * which knows whether the run stopped the agent or its wall time ran out.
 */
export function classifyApiError(error: unknown, context: { model: string; baseURL: string; maxRetries: number }): ClassifiedError {
  if (isContextOverflow(error)) {
    return {
      reason: "context_overflow",
      message: `The conversation no longer fits the context window of ${context.model}: ${errorMessage(error)}. Give the agent a narrower task or a model with a larger context.`,
    };
  }
  const afterRetries = `after ${context.maxRetries} ${context.maxRetries === 1 ? "retry" : "retries"}`;
  if (error instanceof APIConnectionTimeoutError) {
    return { reason: "api_error", message: `The model server at ${context.baseURL} timed out ${afterRetries}. Check that it is up and not overloaded.` };
  }
  if (error instanceof APIConnectionError) {
    return {
      reason: "api_error",
      fatal: "connection",
      message: `Could not reach the model server at ${context.baseURL} ${afterRetries}: ${causeOf(error)}. Check OPENAI_BASE_URL and that the server is running.`,
    };
  }
  if (error instanceof APIError) {
    const fatal = error.status === 401 || error.status === 403 ? { fatal: "auth" as const } : {};
    return { reason: "api_error", ...fatal, message: `${describeStatus(error, context)} (${error.message}).` };
  }
  return { reason: "error", message: `Unexpected error calling ${context.baseURL}: ${errorMessage(error)}` };
}

function describeStatus(error: APIError, context: { model: string; baseURL: string; maxRetries: number }): string {
  const retries = `${context.maxRetries} ${context.maxRetries === 1 ? "retry" : "retries"}`;
  switch (error.status) {
    case 401:
      return `The model server rejected the API key: check OPENAI_API_KEY`;
    case 403:
      return `The API key may not use ${context.model}: check the project's model access`;
    case 404:
      return `Model "${context.model}" or the endpoint was not found at ${context.baseURL}: check the model id, and that the base URL ends in /v1`;
    case 429:
      return `Still rate limited after ${retries}: lower maxConcurrency or raise the account's limits`;
    default:
      if (typeof error.status === "number" && error.status >= 500) {
        return `The model server kept failing (HTTP ${error.status}) after ${retries}: try again later`;
      }
      return `The model server refused the request (HTTP ${String(error.status)})`;
  }
}


function causeOf(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code ?? (cause.cause as { code?: unknown } | undefined)?.code;
    return typeof code === "string" ? `${cause.message} (${code})` : cause.message;
  }
  return error.message;
}
