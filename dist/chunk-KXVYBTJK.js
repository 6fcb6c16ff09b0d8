import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  QuorumError
} from "./chunk-TWYYX7QD.js";

// src/agents/anthropic/options.ts
var DEFAULT_MAX_RETRIES = 4;
var DEFAULT_MAX_TOKENS = 16e3;
var DEFAULT_REQUEST_TIMEOUT_MS = 10 * 6e4;
var DEFAULT_MAX_TURNS = 40;
var DEFAULT_AGENT_TIMEOUT_MS = 10 * 6e4;
var MAX_SCHEMA_RETRIES = 3;
var DEFAULT_CACHE_WARMUP_MAX_WAIT_MS = 3e4;
var AnthropicConfigError = class extends QuorumError {
  name = "AnthropicConfigError";
  constructor(message, options) {
    super("anthropic_config", message, options);
  }
};
function resolveAnthropicOptions(options) {
  const env = options.env ?? process.env;
  const apiKey = nonEmpty(options.apiKey) ?? nonEmpty(env["ANTHROPIC_API_KEY"]);
  if (!apiKey) {
    throw new AnthropicConfigError(
      "No Anthropic API key: set ANTHROPIC_API_KEY (or pass apiKey) to run agents on Claude. To use an OpenAI-compatible server instead, run with --provider openai and set OPENAI_API_KEY / OPENAI_BASE_URL."
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
    cacheWarmupMaxWaitMs: wholeNumber("cacheWarmupMaxWaitMs", options.cacheWarmupMaxWaitMs ?? DEFAULT_CACHE_WARMUP_MAX_WAIT_MS, 0)
  };
}
function wholeNumber(name, value, min) {
  if (!Number.isInteger(value) || value < min) {
    throw new AnthropicConfigError(`${name} must be a whole number \u2265 ${min}, got ${String(value)}.`);
  }
  return value;
}
function nonEmpty(value) {
  const trimmed = value?.trim();
  return trimmed ? trimmed : void 0;
}

export {
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MAX_TURNS,
  DEFAULT_AGENT_TIMEOUT_MS,
  MAX_SCHEMA_RETRIES,
  DEFAULT_CACHE_WARMUP_MAX_WAIT_MS,
  AnthropicConfigError,
  resolveAnthropicOptions
};
