/**
 * Model names (rule A7): aliases, full ids and `provider/model` → which provider serves the agent
 * and which model id it sends.
 *
 * Alias targets checked 2026-11-21 against Anthropic's models overview (platform.claude.com/docs,
 * models/*-5-5/overview) and Claude Code's `--model` aliases: the newest Opus, Sonnet and Haiku.
 */
import { QuorumError } from "../kernel/errors.ts";

/** The provider used when neither the request nor the configuration names one. */
export const DEFAULT_PROVIDER = "anthropic";

/** Claude Code's model aliases and the Anthropic model ids they stand for today. */
export const MODEL_ALIASES = {
  opus: "claude-opus-5-5",
  sonnet: "claude-sonnet-5-5",
  haiku: "claude-haiku-5-5",
} as const satisfies Record<string, string>;
export type ModelAlias = keyof typeof MODEL_ALIASES;

/** The Anthropic model used when nothing names one: balanced speed and intelligence. */
export const DEFAULT_ANTHROPIC_MODEL: string = MODEL_ALIASES.sonnet;

/**
 * Prefixes understood in `provider/model`. Anything else before a slash is part of a model id
 * (e.g. vLLM's `Qwen/Qwen2.5-7B-Instruct`) and goes to the default provider unchanged.
 */
export const KNOWN_PROVIDERS = ["anthropic", "openai", "ollama", "lmstudio", "vllm"] as const;
export type ProviderName = (typeof KNOWN_PROVIDERS)[number];

export interface ModelRef {
  provider: ProviderName;
  /**
   * The model id to send, without the provider prefix. `undefined` means "the provider's
   * configured default" (only when neither the request nor the defaults name a model).
   */
  model: string | undefined;
}

export interface ModelDefaults {
  /** Provider for requests that do not name one; default {@link DEFAULT_PROVIDER}. */
  provider?: ProviderName;
  /**
   * Model for requests without `opts.model` (already merged with `meta.phases[].model` by the
   * engine, or not). May itself be an alias, a full id, or `provider/model`.
   */
  model?: string;
}

/** A model name that cannot be resolved; the message says what is accepted. */
export class ModelSpecError extends QuorumError {
  override name = "ModelSpecError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid_model", message, options);
  }
}

/** True when `name` is one of {@link MODEL_ALIASES}. */
export function isModelAlias(name: string): name is ModelAlias {
  return Object.hasOwn(MODEL_ALIASES, name);
}

/** True when `name` is one of {@link KNOWN_PROVIDERS}. */
export function isProviderName(name: string): name is ProviderName {
  return (KNOWN_PROVIDERS as readonly string[]).includes(name);
}

/**
 * Resolves a requested model against the defaults.
 *
 * - `undefined` or blank → `defaults.model` resolved the same way, else the default provider with
 *   `model: undefined` (the provider's own default; for Anthropic {@link DEFAULT_ANTHROPIC_MODEL}).
 * - `anthropic/x`, `openai/x`, `ollama/x`, … → that provider, model `x` (an alias after
 *   `anthropic/` is expanded).
 * - An alias (`opus`, `sonnet`, `haiku`) → Anthropic's current id when the default provider is
 *   Anthropic; with another default provider the alias is passed on unchanged, so that provider can
 *   map it (the OpenAI-compatible provider refuses unmapped Claude aliases with a clear message).
 * - A bare id starting with `claude-` → Anthropic (the id is unambiguous).
 * - Any other bare id, including ids with a slash whose prefix is not a known provider → the default
 *   provider, unchanged.
 *
 * Edge cases: names are trimmed; `anthropic/` with nothing after it throws {@link ModelSpecError}.
 */
export function resolveModel(requested: string | undefined, defaults: ModelDefaults = {}): ModelRef {
  const defaultProvider = defaults.provider ?? DEFAULT_PROVIDER;
  const name = requested?.trim();
  if (!name) {
    const fallback = defaults.model?.trim();
    if (fallback) return resolveModel(fallback, { provider: defaultProvider });
    return { provider: defaultProvider, model: defaultProvider === "anthropic" ? DEFAULT_ANTHROPIC_MODEL : undefined };
  }

  const slash = name.indexOf("/");
  if (slash > 0) {
    const prefix = name.slice(0, slash).toLowerCase();
    if (isProviderName(prefix)) {
      const rest = name.slice(slash + 1).trim();
      if (!rest) {
        throw new ModelSpecError(`Model "${name}" names the provider ${prefix} but no model: write e.g. "${prefix}/<model id>".`);
      }
      return { provider: prefix, model: prefix === "anthropic" && isModelAlias(rest) ? MODEL_ALIASES[rest] : rest };
    }
  }

  if (isModelAlias(name)) {
    return defaultProvider === "anthropic" ? { provider: "anthropic", model: MODEL_ALIASES[name] } : { provider: defaultProvider, model: name };
  }
  if (name.startsWith("claude-")) return { provider: "anthropic", model: name };
  return { provider: defaultProvider, model: name };
}

/** `provider/model` as one string, for logs and the run summary. */
export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}/${ref.model ?? "(default)"}`;
}
