/**
 * The runner the engine talks to: routes each agent to a provider by its model name (rule A7) —
 * `anthropic` by default, `openai` and OpenAI-compatible local servers (`ollama/…`, `lmstudio/…`,
 * `vllm/…`) through the OpenAI provider.
 */
import { resolveAnthropicOptions, type AnthropicRunnerOptions } from "./anthropic/options.ts";
import { type AgentOutcome, type AgentProgress, type AgentRequest, type AgentRunner } from "./contract.ts";
import { ZERO_USAGE } from "../kernel/usage.ts";
import type { ProviderHooks } from "./hooks.ts";
import { DEFAULT_PROVIDER, formatModelRef, isProviderName, KNOWN_PROVIDERS, resolveModel, type ModelRef, type ProviderName } from "./models.ts";
import { resolveConnection } from "./openai/config.ts";
import type { OpenAIRunnerOptions } from "./openai/index.ts";
import { errorMessage, QuorumError } from "../kernel/errors.ts";

type LocalServer = Exclude<ProviderName, "anthropic" | "openai">;

/** Where OpenAI-compatible local servers listen by default (each serves Chat Completions at /v1). */
export const LOCAL_SERVER_BASE_URLS: Readonly<Record<LocalServer, string>> = {
  ollama: "http://127.0.0.1:11434/v1",
  lmstudio: "http://127.0.0.1:1234/v1",
  vllm: "http://127.0.0.1:8000/v1",
};

/** The hooks ({@link ProviderHooks}) are given to every provider unless its own options set them. */
export interface RunnerConfig extends ProviderHooks {
  /** Provider of agents whose model names none (`--provider`); default `anthropic`. */
  provider?: string;
  /** Default model: alias, full id or `provider/model` (`--model`). */
  defaultModel?: string;
  /** The repository the run works on. Providers take each agent's directory from `request.cwd`. */
  repo?: string;
  /** Options of the Anthropic provider (key, base URL, retries, …). */
  anthropic?: AnthropicRunnerOptions;
  /** Options of the OpenAI provider; the local servers share its non-connection options. */
  openai?: OpenAIRunnerOptions;
  /** Per local server: base URL, key, default model (defaults: {@link LOCAL_SERVER_BASE_URLS}). */
  localServers?: Partial<Record<LocalServer, OpenAIRunnerOptions>>;
}

/** No provider can run agents, or the one asked for is unknown: the message says what to do. */
export class MissingProviderError extends QuorumError {
  override name = "MissingProviderError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("missing_provider", message, options);
  }
}

/**
 * What to set to use `provider` (default: the default provider), as one sentence (rule K3).
 * For an unknown provider name, the providers that exist.
 */
export function describeMissingProvider(provider?: string): string {
  const name = provider?.trim().toLowerCase() || DEFAULT_PROVIDER;
  if (name === "anthropic") {
    return (
      "No model provider is configured. Set ANTHROPIC_API_KEY to run agents on Claude (the default), " +
      "or run with --provider openai and set OPENAI_API_KEY (for api.openai.com) or OPENAI_BASE_URL " +
      `(for an OpenAI-compatible server, e.g. Ollama at ${LOCAL_SERVER_BASE_URLS.ollama}).`
    );
  }
  if (name === "openai") {
    return "The openai provider needs OPENAI_API_KEY (for api.openai.com) or OPENAI_BASE_URL (for an OpenAI-compatible server such as Ollama, vLLM or llama.cpp).";
  }
  if (isLocalServer(name)) return `The ${name} provider could not be set up: is the server running at ${LOCAL_SERVER_BASE_URLS[name]}?`;
  return `Unknown provider "${provider ?? ""}": use one of ${KNOWN_PROVIDERS.join(", ")} (any other OpenAI-compatible server: --provider openai with OPENAI_BASE_URL).`;
}

function isLocalServer(name: string): name is LocalServer {
  return Object.hasOwn(LOCAL_SERVER_BASE_URLS, name);
}

/** The error for {@link describeMissingProvider}. */
export function missingProviderError(provider?: string): MissingProviderError {
  return new MissingProviderError(describeMissingProvider(provider));
}

