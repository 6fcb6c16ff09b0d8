import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  QuorumError
} from "./chunk-TWYYX7QD.js";

// src/agents/openai/config.ts
var OPENAI_API_BASE_URL = "https://api.openai.com/v1";
var DEFAULT_OPENAI_MODEL = "gpt-5.5";
var LOCAL_SERVER_PLACEHOLDER_KEY = "quorum-local-no-key";
var DEFAULT_MAX_RETRIES = 4;
var OpenAIConfigError = class extends QuorumError {
  name = "OpenAIConfigError";
  constructor(message, options) {
    super("openai_config", message, options);
  }
};
function resolveConnection(options, env = process.env) {
  const baseURL = (nonEmpty(options.baseURL) ?? nonEmpty(env["OPENAI_BASE_URL"]) ?? OPENAI_API_BASE_URL).replace(/\/+$/, "");
  const officialApi = isOfficialApi(baseURL);
  const givenKey = nonEmpty(options.apiKey) ?? nonEmpty(env["OPENAI_API_KEY"]);
  if (!givenKey && officialApi) {
    throw new OpenAIConfigError(
      `No OpenAI API key: set OPENAI_API_KEY (or pass apiKey) to use ${baseURL}. For a local OpenAI-compatible server (Ollama, vLLM, llama.cpp) set OPENAI_BASE_URL instead, e.g. http://127.0.0.1:11434/v1.`
    );
  }
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new OpenAIConfigError(`maxRetries must be a whole number \u2265 0, got ${String(maxRetries)}.`);
  }
  return {
    apiKey: givenKey ?? LOCAL_SERVER_PLACEHOLDER_KEY,
    baseURL,
    defaultModel: nonEmpty(options.defaultModel) ?? (officialApi ? DEFAULT_OPENAI_MODEL : void 0),
    maxRetries,
    officialApi
  };
}
function isOfficialApi(baseURL) {
  try {
    return new URL(baseURL).hostname === "api.openai.com";
  } catch {
    throw new OpenAIConfigError(`OPENAI_BASE_URL / baseURL is not a valid URL: "${baseURL}". Expected e.g. http://127.0.0.1:11434/v1.`);
  }
}
function nonEmpty(value) {
  const trimmed = value?.trim();
  return trimmed ? trimmed : void 0;
}

export {
  OPENAI_API_BASE_URL,
  DEFAULT_OPENAI_MODEL,
  LOCAL_SERVER_PLACEHOLDER_KEY,
  DEFAULT_MAX_RETRIES,
  OpenAIConfigError,
  resolveConnection
};
