/**
 * JSON values: the only things that cross the sandbox boundary and the journal, and the shape of
 * every schema, argument and result the rooms hand each other.
 *
 * This module is a leaf: it imports nothing, so every room may use it.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * JSON with object keys sorted (by code unit, at every depth), so `{a,b}` and `{b,a}` give the
 * same text: the key of the schema cache and the material of the engine's journal hashes.
 *
 * Edge cases: `undefined` (at the top, in an array or as a property value) is written as `null`;
 * integer-like keys sort as strings too (`"10"` before `"2"`), unlike `JSON.stringify`, which
 * writes them in ascending numeric order first.
 */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
}
