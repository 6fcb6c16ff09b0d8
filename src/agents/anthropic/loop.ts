/**
 * One agent's conversation with the Messages API: call the model, run the tools it asks for,
 * feed back invalid structured answers, until it answers, fails, or hits a limit.
 *
 * Stop reasons: `end_turn`/`stop_sequence` → the answer (validated when there is a schema);
 * `tool_use` → run the tools and continue; `pause_turn` → continue as-is; `refusal`,
 * `max_tokens`, `model_context_window_exceeded` → failures of those names.
 */
import Anthropic from "@anthropic-ai/sdk";
import type { ContentBlockParam, Message, MessageParam, ToolUseBlock } from "@anthropic-ai/sdk/resources/messages";
import { type AgentProgress, type FailureReason, type Toolbox } from "../contract.ts";
import type { JsonValue } from "../../kernel/json.ts";
import { addUsage, ZERO_USAGE, type Usage } from "../../kernel/usage.ts";
import { costUsd } from "../pricing.ts";
import type { OutputValidator } from "../../schema/output-schema.ts";
import type { CacheWarmup } from "./cache-warmup.ts";
import { MAX_SCHEMA_RETRIES } from "./options.ts";
import { judgeText, judgeValue, SUBMIT_TOOL_NAME, type OutputPlan, type Verdict } from "./output.ts";
import { buildRequest, sharedPrefixKeys, type RequestFrame } from "./request.ts";
import { runToolCalls } from "./tool-calls.ts";

/** Text a structured-output refusal of the API mentions (then the agent retries in tool mode). */
const STRUCTURED_OUTPUT_REFUSED = /output_config|output_format|json_schema|structured output|response format/i;

export interface ConversationInput {
  client: Anthropic;
  plan: OutputPlan;
  /** Builds the request frame for an output plan (called again after a fallback to tool mode). */
  makeFrame(plan: OutputPlan): RequestFrame;
  /** The tool-mode plan to fall back to when the API refuses native structured output. */
  fallbackPlan: (() => OutputPlan) | undefined;
  firstMessage: MessageParam;
  toolbox: Toolbox;
  validator: OutputValidator | null;
  maxTurns: number;
  signal: AbortSignal;
  warmup: CacheWarmup;
  onProgress: ((p: AgentProgress) => void) | undefined;
  /** Called when the API refused `output_config.effort` for this model (the agent goes on without it). */
  onEffortRefused?(model: string, error: unknown): void;
  /** Called once when the API refused native structured output for this model. */
  onNativeRefused(model: string): void;
  /** Called for a turn whose model has no known price. */
  onUnpriced(model: string): void;
}

/** Where a conversation ended; usage and cost cover every turn, including failed ones. */
export type ConversationEnd = { turns: number; usage: Usage; costUsd: number; model: string } & (
  | { ok: true; output: JsonValue }
  | { ok: false; reason: FailureReason; message: string }
  | { ok: false; reason: "thrown"; error: unknown }
);

/** One conversation's running state: the plan and frame in use, the history and the tally so far. */
interface Conversation {
  input: ConversationInput;
  plan: OutputPlan;
  /** The API refused the effort control: every later frame goes without it. */
  withoutEffort: boolean;
  frame: RequestFrame;
  messages: MessageParam[];
  /** History length at the previous request (where the cache breakpoint moves from). */
  previousLength: number;
  turns: number;
  usage: Usage;
  cost: number;
  model: string;
  schemaFailures: number;
  /** The last turn number reported to onProgress. */
  announced: number;
}

export async function runConversation(input: ConversationInput): Promise<ConversationEnd> {
  const c: Conversation = { input, plan: input.plan, withoutEffort: false, frame: input.makeFrame(input.plan), messages: [input.firstMessage], previousLength: 0, turns: 0, usage: ZERO_USAGE, cost: 0, model: "", schemaFailures: 0, announced: 0 };
  c.model = c.frame.model;
  for (;;) {
    if (c.turns >= input.maxTurns) {
      return {
        ...tally(c),
        ok: false,
        reason: "turn_limit",
        message: `the agent used all ${input.maxTurns} turns without finishing (L4). Give it a narrower task, or raise the per-agent turn limit.`,
      };
    }
    if (c.announced < c.turns + 1) input.onProgress?.({ type: "turn", turn: (c.announced = c.turns + 1) });
    const sent = await sendTurn(c);
    if (sent === "again") continue;
    if ("error" in sent) return { ...tally(c), ok: false, reason: "thrown", error: sent.error };
    const end = await takeResponse(c, sent.response);
    if (end) return end;
  }
}

