/**
 * Builds Messages API requests with prompt-cache breakpoints placed so that fan-out siblings share
 * a byte-identical prefix, and so that each agent's own later turns read its earlier turns.
 *
 * The cache prefix runs tools → system → messages. Breakpoints (the API allows 4):
 *  1. the system block: caches tool definitions + system prompt, shared by every agent with the
 *     same tools, isolation and output mode;
 *  2. the shared part of the task, when siblings share one (see shared-prefix.ts);
 *  3. the last block of the previous request, so this turn reads everything before it;
 *  4. the last block of this request, so the next turn can read it.
 */
import { createHash } from "node:crypto";
import type {
  ContentBlockParam,
  JSONOutputFormat,
  MessageCreateParamsNonStreaming,
  MessageParam,
  TextBlockParam,
  Tool,
} from "@anthropic-ai/sdk/resources/messages";
import type { Effort, ToolDefinition } from "../contract.ts";
import type { PromptSplit } from "./shared-prefix.ts";

const EPHEMERAL = { type: "ephemeral" } as const;

/** Everything of a request that stays the same over an agent's turns. */
export interface RequestFrame {
  model: string;
  maxTokens: number;
  system: string;
  tools: Tool[];
  outputFormat: JSONOutputFormat | undefined;
  /** `output_config.effort` (opts.effort, rule S7); undefined = the model's default. */
  effort: AnthropicEffort | undefined;
  /**
   * True when the first user message's first block is task text shared with siblings: a learned
   * common prefix (then a second block holds the rest), or the whole prompt when siblings repeat it.
   */
  sharedTaskBlock: boolean;
}

export type AnthropicEffort = "low" | "medium" | "high" | "xhigh" | "max";

/** Claude Code's effort levels → the Messages API's `output_config.effort` (`minimal` has no match: `low`). */
export function anthropicEffort(effort: Effort | undefined): AnthropicEffort | undefined {
  if (effort === undefined) return undefined;
  return effort === "minimal" ? "low" : effort;
}

/** Converts toolbox definitions to API tools, in a fixed order (byte-identical across siblings). */
export function apiTools(definitions: readonly ToolDefinition[]): Tool[] {
  return [...definitions]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((d) => ({ name: d.name, description: d.description, input_schema: { ...d.inputSchema, type: "object" } }));
}

/** The first user message: the task, split into shared prefix + own remainder when known. */
export function firstUserMessage(prompt: string, split: PromptSplit | null): MessageParam {
  const blocks: TextBlockParam[] =
    split === null
      ? [{ type: "text", text: prompt.trim() ? prompt : "(no task text was given)" }]
      : split.rest === null
        ? [{ type: "text", text: split.shared }]
        : [
            { type: "text", text: split.shared },
            { type: "text", text: split.rest },
          ];
  return { role: "user", content: blocks };
}

/**
 * The request for the current conversation. `previousLength` is how many messages the previous
 * request of this agent had (0 for the first request).
 *
 * Edge cases: breakpoints are set on copies, never on the stored history; only user messages are
 * marked (their last block is a text or tool_result block, which accept `cache_control`); a block
 * that would get two breakpoints gets one.
 */
export function buildRequest(frame: RequestFrame, messages: readonly MessageParam[], previousLength: number): MessageCreateParamsNonStreaming {
  const marks = new Set<string>();
  if (frame.sharedTaskBlock) marks.add("0:0");
  if (previousLength > 0) marks.add(lastBlockMark(messages, previousLength - 1));
  marks.add(lastBlockMark(messages, messages.length - 1));

  const marked = messages.map((message, m): MessageParam => {
    const content = message.content;
    if (message.role !== "user" || typeof content === "string") return message;
    if (!content.some((_block, b) => marks.has(`${m}:${b}`))) return message;
    return { role: "user", content: content.map((block, b) => (marks.has(`${m}:${b}`) ? withCacheControl(block) : block)) };
  });

  return {
    model: frame.model,
    max_tokens: frame.maxTokens,
    system: [{ type: "text", text: frame.system, cache_control: EPHEMERAL }],
    ...(frame.tools.length > 0 ? { tools: frame.tools } : {}),
    ...(frame.outputFormat || frame.effort
      ? { output_config: { ...(frame.outputFormat ? { format: frame.outputFormat } : {}), ...(frame.effort ? { effort: frame.effort } : {}) } }
      : {}),
    messages: marked,
  };
}

/**
 * Hashes of the request prefix up to the breakpoints siblings may share — the system block, and
 * the first task block when it is shared or is the whole task (an agent that repeats another's
 * prompt reads it) — used to let one sibling warm the cache before the others send
 * (cache-warmup.ts).
 */
export function sharedPrefixKeys(frame: RequestFrame, first: MessageParam): string[] {
  const head = sha256(
    JSON.stringify({ model: frame.model, tools: frame.tools, system: frame.system, format: frame.outputFormat ?? null, effort: frame.effort ?? null }),
  );
  const keys = [head];
  const content = first.content;
  if (Array.isArray(content) && (frame.sharedTaskBlock || content.length === 1)) {
    const block = content[0];
    if (block?.type === "text") keys.push(sha256(`${head}\n${block.text}`));
  }
  return keys;
}

function lastBlockMark(messages: readonly MessageParam[], index: number): string {
  const message = messages[index];
  const count = message === undefined || typeof message.content === "string" ? 1 : message.content.length;
  return `${index}:${Math.max(0, count - 1)}`;
}

function withCacheControl(block: ContentBlockParam): ContentBlockParam {
  switch (block.type) {
    case "text":
    case "tool_result":
    case "image":
    case "document":
      return { ...block, cache_control: EPHEMERAL };
    default:
      return block;
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
