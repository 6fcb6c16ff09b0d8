/**
 * The Anthropic provider: an {@link AgentRunner} on `@anthropic-ai/sdk` (Messages API, API
 * version 2026-10-21). One runner serves a whole run, so fan-out siblings share what it learns
 * about their common prompt prefix and who warms the prompt cache.
 */
import Anthropic from "@anthropic-ai/sdk";
import { type AgentFailure, type AgentOutcome, type AgentProgress, type AgentRequest, type AgentRunner, type Toolbox } from "../contract.ts";
import type { AgentDeadline } from "../deadline.ts";
import { runAgentSession } from "../session.ts";
import { ZERO_USAGE, type Usage } from "../../kernel/usage.ts";
import { resolveModel } from "../models.ts";
import { unknownPriceMessage } from "../pricing.ts";
import { compileOutputSchema, type OutputValidator } from "../../schema/output-schema.ts";
import { CacheWarmup } from "./cache-warmup.ts";
import { defaultSystemPrompt, defaultToolboxFactory, defaultWorktreeFactory } from "./defaults.ts";
import { classifyFailure, type Failure, type FailureContext } from "./errors.ts";
import type { SystemPromptBuilder, ToolboxFactory, WorktreeFactory } from "../hooks.ts";
import { runConversation, type ConversationEnd } from "./loop.ts";
import {
  DEFAULT_AGENT_TIMEOUT_MS,
  DEFAULT_MAX_TURNS,
  resolveAnthropicOptions,
  type AnthropicRunnerOptions,
  type ResolvedAnthropicOptions,
} from "./options.ts";
import { planOutput, SUBMIT_TOOL_NAME, type OutputPlan } from "./output.ts";
import { anthropicEffort, apiTools, firstUserMessage, type RequestFrame } from "./request.ts";
import { SharedPrefixLearner } from "./shared-prefix.ts";
import { errorMessage } from "../../kernel/errors.ts";

const SDK_DEFAULT_BASE_URL = "https://api.anthropic.com";

/**
 * Creates the Anthropic runner.
 *
 * Throws {@link AnthropicConfigError} at once when no API key is configured (`ANTHROPIC_API_KEY`)
 * or a number option is invalid. Per agent: the turn limit is `request.maxTurns` (default 40), the
 * wall-time limit `request.timeoutMs` (default 10 min); aborting `signal` stops the agent
 * (`reason: "stopped"`). Failures never throw: they come back as `{ ok: false, reason, message }`.
 */
export function createAnthropicRunner(options: AnthropicRunnerOptions = {}): AgentRunner {
  const settings = resolveAnthropicOptions(options);
  const client = new Anthropic({
    apiKey: settings.apiKey,
    // Always explicit, so `options.env` decides and the SDK does not read process.env itself.
    baseURL: settings.baseURL ?? SDK_DEFAULT_BASE_URL,
    maxRetries: settings.maxRetries,
    timeout: settings.requestTimeoutMs,
  });
  const shared: SharedState = {
    client,
    settings,
    toolboxFactory: options.toolboxFactory ?? defaultToolboxFactory(options.runAllowlist),
    systemPrompt: options.systemPrompt ?? defaultSystemPrompt,
    worktreeFactory: options.worktreeFactory ?? defaultWorktreeFactory,
    notice: options.onNotice ?? ((message) => console.warn(`quorum: ${message}`)),
    learner: new SharedPrefixLearner(),
    warmup: new CacheWarmup(settings.cacheWarmupMaxWaitMs),
    unpriced: new Set(),
    nativeRefused: new Set(),
  };
  return { runAgent: (request, signal, onProgress) => runAgent(shared, request, signal, onProgress) };
}

interface SharedState {
  client: Anthropic;
  settings: ResolvedAnthropicOptions;
  toolboxFactory: ToolboxFactory;
  systemPrompt: SystemPromptBuilder;
  worktreeFactory: WorktreeFactory;
  notice: (message: string) => void;
  learner: SharedPrefixLearner;
  warmup: CacheWarmup;
  /** Models already reported as having no price (one notice per model). */
  unpriced: Set<string>;
  /** Models whose API refused native structured output: later agents use tool mode at once. */
  nativeRefused: Set<string>;
}

