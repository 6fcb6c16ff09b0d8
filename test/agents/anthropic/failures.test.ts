import { describe, expect, it } from "vitest";
import { lastUserText, type FakeReply } from "../../support/fake-anthropic.ts";
import { makeRequest, memoryToolbox, useHarness } from "./helpers.ts";

const serverError = (status: number, type: string, message: string): FakeReply => ({ error: { status, type, message, retryAfterMs: 1 } });

describe("Anthropic provider: failures and limits", () => {
  const h = useHarness();

  it("A5 a 500 that persists after the SDK's retries fails with api_error and the API's reason", async () => {
    h.fake.handle(() => serverError(500, "api_error", "Internal server error"));
    const outcome = await h.run(makeRequest());
    expect(outcome).toMatchObject({ ok: false, reason: "api_error", turns: 0 });
    if (outcome.ok) return;
    expect(outcome.message).toContain("still failed after 2 retries");
    expect(outcome.message).toContain("500 api_error: Internal server error");
    expect(h.fake.requests).toHaveLength(3);
  });

  it("A5 529 overloaded and 429 rate-limited responses are retried, honouring retry-after, then succeed", async () => {
    h.fake.reply(
      { error: { status: 529, type: "overloaded_error", message: "Overloaded", retryAfterMs: 5 } },
      { error: { status: 429, type: "rate_limit_error", message: "Rate limited", retryAfter: 0.2 } },
      { text: "ok" },
    );
    const started = Date.now();
    const outcome = await h.run(makeRequest());
    expect(outcome).toMatchObject({ ok: true, output: "ok", turns: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190); // the 429's retry-after: 0.2 s
    expect(h.fake.requests.map((r) => r.status)).toEqual([529, 429, 200]);
    expect(h.fake.requests.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1", "2"]);
  });

  it("A5 a refusal fails with reason refusal and the API's explanation", async () => {
    h.fake.reply({
      text: "",
      stopReason: "refusal",
      stopDetails: { type: "refusal", category: "cyber", explanation: "could enable malware development" },
    });
    expect(await h.run(makeRequest())).toMatchObject({
      ok: false,
      reason: "refusal",
      message: expect.stringContaining("could enable malware development") as unknown as string,
    });
  });

  it("A5 stop_reason max_tokens fails with reason max_tokens", async () => {
    h.fake.reply({ text: "a very long answer that was cut", stopReason: "max_tokens" });
    const outcome = await h.run(makeRequest(), { runner: h.runner({ maxTokens: 1234 }) });
    expect(outcome).toMatchObject({ ok: false, reason: "max_tokens", turns: 1 });
    expect(h.fake.requests[0]?.body["max_tokens"]).toBe(1234);
    if (!outcome.ok) expect(outcome.message).toContain("1234 tokens");
  });

  it("A5 a 400 context-length error fails at once with context_overflow", async () => {
    h.fake.reply({ error: { status: 400, type: "invalid_request_error", message: "prompt is too long: 1000213 tokens > 1000000 maximum" } });
    const outcome = await h.run(makeRequest());
    expect(outcome).toMatchObject({ ok: false, reason: "context_overflow" });
    if (!outcome.ok) expect(outcome.message).toContain("prompt is too long");
    expect(h.fake.requests).toHaveLength(1);
  });

  it("A5 stop_reason model_context_window_exceeded fails with context_overflow", async () => {
    h.fake.reply({ text: "partial", stopReason: "model_context_window_exceeded" });
    expect(await h.run(makeRequest())).toMatchObject({ ok: false, reason: "context_overflow" });
  });

  it("A5 a rejected key says to check ANTHROPIC_API_KEY", async () => {
    h.fake.reply({ error: { status: 401, type: "authentication_error", message: "invalid x-api-key" } });
    const outcome = await h.run(makeRequest());
    expect(outcome).toMatchObject({ ok: false, reason: "api_error" });
    if (!outcome.ok) expect(outcome.message).toMatch(/rejected the API key .*Check ANTHROPIC_API_KEY/);
  });

  it("A5 aborting the run's signal stops the agent mid-request with reason stopped", async () => {
    h.fake.reply({ text: "too late", delayMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    // The reply would come after 5 s with "too late": `stopped` is only possible if the abort won.
    const outcome = await h.run(makeRequest(), { signal: controller.signal });
    expect(outcome).toMatchObject({ ok: false, reason: "stopped" });
  });

  it("A5 an agent whose run is already stopped sends nothing", async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await h.run(makeRequest(), { signal: controller.signal })).toMatchObject({ ok: false, reason: "stopped", turns: 0 });
    expect(h.fake.requests).toHaveLength(0);
  });

  it("L4 the per-agent turn limit fails with turn_limit, warning the model on its last turn", async () => {
    h.fake.handle(() => ({ toolCalls: [{ name: "read", input: { path: "a.ts" } }] }));
    const outcome = await h.run(makeRequest({ maxTurns: 3 }));
    expect(outcome).toMatchObject({ ok: false, reason: "turn_limit", turns: 3 });
    if (!outcome.ok) expect(outcome.message).toContain("all 3 turns");
    expect(h.fake.requests).toHaveLength(3);
    expect(lastUserText(h.fake.requests[2]?.body ?? {})).toContain("This is your last turn");
    expect(lastUserText(h.fake.requests[1]?.body ?? {})).not.toContain("This is your last turn");
  });

  it("L4 the per-agent wall-time limit fails with time_limit", async () => {
    // The reply would come after 30 s: `time_limit` is only possible if the 150 ms limit stopped the agent.
    h.fake.reply({ text: "slow", delayMs: 30_000 });
    const outcome = await h.run(makeRequest({ timeoutMs: 150 }));
    expect(outcome).toMatchObject({ ok: false, reason: "time_limit" });
    if (!outcome.ok) expect(outcome.message).toContain("wall-time limit");
  });

  it("A5 a tool that throws becomes an is_error tool result, and the agent goes on", async () => {
    const toolbox = memoryToolbox({
      read: () => {
        throw new Error("disk on fire");
      },
    });
    h.fake.reply({ toolCalls: [{ name: "read", input: { path: "a.ts" } }] }, { text: "could not read a.ts" });
    const outcome = await h.run(makeRequest(), { toolbox });
    expect(outcome).toMatchObject({ ok: true, output: "could not read a.ts" });
    expect(lastUserText(h.fake.requests[1]?.body ?? {})).toContain("Tool read failed: disk on fire");
  });

  it("A5 usage and turns of a failed agent are still reported", async () => {
    h.fake.reply({ toolCalls: [{ name: "read", input: { path: "a.ts" } }] }, serverError(400, "invalid_request_error", "messages.1: bad block"));
    const outcome = await h.run(makeRequest());
    expect(outcome).toMatchObject({ ok: false, reason: "api_error", turns: 1 });
    expect(outcome.usage.outputTokens).toBeGreaterThan(0);
    expect(outcome.costUsd).toBeGreaterThan(0);
  });
});
