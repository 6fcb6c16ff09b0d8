/**
 * Whether to ask for structured output with `response_format: json_schema` or through the
 * `submit_result` tool, per model, learned once per runner on `"auto"`.
 */
import type { OutputMode } from "./structured-output.ts";

/**
 * `"yes"`: always `response_format` (a 400 about it is then an `api_error`).
 * `"no"`: always the submit tool (servers without structured outputs).
 * `"auto"`: try `response_format`; when the server rejects it with a 400, switch to the submit tool
 * for that model for the rest of this runner's life.
 */
export type JsonSchemaSupport = "auto" | "yes" | "no";
export const DEFAULT_JSON_SCHEMA_SUPPORT: JsonSchemaSupport = "auto";

export interface FormatSupport {
  /** The mode a new schema agent on `model` starts in. */
  initialMode(model: string): Exclude<OutputMode, "text">;
  /** True when a rejection of `response_format` may be answered by falling back. */
  readonly canFallBack: boolean;
  /** Records that the server refused `response_format` for `model`. */
  markRefused(model: string): void;
}

export function createFormatSupport(setting: JsonSchemaSupport): FormatSupport {
  const refused = new Set<string>();
  return {
    initialMode: (model) => (setting === "no" || refused.has(model) ? "submit_tool" : "json_schema"),
    canFallBack: setting === "auto",
    markRefused: (model) => void refused.add(model),
  };
}