function tally(c: Conversation): { turns: number; usage: Usage; costUsd: number; model: string } {
  return { turns: c.turns, usage: c.usage, costUsd: c.cost, model: c.model };
}

function frameFor(c: Conversation, plan: OutputPlan): RequestFrame {
  return c.withoutEffort ? { ...c.input.makeFrame(plan), effort: undefined } : c.input.makeFrame(plan);
}

/**
 * Sends one request. On the first turn, a model that refuses the effort control or native
 * structured output is asked `again` without it; any other error ends the conversation.
 */
async function sendTurn(c: Conversation): Promise<{ response: Message } | { error: unknown } | "again"> {
  const { input, frame } = c;
  const params = buildRequest(frame, c.messages, c.previousLength);
  const settle = c.turns === 0 ? await input.warmup.claim(sharedPrefixKeys(frame, input.firstMessage), input.signal) : undefined;
  try {
    const response = await input.client.messages.create(params, { signal: input.signal });
    settle?.(true);
    return { response };
  } catch (error) {
    settle?.(false);
    if (c.turns === 0 && frame.effort !== undefined && isEffortRefusal(error)) {
      // A model without the effort control (S7): run without it rather than fail the agent.
      input.onEffortRefused?.(frame.model, error);
      c.withoutEffort = true;
      c.frame = frameFor(c, c.plan);
      return "again";
    }
    if (c.turns === 0 && c.plan.mode === "native" && input.fallbackPlan && isStructuredOutputRefusal(error)) {
      input.onNativeRefused(frame.model);
      c.plan = input.fallbackPlan();
      c.frame = frameFor(c, c.plan);
      return "again";
    }
    return { error };
  }
}

/** Counts a response and acts on it: the end of the conversation, or null to go on. */
async function takeResponse(c: Conversation, response: Message): Promise<ConversationEnd | null> {
  const { input, plan } = c;
  c.turns++;
  c.previousLength = c.messages.length;
  c.model = response.model || c.frame.model;
  const turnUsage = usageOf(response);
  c.usage = addUsage(c.usage, turnUsage);
  const price = costUsd(c.model, turnUsage);
  if (price.priced) c.cost += price.usd;
  else input.onUnpriced(c.model);
  c.messages.push({ role: "assistant", content: historyContent(response) });
  const lastTurnNext = c.turns === input.maxTurns - 1;

  const stopped = stopFailure(response, c.frame.maxTokens);
  if (stopped) return { ...tally(c), ok: false, ...stopped };
  if (response.stop_reason === "pause_turn") return null;
  const calls = response.content.filter((b): b is ToolUseBlock => b.type === "tool_use");
  if (response.stop_reason === "tool_use" && calls.length > 0) {
    const turn = await answerToolCalls(input, plan, calls);
    if ("answer" in turn) return { ...tally(c), ok: true, output: turn.answer };
    if (turn.invalid) {
      const failed = rejected(c, turn.invalid);
      if (failed) return failed;
    }
    if (lastTurnNext) turn.blocks.push({ type: "text", text: lastTurnNotice(plan) });
    c.messages.push({ role: "user", content: turn.blocks });
    return null;
  }

  const verdict = judgeText(plan, input.validator, finalText(response));
  if (verdict.ok) return { ...tally(c), ok: true, output: verdict.value as JsonValue };
  const failed = rejected(c, verdict);
  if (failed) return failed;
  const feedback: ContentBlockParam[] = [{ type: "text", text: verdict.feedback }];
  if (lastTurnNext) feedback.push({ type: "text", text: lastTurnNotice(plan) });
  c.messages.push({ role: "user", content: feedback });
  return null;
}

/** Records an invalid answer; returns the failure once the retries are used up. */
function rejected(c: Conversation, verdict: Extract<Verdict, { ok: false }>): ConversationEnd | null {
  c.schemaFailures++;
  if (c.schemaFailures <= MAX_SCHEMA_RETRIES) return null;
  return {
    ...tally(c),
    ok: false,
    reason: "schema_invalid",
    message: `the answer still did not match opts.schema after ${MAX_SCHEMA_RETRIES} retries. Last errors:\n${verdict.errors}`,
  };
}

