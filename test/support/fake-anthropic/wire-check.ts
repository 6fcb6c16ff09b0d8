/**
 * The request checks of the fake Messages API: the rules of the real API (version 2026-10-21) that
 * a provider can break, answered with the same 400 `invalid_request_error` the API would send.
 */
import { asArray, blockText, isRecord } from "./cache-sim.ts";

/** The API accepts at most this many `cache_control` breakpoints per request. */
export const MAX_BREAKPOINTS = 4;
const REMOVED_SAMPLING_PARAMS = ["temperature", "top_p", "top_k"] as const;

/** Returns what is wrong with a request, or `null` when the real API would accept it. */
export function checkRequest(body: unknown, headers: Record<string, string | string[] | undefined>, breakpoints: number): string | null {
  const bearer = typeof headers["authorization"] === "string" && /^Bearer \S+/.test(headers["authorization"]);
  if (!headers["x-api-key"] && !bearer) return "no API key: send x-api-key or Authorization: Bearer <key>";
  if (!headers["anthropic-version"]) return "anthropic-version header is missing";
  if (!isRecord(body)) return "body must be a JSON object";
  if (typeof body["model"] !== "string" || !body["model"]) return "model: field required";
  if (typeof body["max_tokens"] !== "number") return "max_tokens: field required";
  for (const param of REMOVED_SAMPLING_PARAMS) {
    if (param in body) return `${param}: this parameter is not supported in API version 2026-10-21`;
  }
  const choice = body["tool_choice"];
  if (isRecord(choice) && (choice["type"] === "tool" || choice["type"] === "any")) {
    return "tool_choice: forcing tool use is not supported by this model; use auto";
  }
  if (breakpoints > MAX_BREAKPOINTS) return `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`;
  const format = isRecord(body["output_config"]) ? body["output_config"]["format"] : undefined;
  if (format !== undefined && format !== null) {
    if (!isRecord(format) || format["type"] !== "json_schema" || !isRecord(format["schema"])) {
      return "output_config.format: expected {type: 'json_schema', schema: {...}}";
    }
  }
  return checkMessages(body["messages"]);
}

function checkMessages(value: unknown): string | null {
  const messages = asArray(value);
  if (messages.length === 0) return "messages: at least one message is required";
  let pendingToolUses: string[] = [];
  for (const [i, message] of messages.entries()) {
    if (!isRecord(message) || (message["role"] !== "user" && message["role"] !== "assistant")) {
      return `messages.${i}: role must be "user" or "assistant"`;
    }
    if (i === 0 && message["role"] !== "user") return "messages.0: the first message must use the user role";
    const blocks = typeof message["content"] === "string" ? [{ type: "text", text: message["content"] }] : asArray(message["content"]);
    if (blocks.length === 0) return `messages.${i}: content must not be empty`;
    for (const [b, block] of blocks.entries()) {
      if (!isRecord(block)) return `messages.${i}.content.${b}: must be an object`;
      if (block["type"] === "text" && blockText(block).trim() === "") return `messages.${i}.content.${b}: text content blocks must contain non-whitespace text`;
      if (isRecord(block["cache_control"]) && block["type"] === "thinking") return `messages.${i}.content.${b}: cache_control cannot be set on thinking blocks`;
    }
    if (message["role"] === "user") {
      const results = blocks.filter((b) => isRecord(b) && b["type"] === "tool_result").map((b) => String((b as Record<string, unknown>)["tool_use_id"]));
      const leading = blocks.findIndex((b) => !isRecord(b) || b["type"] !== "tool_result");
      if (pendingToolUses.length > 0) {
        const missing = pendingToolUses.filter((id) => !results.includes(id));
        if (missing.length > 0) {
          return `messages.${i}: tool_use ids were found without tool_result blocks immediately after: ${missing.join(", ")}. Each tool_use block must have a corresponding tool_result block in the next message.`;
        }
        if (leading !== -1 && leading < results.length) return `messages.${i}: tool_result blocks must come first in the message`;
      }
      const unexpected = results.filter((id) => !pendingToolUses.includes(id));
      if (unexpected.length > 0) return `messages.${i}: unexpected tool_use_id found in tool_result blocks: ${unexpected.join(", ")}`;
      pendingToolUses = [];
    } else {
      if (pendingToolUses.length > 0) return `messages.${i}: tool_use blocks must be answered before the next assistant message`;
      pendingToolUses = blocks.filter((b) => isRecord(b) && b["type"] === "tool_use").map((b) => String((b as Record<string, unknown>)["id"]));
    }
  }
  return null;
}
