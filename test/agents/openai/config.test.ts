import { afterEach, describe, expect, it } from "vitest";
import {
  createOpenAIRunner,
  DEFAULT_OPENAI_MODEL,
  LOCAL_SERVER_PLACEHOLDER_KEY,
  OpenAIConfigError,
} from "../../../src/agents/openai/index.ts";
import { resolveConnection } from "../../../src/agents/openai/config.ts";
import { usageFromCompletion } from "../../../src/agents/openai/usage.ts";
import { reply, startFakeOpenAI, type FakeOpenAI } from "../../support/fake-openai.ts";
import { agentRequest, memoryToolbox } from "./helpers.ts";

describe("OpenAI provider: configuration", () => {
  let fake: FakeOpenAI | undefined;
  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
  });

  it("K3 a missing key for api.openai.com is a clear error naming OPENAI_API_KEY and OPENAI_BASE_URL", () => {
    const create = () => createOpenAIRunner({ env: {} });
    expect(create).toThrow(OpenAIConfigError);
    expect(create).toThrow(/set OPENAI_API_KEY.*OPENAI_BASE_URL/s);
    expect(() => createOpenAIRunner({ env: { OPENAI_API_KEY: "  " } })).toThrow(OpenAIConfigError);
  });

  it("K3 the key and base URL come from the environment when not given; api.openai.com gets a default model", () => {
    expect(resolveConnection({}, { OPENAI_API_KEY: "sk-env" })).toEqual({
      apiKey: "sk-env",
      baseURL: "https://api.openai.com/v1",
      defaultModel: DEFAULT_OPENAI_MODEL,
      maxRetries: 4,
      officialApi: true,
    });
    expect(resolveConnection({ apiKey: "sk-opt", baseURL: "http://127.0.0.1:8000/v1/" }, { OPENAI_API_KEY: "sk-env" })).toMatchObject({
      apiKey: "sk-opt",
      baseURL: "http://127.0.0.1:8000/v1",
      defaultModel: undefined,
      officialApi: false,
    });
    expect(() => resolveConnection({ baseURL: "not a url" }, {})).toThrow(/not a valid URL/);
    expect(() => resolveConnection({ maxRetries: -1 }, { OPENAI_API_KEY: "k" })).toThrow(/maxRetries/);
    expect(() => createOpenAIRunner({ apiKey: "k", maxCompletionTokens: 0 })).toThrow(OpenAIConfigError);
    expect(() => createOpenAIRunner({ apiKey: "k", requestTimeoutMs: 1.5 })).toThrow(/requestTimeoutMs/);
  });

  it("K3 a local server (OPENAI_BASE_URL) needs no key: a placeholder bearer token is sent", async () => {
    fake = await startFakeOpenAI();
    fake.enqueue(reply.text("hello from llama.cpp"));
    const runner = createOpenAIRunner({
      env: { OPENAI_BASE_URL: fake.baseURL },
      defaultModel: "local-model",
      toolboxFactory: () => memoryToolbox(),
      systemPrompt: () => "sys",
      onNotice: () => {},
    });
    const outcome = await runner.runAgent(agentRequest({ model: undefined }), new AbortController().signal);
    expect(outcome).toMatchObject({ ok: true, output: "hello from llama.cpp", model: "local-model" });
    expect(fake.chatRequests[0]?.headers.authorization).toBe(`Bearer ${LOCAL_SERVER_PLACEHOLDER_KEY}`);
  });

  it("L3 usage: cached prompt tokens become cacheReadTokens and are not counted twice as input", () => {
    expect(
      usageFromCompletion({ prompt_tokens: 1000, completion_tokens: 50, total_tokens: 1050, prompt_tokens_details: { cached_tokens: 800 } }),
    ).toEqual({ inputTokens: 200, outputTokens: 50, cacheReadTokens: 800, cacheWriteTokens: 0 });
    expect(usageFromCompletion(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
  });
});
