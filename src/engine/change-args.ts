/**
 * Workflows that review a change (the built-in `review`, or any script whose `meta.args` declares
 * `files` or `diff`) get the change to review from where they run when the caller gave none
 * (rule R4): the pull request on GitHub, the working tree's diff locally.
 *
 * This module only decides whether a run wants the change and merges it into the args; the
 * callers (src/github/run, src/cli) know where the change comes from.
 */
import type { JsonObject, JsonValue } from "../kernel/json.ts";

/** The properties of a workflow's `meta.args` schema (empty when it declares none). */
function declared(argsSchema: JsonObject | undefined): Set<string> {
  const properties = argsSchema?.properties;
  if (properties === null || typeof properties !== "object" || Array.isArray(properties)) return new Set();
  return new Set(Object.keys(properties));
}

/** Which form of the change the workflow takes, or null when it takes none or the caller already gave one. */
export function wantedChange(argsSchema: JsonObject | undefined, args: JsonValue | undefined): "files" | "diff" | null {
  if (args !== undefined && args !== null && (typeof args !== "object" || Array.isArray(args))) return null;
  if (args && ("files" in args || "diff" in args)) return null;
  const names = declared(argsSchema);
  if (names.has("files")) return "files";
  if (names.has("diff")) return "diff";
  return null;
}

/** `args` with the change added, plus `base` / `head` when the workflow declares them. */
export function withChange(argsSchema: JsonObject | undefined, args: JsonValue | undefined, change: { files?: JsonValue[]; diff?: string; base?: string; head?: string }): JsonObject {
  const names = declared(argsSchema);
  const out: JsonObject = args && typeof args === "object" && !Array.isArray(args) ? { ...args } : {};
  if (change.files !== undefined) out.files = change.files;
  if (change.diff !== undefined) out.diff = change.diff;
  if (change.base !== undefined && names.has("base") && out.base === undefined) out.base = change.base;
  if (change.head !== undefined && names.has("head") && out.head === undefined) out.head = change.head;
  return out;
}
