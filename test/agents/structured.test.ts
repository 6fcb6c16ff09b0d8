import { describe, expect, it } from "vitest";
import { extractJson } from "../../src/agents/structured.ts";
import { compileOutputSchema, MAX_LISTED_ERRORS, SchemaDefinitionError } from "../../src/schema/output-schema.ts";

const finding = {
  type: "object",
  properties: { title: { type: "string" }, severity: { enum: ["low", "high"] }, line: { type: "integer", minimum: 1 } },
  required: ["title", "severity"],
  additionalProperties: false,
};

describe("compileOutputSchema", () => {
  it("A2 validates answers and reports errors as /path: message lines", () => {
    const v = compileOutputSchema(finding);
    expect(v.validate({ title: "x", severity: "low" })).toBeNull();
    const errors = v.validate({ severity: "medium", line: 0, extra: true });
    expect(errors).toContain("/: must have required property 'title'");
    expect(errors).toContain('/: must NOT have additional properties ("extra")');
    expect(errors).toContain('/severity: must be equal to one of the allowed values: "low", "high"');
    expect(errors).toContain("/line: must be >= 1");
    expect(errors?.split("\n")).toHaveLength(4);
  });

  it("A2 lists at most MAX_LISTED_ERRORS errors and says how many more there were", () => {
    const properties = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}`, { type: "string" }]));
    const v = compileOutputSchema({ type: "object", properties, required: Object.keys(properties) });
    const lines = v.validate({})?.split("\n") ?? [];
    expect(lines).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(lines.at(-1)).toBe(`… and ${30 - MAX_LISTED_ERRORS} more errors`);
  });

  it("A3 rejects a non-object root", () => {
    expect(() => compileOutputSchema({ type: "array", items: { type: "string" } })).toThrow(SchemaDefinitionError);
    expect(() => compileOutputSchema({ type: "array" })).toThrow(/must have type "object" at its root/);
    expect(() => compileOutputSchema({ properties: {} })).toThrow(/got type null/);
    expect(() => compileOutputSchema("object")).toThrow(/got the string "object"/);
    expect(() => compileOutputSchema(null)).toThrow(/got null/);
  });

  it("A3 rejects a schema ajv rejects (unknown keyword, bad keyword value, dangling $ref)", () => {
    expect(() => compileOutputSchema({ type: "object", propertees: {} })).toThrow(/not a valid JSON Schema.*propertees/);
    expect(() => compileOutputSchema({ type: "object", required: "title" })).toThrow(SchemaDefinitionError);
    expect(() => compileOutputSchema({ type: "object", properties: { a: { $ref: "#/$defs/missing" } } })).toThrow(/can't resolve reference/);
  });

  it("A3 rejects a required property that additionalProperties: false forbids, also when nested", () => {
    expect(() =>
      compileOutputSchema({ type: "object", properties: { a: { type: "string" } }, required: ["a", "b"], additionalProperties: false }),
    ).toThrow(/# requires property "b", but additionalProperties: false forbids it/);
    expect(() =>
      compileOutputSchema({
        type: "object",
        properties: { items: { type: "array", items: { type: "object", properties: {}, required: ["id"], additionalProperties: false } } },
      }),
    ).toThrow(/#\/properties\/items\/items requires property "id"/);
  });

  it("A3 accepts a required property allowed by patternProperties", () => {
    const v = compileOutputSchema({
      type: "object",
      patternProperties: { "^x-": { type: "string" } },
      required: ["x-id"],
      additionalProperties: false,
    });
    expect(v.validate({ "x-id": "1" })).toBeNull();
  });

  it("A2 caches compiled schemas by canonical JSON (key order does not matter)", () => {
    const a = compileOutputSchema({ type: "object", properties: { a: { type: "string" } } });
    const b = compileOutputSchema({ properties: { a: { type: "string" } }, type: "object" });
    expect(b).toBe(a);
  });

  it("A2 treats format as an annotation instead of failing on it", () => {
    const v = compileOutputSchema({ type: "object", properties: { at: { type: "string", format: "date-time" } } });
    expect(v.validate({ at: "not a date" })).toBeNull();
  });
});

describe("extractJson", () => {
  it("A2 reads plain JSON, fenced JSON and JSON inside prose", () => {
    expect(extractJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(extractJson('Here:\n```json\n{"a":2}\n```')).toEqual({ ok: true, value: { a: 2 } });
    expect(extractJson('The answer is {"a":3}. Done.')).toEqual({ ok: true, value: { a: 3 } });
  });

  it("A2 explains what is wrong with text that is not JSON", () => {
    expect(extractJson("   ")).toEqual({ ok: false, error: "the answer was empty" });
    const bad = extractJson("no json here");
    expect(bad.ok).toBe(false);
  });
});
