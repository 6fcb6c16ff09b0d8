import { describe, expect, it } from "vitest";
import { addUsage, ZERO_USAGE } from "../../../src/kernel/usage.ts";
import { costUsd } from "../../../src/agents/pricing.ts";
import { assistantTurns } from "../../support/fake-anthropic.ts";
import { cacheReadShare, runSiblingScenario } from "../../support/fake-anthropic/siblings.ts";
import { makeRequest, useHarness } from "./helpers.ts";

type Block = { type: string; text?: string; cache_control?: unknown };
type Message = { role: string; content: Block[] };

const SHARED = `${"Audit rule: every handler checks the caller's role before it touches data.\n".repeat(20)}\n`;

function cacheMarks(body: Record<string, unknown>): string[] {
  const marks: string[] = [];
  (body["system"] as Block[]).forEach((b, i) => b.cache_control && marks.push(`system.${i}`));
  (body["messages"] as Message[]).forEach((m, i) => m.content.forEach((b, j) => b.cache_control && marks.push(`messages.${i}.${j}`)));
  return marks;
}

describe("Anthropic provider: prompt caching, usage and cost", () => {
  const h = useHarness();

  it("L3 usage is summed over turns with cache reads and writes, and priced per turn", async () => {
    h.fake.handle(({ body }) => (assistantTurns(body) < 2 ? { toolCalls: [{ name: "read", input: { path: "a.ts" } }] } : { text: "done" }));
    const outcome = await h.run(makeRequest({ model: "opus" }));
    expect(outcome.ok).toBe(true);
    const turns = h.fake.requests.map((r) => r.usage);
    const summed = turns.reduce(
      (acc, u) =>
        addUsage(acc, {
          inputTokens: u?.input_tokens ?? 0,
          outputTokens: u?.output_tokens ?? 0,
          cacheReadTokens: u?.cache_read_input_tokens ?? 0,
          cacheWriteTokens: u?.cache_creation_input_tokens ?? 0,
        }),
      ZERO_USAGE,
    );
    expect(outcome.usage).toEqual(summed);
    expect(outcome.usage.cacheReadTokens).toBeGreaterThan(0); // turns 2 and 3 read turn 1's prefix
    expect(outcome.usage.cacheWriteTokens).toBeGreaterThan(0);
    const expected = turns.reduce(
      (sum, u) =>
        sum +
        costUsd("claude-opus-5-5", {
          inputTokens: u?.input_tokens ?? 0,
          outputTokens: u?.output_tokens ?? 0,
          cacheReadTokens: u?.cache_read_input_tokens ?? 0,
          cacheWriteTokens: u?.cache_creation_input_tokens ?? 0,
        }).usd,
      0,
    );
    expect(outcome.costUsd).toBeCloseTo(expected, 12);
    expect(outcome.costUsd).toBeGreaterThan(0);
  });

  it("L3 an unknown model is flagged once: cost 0 and a 'no price known' notice", async () => {
    h.fake.reply({ text: "a" }, { text: "b" });
    const runner = h.runner();
    const first = await h.run(makeRequest({ model: "claude-nova-9" }), { runner });
    await h.run(makeRequest({ model: "claude-nova-9" }), { runner });
    expect(first).toMatchObject({ ok: true, costUsd: 0, model: "claude-nova-9" });
    expect(first.usage.inputTokens + first.usage.cacheWriteTokens).toBeGreaterThan(0);
    expect(h.notices).toEqual([expect.stringMatching(/^no price known for claude-nova-9/) as unknown as string]);
  });

  it("L3 breakpoints sit on the system prompt, the shared task, the previous turn and the last block (at most 4)", async () => {
    h.fake.handle(({ body }) => (assistantTurns(body) < 2 ? { toolCalls: [{ name: "read", input: { path: "a.ts" } }] } : { text: "done" }));
    const runner = h.runner();
    await h.run(makeRequest({ id: "a1", prompt: `${SHARED}File: a.ts` }), { runner });
    await h.run(makeRequest({ id: "a2", prompt: `${SHARED}File: b.ts` }), { runner });
    const second = h.fake.requests.slice(3).map((r) => cacheMarks(r.body));
    expect(second).toEqual([
      ["system.0", "messages.0.0", "messages.0.1"],
      ["system.0", "messages.0.0", "messages.0.1", "messages.2.0"],
      ["system.0", "messages.0.0", "messages.2.0", "messages.4.0"],
    ]);
    const firstMessage = (h.fake.requests[3]?.body["messages"] as Message[])[0];
    expect(firstMessage?.content.map((b) => b.text)).toEqual([SHARED, "File: b.ts"]);
    // The second agent read the system prompt and tools written by the first.
    expect(h.fake.requests[3]?.usage?.cache_read_input_tokens).toBeGreaterThan(0);
  });

  it("L3 fan-out siblings send a byte-identical prefix: tools, system and shared task", async () => {
    h.fake.handle(() => ({ text: "ok" }));
    const runner = h.runner();
    for (const file of ["a.ts", "b.ts", "c.ts"]) await h.run(makeRequest({ prompt: `${SHARED}File: ${file}` }), { runner });
    const prefixes = h.fake.requests.slice(1).map((r) => {
      const first = (r.body["messages"] as Message[])[0];
      return JSON.stringify([r.body["tools"], r.body["system"], first?.content[0]]);
    });
    expect(new Set(prefixes).size).toBe(1);
  });

  it("L3 concurrent agents with an identical prompt wait for the first one's cache write, then read it", async () => {
    h.fake.handle(() => ({ text: "ok", delayMs: 30 }));
    const runner = h.runner({ cacheWarmupMaxWaitMs: 5_000 });
    const prompt = `${SHARED}Is the role check complete?`;
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((i) => h.run(makeRequest({ id: `a${i}`, prompt }), { runner })));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const writers = h.fake.requests.filter((r) => (r.usage?.cache_creation_input_tokens ?? 0) > 0);
    expect(writers).toHaveLength(1);
    expect(cacheReadShare(outcomes.map((o) => o.usage))).toBeGreaterThan(0.75);
  });

  it("L3 50 fan-out siblings read at least 80% of their prompt tokens from the cache", async () => {
    const warm = await runSiblingScenario({ agents: 50, concurrency: 16 });
    const cold = await runSiblingScenario({ agents: 50, concurrency: 16, cacheWarmupMaxWaitMs: 0 });
    console.info(
      `cache-read share, 50 siblings at concurrency 16: ${(warm.share * 100).toFixed(1)}% with cache warm-up ` +
        `($${warm.totalCostUsd.toFixed(4)}), ${(cold.share * 100).toFixed(1)}% without ($${cold.totalCostUsd.toFixed(4)})`,
    );
    expect(warm.outcomes.every((o) => o.ok)).toBe(true);
    expect(warm.requests).toBe(100);
    expect(warm.share).toBeGreaterThanOrEqual(0.8);
    expect(warm.share).toBeGreaterThan(cold.share);
    expect(warm.totalCostUsd).toBeLessThan(cold.totalCostUsd);
  });

  it("L3 cacheReadShare is cache reads over all prompt tokens", () => {
    expect(cacheReadShare([])).toBe(0);
    expect(
      cacheReadShare([
        { inputTokens: 10, outputTokens: 5, cacheReadTokens: 80, cacheWriteTokens: 10 },
        { inputTokens: 0, outputTokens: 5, cacheReadTokens: 100, cacheWriteTokens: 0 },
      ]),
    ).toBeCloseTo(0.9, 12);
  });
});
