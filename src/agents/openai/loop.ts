/**
 * The tool loop of one agent over Chat Completions: ask the model, answer its tool calls, repeat
 * until it gives a final answer (validated when there is a schema) or a limit ends it.
 */
import type { OpenAI } from "openai";
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessage,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import { type AgentOutcome, type AgentProgress, type AgentRequest, type Effort, type FailureReason, type FatalCause, type Toolbox } from "../contract.ts";
import type { JsonValue } from "../../kernel/json.ts";
import { addUsage, ZERO_USAGE, type Usage } from "../../kernel/usage.ts";
import type { OpenAIConnection } from "./config.ts";
import type { CostMeter } from "./cost.ts";
import type { AgentDeadline } from "../deadline.ts";
import { classifyApiError, isReasoningEffortRejected, isResponseFormatRejected } from "./errors.ts";
import type { FormatSupport } from "./format-support.ts";
import type { SystemPromptBuilder } from "../hooks.ts";
import {
  checkAnswer,
  MAX_SCHEMA_RETRIES,
  outputInstructions,
  parseJsonAnswer,
  responseFormatFor,
  schemaFeedback,
  submitReminder,
  submitToolFor,
  SUBMIT_TOOL_NAME,
  type OutputMode,
  type OutputValidator,
} from "./structured-output.ts";
import { answerToolCalls, parseArguments, toFunctionTools } from "./tools.ts";
import { usageFromCompletion } from "./usage.ts";
import { errorMessage } from "../../kernel/errors.ts";


export interface LoopDeps {
  client: OpenAI;
  connection: OpenAIConnection;
  formats: FormatSupport;
  systemPrompt: SystemPromptBuilder;
  cost: CostMeter;
  note(message: string): void;
  /** Sent as `max_completion_tokens` when set; otherwise the server's default applies. */
  maxCompletionTokens: number | undefined;
}

export interface AgentTask {
  request: AgentRequest;
  /** The model id to send (already resolved). */
  model: string;
  toolbox: Toolbox;
  /** Present when the request has a schema. */
  validator: OutputValidator | undefined;
  deadline: AgentDeadline;
  onProgress: ((p: AgentProgress) => void) | undefined;
}

type Step = { done: true; outcome: AgentOutcome } | { done: false };
const CONTINUE: Step = { done: false };

/**
 * Runs the conversation to an outcome. Never throws: aborts become `stopped` / `time_limit`,
 * SDK errors after retries become `api_error` / `context_overflow`, anything else `error`.
 *
 * Turns: every model response counts as one turn, including answers rejected by the schema.
 * When `request.maxTurns` responses did not produce an accepted answer, the outcome is `turn_limit`.
 */
export async function runConversation(deps: LoopDeps, task: AgentTask): Promise<AgentOutcome> {
  return new Conversation(deps, task).run();
}

class Conversation {
  readonly #deps: LoopDeps;
  readonly #task: AgentTask;
  readonly #messages: ChatCompletionMessageParam[];
  #mode: OutputMode;
  #usage: Usage = { ...ZERO_USAGE };
  #costUsd = 0;
  #turns = 0;
  #answeredModel: string;
  #schemaFailures = 0;
  /** `reasoning_effort` (opts.effort, S7); dropped when the server rejects it. */
  #effort: Effort | undefined;

  constructor(deps: LoopDeps, task: AgentTask) {
    this.#deps = deps;
    this.#task = task;
    this.#answeredModel = task.model;
    this.#effort = task.request.effort;
    this.#mode = task.validator ? deps.formats.initialMode(task.model) : "text";
    this.#messages = [
      { role: "system", content: this.#systemText() },
      { role: "user", content: task.request.prompt },
    ];
  }

