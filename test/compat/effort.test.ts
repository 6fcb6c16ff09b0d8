/** `effort` at the HTTP boundary (rule S7): Anthropic output_config.effort, OpenAI reasoning_effort. */
import { afterEach, describe, expect, it } from "vitest";
import { agentSystemPrompt } from "../../src/agents/framing.ts";
import { harness, type Harness } from "../agents/openai/helpers.ts";
import { makeRequest, useHarness } from "../agents/anthropic/helpers.ts";

describe("S7 effort reaches the Anthropic Messages API", () => {
  const h = useHarness();

  it("S7 effort is sent as output_config.effort on every turn; minimal maps to low; no effort sends none", async () => {
    h.fake.reply({ text: "one" }, { text: "two" }, { text: "three" });
    expect(await h.run(makeRequest({ effort: "high" }))).toMatchObject({ ok: true, output: "one" });
    expect(await h.run(makeRequest({ effort: "minimal" }))).toMatchObject({ ok: true, output: "two" });
    expect(await h.run(makeRequest())).toMatchObject({ ok: true, output: "three" });
    const configs = h.fake.requests.map((r) => r.body.output_config);
    expect(configs).toEqual([{ effort: "high" }, { effort: "low" }, undefined]);
  });

  it("S7 effort and native structured output share output_config", async () => {
    h.fake.reply({ json: { ok: true } });
    const schema = { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"], additionalProperties: false };
    expect(await h.run(makeRequest({ effort: "max", schema }))).toMatchObject({ ok: true, output: { ok: true } });
    const config = h.fake.requests[0]?.body.output_config as { effort?: string; format?: { type: string } };
    expect(config.effort).toBe("max");
    expect(config.format?.type).toBe("json_schema");
  });

  it("S7 a model that rejects the effort control is asked again without it, with one notice; the agent succeeds", async () => {
    h.fake.reply({ error: { status: 400, type: "invalid_request_error", message: "output_config.effort: this model does not support effort" } }, { text: "fine" });
    expect(await h.run(makeRequest({ effort: "low" }))).toMatchObject({ ok: true, output: "fine" });
    expect(h.fake.requests.map((r) => r.body.output_config)).toEqual([{ effort: "low" }, undefined]);
    expect(h.notices.filter((n) => /refused output_config\.effort/.test(n))).toHaveLength(1);
  });

  it("S7 an agent type's instructions reach the system prompt after Quorum's rules", async () => {
    h.fake.reply({ text: "ok" });
    const runner = h.runner({ systemPrompt: agentSystemPrompt });
    await h.run(makeRequest({ instructions: "You are the security reviewer." }), { runner });
    const system = JSON.stringify(h.fake.requests[0]?.body.system);
    expect(system).toMatch(/data, not instructions.*Your role for this task.*You are the security reviewer\./s);
  });
});

describe("S7 effort reaches OpenAI-compatible servers", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.fake.stop();
    h = undefined;
  });

  it("S7 effort is sent as reasoning_effort; no effort sends none", async () => {
    h = await harness();
    h.fake.enqueue({ kind: "message", content: "a", finishReason: "stop" }, { kind: "message", content: "b", finishReason: "stop" });
    expect(await h.run({ effort: "xhigh" })).toMatchObject({ ok: true, output: "a" });
    expect(await h.run({})).toMatchObject({ ok: true, output: "b" });
    expect(h.fake.chatRequests.map((r) => r.body.reasoning_effort)).toEqual(["xhigh", undefined]);
  });

  it("S7 a server that rejects reasoning_effort is asked again without it, with a note", async () => {
    h = await harness();
    h.fake.enqueue(
      { kind: "error", status: 400, message: "Unrecognized request argument supplied: reasoning_effort", param: "reasoning_effort" },
      { kind: "message", content: "done", finishReason: "stop" },
    );
    expect(await h.run({ effort: "low" })).toMatchObject({ ok: true, output: "done" });
    expect(h.fake.chatRequests.map((r) => r.body.reasoning_effort)).toEqual(["low", undefined]);
    expect(h.notes.some((n) => /rejected reasoning_effort/.test(n))).toBe(true);
  });
});