/** A 400 that rejects the effort control itself (older models). */
function isEffortRefusal(error: unknown): boolean {
  return error instanceof Anthropic.BadRequestError && /effort/i.test(error.apiMessage ?? error.message);
}

/** The failure a stop reason means, if any (`max_tokens`, `refusal`, context window, unknown). */
function stopFailure(response: Message, maxTokens: number): { reason: FailureReason; message: string } | null {
  switch (response.stop_reason) {
    case "end_turn":
    case "stop_sequence":
    case "tool_use":
    case "pause_turn":
    case null:
      return null;
    case "max_tokens":
      return {
        reason: "max_tokens",
        message: `the model hit its output limit of ${maxTokens} tokens in one turn (stop_reason max_tokens). Ask for a shorter answer, or raise maxTokens.`,
      };
    case "refusal": {
      const why = response.stop_details?.explanation ?? response.stop_details?.category ?? "no reason given";
      return { reason: "refusal", message: `the model declined the task (stop_reason refusal: ${why}).` };
    }
    case "model_context_window_exceeded":
      return {
        reason: "context_overflow",
        message: "the conversation filled the model's context window (stop_reason model_context_window_exceeded). Give the agent a narrower task or tools that return less.",
      };
    default:
      return { reason: "error", message: `unexpected stop_reason ${JSON.stringify(response.stop_reason)} from the API.` };
  }
}

type ToolTurn = { answer: JsonValue } | { blocks: ContentBlockParam[]; invalid: Extract<Verdict, { ok: false }> | null };

/**
 * Answers the tool calls of one turn. In tool mode a valid `submit_result` ends the agent (other
 * calls of that turn are not run); an invalid one is answered with the validation errors, in the
 * same user turn as the results of the other calls.
 */
async function answerToolCalls(input: ConversationInput, plan: OutputPlan, calls: ToolUseBlock[]): Promise<ToolTurn> {
  const submitting = plan.mode === "tool" && input.validator !== null;
  const submit = submitting ? calls.find((c) => c.name === SUBMIT_TOOL_NAME) : undefined;
  let invalid: Extract<Verdict, { ok: false }> | null = null;
  if (submit && input.validator) {
    const verdict = judgeValue(plan, input.validator, submit.input);
    if (verdict.ok) return { answer: verdict.value as JsonValue };
    invalid = verdict;
  }
  const toRun = calls.filter((c) => !submitting || c.name !== SUBMIT_TOOL_NAME);
  const results = await runToolCalls(toRun, input.toolbox, input.signal, input.onProgress);
  const blocks: ContentBlockParam[] = calls.map(
    (call) =>
      results.find((r) => r.tool_use_id === call.id) ?? {
        type: "tool_result",
        tool_use_id: call.id,
        content: call === submit && invalid ? invalid.feedback : `Call ${SUBMIT_TOOL_NAME} only once per turn.`,
        is_error: true,
      },
  );
  return { blocks, invalid };
}

function usageOf(response: Message): Usage {
  const u = response.usage;
  return {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    cacheReadTokens: u.cache_read_input_tokens ?? 0,
    cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
  };
}

/**
 * The assistant turn as it goes back into the conversation: unchanged (thinking blocks included,
 * which the API ties to the conversation), minus text blocks with no text, which the API refuses
 * in requests; an otherwise empty turn becomes a placeholder.
 */
function historyContent(response: Message): ContentBlockParam[] {
  const kept = response.content.filter((b) => b.type !== "text" || b.text.trim() !== "");
  return kept.length > 0 ? kept : [{ type: "text", text: "(empty answer)" }];
}

function finalText(response: Message): string {
  return response.content
    .filter((b) => b.type === "text")
    .map((b) => b.text)
    .join("");
}

function lastTurnNotice(plan: OutputPlan): string {
  return plan.mode === "tool"
    ? `This is your last turn: call ${SUBMIT_TOOL_NAME} with your answer now, and no other tool.`
    : "This is your last turn: give your final answer now, without calling tools.";
}

function isStructuredOutputRefusal(error: unknown): boolean {
  return error instanceof Anthropic.BadRequestError && STRUCTURED_OUTPUT_REFUSED.test(error.apiMessage ?? error.message);
}
