/**
 * Token usage of one Chat Completions response, in the contract's shape.
 */
import type { CompletionUsage } from "openai/resources/completions";
import { ZERO_USAGE, type Usage } from "../../kernel/usage.ts";

/**
 * Maps OpenAI usage to {@link Usage}.
 *
 * OpenAI's `prompt_tokens` includes cached tokens; the contract (like Anthropic's API) keeps them
 * apart, so `inputTokens` = prompt − cached and `cacheReadTokens` = cached. OpenAI has no cache-write
 * charge: `cacheWriteTokens` is always 0. Missing usage (some local servers omit it) counts as zero;
 * negative or non-numeric fields are clamped to zero.
 */
export function usageFromCompletion(usage: CompletionUsage | undefined | null): Usage {
  if (!usage) return { ...ZERO_USAGE };
  const prompt = count(usage.prompt_tokens);
  const cached = Math.min(prompt, count(usage.prompt_tokens_details?.cached_tokens));
  return {
    inputTokens: prompt - cached,
    outputTokens: count(usage.completion_tokens),
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
  };
}

function count(value: number | undefined | null): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
