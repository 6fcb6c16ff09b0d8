/**
 * Options of the Anthropic provider, their defaults, and how they are resolved against the
 * environment (`ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`).
 */
import type { ProviderHooks } from "../hooks.ts";
import { QuorumError } from "../../kernel/errors.ts";

/** SDK retries per request: connection errors, 408, 409, 429 and 5xx/529, honouring `retry-after`. */
export const DEFAULT_MAX_RETRIES = 4;
/** Output tokens per model call (thinking included). Below the SDK's non-streaming ceiling. */
export const DEFAULT_MAX_TOKENS = 16_000;
/** Time limit of one HTTP request; the agent's own wall-time limit usually ends it sooner. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10 * 60_000;
/** Turn limit when the request carries none (rule L4). */
export const DEFAULT_MAX_TURNS = 40;
/** Wall-time limit when the request carries none (rule L4). */
export const DEFAULT_AGENT_TIMEOUT_MS = 10 * 60_000;
/** How often an invalid structured answer is sent back before the agent fails (rule A2). */
export const MAX_SCHEMA_RETRIES = 3;
/**
 * How long fan-out siblings wait for the first of them to write the shared prompt prefix into the
 * cache before sending their own first request. 0 disables the wait.
 */
export const DEFAULT_CACHE_WARMUP_MAX_WAIT_MS = 30_000;

/** How structured output (`opts.schema`) is obtained from the model. */
export type StructuredOutputMode =
  /** The API's JSON-schema output (`output_config.format`); falls back to `tool` when refused. */
  | "native"
  /** A `submit_result` tool whose input schema is the output schema. */
  | "tool";

/** The hooks ({@link ProviderHooks}) plus this provider's connection and request settings. */
export interface AnthropicRunnerOptions extends ProviderHooks {
  /** Defaults to `ANTHROPIC_API_KEY`. */
  apiKey?: string;
  /** Defaults to `ANTHROPIC_BASE_URL`, then the SDK's https://api.anthropic.com. */
  baseURL?: string;
  /** Model for requests without one: alias, full id or `anthropic/<id>`. Default: `sonnet`. */
  defaultModel?: string;
  maxRetries?: number;
  maxTokens?: number;
  requestTimeoutMs?: number;
  structuredOutput?: StructuredOutputMode;
  cacheWarmupMaxWaitMs?: number;
}

/** The options with every default applied. */
export interface ResolvedAnthropicOptions {
  apiKey: string;
  baseURL: string | undefined;
  defaultModel: string | undefined;
  maxRetries: number;
  maxTokens: number;
  requestTimeoutMs: number;
  structuredOutput: StructuredOutputMode;
  cacheWarmupMaxWaitMs: number;
}

/** Misconfiguration found before any request; the message says what to set. */
export class AnthropicConfigError extends QuorumError {
  override name = "AnthropicConfigError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("anthropic_config", message, options);
  }
}

/**
 * Applies defaults and reads the environment.
 *
 * Edge cases: empty strings count as unset; no key anywhere throws {@link AnthropicConfigError}
 * (the SDK would otherwise fall back to credential profiles and fail later, less clearly);
 * negative or fractional numbers throw.
 */
export function resolveAnthropicOptions(options: AnthropicRunnerOptions): ResolvedAnthropicOptions {
  const env = options.env ?? process.env;
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env["ANTHROPIC_API_KEY"]);
  if (!apiKey) {
    throw new AnthropicConfigError(
      "No Anthropic API key: set ANTHROPIC_API_KEY (or pass apiKey) to run agents on Claude. " +
        "To use an OpenAI-compatible server instead, run with --provider openai and set OPENAI_API_KEY / OPENAI_BASE_URL.",
    );
  }
  return {
    apiKey,
    baseURL: nonEmpty(options.baseURL) ?? nonEmpty(env["ANTHROPIC_BASE_URL"]),
    defaultModel: nonEmpty(options.defaultModel),
    maxRetries: wholeNumber("maxRetries", options.maxRetries ?? DEFAULT_MAX_RETRIES, 0),
    maxTokens: wholeNumber("maxTokens", options.maxTokens ?? DEFAULT_MAX_TOKENS, 1),
    requestTimeoutMs: wholeNumber("requestTimeoutMs", options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, 1),
    structuredOutput: options.structuredOutput ?? "native",
    cacheWarmupMaxWaitMs: wholeNumber("cacheWarmupMaxWaitMs", options.cacheWarmupMaxWaitMs ?? DEFAULT_CACHE_WARMUP_MAX_WAIT_MS, 0),
  };
}

function wholeNumber(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new AnthropicConfigError(`${name} must be a whole number ≥ ${min}, got ${String(value)}.`);
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
