/** Reading a run's result: the parts other rooms rely on (docs/architecture.md: the Finding contract). */
import type { JsonValue } from "../kernel/json.ts";

/** `result.findings` when the workflow returned an array there, else null. */
export function findingsOf(result: JsonValue | undefined): JsonValue[] | null {
  if (result === null || result === undefined || typeof result !== "object" || Array.isArray(result)) return null;
  const findings = result.findings;
  return Array.isArray(findings) ? findings : null;
}
