import { describe, expect, it } from "vitest";
import type { Usage } from "../../src/kernel/usage.ts";
import { costUsd, MODEL_PRICES, priceFor, unknownPriceMessage } from "../../src/agents/pricing.ts";

const usage = (u: Partial<Usage>): Usage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, ...u });

describe("pricing", () => {
  it("L3 prices input, output, cache writes and cache reads separately", () => {
    // Sonnet 5.5: $2 in, $10 out, $2.50 5-minute cache write, $0.10 cache read per million tokens.
    const cost = costUsd("claude-sonnet-5-5", usage({ inputTokens: 1_000_000, outputTokens: 100_000, cacheWriteTokens: 200_000, cacheReadTokens: 2_000_000 }));
    expect(cost.priced).toBe(true);
    expect(cost.usd).toBeCloseTo(2 + 1 + 0.5 + 0.2, 10);
  });

  it("L3 finds prices for dated ids, [1m] variants and anthropic/ prefixes", () => {
    expect(priceFor("claude-haiku-4-5-20251001")).toBe(MODEL_PRICES["claude-haiku-4-5"]);
    expect(priceFor("claude-opus-5-5[1m]")).toBe(MODEL_PRICES["claude-opus-5-5"]);
    expect(priceFor("anthropic/claude-opus-5")).toBe(MODEL_PRICES["claude-opus-5"]);
  });

  it("L3 applies Haiku 5.5's long-prompt band per request", () => {
    const small = costUsd("claude-haiku-5-5", usage({ inputTokens: 50_000, outputTokens: 1_000 }));
    expect(small.usd).toBeCloseTo((50_000 * 0.1 + 1_000 * 0.5) / 1e6, 12);
    const large = costUsd("claude-haiku-5-5", usage({ inputTokens: 10_000, cacheReadTokens: 95_000, outputTokens: 1_000 }));
    expect(large.usd).toBeCloseTo((10_000 * 0.5 + 95_000 * 0.05 + 1_000 * 2.5) / 1e6, 12);
  });

  it("L3 flags an unknown model instead of silently costing it at 0", () => {
    expect(costUsd("gpt-5.5", usage({ inputTokens: 1000 }))).toEqual({ usd: 0, priced: false });
    expect(unknownPriceMessage("gpt-5.5")).toMatch(/^no price known for gpt-5\.5/);
  });

  it("L3 has a price for every alias target", () => {
    for (const id of ["claude-opus-5-5", "claude-sonnet-5-5", "claude-haiku-5-5"]) expect(priceFor(id)).not.toBeNull();
  });
});
