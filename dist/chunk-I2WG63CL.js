import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  resolveAnthropicOptions
} from "./chunk-KXVYBTJK.js";
import {
  resolveConnection
} from "./chunk-PLCSZCDA.js";
import {
  DEFAULT_PROVIDER,
  KNOWN_PROVIDERS,
  formatModelRef,
  isProviderName,
  resolveModel
} from "./chunk-7K4EBRZO.js";
import {
  defaultRunAllowlist
} from "./chunk-UMV3I5YR.js";
import {
  QuorumError,
  ZERO_USAGE,
  errorMessage
} from "./chunk-TWYYX7QD.js";
import {
  info
} from "./chunk-2WVEEXN4.js";

// src/agents/runner.ts
var LOCAL_SERVER_BASE_URLS = {
  ollama: "http://127.0.0.1:11434/v1",
  lmstudio: "http://127.0.0.1:1234/v1",
  vllm: "http://127.0.0.1:8000/v1"
};
var MissingProviderError = class extends QuorumError {
  name = "MissingProviderError";
  constructor(message, options) {
    super("missing_provider", message, options);
  }
};
function describeMissingProvider(provider) {
  const name = provider?.trim().toLowerCase() || DEFAULT_PROVIDER;
  if (name === "anthropic") {
    return `No model provider is configured. Set ANTHROPIC_API_KEY to run agents on Claude (the default), or run with --provider openai and set OPENAI_API_KEY (for api.openai.com) or OPENAI_BASE_URL (for an OpenAI-compatible server, e.g. Ollama at ${LOCAL_SERVER_BASE_URLS.ollama}).`;
  }
  if (name === "openai") {
    return "The openai provider needs OPENAI_API_KEY (for api.openai.com) or OPENAI_BASE_URL (for an OpenAI-compatible server such as Ollama, vLLM or llama.cpp).";
  }
  if (isLocalServer(name)) return `The ${name} provider could not be set up: is the server running at ${LOCAL_SERVER_BASE_URLS[name]}?`;
  return `Unknown provider "${provider ?? ""}": use one of ${KNOWN_PROVIDERS.join(", ")} (any other OpenAI-compatible server: --provider openai with OPENAI_BASE_URL).`;
}
function isLocalServer(name) {
  return Object.hasOwn(LOCAL_SERVER_BASE_URLS, name);
}
function missingProviderError(provider) {
  return new MissingProviderError(describeMissingProvider(provider));
}
function createRunner(config = {}) {
  const env = config.env ?? process.env;
  const requested = config.provider?.trim().toLowerCase() || DEFAULT_PROVIDER;
  if (!isProviderName(requested)) throw missingProviderError(config.provider);
  const defaultProvider = requested;
  const runners = /* @__PURE__ */ new Map();
  const runnerFor = (provider) => {
    let runner = runners.get(provider);
    if (!runner) {
      runner = makeProviderRunner(provider, config, env);
      runners.set(provider, runner);
    }
    return runner;
  };
  runnerFor(defaultProvider);
  const defaults = { provider: defaultProvider, ...config.defaultModel?.trim() ? { model: config.defaultModel } : {} };
  return {
    async runAgent(request, signal, onProgress) {
      let ref;
      let runner;
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
    }
  };
}
function makeProviderRunner(provider, config, env) {
  const hooks = {
    ...config.toolboxFactory ? { toolboxFactory: config.toolboxFactory } : {},
    ...config.runAllowlist ? { runAllowlist: config.runAllowlist } : {},
    ...config.systemPrompt ? { systemPrompt: config.systemPrompt } : {},
    ...config.worktreeFactory ? { worktreeFactory: config.worktreeFactory } : {},
    ...config.onNotice ? { onNotice: config.onNotice } : {},
    env
  };
  if (provider === "anthropic") {
    if (!config.anthropic?.apiKey?.trim() && !env["ANTHROPIC_API_KEY"]?.trim()) throw missingProviderError("anthropic");
    const options2 = { ...hooks, ...config.anthropic };
    resolveAnthropicOptions(options2);
    return lazyProvider(provider, async () => (await import("./anthropic-IAFBV2Q7.js")).createAnthropicRunner(options2));
  }
  const { apiKey: _key, baseURL: _url, defaultModel: _model, ...shared } = config.openai ?? {};
  const options = provider === "openai" ? { ...hooks, ...config.openai } : { ...hooks, ...shared, env: { ...env, OPENAI_API_KEY: void 0, OPENAI_BASE_URL: void 0 }, baseURL: LOCAL_SERVER_BASE_URLS[provider], ...config.localServers?.[provider] };
  resolveConnection(options, options.env);
  return lazyProvider(provider, async () => (await import("./openai-VIZOYC5J.js")).createOpenAIRunner(options));
}
function lazyProvider(name, create) {
  let runner;
  return {
    async runAgent(request, signal, onProgress) {
      runner ??= create();
      let provider;
      try {
        provider = await runner;
      } catch (error) {
        return failure(request.model ?? name, `cannot use provider ${name}: ${errorMessage(error)}`);
      }
      return provider.runAgent(request, signal, onProgress);
    }
  };
}
function failure(model, message) {
  return { ok: false, reason: "error", message, usage: ZERO_USAGE, costUsd: 0, model: model ?? "(default)", turns: 0 };
}

// src/action/runner.ts
function makeRunner(inputs, config, checkout) {
  try {
    const allowlist = config.run.allowlist.length > 0 ? [...config.run.allowlist, ...config.run.testCommand ? [config.run.testCommand] : []] : defaultRunAllowlist(config.run.testCommand);
    const runner = createRunner({
      ...inputs.provider ? { provider: inputs.provider } : {},
      ...inputs.model || config.models.default ? { defaultModel: inputs.model || config.models.default } : {},
      repo: checkout,
      ...inputs.anthropicApiKey ? { anthropic: { apiKey: inputs.anthropicApiKey } } : {},
      runAllowlist: allowlist,
      onNotice: (notice) => info(notice)
    });
    return { runner };
  } catch (error) {
    return { runner: null, hint: `${errorMessage(error)} In the workflow file, pass it as the action's \`anthropic-api-key\` input from a secret.` };
  }
}

export {
  makeRunner
};
