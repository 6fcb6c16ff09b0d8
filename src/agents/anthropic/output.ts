/**
 * How an agent's answer is obtained and judged (rule A1, A2, A4): plain text without a schema;
 * with a schema, the API's JSON-schema output (`output_config.format`) or a `submit_result` tool.
 * Either way the answer is validated again with ajv against the schema as the script wrote it.
 */
import { transformJSONSchema } from "@anthropic-ai/sdk/lib/transform-json-schema";
import type { JSONOutputFormat, Tool } from "@anthropic-ai/sdk/resources/messages";
import type { JsonObject } from "../../kernel/json.ts";
import type { OutputValidator } from "../../schema/output-schema.ts";
import { extractJson } from "../structured.ts";
import type { StructuredOutputMode } from "./options.ts";

/** Name of the tool the model calls with its answer in `tool` mode. */
export const SUBMIT_TOOL_NAME = "submit_result";

export interface OutputPlan {
  mode: "text" | StructuredOutputMode;
  /** `output_config.format` of every request (native mode). */
  outputFormat: JSONOutputFormat | undefined;
  /** Tools added to the toolbox's (the submit tool in tool mode). */
  extraTools: Tool[];
  /** Appended to the system prompt: how to deliver the answer in this mode. */
  systemSuffix: string;
}

export type Verdict = { ok: true; value: unknown } | { ok: false; errors: string; feedback: string };

/**
 * Chooses how to get structured output. Native mode sends the schema reduced to what the API's
 * constrained decoding supports (the SDK's transform: constraints it cannot enforce move into
 * descriptions; ajv still enforces them). A schema the transform cannot express falls back to
 * tool mode.
 */
export function planOutput(schema: JsonObject | undefined, preferred: StructuredOutputMode): OutputPlan {
  if (schema === undefined) return { mode: "text", outputFormat: undefined, extraTools: [], systemSuffix: "" };
  if (preferred === "native") {
    try {
      const reduced: Record<string, unknown> = transformJSONSchema(structuredClone(schema));
      return {
        mode: "native",
        outputFormat: { type: "json_schema", schema: reduced },
        extraTools: [],
        systemSuffix:
          "When you are done, reply with the JSON object the response format asks for, and nothing else. " +
          "Use your tools first if you need information.",
      };
    } catch {
      // fall through to tool mode
    }
  }
  return {
    mode: "tool",
    outputFormat: undefined,
    extraTools: [
      {
        name: SUBMIT_TOOL_NAME,
        description:
          "Submit your final answer as one object matching this input schema. Call it exactly once, when you are done; " +
          "do not write the answer as text.",
        input_schema: { ...schema, type: "object" },
      },
    ],
    systemSuffix: `When you are done, call the ${SUBMIT_TOOL_NAME} tool with your answer. Use your other tools first if you need information.`,
  };
}

/** Judges the text of a final message (text and native modes; tool mode if the model wrote JSON). */
export function judgeText(plan: OutputPlan, validator: OutputValidator | null, text: string): Verdict {
  if (validator === null) return { ok: true, value: text };
  const parsed = extractJson(text);
  if (!parsed.ok) {
    const feedback =
      plan.mode === "tool"
        ? `You ended your turn without calling ${SUBMIT_TOOL_NAME}. Call ${SUBMIT_TOOL_NAME} with your answer object.`
        : `Your answer is not valid JSON (${parsed.error}). Reply with one JSON object that matches the response format, and nothing else.`;
    return { ok: false, errors: `/: not valid JSON (${parsed.error})`, feedback };
  }
  return judgeValue(plan, validator, parsed.value);
}

/** Judges an answer object (a parsed text answer, or the input of a submit_result call). */
export function judgeValue(plan: OutputPlan, validator: OutputValidator, value: unknown): Verdict {
  const errors = validator.validate(value);
  if (errors === null) return { ok: true, value };
  const again =
    plan.mode === "tool"
      ? `Call ${SUBMIT_TOOL_NAME} again with a corrected object.`
      : "Reply with one corrected JSON object, and nothing else.";
  return { ok: false, errors, feedback: `Your answer does not match the required JSON schema:\n${errors}\n${again}` };
}