async function runAgent(
  s: SharedState,
  request: AgentRequest,
  runSignal: AbortSignal,
  onProgress: ((p: AgentProgress) => void) | undefined,
): Promise<AgentOutcome> {
  let model = request.model ?? s.settings.defaultModel ?? "(default)";
  const early = (reason: "error" | "stopped", message: string): AgentOutcome => ({
    ok: false,
    reason,
    message,
    usage: ZERO_USAGE,
    costUsd: 0,
    model,
    turns: 0,
  });

  const ref = resolveModel(request.model, { provider: "anthropic", ...(s.settings.defaultModel ? { model: s.settings.defaultModel } : {}) });
  if (ref.provider !== "anthropic" || ref.model === undefined) {
    return early("error", `model "${request.model ?? ""}" belongs to the ${ref.provider} provider, not Anthropic. Use createRunner(), which routes by provider.`);
  }
  model = ref.model;
  let validator: OutputValidator | null = null;
  try {
    validator = request.schema === undefined ? null : compileOutputSchema(request.schema);
  } catch (error) {
    return early("error", errorMessage(error));
  }
  if (runSignal.aborted) return early("stopped", "the run stopped this agent before it started.");

  const timeoutMs = request.timeoutMs > 0 ? request.timeoutMs : DEFAULT_AGENT_TIMEOUT_MS;
  const failureContext = (deadline: AgentDeadline): FailureContext => ({
    stop: deadline.stopReason(),
    timeoutMs,
    maxRetries: s.settings.maxRetries,
    baseURL: s.settings.baseURL ?? SDK_DEFAULT_BASE_URL,
    model,
  });
  const failed = (failure: Failure, spent: { usage: Usage; costUsd: number; model: string; turns: number }): AgentFailure => ({
    ok: false,
    reason: failure.reason,
    message: failure.message,
    ...(failure.fatal ? { fatal: failure.fatal } : {}),
    ...spent,
  });
  return runAgentSession({
    request,
    runSignal,
    timeoutMs,
    worktreeFactory: s.worktreeFactory,
    toolboxFactory: s.toolboxFactory,
    notice: s.notice,
    converse: async (toolbox, deadline) => {
      const end = await converse(s, request, model, toolbox, validator, deadline.signal, onProgress);
      const spent = { usage: end.usage, costUsd: end.costUsd, model: end.model, turns: end.turns };
      if (end.ok) return { ok: true, output: end.output, ...spent };
      return failed(end.reason === "thrown" ? classifyFailure(end.error, failureContext(deadline)) : end, spent);
    },
    failure: (error, _stage, deadline) => failed(classifyFailure(error, failureContext(deadline)), { usage: ZERO_USAGE, costUsd: 0, model, turns: 0 }),
  });
}

function converse(
  s: SharedState,
  request: AgentRequest,
  model: string,
  toolbox: Toolbox,
  validator: OutputValidator | null,
  signal: AbortSignal,
  onProgress: ((p: AgentProgress) => void) | undefined,
): Promise<ConversationEnd> {
  const hasSchema = request.schema !== undefined;
  const preferred = s.nativeRefused.has(model) ? "tool" : s.settings.structuredOutput;
  const plan = planOutput(request.schema, preferred);
  const framing = s.systemPrompt({ tools: request.tools, isolation: request.isolation, hasSchema, ...(request.instructions ? { instructions: request.instructions } : {}) });
  const split = s.learner.split(request.prompt);
  const makeFrame = (p: OutputPlan): RequestFrame => ({
    model,
    maxTokens: s.settings.maxTokens,
    system: p.systemSuffix ? `${framing}\n\n${p.systemSuffix}` : framing,
    tools: [...apiTools(toolbox.definitions), ...p.extraTools],
    outputFormat: p.outputFormat,
    effort: anthropicEffort(request.effort),
    sharedTaskBlock: split !== null,
  });
  return runConversation({
    client: s.client,
    plan,
    makeFrame,
    fallbackPlan: plan.mode === "native" ? () => planOutput(request.schema, "tool") : undefined,
    firstMessage: firstUserMessage(request.prompt, split),
    toolbox,
    validator,
    maxTurns: request.maxTurns > 0 ? request.maxTurns : DEFAULT_MAX_TURNS,
    signal,
    warmup: s.warmup,
    onProgress,
    onEffortRefused: (m) => s.notice(`the API refused output_config.effort for ${m}; this agent runs at the model's default effort.`),
    onNativeRefused: (m) => {
      if (s.nativeRefused.has(m)) return;
      s.nativeRefused.add(m);
      s.notice(`the API refused JSON-schema output for ${m}; agents with a schema on it now answer through a ${SUBMIT_TOOL_NAME} tool.`);
    },
    onUnpriced: (m) => {
      if (s.unpriced.has(m)) return;
      s.unpriced.add(m);
      s.notice(unknownPriceMessage(m));
    },
  });
}