  async run(): Promise<AgentOutcome> {
    try {
      for (;;) {
        const stop = this.#task.deadline.stopReason();
        if (stop) return this.#stopped(stop);
        if (this.#turns >= this.#task.request.maxTurns) {
          return this.#fail(
            "turn_limit",
            `The agent used all ${this.#task.request.maxTurns} turns without a final answer. Raise maxTurns or give it a narrower task.`,
          );
        }
        const step = await this.#turn();
        if (step.done) return step.outcome;
      }
    } catch (error) {
      const stop = this.#task.deadline.stopReason();
      if (stop) return this.#stopped(stop);
      return this.#fail("error", `The OpenAI agent loop failed unexpectedly: ${errorMessage(error)}`);
    }
  }

  async #turn(): Promise<Step> {
    let completion;
    try {
      completion = await this.#deps.client.chat.completions.create(this.#body(), { signal: this.#task.deadline.signal });
    } catch (error) {
      const stop = this.#task.deadline.stopReason();
      if (stop) return { done: true, outcome: this.#stopped(stop) };
      if (this.#effort !== undefined && isReasoningEffortRejected(error)) {
        // A model or server without reasoning_effort (S7): go on at its default effort.
        this.#deps.note(`${this.#deps.connection.baseURL} rejected reasoning_effort for ${this.#task.model}; this agent runs at the model's default effort.`);
        this.#effort = undefined;
        return CONTINUE;
      }
      if (this.#mode === "json_schema" && this.#deps.formats.canFallBack && isResponseFormatRejected(error)) {
        this.#fallBackToSubmitTool(error);
        return CONTINUE;
      }
      const { reason, message, fatal } = classifyApiError(error, { ...this.#deps.connection, model: this.#task.model });
      return { done: true, outcome: this.#fail(reason, message, fatal) };
    }

    this.#turns += 1;
    if (completion.model) this.#answeredModel = completion.model;
    const turnUsage = usageFromCompletion(completion.usage);
    this.#usage = addUsage(this.#usage, turnUsage);
    this.#costUsd += this.#deps.cost(this.#task.model, this.#answeredModel, turnUsage);
    this.#task.onProgress?.({ type: "turn", turn: this.#turns });

    const choice = completion.choices[0];
    if (!choice) return this.#done(this.#fail("api_error", `The model server answered without any choice (response ${completion.id}).`));
    const message = choice.message;
    if (message.refusal) return this.#done(this.#fail("refusal", `The model refused: ${message.refusal}`));
    if (choice.finish_reason === "content_filter") {
      return this.#done(this.#fail("refusal", "The provider's content filter stopped the answer. Rephrase the task."));
    }
    if (choice.finish_reason === "length") {
      return this.#done(
        this.#fail("max_tokens", `The answer hit the output token limit${this.#deps.maxCompletionTokens ? ` (${this.#deps.maxCompletionTokens})` : ""} and was cut off. Raise maxCompletionTokens or ask for a shorter answer.`),
      );
    }
    if (message.tool_calls && message.tool_calls.length > 0) return this.#onToolCalls(message);
    return this.#onFinalText(message.content ?? "");
  }

  /** One round of tool calls: every call id gets its `tool` message, the submit tool included. */
  async #onToolCalls(message: ChatCompletionMessage): Promise<Step> {
    const calls = message.tool_calls ?? [];
    this.#messages.push({ role: "assistant", content: message.content ?? "", tool_calls: calls });
    const submit = this.#mode === "submit_tool" ? calls.find(isSubmitCall) : undefined;
    const preset = new Map<string, string>();
    let verdict: ReturnType<typeof checkAnswer> | undefined;
    if (submit && this.#task.validator) {
      const args = parseArguments(submit.function.arguments);
      verdict = checkAnswer(args.ok ? { ok: true, value: args.value as JsonValue } : { ok: false, error: `the arguments are not valid JSON (${args.error})` }, this.#task.validator);
      if (!verdict.ok) {
        const feedback = this.#schemaRejected(verdict.errors);
        if (feedback.done) return feedback;
        preset.set(submit.id, schemaFeedback("submit_tool", verdict.errors, MAX_SCHEMA_RETRIES + 1 - this.#schemaFailures));
      } else {
        preset.set(submit.id, "Accepted.");
      }
    }
    for (const call of calls) {
      if (submit && isSubmitCall(call) && call !== submit) preset.set(call.id, `Error: ${SUBMIT_TOOL_NAME} was already called in this turn.`);
    }
    const replies = await answerToolCalls(this.#task.toolbox, calls, this.#task.deadline.signal, this.#task.onProgress, preset);
    if (verdict?.ok) return this.#done(this.#succeed(verdict.value));
    this.#messages.push(...replies);
    return CONTINUE;
  }

  #onFinalText(text: string): Step {
    const validator = this.#task.validator;
    if (!validator) return this.#done(this.#succeed(text));
    const verdict = checkAnswer(parseJsonAnswer(text), validator);
    if (verdict.ok) return this.#done(this.#succeed(verdict.value));
    const stop = this.#schemaRejected(verdict.errors);
    if (stop.done) return stop;
    const retriesLeft = MAX_SCHEMA_RETRIES + 1 - this.#schemaFailures;
    const feedback = this.#mode === "submit_tool" ? submitReminder(verdict.errors, retriesLeft) : schemaFeedback(this.#mode, verdict.errors, retriesLeft);
    this.#messages.push({ role: "assistant", content: text }, { role: "user", content: feedback });
    return CONTINUE;
  }

  /** Counts an invalid answer; after {@link MAX_SCHEMA_RETRIES} retries the agent fails (A2). */
  #schemaRejected(errors: string): Step {
    this.#schemaFailures += 1;
    if (this.#schemaFailures <= MAX_SCHEMA_RETRIES) return CONTINUE;
    return this.#done(
      this.#fail("schema_invalid", `The answer still did not match the schema after ${MAX_SCHEMA_RETRIES} retries. Last errors:\n${errors}`),
    );
  }

  #fallBackToSubmitTool(error: unknown): void {
    this.#deps.formats.markRefused(this.#task.model);
    this.#mode = "submit_tool";
    this.#messages[0] = { role: "system", content: this.#systemText() };
    this.#deps.note(
      `${this.#deps.connection.baseURL} rejected response_format json_schema for ${this.#task.model} ` +
        `(${errorMessage(error)}); using the ${SUBMIT_TOOL_NAME} tool for structured output instead. ` +
        `Set jsonSchemaSupport: "no" to skip this probe.`,
    );
  }

  #body(): ChatCompletionCreateParamsNonStreaming {
    const { validator, request } = this.#task;
    const tools: ChatCompletionTool[] = toFunctionTools(this.#task.toolbox.definitions);
    if (this.#mode === "submit_tool" && request.schema) tools.push(submitToolFor(request.schema));
    return {
      model: this.#task.model,
      messages: this.#messages,
      ...(tools.length > 0 ? { tools } : {}),
      ...(this.#mode === "json_schema" && validator && request.schema ? { response_format: responseFormatFor(request.schema) } : {}),
      ...(this.#deps.maxCompletionTokens ? { max_completion_tokens: this.#deps.maxCompletionTokens } : {}),
      ...(this.#effort !== undefined ? { reasoning_effort: this.#effort } : {}),
    };
  }

  #systemText(): string {
    const { request } = this.#task;
    const base = this.#deps.systemPrompt({
      tools: request.tools,
      isolation: request.isolation,
      hasSchema: request.schema !== undefined,
      ...(request.instructions ? { instructions: request.instructions } : {}),
    });
    const extra = outputInstructions(this.#mode, request.schema);
    return extra ? `${base}\n\n${extra}` : base;
  }

  #stopped(stop: "stopped" | "time_limit"): AgentOutcome {
    return stop === "stopped"
      ? this.#fail("stopped", "The run stopped this agent before it finished.")
      : this.#fail("time_limit", `The agent ran out of wall time (${this.#task.request.timeoutMs} ms). Raise its time limit or give it a narrower task.`);
  }

  #succeed(output: JsonValue): AgentOutcome {
    return { ok: true, output, ...this.#tally() };
  }

  #fail(reason: FailureReason, message: string, fatal?: FatalCause): AgentOutcome {
    return { ok: false, reason, message, ...(fatal ? { fatal } : {}), ...this.#tally() };
  }

  #tally(): { usage: Usage; costUsd: number; model: string; turns: number } {
    return {
      usage: this.#usage,
      costUsd: this.#costUsd,
      model: this.#answeredModel,
      turns: this.#turns,
    };
  }

  #done(outcome: AgentOutcome): Step {
    return { done: true, outcome };
  }
}

function isSubmitCall(call: { type: string }): call is ChatCompletionMessageFunctionToolCall {
  return call.type === "function" && (call as ChatCompletionMessageFunctionToolCall).function.name === SUBMIT_TOOL_NAME;
}
