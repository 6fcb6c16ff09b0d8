/**
 * Run arguments (rule C6): JSON values, `undefined` when none, validated against `meta.args`
 * before the run starts.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject } from "ajv";
import type { JsonValue } from "../kernel/json.ts";
import { QuorumError } from "../kernel/errors.ts";

/** Args that do not match the workflow's `meta.args` schema; the message names each schema path. */
export class InvalidArgsError extends QuorumError {
  override name = "InvalidArgsError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid_args", message, options);
  }
}

// `schema` is always a script's `meta.args`, which prepareScript already compiled against the
// 2020-12 meta-schema (script/args-schema.ts): compiling the meta-schema again here cost ~50 ms of
// every run's start.
const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true, validateSchema: false });

/**
 * Checks `args` against `schema` (when there is one) and returns them, with schema defaults
 * filled in. `undefined` args are checked as `{}` when the schema requires an object, so a
 * workflow with required args fails clearly instead of running with nothing.
 */
export function validateArgs(workflow: string, schema: JsonValue | undefined, args: JsonValue | undefined): JsonValue | undefined {
  if (schema === undefined || schema === null) return args;
  const validate = ajv.compile(schema as object);
  const schemaWantsObject = typeof schema === "object" && !Array.isArray(schema) && schema.type === "object";
  const candidate: JsonValue | undefined = args === undefined && schemaWantsObject ? {} : args;
  if (validate(candidate)) return candidate;
  const problems = (validate.errors ?? []).map(describeError).join("\n  ");
  throw new InvalidArgsError(
    `invalid args for workflow "${workflow}":\n  ${problems}\n` +
      "Pass args that match the workflow's meta.args schema (quorum validate <path> prints it).",
  );
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === "" ? "args" : `args${error.instancePath}`;
  return `${where}: ${error.message ?? "is invalid"} (schema ${error.schemaPath})`;
}
