/**
 * Structured output over Chat Completions (rule A2): the schema goes either in
 * `response_format: json_schema` (servers that support it) or in a `submit_result` function tool
 * (servers that do not). Either way the answer is re-validated here; the server's enforcement is
 * never trusted, since `strict: false` (needed for arbitrary JSON Schema) does not guarantee it.
 */
import type { ChatCompletionFunctionTool } from "openai/resources/chat/completions";
import type { ResponseFormatJSONSchema } from "openai/resources/shared";
import type { JsonObject, JsonValue } from "../../kernel/json.ts";
import { errorMessage } from "../../kernel/errors.ts";

/** Retries after the first invalid answer; one more invalid answer fails with `schema_invalid`. */
export const MAX_SCHEMA_RETRIES = 3;
/** The fallback tool through which the model hands in its answer. */
export const SUBMIT_TOOL_NAME = "submit_result";
/** `json_schema.name` (must match `^[a-zA-Z0-9_-]{1,64}$`). */
export const RESPONSE_FORMAT_NAME = "agent_result";

/** How the final answer travels: plain text, `response_format`, or the submit tool. */
export type OutputMode = "text" | "json_schema" | "submit_tool";

/** What `compileOutputSchema` (src/schema/output-schema.ts) returns: `null` = valid, else the errors. */
export interface OutputValidator {
  validate(value: unknown): string | null;
}

export function responseFormatFor(schema: JsonObject): ResponseFormatJSONSchema {
  return { type: "json_schema", json_schema: { name: RESPONSE_FORMAT_NAME, schema, strict: false } };
}

export function submitToolFor(schema: JsonObject): ChatCompletionFunctionTool {
  return {
    type: "function",
    function: {
      name: SUBMIT_TOOL_NAME,
      description:
        "Hand in your final answer. Call this exactly once, when you are done, with the answer as the arguments. " +
        "The call ends your work; the arguments are returned as data.",
      parameters: schema,
    },
  };
}

/** Provider-specific lines appended to the system prompt for a schema agent. */
export function outputInstructions(mode: OutputMode, schema: JsonObject | undefined): string {
  if (mode === "submit_tool") {
    return `When you have the answer, call the ${SUBMIT_TOOL_NAME} tool with it as the arguments. Do not write the answer as a plain message.`;
  }
  if (mode === "json_schema" && schema) {
    return `Your final message must be only a JSON object (no prose, no code fences) matching this JSON Schema:\n${JSON.stringify(schema)}`;
  }
  return "";
}

export type Parsed = { ok: true; value: JsonValue } | { ok: false; error: string };

/**
 * Parses a JSON answer from message text. Edge cases: surrounding whitespace and a Markdown code
 * fence (```json … ```) are tolerated, as local models often add them; so is prose around a single
 * top-level object (the outermost `{ … }` is tried when the whole text is not JSON).
 */
export function parseJsonAnswer(text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: "the answer was empty; expected a JSON object" };
  const fenced = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/.exec(trimmed)?.[1] ?? trimmed;
  const first = tryParse(fenced);
  if (first.ok) return first;
  const start = fenced.indexOf("{");
  const end = fenced.lastIndexOf("}");
  if (start >= 0 && end > start) {
    const inner = tryParse(fenced.slice(start, end + 1));
    if (inner.ok) return inner;
  }
  return { ok: false, error: `the answer is not valid JSON (${first.error})` };
}

function tryParse(text: string): Parsed {
  try {
    const value: JsonValue = JSON.parse(text);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

/** Parses and validates; returns the value or the errors to send back. */
export function checkAnswer(parsed: Parsed, validator: OutputValidator): { ok: true; value: JsonValue } | { ok: false; errors: string } {
  if (!parsed.ok) return { ok: false, errors: parsed.error };
  const errors = validator.validate(parsed.value);
  return errors === null ? { ok: true, value: parsed.value } : { ok: false, errors };
}

/** What the model is told after an invalid answer. */
export function schemaFeedback(mode: OutputMode, errors: string, retriesLeft: number): string {
  const left = `${retriesLeft} ${retriesLeft === 1 ? "attempt" : "attempts"} left`;
  if (mode === "submit_tool") {
    return `Rejected: the result does not match the required schema: ${errors}. Call ${SUBMIT_TOOL_NAME} again with corrected arguments (${left}).`;
  }
  return `Your answer does not match the required JSON Schema: ${errors}. Reply with only the corrected JSON object (${left}).`;
}

/** What the model is told when it answers in prose although the submit tool is expected. */
export function submitReminder(errors: string, retriesLeft: number): string {
  return `Your final answer must be handed in by calling ${SUBMIT_TOOL_NAME} (${errors}). Call it now with the answer as arguments (${retriesLeft} ${retriesLeft === 1 ? "attempt" : "attempts"} left).`;
}
