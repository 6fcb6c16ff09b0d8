/** Validates a workflow script before anything runs (rule S1–S3). */
import { executableBody } from "./body.ts";
import { ScriptValidationError } from "./errors.ts";
import { findFloatingPromises } from "./floating.ts";
import { findForbidden } from "./forbidden.ts";
import { readMeta } from "./meta.ts";
import { parseScript } from "./parse.ts";
import type { PreparedScript, ScriptProblem, ScriptValidation } from "./types.ts";

/**
 * Validates `source` (the file named `filename`, used only by callers for messages).
 *
 * - Parse errors stop there: one problem, TypeScript recognised as such (S2).
 * - Otherwise every problem is reported at once, sorted by position: an impure or malformed
 *   `meta` (S1), a misplaced meta or other export, `import`, `import()`, `import.meta`, `require` (S3).
 * - Warnings (the run still starts): a missing `meta`, and promises the script never awaits (K3).
 * - On success `body` is the source ready for the sandbox, positions unchanged.
 */
export function validateScript(source: string, filename: string): ScriptValidation {
  void filename;
  const parsed = parseScript(source);
  if (!parsed.ok) return { ok: false, errors: [parsed.problem] };
  const problems: ScriptProblem[] = [];
  const metaOutcome = readMeta(parsed.program, problems);
  problems.push(...findForbidden(parsed.program));
  if (problems.length > 0) {
    return { ok: false, errors: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
  }
  const warnings = [...metaOutcome.warnings, ...findFloatingPromises(parsed.program)];
  if (metaOutcome.exportNode === null) {
    warnings.push("the script has no `export const meta = { name, description }`; add one so the workflow can be listed and triggered by name.");
  }
  return { ok: true, meta: metaOutcome.meta, body: executableBody(source, metaOutcome.exportNode), warnings };
}

/** Like {@link validateScript}, but throws a {@link ScriptValidationError} listing every problem. */
export function prepareScript(source: string, filename: string): PreparedScript {
  const result = validateScript(source, filename);
  if (!result.ok) throw new ScriptValidationError(filename, result.errors);
  return result;
}
