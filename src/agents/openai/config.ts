/**
 * Connection settings of the OpenAI-compatible provider: where to send requests, with which key,
 * which model by default. Works for api.openai.com and for local servers (Ollama, vLLM,
 * llama.cpp) that speak Chat Completions.
 */
import { QuorumError } from "../../kernel/errors.ts";

/** The SDK's own default endpoint. A missing key is an error only here. */
export const OPENAI_API_BASE_URL = "https://api.openai.com/v1";
/** Model used on api.openai.com when neither the request nor the options name one. */
export const DEFAULT_OPENAI_MODEL = "gpt-5.5";
/** Sent as the bearer token to local servers that need none (the SDK insists on some key). */
export const LOCAL_SERVER_PLACEHOLDER_KEY = "quorum-local-no-key";
/** SDK retries per request for connection errors, 408, 409, 429 and 5xx (retry-after honoured). */
export const DEFAULT_MAX_RETRIES = 4;

/** Misconfiguration found before any request: says what is missing and how to provide it. */
export class OpenAIConfigError extends QuorumError {
  override name = "OpenAIConfigError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("openai_config", message, options);
  }
}

export interface OpenAIConnectionOptions {
  /** Defaults to `OPENAI_API_KEY`. Optional when `baseURL` points at a local server. */
  apiKey?: string;
  /** Defaults to `OPENAI_BASE_URL`, then api.openai.com. Must include the `/v1` prefix. */
  baseURL?: string;
  /** Model for requests without one. Defaults to {@link DEFAULT_OPENAI_MODEL} on api.openai.com only. */
  defaultModel?: string;
  maxRetries?: number;
}

export interface OpenAIConnection {
  apiKey: string;
  baseURL: string;
  /** `undefined` for a custom server without `defaultModel`: every request must then name a model. */
  defaultModel: string | undefined;
  maxRetries: number;
  /** True when talking to api.openai.com (a real key is required). */
  officialApi: boolean;
}

/**
 * Resolves options against the environment.
 *
 * Edge cases: empty strings count as unset; a trailing slash on the base URL is dropped; a custom
 * base URL without a key gets {@link LOCAL_SERVER_PLACEHOLDER_KEY}; api.openai.com without a key
 * throws {@link OpenAIConfigError}; a negative or fractional `maxRetries` throws.
 */
export function resolveConnection(
  options: OpenAIConnectionOptions,
  env: Record<string, string | undefined> = process.env,
): OpenAIConnection {
  const baseURL = (nonEmpty(options.baseURL) ?? nonEmpty(env["OPENAI_BASE_URL"]) ?? OPENAI_API_BASE_URL).replace(/\/+$/, "");
  const officialApi = isOfficialApi(baseURL);
  const givenKey = nonEmpty(options.apiKey) ?? nonEmpty(env["OPENAI_API_KEY"]);
  if (!givenKey && officialApi) {
    throw new OpenAIConfigError(
      `No OpenAI API key: set OPENAI_API_KEY (or pass apiKey) to use ${baseURL}. ` +
        `For a local OpenAI-compatible server (Ollama, vLLM, llama.cpp) set OPENAI_BASE_URL instead, e.g. http://127.0.0.1:11434/v1.`,
    );
  }
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new OpenAIConfigError(`maxRetries must be a whole number ≥ 0, got ${String(maxRetries)}.`);
  }
  return {
    apiKey: givenKey ?? LOCAL_SERVER_PLACEHOLDER_KEY,
    baseURL,
    defaultModel: nonEmpty(options.defaultModel) ?? (officialApi ? DEFAULT_OPENAI_MODEL : undefined),
    maxRetries,
    officialApi,
  };
}

function isOfficialApi(baseURL: string): boolean {
  try {
    return new URL(baseURL).hostname === "api.openai.com";
  } catch {
    throw new OpenAIConfigError(`OPENAI_BASE_URL / baseURL is not a valid URL: "${baseURL}". Expected e.g. http://127.0.0.1:11434/v1.`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
