/**
 * What an agent cost (rule L3): USD per million tokens for input, output, 5-minute cache writes and
 * cache reads, per Anthropic model.
 *
 * Source: Anthropic's pricing page, https://platform.claude.com/docs/en/about-claude/pricing
 * ("Model pricing"), and the per-model overview pages (platform.claude.com/docs/…/models/*),
 * checked 2026-11-21. Corrections known at that date are included: the Sonnet 5.5 cache-read cut
 * to $0.10 (effective 2026-10-07) and Haiku 5.5's two price bands by prompt length.
 * Update this table — and only this table — when prices change.
 */
import type { Usage } from "../kernel/usage.ts";

/** Prices in USD per million tokens. */
export interface TokenRates {
  input: number;
  output: number;
  /** 5-minute cache write (the TTL Quorum uses). */
  cacheWrite: number;
  cacheRead: number;
}

export interface ModelPrice extends TokenRates {
  /**
   * Rates for requests whose prompt (input + cache reads + cache writes) exceeds `thresholdTokens`;
   * they then apply to every token of that request, output included.
   */
  longPrompt?: TokenRates & { thresholdTokens: number };
}

/** Date the table was last checked against the source above. */
export const PRICES_CHECKED_ON = "2026-11-21";

const PER_MILLION = 1_000_000;

/** Keys are model ids without date suffix; see {@link priceFor} for how ids are matched. */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  "claude-fable-5-2": { input: 8, output: 40, cacheWrite: 10, cacheRead: 0.2 },
  "claude-fable-5-1": { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 0.25 },
  "claude-mythos-5-1": { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 0.25 },
  "claude-fable-5": { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 1 },
  "claude-mythos-5": { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 1 },
  "claude-opus-5-5": { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 },
  "claude-opus-5": { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  "claude-opus-4-8": { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  "claude-opus-4-7": { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  "claude-opus-4-6": { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  "claude-opus-4-5": { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  "claude-opus-4-1": { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 },
  "claude-opus-4": { input: 15, output: 75, cacheWrite: 18.75, cacheRead: 1.5 },
  "claude-sonnet-5-5": { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.1 },
  "claude-sonnet-5": { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  "claude-sonnet-4-6": { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  "claude-sonnet-4-5": { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  "claude-sonnet-4": { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  "claude-haiku-5-5": {
    input: 0.1,
    output: 0.5,
    cacheWrite: 0.125,
    cacheRead: 0.01,
    longPrompt: { thresholdTokens: 100_000, input: 0.5, output: 2.5, cacheWrite: 0.625, cacheRead: 0.05 },
  },
  "claude-haiku-4-5": { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
  "claude-haiku-3-5": { input: 0.8, output: 4, cacheWrite: 1, cacheRead: 0.08 },
};

/** A cost, and whether it rests on a known price. */
export interface CostEstimate {
  usd: number;
  /**
   * False when no price is known for the model: `usd` is then 0 and the caller should log
   * `no price known for <model>` (rule L5: no silent caps, no silent zeros).
   */
  priced: boolean;
}

/**
 * Finds the price of a model id. Matching: the exact id; else with a context suffix like `[1m]`
 * removed; else with a date suffix (`-20251001`) removed; else with a `provider/` prefix
 * (`anthropic/`) removed. Returns `null` for unknown models (other vendors, new Claude models).
 */
export function priceFor(model: string): ModelPrice | null {
  let id = model.trim().toLowerCase();
  if (id.startsWith("anthropic/")) id = id.slice("anthropic/".length);
  id = id.replace(/\[[^\]]*\]$/, "");
  return MODEL_PRICES[id] ?? MODEL_PRICES[id.replace(/-\d{8}$/, "")] ?? null;
}

/**
 * Cost of token usage at a model's prices.
 *
 * Price **each request** (each turn) on its own and add the results: for models with a
 * long-prompt band (Haiku 5.5) the band is chosen per request, from that request's prompt size;
 * pricing a sum over turns would apply it wrongly. Cache writes are priced at the 5-minute rate.
 * Unknown model → `{ usd: 0, priced: false }`.
 */
export function costUsd(model: string, usage: Usage): CostEstimate {
  const price = priceFor(model);
  if (!price) return { usd: 0, priced: false };
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  const rates = price.longPrompt && prompt > price.longPrompt.thresholdTokens ? price.longPrompt : price;
  const usd =
    (usage.inputTokens * rates.input +
      usage.outputTokens * rates.output +
      usage.cacheWriteTokens * rates.cacheWrite +
      usage.cacheReadTokens * rates.cacheRead) /
    PER_MILLION;
  return { usd, priced: true };
}

/** The sentence to log when {@link costUsd} says `priced: false`. */
export function unknownPriceMessage(model: string): string {
  return `no price known for ${model}: its cost is counted as $0 (tokens are still counted). Add it to MODEL_PRICES in src/agents/pricing.ts.`;
}
