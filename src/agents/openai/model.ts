/**
 * Which model id to send for a request (rule A7, as far as this provider is concerned).
 */

import { isModelAlias, KNOWN_PROVIDERS } from "../models.ts";

/** `provider/` prefixes served by this provider (src/agents/models.ts); stripped before sending. */
export const OPENAI_COMPATIBLE_PREFIXES: readonly string[] = KNOWN_PROVIDERS.filter((p) => p !== "anthropic").map((p) => `${p}/`);

export type ModelChoice = { ok: true; model: string } | { ok: false; message: string };

/**
 * Resolves `request.model`: `undefined` → the default; an entry of `aliases` → its target;
 * `openai/<id>`, `ollama/<id>`, `vllm/<id>`, `lmstudio/<id>` → `<id>`; anything else is sent
 * unchanged.
 *
 * Edge cases: only those provider prefixes are stripped, because local model ids contain slashes
 * (vLLM's `Qwen/Qwen2.5-7B-Instruct`) and proxies such as OpenRouter take `anthropic/claude-…`.
 * A Claude alias with no mapping, or no model at all on a custom server, is refused with a message
 * saying what to configure.
 */
export function chooseModel(
  requested: string | undefined,
  defaultModel: string | undefined,
  aliases: Readonly<Record<string, string>>,
): ModelChoice {
  const name = requested?.trim() || undefined;
  if (name === undefined) {
    if (defaultModel) return { ok: true, model: defaultModel };
    return {
      ok: false,
      message:
        "No model for the OpenAI-compatible provider: this server has no default. " +
        "Pass opts.model in the script, or configure defaultModel (e.g. the name `ollama list` shows).",
    };
  }
  const mapped = Object.hasOwn(aliases, name) ? aliases[name] : undefined;
  if (mapped) return { ok: true, model: mapped };
  if (isModelAlias(name)) {
    return {
      ok: false,
      message: `Model alias "${name}" is a Claude alias, which the OpenAI-compatible provider cannot serve. Map it in the provider's aliases or use a full model id.`,
    };
  }
  const prefix = OPENAI_COMPATIBLE_PREFIXES.find((p) => name.toLowerCase().startsWith(p));
  const model = prefix ? name.slice(prefix.length).trim() : name;
  if (!model) return { ok: false, message: `Model "${name}" names a provider but no model: write e.g. "${prefix}<model id>".` };
  return { ok: true, model };
}
