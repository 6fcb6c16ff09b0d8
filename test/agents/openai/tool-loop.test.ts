import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/kernel/json.ts";
import { reply } from "../../support/fake-openai.ts";
import { harness, TEST_SYSTEM_PROMPT, type Harness } from "./helpers.ts";

const BUG_SCHEMA: JsonObject = {
  type: "object",
  properties: { bug: { type: "string" }, line: { type: "integer" } },
  required: ["bug", "line"],
  additionalProperties: false,
};

describe("OpenAI provider: the tool loop", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ "src/a.ts": "1: export const x = 1 / 0;" });
  });
  afterEach(async () => {
    await h.fake.stop();
  });

  it("A4 a schema agent reads a file with a tool, then answers with JSON validated against the schema", async () => {
    h.fake.enqueue(
      reply.toolCalls([{ name: "read", arguments: { path: "src/a.ts" }, id: "call_read" }], {
        usage: { prompt_tokens: 120, completion_tokens: 15, cached_tokens: 100 },
      }),
      reply.json({ bug: "division by zero", line: 1 }, { usage: { prompt_tokens: 160, completion_tokens: 25 } }),
    );

    const outcome = await h.run({ schema: BUG_SCHEMA });

    expect(outcome).toMatchObject({ ok: true, output: { bug: "division by zero", line: 1 }, turns: 2, model: "gpt-test" });
    expect(outcome.usage).toEqual({ inputTokens: 20 + 160, outputTokens: 40, cacheReadTokens: 100, cacheWriteTokens: 0 });
    expect(h.toolbox.calls).toEqual([{ name: "read", input: { path: "src/a.ts" } }]);

    const [first, second] = h.fake.chatRequests.map((r) => r.body);
    expect(first?.messages.slice(0, 2)).toEqual([
      { role: "system", content: expect.stringContaining(TEST_SYSTEM_PROMPT) },
      { role: "user", content: "Find the bug in src/a.ts." },
    ]);
    expect(first?.tools?.map((t) => t.function.name)).toEqual(["read", "grep"]);
    expect(first?.response_format).toEqual({ type: "json_schema", json_schema: { name: "agent_result", schema: BUG_SCHEMA, strict: false } });
    expect(second?.messages.at(-2)).toMatchObject({ role: "assistant", tool_calls: [{ id: "call_read", type: "function" }] });
    expect(second?.messages.at(-1)).toEqual({ role: "tool", tool_call_id: "call_read", content: "1: export const x = 1 / 0;" });
    expect(h.progress).toEqual([
      { type: "turn", turn: 1 },
      { type: "tool", tool: "read", detail: "src/a.ts" },
      { type: "turn", turn: 2 },
    ]);
  });

  it("A1 an agent without a schema resolves to its final text, with no response_format sent", async () => {
    h.fake.enqueue(reply.text("The bug is a division by zero."));
    const outcome = await h.run();
    expect(outcome).toMatchObject({ ok: true, output: "The bug is a division by zero.", turns: 1 });
    expect(h.fake.chatRequests[0]?.body.response_format).toBeUndefined();
  });

  it("A4 parallel tool calls are answered in one round, one tool message per call id, failures stated", async () => {
    h.fake.enqueue(
      reply.toolCalls([
        { name: "read", arguments: { path: "src/a.ts" }, id: "c1" },
        { name: "read", arguments: { path: "missing.ts" }, id: "c2" },
        { name: "grep", arguments: { pattern: "x" }, id: "c3" },
        { name: "delete_everything", arguments: {}, id: "c4" },
        { name: "read", arguments: "{not json", id: "c5" },
      ]),
      reply.text("done"),
    );

    const outcome = await h.run();

    expect(outcome).toMatchObject({ ok: true, output: "done", turns: 2 });
    const toolMessages = h.fake.chatRequests[1]?.body.messages.filter((m) => m.role === "tool") ?? [];
    expect(toolMessages.map((m) => m.tool_call_id)).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    const [ok, missing, crashed, unknown, badJson] = toolMessages.map((m) => String(m.content));
    expect(ok).toBe("1: export const x = 1 / 0;");
    expect(missing).toBe("Error: no such file: missing.ts");
    expect(crashed).toBe("Error: the grep tool failed: grep exploded");
    expect(unknown).toMatch(/^Error: there is no tool named "delete_everything". Available tools: read, grep/);
    expect(badJson).toMatch(/^Error: the arguments for read are not valid JSON/);
  });

  it("A4 a tool-free agent sends no tools array (local servers reject an empty one)", async () => {
    h.fake.enqueue(reply.text("ok"));
    await h.run({ tools: [] }, { toolboxFactory: () => ({ definitions: [], call: () => Promise.reject(new Error("unused")) }) });
    expect(h.fake.chatRequests[0]?.body).not.toHaveProperty("tools");
  });

  it("A7 the openai/ prefix is stripped, other slashes are kept, and Claude aliases are refused unless mapped", async () => {
    h.fake.setHandler(() => reply.text("ok"));
    await h.run({ model: "openai/gpt-5.5" });
    await h.run({ model: "Qwen/Qwen2.5-7B-Instruct" });
    await h.run({ model: "sonnet" }, { aliases: { sonnet: "qwen3:32b" } });
    expect(h.fake.chatRequests.map((r) => r.body.model)).toEqual(["gpt-5.5", "Qwen/Qwen2.5-7B-Instruct", "qwen3:32b"]);

    const refused = await h.run({ model: "opus" });
    expect(refused).toMatchObject({ ok: false, reason: "error", turns: 0 });
    if (!refused.ok) expect(refused.message).toMatch(/Claude alias.*aliases/);
    expect(h.fake.chatRequests).toHaveLength(3);
  });

  it("A7 a local server without defaultModel refuses a request with no model, saying what to set", async () => {
    const outcome = await h.run({ model: undefined });
    expect(outcome).toMatchObject({ ok: false, reason: "error" });
    if (!outcome.ok) expect(outcome.message).toMatch(/defaultModel/);
    h.fake.enqueue(reply.text("ok"));
    await h.run({ model: undefined }, { defaultModel: "llama3.3" });
    expect(h.fake.chatRequests[0]?.body.model).toBe("llama3.3");
  });

  it("L3 cost is 0 with a note (once) when the model has no known price; a priced model is summed per turn", async () => {
    h.fake.setHandler(() => reply.text("ok", { usage: { prompt_tokens: 1000, completion_tokens: 100 } }));
    const runner = h.runner();
    const request = { id: "a1", prompt: "hi", label: "x", phase: null, model: "llama3.3", schema: undefined, tools: [], isolation: "none" as const, cwd: "/", maxTurns: 5, timeoutMs: 10_000, hints: {} };
    const first = await runner.runAgent(request, new AbortController().signal);
    await runner.runAgent(request, new AbortController().signal);
    expect(first.costUsd).toBe(0);
    expect(h.notes.filter((n) => n.includes("llama3.3"))).toHaveLength(1);

    const priced = await h.run({ model: "gpt-priced" }, { price: (model, usage) => (model === "gpt-priced" ? usage.outputTokens * 0.01 : null) });
    expect(priced.costUsd).toBeCloseTo(1);
  });
});
