import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRunner, describeMissingProvider, MissingProviderError } from "../../../src/agents/runner.ts";
import { FakeOpenAI, reply } from "../../support/fake-openai.ts";
import { makeRequest, memoryToolbox, useHarness } from "./helpers.ts";

describe("createRunner: provider routing", () => {
  const h = useHarness();
  let openai: FakeOpenAI;
  let ollama: FakeOpenAI;
  beforeEach(async () => {
    openai = await new FakeOpenAI().start();
    ollama = await new FakeOpenAI().start();
  });
  afterEach(async () => {
    await openai.stop();
    await ollama.stop();
  });

  const hooks = { toolboxFactory: () => memoryToolbox({}), systemPrompt: () => "framing", onNotice: () => {} };

  it("K3 without any key, createRunner says exactly what to set", () => {
    expect(() => createRunner({ env: {} })).toThrow(MissingProviderError);
    const message = describeMissingProvider();
    expect(message).toContain("ANTHROPIC_API_KEY");
    expect(message).toContain("--provider openai");
    expect(message).toContain("OPENAI_API_KEY");
    expect(message).toContain("OPENAI_BASE_URL");
  });

  it("K3 a misconfigured or unknown default provider fails at creation, not at the first agent", () => {
    expect(() => createRunner({ provider: "openai", env: {} })).toThrow(/OPENAI_API_KEY/);
    expect(() => createRunner({ provider: "gemini", env: {} })).toThrow(/Unknown provider "gemini": use one of anthropic, openai, ollama/);
    expect(describeMissingProvider("openai")).toContain("OPENAI_BASE_URL");
  });

  it("A7 routes aliases to Anthropic and provider/model to the OpenAI-compatible providers", async () => {
    h.fake.reply({ text: "from claude" });
    openai.enqueue(reply.text("from openai"));
    ollama.enqueue(reply.text("from ollama"));
    const runner = createRunner({
      ...hooks,
      env: { ANTHROPIC_API_KEY: "ant-key", OPENAI_API_KEY: "sk-openai-secret" },
      anthropic: { baseURL: h.fake.url, cacheWarmupMaxWaitMs: 0 },
      openai: { baseURL: openai.baseURL },
      localServers: { ollama: { baseURL: ollama.baseURL } },
    });
    const signal = new AbortController().signal;
    const tools = { tools: [] };
    expect(await runner.runAgent(makeRequest({ ...tools, model: "haiku" }), signal)).toMatchObject({ ok: true, output: "from claude", model: "claude-haiku-5-5" });
    expect(await runner.runAgent(makeRequest({ ...tools, model: "openai/gpt-5.5" }), signal)).toMatchObject({ ok: true, output: "from openai" });
    expect(await runner.runAgent(makeRequest({ ...tools, model: "ollama/qwen3:8b" }), signal)).toMatchObject({ ok: true, output: "from ollama" });
    expect(openai.chatRequests[0]?.body.model).toBe("gpt-5.5");
    expect(ollama.chatRequests[0]?.body.model).toBe("qwen3:8b");
    expect(ollama.chatRequests[0]?.headers.authorization).not.toContain("sk-openai-secret");
  });

  it("A7 an agent whose provider cannot be configured fails with the reason; the run goes on", async () => {
    h.fake.reply({ text: "still fine" });
    const runner = createRunner({ ...hooks, env: { ANTHROPIC_API_KEY: "ant-key" }, anthropic: { baseURL: h.fake.url } });
    const signal = new AbortController().signal;
    const failed = await runner.runAgent(makeRequest({ model: "openai/gpt-5.5", tools: [] }), signal);
    expect(failed).toMatchObject({ ok: false, reason: "error" });
    if (!failed.ok) expect(failed.message).toMatch(/cannot use provider openai: .*OPENAI_API_KEY/);
    expect(await runner.runAgent(makeRequest({ tools: [] }), signal)).toMatchObject({ ok: true, output: "still fine" });
  });

  it("A7 with --provider openai, a default model routes unprefixed agents to OpenAI", async () => {
    openai.enqueue(reply.text("hi"));
    const runner = createRunner({ ...hooks, provider: "openai", defaultModel: "gpt-5.5", env: { OPENAI_API_KEY: "sk" }, openai: { baseURL: openai.baseURL } });
    expect(await runner.runAgent(makeRequest({ model: undefined, tools: [] }), new AbortController().signal)).toMatchObject({ ok: true, output: "hi" });
    expect(openai.chatRequests[0]?.body.model).toBe("gpt-5.5");
  });
});
