/**
 * The `.github/quorum.yml` validator, compiled from {@link CONFIG_SCHEMA} on first use.
 *
 * The Action bundle does not run this file: scripts/build.mjs puts in its place the same validator
 * generated as code at build time (ajv standalone, from the same schema and {@link CONFIG_AJV_OPTIONS}),
 * so the trigger job neither loads ajv's compiler nor compiles the schema before its check run
 * (test/github/config-validator.test.ts proves both validators give the same verdicts and errors).
 */
import { Ajv, type ValidateFunction } from "ajv";
import { CONFIG_AJV_OPTIONS, CONFIG_SCHEMA } from "./config-schema.ts";

export { CONFIG_AJV_OPTIONS };

let validator: ValidateFunction | undefined;

export function configValidator(): ValidateFunction {
  // The schema is a constant (checked against the meta-schema by the config tests), so it is not
  // meta-validated at every start: that alone compiles the draft-07 meta-schema, ~50 ms.
  return (validator ??= new Ajv({ ...CONFIG_AJV_OPTIONS, validateSchema: false }).compile(CONFIG_SCHEMA));
}
