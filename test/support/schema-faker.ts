/**
 * A deterministic value for a JSON Schema, as a model that always answers in shape would give:
 * every declared property, enums' first value, booleans true, arrays of `minItems` (at least one)
 * items, numbers at their minimum, strings that fit `minLength`/`pattern`-free schemas. Keys that
 * look like URLs get URLs (with varying case and default ports, so scripts that de-duplicate with
 * `new URL` have work to do). `seed` varies strings between calls.
 */
import type { JsonValue } from "../../src/kernel/json.ts";

type Schema = { [key: string]: unknown };

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const URL_KEYS = /^(url|href|link|source|sourceUrl|uri)$/i;

export function fakeFromSchema(schema: unknown, seed = 0, key = ""): JsonValue {
  if (!isSchema(schema)) return "fake";
  if ("const" in schema) return schema.const as JsonValue;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] as JsonValue;
  for (const combinator of ["anyOf", "oneOf", "allOf"] as const) {
    const options = schema[combinator];
    if (Array.isArray(options) && options.length > 0) return fakeFromSchema(options[0], seed, key);
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]).filter((t) => t !== "null") : [schema.type];
  const type = types[0] ?? (isSchema(schema.properties) ? "object" : isSchema(schema.items) ? "array" : "string");
  switch (type) {
    case "object": {
      const out: { [key: string]: JsonValue } = {};
      const properties = isSchema(schema.properties) ? schema.properties : {};
      for (const [name, sub] of Object.entries(properties)) out[name] = fakeFromSchema(sub, seed, name);
      return out;
    }
    case "array": {
      const min = typeof schema.minItems === "number" ? schema.minItems : 1;
      const max = typeof schema.maxItems === "number" ? schema.maxItems : Math.max(min, 1);
      const count = Math.min(Math.max(min, 1), max);
      return Array.from({ length: count }, (_, i) => fakeFromSchema(schema.items, seed * 10 + i, key));
    }
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : key.toLowerCase().includes("line") ? 1 + (seed % 50) : 0;
    case "boolean":
      return true;
    default: {
      if (URL_KEYS.test(key)) return Math.floor(seed / 10) % 2 === 0 ? `https://Example.org:443/page/${seed % 2}` : `https://example.org/page/${seed % 2}#top`;
      const text = `fake ${key || "text"} ${seed}`;
      const min = typeof schema.minLength === "number" ? schema.minLength : 0;
      const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
      return (text.length < min ? text.padEnd(min, ".") : text).slice(0, max);
    }
  }
}
