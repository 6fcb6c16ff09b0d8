/**
 * The one JSON Schema 2020-12 meta-schema check of a process. Schemas written in scripts (`meta.args`,
 * an agent's `opts.schema`) must be checked against the meta-schema, and ajv compiles the meta-schema
 * once per instance (~70 ms); the args check and the output schemas use instances of their own (their
 * options differ), so they compile with `validateSchema: false` after this shared check, which
 * throws what ajv's own check throws ("schema is invalid: …", or "no schema with key or ref …" for a
 * `$schema` naming another draft).
 */
import { Ajv2020, type AnySchema } from "ajv/dist/2020.js";

let checker: Ajv2020 | undefined;

/** Throws ajv's error when `schema` is not a valid 2020-12 schema; the meta-schema compiles on first use. */
export function assertValidSchema2020(schema: AnySchema): void {
  checker ??= new Ajv2020({ allErrors: true, validateFormats: false });
  checker.validateSchema(schema, true);
}
