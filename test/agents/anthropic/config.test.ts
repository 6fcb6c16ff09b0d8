import { describe, expect, it } from "vitest";
import { AnthropicConfigError, createAnthropicRunner } from "../../../src/agents/anthropic/index.ts";
import { makeRequest, memoryToolbox, useHarness } from "./helpers.ts";

describe("Anthropic provider: configuration", () => {
  const h = useHarness();

  it("K3 a missing API key is an error that says to set ANTHROPIC_API_KEY", () => {
    expect(() => createAnthropicRunner({ env: {} })).toThrow(AnthropicConfigError);
    expect(() => createAnthropicRunner({ env: { ANTHROPIC_API_KEY: "  " } })).toThrow(/set ANTHROPIC_API_KEY/);
    expect(() => createAnthropicRunner({ apiKey: "k", maxRetries: -1, env: {} })).toThrow(/maxRetries must be a whole number/);
  });

  it("A7 reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL from the environment", async () => {
    const runner = createAnthropicRunner({
      env: { ANTHROPIC_API_KEY: "env-key", ANTHROPIC_BASE_URL: h.fake.url },
      toolboxFactory: () => memoryToolbox({}),
      systemPrompt: () => "framing",
      onNotice: () => {},
    });
    h.fake.reply({ text: "hi" });
    expect(await runner.runAgent(makeRequest({ tools: [] }), new AbortController().signal)).toMatchObject({ ok: true, output: "hi" });
    expect(h.fake.requests[0]?.headers["authorization"]).toBe("Bearer env-key");
  });

  it("A7 requests use API version 2026-10-21 without removed or forcing parameters", async () => {
    h.fake.reply({ text: "hi" });
    await h.run(makeRequest({ model: "haiku" }));
    const request = h.fake.requests[0];
    expect(request?.headers["anthropic-version"]).toBe("2026-10-21");
    expect(request?.body["model"]).toBe("claude-haiku-5-5");
    for (const removed of ["temperature", "top_p", "top_k", "tool_choice"]) expect(request?.body).not.toHaveProperty(removed);
  });

  it("A7 uses the configured default model, and refuses models of other providers", async () => {
    h.fake.reply({ text: "hi" });
    const runner = h.runner({ defaultModel: "opus" });
    expect(await h.run(makeRequest({ model: undefined }), { runner })).toMatchObject({ ok: true, model: "claude-opus-5-5" });
    expect(await h.run(makeRequest({ model: "openai/gpt-5.5" }), { runner })).toMatchObject({ ok: false, reason: "error" });
    expect(h.fake.requests).toHaveLength(1);
  });
});
