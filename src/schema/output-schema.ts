/**
 * Output schemas (rule A2, A3): compile an agent's output schema once, check that it can be
 * satisfied at all, and validate answers against it with ajv (JSON Schema 2020-12).
 *
 * A room of its own because two rooms need the same answer: the engine calls
 * {@link compileOutputSchema} before any model call, so a bad schema throws in the script at once;
 * providers call it again (cached) to validate what the model answered.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { canonicalJson, type JsonObject } from "../kernel/json.ts";
import { errorMessage, QuorumError } from "../kernel/errors.ts";
import { assertValidSchema2020 } from "./meta-schema.ts";

/** How many compiled schemas are kept (fan-outs reuse a handful; a cap keeps memory flat). */
export const SCHEMA_CACHE_SIZE = 256;
/** At most this many validation errors are listed; the rest are counted (rule L5). */
export const MAX_LISTED_ERRORS = 20;

/** A schema that can never be used (rule A3). The message says what is wrong and where. */
export class SchemaDefinitionError extends QuorumError {
  override name = "SchemaDefinitionError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid_schema", message, options);
  }
}

export interface OutputValidator {
  /** The schema as given (a plain JSON object with `type: "object"`). */
  readonly schema: JsonObject;
  /**
   * Validates an answer. Returns `null` when valid, otherwise the errors as `/path: message` lines
   * (`/` is the root object), at most {@link MAX_LISTED_ERRORS} of them plus a line saying how many
   * more there were.
   */
  validate(value: unknown): string | null;
}

const ajv = new Ajv2020({
  allErrors: true,
  // Unknown keywords and malformed schemas are errors (A3), but the common looseness of
  // hand-written schemas (a `required` without `properties`, union types) is accepted.
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  allowUnionTypes: true,
  // No ajv-formats: `format` stays an annotation instead of failing on unknown names.
  validateFormats: false,
  // Checked against the meta-schema by the process's one shared check (./meta-schema.ts).
  validateSchema: false,
});

const cache = new Map<string, OutputValidator>();

/**
 * Compiles an output schema, or throws {@link SchemaDefinitionError} when it is unusable:
 * not a JSON object, a root whose `type` is not `"object"`, a schema ajv rejects (unknown keyword,
 * wrong keyword value, unresolvable `$ref`), or an object schema with `additionalProperties: false`
 * whose `required` names a property that neither `properties` nor `patternProperties` allows —
 * no answer could ever satisfy it.
 *
 * Edge cases: results are cached by canonical JSON (key order does not matter); `$schema` naming a
 * draft other than 2020-12 is rejected by ajv; the check for impossible `required` walks nested
 * schemas too (`properties`, `items`, `$defs`, `anyOf`, …).
 */
export function compileOutputSchema(schema: unknown): OutputValidator {
  if (!isPlainObject(schema)) {
    throw new SchemaDefinitionError(
      `opts.schema must be a JSON Schema object with type "object", got ${describe(schema)}.`,
    );
  }
  const key = canonicalJson(schema as JsonObject); // equal schemas share one cache entry whatever their key order
  const hit = cache.get(key);
  if (hit) return hit;

  if (schema["type"] !== "object") {
    throw new SchemaDefinitionError(
      `opts.schema must have type "object" at its root (the agent answers with one JSON object), got type ${JSON.stringify(schema["type"] ?? null)}. ` +
        `Wrap other values in a property, e.g. {type: "object", properties: {items: {type: "array", …}}, required: ["items"]}.`,
    );
  }
  const impossible = findImpossibleRequired(schema, "#");
  if (impossible) throw new SchemaDefinitionError(`opts.schema can never be satisfied: ${impossible}`);

  let validateFn: ValidateFunction;
  try {
    assertValidSchema2020(schema);
    validateFn = ajv.compile(schema);
  } catch (error) {
    throw new SchemaDefinitionError(`opts.schema is not a valid JSON Schema (2020-12): ${errorMessage(error)}`);
  }
  const validator: OutputValidator = {
    schema: schema as JsonObject,
    validate(value: unknown): string | null {
      if (validateFn(value)) return null;
      return formatValidationErrors(validateFn.errors ?? []);
    },
  };
  remember(key, validator);
  return validator;
}

/**
 * Formats ajv errors as `/path: message` lines, naming the offending property for
 * `additionalProperties` and the allowed values for `enum`.
 */
export function formatValidationErrors(errors: readonly ErrorObject[]): string {
  const lines = errors.slice(0, MAX_LISTED_ERRORS).map((e) => `${e.instancePath || "/"}: ${errorDetail(e)}`);
  if (errors.length > MAX_LISTED_ERRORS) lines.push(`… and ${errors.length - MAX_LISTED_ERRORS} more errors`);
  return lines.join("\n");
}

function errorDetail(e: ErrorObject): string {
  const message = e.message ?? `fails ${e.keyword}`;
  const params: Record<string, unknown> = e.params;
  if (e.keyword === "additionalProperties" && typeof params["additionalProperty"] === "string") {
    return `${message} ("${params["additionalProperty"]}")`;
  }
  if (e.keyword === "enum" && Array.isArray(params["allowedValues"])) {
    return `${message}: ${params["allowedValues"].map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return message;
}

/** Keywords whose value is one subschema. */
const SUBSCHEMA_KEYS = [
  "items", "additionalItems", "contains", "not", "if", "then", "else", "propertyNames",
  "additionalProperties", "unevaluatedItems", "unevaluatedProperties",
] as const;
/** Keywords whose value is an array of subschemas. */
const SUBSCHEMA_ARRAY_KEYS = ["allOf", "anyOf", "oneOf", "prefixItems"] as const;
/** Keywords whose value maps names to subschemas. */
const SUBSCHEMA_MAP_KEYS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"] as const;

/** Returns a description of the first `required` entry that `additionalProperties: false` forbids. */
function findImpossibleRequired(node: unknown, path: string): string | null {
  if (!isPlainObject(node)) return null;
  if (node["additionalProperties"] === false && Array.isArray(node["required"])) {
    const properties = isPlainObject(node["properties"]) ? node["properties"] : {};
    const patterns = isPlainObject(node["patternProperties"]) ? Object.keys(node["patternProperties"]) : [];
    for (const name of node["required"]) {
      if (typeof name !== "string" || Object.hasOwn(properties, name)) continue;
      if (patterns.some((p) => safeRegExp(p)?.test(name))) continue;
      return (
        `${path} requires property "${name}", but additionalProperties: false forbids it (it is not in properties). ` +
        `Add "${name}" to properties or remove it from required.`
      );
    }
  }
  for (const key of SUBSCHEMA_KEYS) {
    const found = findImpossibleRequired(node[key], `${path}/${key}`);
    if (found) return found;
  }
  for (const key of SUBSCHEMA_ARRAY_KEYS) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const [i, sub] of list.entries()) {
      const found = findImpossibleRequired(sub, `${path}/${key}/${i}`);
      if (found) return found;
    }
  }
  for (const key of SUBSCHEMA_MAP_KEYS) {
    const map = node[key];
    if (!isPlainObject(map)) continue;
    for (const [name, sub] of Object.entries(map)) {
      const found = findImpossibleRequired(sub, `${path}/${key}/${escapePointer(name)}`);
      if (found) return found;
    }
  }
  return null;
}

function remember(key: string, validator: OutputValidator): void {
  if (cache.size >= SCHEMA_CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, validator);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function safeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return null; // ajv reports the bad pattern itself
  }
}

function escapePointer(name: string): string {
  return name.replaceAll("~", "~0").replaceAll("/", "~1");
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string ${JSON.stringify(value)}` : typeof value;
}
