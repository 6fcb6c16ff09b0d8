/** Checks that `meta.args` is a JSON Schema that compiles (draft 2020-12, ajv). */
import ajv2020 from "ajv/dist/2020.js";
import type { JsonObject } from "../../kernel/json.ts";
import { errorMessage } from "../../kernel/errors.ts";
import { assertValidSchema2020 } from "../../schema/meta-schema.ts";

const Ajv2020 = ajv2020.default;

export interface SchemaCheck {
  /** Why the schema does not compile; `null` when it does. */
  error: string | null;
  /** ajv strict-mode notes that do not stop compilation (e.g. a keyword without its `type`). */
  warnings: string[];
}

/**
 * Compiles `schema` with a fresh ajv 2020 instance (strict schema keywords, formats not enforced).
 * Edge cases: a `$schema` naming another draft fails with ajv's "no schema with key or ref" error;
 * unknown keywords (usually typos) fail instead of being ignored.
 */
export function checkArgsSchema(schema: JsonObject): SchemaCheck {
  const warnings: string[] = [];
  const note = (...parts: unknown[]) => warnings.push(`meta.args: ${parts.map(String).join(" ")}`);
  // Checked against the meta-schema by the process's one shared check (src/schema/meta-schema.ts).
  const ajv = new Ajv2020({ allErrors: true, validateFormats: false, validateSchema: false, logger: { log: () => {}, warn: note, error: note } });
  try {
    assertValidSchema2020(schema);
    ajv.compile(schema);
    return { error: null, warnings };
  } catch (error) {
    return { error: errorMessage(error), warnings };
  }
}
