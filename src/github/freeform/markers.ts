/**
 * Hidden records in Markdown that Quorum posts (check-run text, reply comments): how runs and
 * free-form proposals are found again without a database.
 *
 *     <!-- quorum:freeform {"v":1,"runId":"…",…} -->   a free-form proposal (in its check run)
 *     <!-- quorum:run {"v":1,"runId":"…",…} -->        a run started from an issue (in the reply)
 *
 * Edge cases:
 * - `<` and `>` inside the JSON are written as `\u003c` / `\u003e`, so no value can close the
 *   HTML comment early; JSON.parse reads them back unchanged.
 * - Markers are trusted only where the caller knows Quorum wrote the text (a check run of its own
 *   app, a comment of its own bot): anyone can type a marker into a comment.
 * - A marker whose JSON does not parse, or whose shape is wrong, is skipped, not fatal.
 * - Quorum writes a record as the last line of its text; {@link decodeMarkers} with `lastLine`
 *   reads only that line, so a marker quoted anywhere above it (a log line, a script shown in a
 *   code block) is never taken for the record (rule X13).
 */
import type { JsonObject, JsonValue } from "../../kernel/json.ts";

export type MarkerKind = "freeform" | "run";

const MARKER = /<!-- quorum:(freeform|run) (\{[^\n]*?\}) -->/g;

/** The marker line for `data`. */
export function encodeMarker(kind: MarkerKind, data: JsonObject): string {
  const json = JSON.stringify(data).replace(/[<>]/g, (c) => (c === "<" ? "\\u003c" : "\\u003e"));
  return `<!-- quorum:${kind} ${json} -->`;
}

/** The last non-empty line of `text` ("" when there is none). */
function lastLineOf(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed.slice(trimmed.lastIndexOf("\n") + 1);
}

/** Every well-formed marker of `kind` in `text` (only in its last line with `lastLine`), in order. */
export function decodeMarkers(kind: MarkerKind, text: string | null | undefined, options: { lastLine?: boolean } = {}): JsonObject[] {
  if (!text) return [];
  const out: JsonObject[] = [];
  const scope = options.lastLine ? lastLineOf(text) : text;
  for (const m of scope.matchAll(MARKER)) {
    if (m[1] !== kind || m[2] === undefined) continue;
    let value: JsonValue;
    try {
      value = JSON.parse(m[2]) as JsonValue;
    } catch {
      continue;
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) out.push(value);
  }
  return out;
}

/** Removes every marker from `text` (before quoting text that may contain one). */
export function stripMarkers(text: string): string {
  return text.replace(MARKER, "");
}