/**
 * Creates the routing runner and, to fail fast (rule K3), the default provider's runner.
 *
 * Throws {@link MissingProviderError} for an unknown provider name or when the default provider is
 * Anthropic and no API key is set, and the provider's own configuration error otherwise (e.g. the
 * OpenAI provider without OPENAI_API_KEY / OPENAI_BASE_URL). Providers other than the default are
 * created on first use; if that fails, the agents that needed them fail with `reason: "error"` and
 * the configuration message, and the run goes on.
 */
export function createRunner(config: RunnerConfig = {}): AgentRunner {
  const env = config.env ?? process.env;
  const requested = config.provider?.trim().toLowerCase() || DEFAULT_PROVIDER;
  if (!isProviderName(requested)) throw missingProviderError(config.provider);
  const defaultProvider: ProviderName = requested;
  const runners = new Map<ProviderName, AgentRunner>();
  const runnerFor = (provider: ProviderName): AgentRunner => {
    let runner = runners.get(provider);
    if (!runner) {
      runner = makeProviderRunner(provider, config, env);
      runners.set(provider, runner);
    }
    return runner;
  };
  runnerFor(defaultProvider);
  const defaults = { provider: defaultProvider, ...(config.defaultModel?.trim() ? { model: config.defaultModel } : {}) };

  return {
    async runAgent(request: AgentRequest, signal: AbortSignal, onProgress?: (p: AgentProgress) => void): Promise<AgentOutcome> {
      let ref: ModelRef;
      let runner: AgentRunner;
      try {
        ref = resolveModel(request.model, defaults);
      } catch (error) {
        return failure(request.model, errorMessage(error));
      }
      try {
        runner = runnerFor(ref.provider);
      } catch (error) {
        return failure(formatModelRef(ref), `cannot use provider ${ref.provider}: ${errorMessage(error)}`);
      }
      return runner.runAgent({ ...request, model: ref.model }, signal, onProgress);
    },
  };
}

function makeProviderRunner(provider: ProviderName, config: RunnerConfig, env: Record<string, string | undefined>): AgentRunner {
  const hooks = {
    ...(config.toolboxFactory ? { toolboxFactory: config.toolboxFactory } : {}),
    ...(config.runAllowlist ? { runAllowlist: config.runAllowlist } : {}),
    ...(config.systemPrompt ? { systemPrompt: config.systemPrompt } : {}),
    ...(config.worktreeFactory ? { worktreeFactory: config.worktreeFactory } : {}),
    ...(config.onNotice ? { onNotice: config.onNotice } : {}),
    env,
  };
  if (provider === "anthropic") {
    if (!config.anthropic?.apiKey?.trim() && !env["ANTHROPIC_API_KEY"]?.trim()) throw missingProviderError("anthropic");
    const options: AnthropicRunnerOptions = { ...hooks, ...config.anthropic };
    resolveAnthropicOptions(options); // configuration mistakes surface now (rule K3), not at the first agent
    return lazyProvider(provider, async () => (await import("./anthropic/index.ts")).createAnthropicRunner(options));
  }
  // A local server gets neither the OpenAI key nor OpenAI's base URL or default model.
  const { apiKey: _key, baseURL: _url, defaultModel: _model, ...shared } = config.openai ?? {};
  const options: OpenAIRunnerOptions =
    provider === "openai"
      ? { ...hooks, ...config.openai }
      : { ...hooks, ...shared, env: { ...env, OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined }, baseURL: LOCAL_SERVER_BASE_URLS[provider], ...config.localServers?.[provider] };
  resolveConnection(options, options.env);
  return lazyProvider(provider, async () => (await import("./openai/index.ts")).createOpenAIRunner(options));
}

/**
 * A provider whose SDK is loaded by its first agent: a run answered from the journal, or one that
 * uses one provider, never loads the other SDKs (each is hundreds of modules). A provider that
 * cannot be created then fails each agent that needs it with the reason.
 */
function lazyProvider(name: string, create: () => Promise<AgentRunner>): AgentRunner {
  let runner: Promise<AgentRunner> | undefined;
  return {
    async runAgent(request, signal, onProgress) {
      runner ??= create();
      let provider: AgentRunner;
      try {
        provider = await runner;
      } catch (error) {
        return failure(request.model ?? name, `cannot use provider ${name}: ${errorMessage(error)}`);
      }
      return provider.runAgent(request, signal, onProgress);
    },
  };
}

function failure(model: string | undefined, message: string): AgentOutcome {
  return { ok: false, reason: "error", message, usage: ZERO_USAGE, costUsd: 0, model: model ?? "(default)", turns: 0 };
}
