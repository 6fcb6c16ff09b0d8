/**
 * Runs the tool calls of one assistant turn. Parallel `tool_use` blocks run concurrently and are
 * answered together, in their order, in ONE user turn of `tool_result` blocks — the API requires
 * every `tool_use` of a turn to be answered in the next message.
 */
import type { ToolResultBlockParam, ToolUseBlock } from "@anthropic-ai/sdk/resources/messages";
import type { AgentProgress, Toolbox, ToolResult } from "../contract.ts";
import { errorMessage } from "../../kernel/errors.ts";
import { summarizeToolCall } from "../tools/registry.ts";


/**
 * Calls each tool and returns one `tool_result` per call, in call order.
 *
 * Edge cases: an unknown tool, a tool that throws, or a tool aborted mid-call gives an `is_error`
 * result with the reason instead of failing the agent; empty output is sent as "(no output)"
 * (the API refuses cache breakpoints on empty content).
 */
export async function runToolCalls(
  calls: readonly ToolUseBlock[],
  toolbox: Toolbox,
  signal: AbortSignal,
  onProgress: ((p: AgentProgress) => void) | undefined,
): Promise<ToolResultBlockParam[]> {
  const known = new Set<string>(toolbox.definitions.map((d) => d.name));
  return Promise.all(
    calls.map(async (call): Promise<ToolResultBlockParam> => {
      onProgress?.({ type: "tool", tool: call.name, detail: summarizeToolCall(call.name, call.input) });
      const result = known.has(call.name)
        ? await callSafely(toolbox, call, signal)
        : { content: `Unknown tool "${call.name}". Available tools: ${[...known].join(", ") || "none"}.`, isError: true };
      return {
        type: "tool_result",
        tool_use_id: call.id,
        content: result.content || "(no output)",
        ...(result.isError ? { is_error: true } : {}),
      };
    }),
  );
}

async function callSafely(toolbox: Toolbox, call: ToolUseBlock, signal: AbortSignal): Promise<ToolResult> {
  try {
    return await toolbox.call(call.name, call.input, signal);
  } catch (error) {
    const message = errorMessage(error);
    return { content: `Tool ${call.name} failed: ${message}`, isError: true };
  }
}
