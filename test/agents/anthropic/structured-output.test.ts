import { describe, expect, it } from "vitest";
import { MAX_SCHEMA_RETRIES, SUBMIT_TOOL_NAME } from "../../../src/agents/anthropic/index.ts";
import type { JsonObject } from "../../../src/kernel/json.ts";
import { compileOutputSchema, SchemaDefinitionError } from "../../../src/schema/output-schema.ts";
import { lastUserText, toolResults } from "../../support/fake-anthropic.ts";
import { makeRequest, memoryToolbox, useHarness } from "./helpers.ts";

const schema: JsonObject = {
  type: "object",
  properties: { verdict: { enum: ["confirmed", "refuted"] }, reason: { type: "string", minLength: 3 } },
  required: ["verdict", "reason"],
  additionalProperties: false,
};

describe("Anthropic provider: structured output", () => {
  const h = useHarness();

  it("A2 invalid structured output is sent back with the errors, then the valid answer is returned", async () => {
    h.fake.reply({ json: { verdict: "maybe" } }, { json: { verdict: "refuted", reason: "the guard checks the role" } });
    const outcome = await h.run(makeRequest({ schema }));
    expect(outcome).toMatchObject({ ok: true, output: { verdict: "refuted", reason: "the guard checks the role" }, turns: 2 });
    const [first, second] = h.fake.requests;
    expect(first?.body["output_config"]).toMatchObject({ format: { type: "json_schema", schema: { type: "object", additionalProperties: false } } });
    const feedback = lastUserText(second?.body ?? {});
    expect(feedback).toContain("does not match the required JSON schema");
    expect(feedback).toContain("/: must have required property 'reason'");
    expect(feedback).toContain("/verdict: must be equal to one of the allowed values");
  });

  it("A2 after 3 failed retries the agent fails with schema_invalid, quoting the last errors", async () => {
    h.fake.reply({ json: { verdict: "x" } }, { json: { verdict: "y" } }, { json: { verdict: "z" } }, { json: { verdict: "refuted", reason: "no" } });
    const outcome = await h.run(makeRequest({ schema }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toBe("schema_invalid");
    expect(outcome.message).toContain(`after ${MAX_SCHEMA_RETRIES} retries`);
    expect(outcome.message).toContain("/reason: must NOT have fewer than 3 characters");
    expect(h.fake.requests).toHaveLength(1 + MAX_SCHEMA_RETRIES);
    expect(outcome.turns).toBe(4);
    expect(outcome.usage.outputTokens).toBeGreaterThan(0);
  });

  it("A2 text that is not JSON is sent back as a parse error", async () => {
    h.fake.reply({ text: "I think it is confirmed." }, { json: { verdict: "confirmed", reason: "seen at a.ts:3" } });
    const outcome = await h.run(makeRequest({ schema }));
    expect(outcome).toMatchObject({ ok: true, output: { verdict: "confirmed" } });
    expect(lastUserText(h.fake.requests[1]?.body ?? {})).toMatch(/not valid JSON/);
  });

  it("A2 in submit_result mode, an invalid submission gets an is_error result with the errors", async () => {
    h.fake.reply({ json: { verdict: "confirmed" } }, { json: { verdict: "confirmed", reason: "line 12 skips auth" } });
    const outcome = await h.run(makeRequest({ schema }), { runner: h.runner({ structuredOutput: "tool" }) });
    expect(outcome).toMatchObject({ ok: true, output: { verdict: "confirmed", reason: "line 12 skips auth" } });
    const [first, second] = h.fake.requests;
    expect(first?.body["output_config"]).toBeUndefined();
    expect((first?.body["tools"] as { name: string }[]).map((t) => t.name)).toContain(SUBMIT_TOOL_NAME);
    expect(first?.body["tool_choice"]).toBeUndefined();
    const [result] = toolResults(second?.body ?? {});
    expect(result?.is_error).toBe(true);
    expect(result?.content).toContain("/: must have required property 'reason'");
  });

  it("A2 falls back to a submit_result tool when the API refuses JSON-schema output, and remembers it", async () => {
    h.fake.handle(({ body }) =>
      body["output_config"]
        ? { error: { status: 400, type: "invalid_request_error", message: "output_config.format: this schema is not supported" } }
        : { json: { verdict: "refuted", reason: "tests cover it" } },
    );
    const runner = h.runner();
    expect(await h.run(makeRequest({ schema }), { runner })).toMatchObject({ ok: true, output: { verdict: "refuted" } });
    expect(await h.run(makeRequest({ id: "a2", schema }), { runner })).toMatchObject({ ok: true });
    expect(h.fake.requests.map((r) => r.status)).toEqual([400, 200, 200]);
    expect(h.notices.filter((n) => n.includes("refused JSON-schema output"))).toHaveLength(1);
  });

  it("A3 a schema that cannot be used fails before any request is sent", async () => {
    const bad: unknown[] = [
      { type: "array", items: {} },
      { type: "object", properties: { a: { type: "strin" } } },
      { type: "object", properties: { a: { type: "string" } }, required: ["b"], additionalProperties: false },
    ];
    for (const s of bad) {
      expect(() => compileOutputSchema(s)).toThrow(SchemaDefinitionError);
      const outcome = await h.run(makeRequest({ schema: s as JsonObject }));
      expect(outcome).toMatchObject({ ok: false, reason: "error", turns: 0 });
    }
    expect(h.fake.requests).toHaveLength(0);
  });

  it("A4 a schema agent reads and greps with its tools before answering a validated object", async () => {
    const toolbox = memoryToolbox({
      read: (input) => ({ content: `1: export function guard() { /* ${String(input["path"])} */ }`, isError: false }),
      grep: () => ({ content: "src/auth.ts:1: guard", isError: false }),
    });
    h.fake.reply(
      { toolCalls: [{ name: "grep", input: { pattern: "guard" } }] },
      { toolCalls: [{ name: "read", input: { path: "src/auth.ts" } }] },
      { json: { verdict: "confirmed", reason: "src/auth.ts:1 has no role check" } },
    );
    const outcome = await h.run(makeRequest({ schema }), { toolbox });
    expect(outcome).toMatchObject({ ok: true, output: { verdict: "confirmed" }, turns: 3 });
    expect(toolbox.calls.map((c) => c.name)).toEqual(["grep", "read"]);
    for (const r of h.fake.requests) {
      expect(r.body["output_config"]).toBeDefined();
      expect((r.body["tools"] as { name: string }[]).map((t) => t.name)).toEqual(["grep", "read"]);
    }
    expect(toolResults(h.fake.requests[2]?.body ?? {})[0]?.content).toContain("export function guard");
  });

  it("A1 without a schema the answer is the final text, and thinking blocks are passed back unchanged", async () => {
    h.fake.reply(
      { thinking: "I should read the file.", toolCalls: [{ name: "read", input: { path: "README.md" } }] },
      { thinking: "Done.", text: "The repository is a CLI." },
    );
    const outcome = await h.run(makeRequest());
    expect(outcome).toMatchObject({ ok: true, output: "The repository is a CLI.", turns: 2, model: "claude-sonnet-5-5" });
    const history = h.fake.requests[1]?.body["messages"] as { role: string; content: { type: string; signature?: string }[] }[];
    expect(history[1]?.content[0]).toEqual({ type: "thinking", thinking: "I should read the file.", signature: "fake-signature" });
    expect(h.fake.requests[0]?.body["output_config"]).toBeUndefined();
  });
});

describe("Anthropic provider: empty answers", () => {
  const h = useHarness();

  it("A2 an empty structured answer is sent back, and the empty turn is kept in a form the API accepts", async () => {
    h.fake.reply({ text: "" }, { json: { verdict: "refuted", reason: "fine" } });
    expect(await h.run(makeRequest({ schema }))).toMatchObject({ ok: true, turns: 2 });
    expect(h.fake.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(lastUserText(h.fake.requests[1]?.body ?? {})).toContain("the answer was empty");
  });
});
