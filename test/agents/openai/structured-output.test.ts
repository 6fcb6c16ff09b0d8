import { afterEach, describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/kernel/json.ts";
import { reply } from "../../support/fake-openai.ts";
import { agentRequest, harness, type Harness } from "./helpers.ts";

const VERDICT_SCHEMA: JsonObject = {
  type: "object",
  properties: { verdict: { enum: ["confirmed", "refuted"] }, reason: { type: "string" } },
  required: ["verdict", "reason"],
  additionalProperties: false,
};

describe("OpenAI provider: structured output", () => {
  let h: Harness;
  afterEach(async () => {
    await h.fake.stop();
  });

  it("A2 an invalid answer is sent back with the validation errors, and the corrected answer is accepted", async () => {
    h = await harness();
    h.fake.enqueue(reply.json({ verdict: "maybe" }), reply.json({ verdict: "refuted", reason: "guarded by auth()" }));

    const outcome = await h.run({ schema: VERDICT_SCHEMA });

    expect(outcome).toMatchObject({ ok: true, output: { verdict: "refuted", reason: "guarded by auth()" }, turns: 2 });
    const retry = h.fake.chatRequests[1]?.body.messages ?? [];
    expect(retry.at(-2)).toEqual({ role: "assistant", content: '{"verdict":"maybe"}' });
    expect(retry.at(-1)?.role).toBe("user");
    expect(String(retry.at(-1)?.content)).toMatch(/must have required property 'reason'/);
    expect(String(retry.at(-1)?.content)).toMatch(/must be equal to one of the allowed values/);
  });

  it("A2 prose and a code fence around the JSON are tolerated; non-JSON counts as an invalid answer", async () => {
    h = await harness();
    h.fake.enqueue(reply.text("I think it is fine."), reply.text('```json\n{"verdict":"confirmed","reason":"no check"}\n```'));
    const outcome = await h.run({ schema: VERDICT_SCHEMA });
    expect(outcome).toMatchObject({ ok: true, output: { verdict: "confirmed", reason: "no check" } });
    expect(String(h.fake.chatRequests[1]?.body.messages.at(-1)?.content)).toMatch(/not valid JSON/);
  });

  it("A2 after 3 failed retries the agent fails with schema_invalid quoting the last errors", async () => {
    h = await harness();
    h.fake.setHandler((request) => reply.json({ verdict: "confirmed", attempt: request.index }));

    const outcome = await h.run({ schema: VERDICT_SCHEMA });

    expect(h.fake.chatRequests).toHaveLength(4); // the answer and 3 retries
    expect(outcome).toMatchObject({ ok: false, reason: "schema_invalid", turns: 4 });
    if (outcome.ok) throw new Error("expected a failure");
    expect(outcome.message).toMatch(/after 3 retries/);
    expect(outcome.message).toMatch(/must have required property 'reason'/);
    expect(outcome.message).toMatch(/must NOT have additional properties \("attempt"\)/);
    expect(outcome.usage.outputTokens).toBe(4 * 20);
  });

  it("A2 when the server refuses response_format, the agent falls back to the submit_result tool (and the runner remembers)", async () => {
    h = await harness({}, { refuseResponseFormat: true });
    h.fake.enqueue(
      reply.toolCalls([{ name: "submit_result", arguments: { verdict: "confirmed" }, id: "s1" }]),
      reply.toolCalls([{ name: "submit_result", arguments: { verdict: "confirmed", reason: "unchecked input" }, id: "s2" }]),
    );
    const runner = h.runner();

    const outcome = await runner.runAgent(agentRequest({ schema: VERDICT_SCHEMA }), new AbortController().signal);

    expect(outcome).toMatchObject({ ok: true, output: { verdict: "confirmed", reason: "unchecked input" }, turns: 2 });
    const [probe, first, second] = h.fake.chatRequests.map((r) => r.body);
    expect(probe?.response_format?.type).toBe("json_schema");
    expect(first?.response_format).toBeUndefined();
    expect(first?.tools?.map((t) => t.function.name)).toEqual(["read", "grep", "submit_result"]);
    expect(first?.tools?.at(-1)?.function.parameters).toEqual(VERDICT_SCHEMA);
    expect(String(first?.messages[0]?.content)).toMatch(/call the submit_result tool/);
    expect(second?.messages.at(-1)).toMatchObject({ role: "tool", tool_call_id: "s1" });
    expect(String(second?.messages.at(-1)?.content)).toMatch(/^Rejected: .*required property 'reason'/);
    expect(h.notes.some((n) => /rejected response_format.*submit_result/.test(n))).toBe(true);

    // A second agent on the same runner and model does not probe again.
    h.fake.enqueue(reply.toolCalls([{ name: "submit_result", arguments: { verdict: "refuted", reason: "x" } }]));
    const again = await runner.runAgent(agentRequest({ schema: VERDICT_SCHEMA }), new AbortController().signal);
    expect(again).toMatchObject({ ok: true, output: { verdict: "refuted", reason: "x" }, turns: 1 });
    expect(h.fake.chatRequests.at(-1)?.body.response_format).toBeUndefined();
    expect(h.fake.chatRequests).toHaveLength(4);
  });

  it("A2 in submit-tool mode a prose answer gets a reminder to call submit_result", async () => {
    h = await harness();
    h.fake.enqueue(
      reply.text("The verdict is confirmed."),
      reply.toolCalls([{ name: "submit_result", arguments: { verdict: "confirmed", reason: "r" } }]),
    );
    const outcome = await h.run({ schema: VERDICT_SCHEMA }, { jsonSchemaSupport: "no" });
    expect(outcome).toMatchObject({ ok: true, output: { verdict: "confirmed", reason: "r" } });
    expect(h.fake.chatRequests[0]?.body.response_format).toBeUndefined();
    expect(String(h.fake.chatRequests[1]?.body.messages.at(-1)?.content)).toMatch(/must be handed in by calling submit_result/);
  });

  it("A2 with jsonSchemaSupport \"yes\" a refused response_format is an api_error, not a fallback", async () => {
    h = await harness({}, { refuseResponseFormat: true });
    const outcome = await h.run({ schema: VERDICT_SCHEMA }, { jsonSchemaSupport: "yes" });
    expect(outcome).toMatchObject({ ok: false, reason: "api_error" });
    if (!outcome.ok) expect(outcome.message).toMatch(/HTTP 400.*response_format/);
    expect(h.fake.chatRequests).toHaveLength(1);
  });
});
