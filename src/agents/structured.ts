/**
 * Structured output (rule A2): reading the JSON answer out of a model's final text. Validating it
 * against the agent's schema is `src/schema/output-schema.ts`.
 */
import { errorMessage } from "../kernel/errors.ts";

/** The result of reading a JSON answer out of a model's text. */
export type JsonExtraction = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Reads the JSON value of a model's final text: the whole text, else the inside of a ```json
 * fence, else the span from the first `{` to the last `}`.
 *
 * Edge cases: empty text is an error ("the answer was empty"); with native structured output the
 * text is plain JSON and the first attempt succeeds; the error of the first attempt is the one
 * reported.
 */
export function extractJson(text: string): JsonExtraction {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: "the answer was empty" };
  let firstError = "";
  const candidates = [trimmed];
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n?```/i.exec(trimmed);
  if (fenced?.[1]) candidates.push(fenced[1]);
  const start = trimmed.indexOf("{");
  const end = trimmed.lastIndexOf("}");
  if (start >= 0 && end > start) candidates.push(trimmed.slice(start, end + 1));
  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch (error) {
      firstError ||= errorMessage(error);
    }
  }
  return { ok: false, error: firstError };
}
