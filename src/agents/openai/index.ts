/**
 * The OpenAI-compatible provider: OpenAI, Ollama, vLLM, llama.cpp server, LM Studio — anything that
 * speaks Chat Completions — through the official `openai` SDK (its retries honour retry-after).
 *
 * ```ts
 * const runner = createOpenAIRunner({ baseURL: "http://127.0.0.1:11434/v1", defaultModel: "qwen3:8b" });
 * const outcome = await runner.runAgent(request, signal);
 * ```
 */
import { OpenAI } from "openai";
import type { AgentRunner } from "../contract.ts";
import type { JsonObject } from "../../kernel/json.ts";
import { agentSystemPrompt } from "../framing.ts";
import { compileOutputSchema } from "../../schema/output-schema.ts";
import { createToolbox, defaultRunAllowlist } from "../tools/index.ts";
import { createWorktree } from "../worktree.ts";
import { runOpenAIAgent, type AgentDeps } from "./agent.ts";
import { OpenAIConfigError, resolveConnection, type OpenAIConnectionOptions } from "./config.ts";
import { createCostMeter, tablePrice, type PriceFunction } from "./cost.ts";
import { createFormatSupport, DEFAULT_JSON_SCHEMA_SUPPORT, type JsonSchemaSupport } from "./format-support.ts";
import type { ProviderHooks } from "../hooks.ts";
import type { OutputValidator } from "./structured-output.ts";

export { DEFAULT_OPENAI_MODEL, DEFAULT_MAX_RETRIES, LOCAL_SERVER_PLACEHOLDER_KEY, OPENAI_API_BASE_URL } from "./config.ts";
export { DEFAULT_AGENT_TIMEOUT_MS, DEFAULT_MAX_TURNS } from "./limits.ts";
export { MAX_SCHEMA_RETRIES, SUBMIT_TOOL_NAME } from "./structured-output.ts";
export { OpenAIConfigError };
export type { JsonSchemaSupport, PriceFunction, OutputValidator };
export type { SystemPromptBuilder, SystemPromptContext, ToolboxContext, ToolboxFactory, Worktree, WorktreeFactory } from "../hooks.ts";

/** The hooks ({@link ProviderHooks}; `env` is read for `OPENAI_API_KEY` / `OPENAI_BASE_URL`) plus this provider's settings. */
export interface OpenAIRunnerOptions extends OpenAIConnectionOptions, ProviderHooks {
  /** How structured output is requested; default `"auto"` (see {@link JsonSchemaSupport}). */
  jsonSchemaSupport?: JsonSchemaSupport;
  /** Sent as `max_completion_tokens`; unset = the server's default. */
  maxCompletionTokens?: number;
  /** Time limit of one HTTP request before the SDK retries it; default the SDK's (10 min). */
  requestTimeoutMs?: number;
  /** Names scripts may use for models on this server, e.g. `{ sonnet: "qwen3:32b" }`. */
  aliases?: Readonly<Record<string, string>>;
  /** Compiles an output schema; default `compileOutputSchema` (src/schema/output-schema.ts). */
  compileSchema?: (schema: JsonObject) => OutputValidator;
  /** USD of one request; default the table in src/agents/pricing.ts (`null` = unknown model). */
  price?: PriceFunction;
}

/**
 * Creates the runner. Throws `OpenAIConfigError` at once on misconfiguration (no key for
 * api.openai.com, a bad base URL, an unknown `jsonSchemaSupport`, a bad `maxRetries`,
 * `maxCompletionTokens` or `requestTimeoutMs`), so the mistake surfaces before any agent runs.
 * The runner is safe to share between concurrent agents; it remembers per model whether the
 * server refused `response_format`.
 */
export function createOpenAIRunner(options: OpenAIRunnerOptions = {}): AgentRunner {
  const connection = resolveConnection(options, options.env);
  const note = options.onNotice ?? ((message: string) => console.warn(`quorum (openai): ${message}`));
  const client = new OpenAI({
    apiKey: connection.apiKey,
    baseURL: connection.baseURL,
    maxRetries: connection.maxRetries,
    ...(options.requestTimeoutMs !== undefined ? { timeout: positiveWhole("requestTimeoutMs", options.requestTimeoutMs) } : {}),
  });
  const runAllowlist = options.runAllowlist ?? defaultRunAllowlist();
  const deps: AgentDeps = {
    client,
    connection,
    formats: createFormatSupport(jsonSchemaSupport(options.jsonSchemaSupport)),
    systemPrompt: options.systemPrompt ?? agentSystemPrompt,
    cost: createCostMeter(options.price ?? tablePrice, note),
    note,
    maxCompletionTokens: positiveWhole("maxCompletionTokens", options.maxCompletionTokens),
    toolboxFactory:
      options.toolboxFactory ?? (({ root, tools, isolation }) => createToolbox({ root, tools, isolation, runAllowlist })),
    worktreeFactory: options.worktreeFactory ?? createWorktree,
    compileSchema: options.compileSchema ?? compileOutputSchema,
    aliases: options.aliases ?? {},
  };
  return { runAgent: (request, signal, onProgress) => runOpenAIAgent(deps, request, signal, onProgress) };
}

function jsonSchemaSupport(value: JsonSchemaSupport | undefined): JsonSchemaSupport {
  if (value === undefined) return DEFAULT_JSON_SCHEMA_SUPPORT;
  if (value === "auto" || value === "yes" || value === "no") return value;
  throw new OpenAIConfigError(`jsonSchemaSupport must be "auto", "yes" or "no", got ${JSON.stringify(value)}.`);
}

function positiveWhole(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) throw new OpenAIConfigError(`${name} must be a whole number ≥ 1, got ${String(value)}.`);
  return value;
}
