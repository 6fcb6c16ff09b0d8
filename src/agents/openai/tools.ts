/**
 * Tools in Chat Completions form, and answering one round of the model's tool calls.
 */
import type {
  ChatCompletionFunctionTool,
  ChatCompletionMessageToolCall,
  ChatCompletionToolMessageParam,
} from "openai/resources/chat/completions";
import type { AgentProgress, ToolDefinition, Toolbox } from "../contract.ts";
import { raceAbort } from "../deadline.ts";
import { errorMessage } from "../../kernel/errors.ts";
import { summarizeToolCall } from "../tools/registry.ts";

/** The Toolbox's definitions as function tools. */
export function toFunctionTools(definitions: readonly ToolDefinition[]): ChatCompletionFunctionTool[] {
  return definitions.map((definition) => ({
    type: "function",
    function: { name: definition.name, description: definition.description, parameters: definition.inputSchema },
  }));
}

/**
 * Runs each call of one assistant turn and returns one `tool` message per call id, in call
 * order, as the API requires.
 *
 * Calls run one after another: edits then land in the order the model asked for, and results are
 * deterministic. A failing tool, malformed JSON arguments, an unknown tool or a non-function
 * (custom) call become an error text for the model, never an exception; only an abort of
 * `signal` rejects. `answered` holds contents for call ids answered elsewhere (the submit tool).
 */
export async function answerToolCalls(
  toolbox: Toolbox,
  calls: readonly ChatCompletionMessageToolCall[],
  signal: AbortSignal,
  onProgress: ((p: AgentProgress) => void) | undefined,
  answered: ReadonlyMap<string, string> = new Map(),
): Promise<ChatCompletionToolMessageParam[]> {
  const known = new Set(toolbox.definitions.map((d) => d.name));
  const messages: ChatCompletionToolMessageParam[] = [];
  for (const call of calls) {
    const preset = answered.get(call.id);
    const content = preset ?? (await answerOne(toolbox, known, call, signal, onProgress));
    messages.push({ role: "tool", tool_call_id: call.id, content });
  }
  return messages;
}

async function answerOne(
  toolbox: Toolbox,
  known: ReadonlySet<string>,
  call: ChatCompletionMessageToolCall,
  signal: AbortSignal,
  onProgress: ((p: AgentProgress) => void) | undefined,
): Promise<string> {
  if (call.type !== "function") {
    return `Error: only function tools are available; use one of: ${[...known].join(", ")}.`;
  }
  const { name, arguments: rawArgs } = call.function;
  if (!known.has(name)) {
    return `Error: there is no tool named "${name}". Available tools: ${[...known].join(", ") || "none"}.`;
  }
  const input = parseArguments(rawArgs);
  if (!input.ok) return `Error: the arguments for ${name} are not valid JSON (${input.error}). Call it again with a JSON object.`;
  onProgress?.({ type: "tool", tool: name, detail: summarizeToolCall(name, input.value) });
  signal.throwIfAborted();
  try {
    const result = await raceAbort(toolbox.call(name, input.value, signal), signal);
    return result.isError && !/^error\b/i.test(result.content) ? `Error: ${result.content}` : result.content;
  } catch (error) {
    if (signal.aborted) throw error;
    return `Error: the ${name} tool failed: ${errorMessage(error)}`;
  }
}

/** Parses tool-call arguments; an empty string (no-argument call) is `{}`. */
export function parseArguments(raw: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (raw.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}
