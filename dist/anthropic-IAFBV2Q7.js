import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  Anthropic,
  transformJSONSchema
} from "./chunk-XV2EO6DH.js";
import {
  agentSystemPrompt,
  costUsd,
  runAgentSession,
  unknownPriceMessage
} from "./chunk-667GR3WC.js";
import {
  AnthropicConfigError,
  DEFAULT_AGENT_TIMEOUT_MS,
  DEFAULT_CACHE_WARMUP_MAX_WAIT_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MAX_TURNS,
  MAX_SCHEMA_RETRIES,
  resolveAnthropicOptions
} from "./chunk-KXVYBTJK.js";
import {
  createToolbox,
  resolveModel,
  summarizeToolCall
} from "./chunk-7K4EBRZO.js";
import {
  compileOutputSchema,
  createWorktree
} from "./chunk-HE3AK7X5.js";
import {
  defaultRunAllowlist
} from "./chunk-UMV3I5YR.js";
import "./chunk-5I7IHOKF.js";
import "./chunk-PWS6XHMS.js";
import {
  ZERO_USAGE,
  addUsage,
  errorMessage
} from "./chunk-TWYYX7QD.js";
import "./chunk-4VCDWV26.js";

// src/agents/anthropic/cache-warmup.ts
var CACHE_TTL_MS = 5 * 6e4;
var MAX_WARM_KEYS = 4096;
var CacheWarmup = class {
  #pending = /* @__PURE__ */ new Map();
  #warmedAt = /* @__PURE__ */ new Map();
  #maxWaitMs;
  #now;
  constructor(maxWaitMs, now = Date.now) {
    this.#maxWaitMs = maxWaitMs;
    this.#now = now;
  }
  /**
   * Waits until none of `keys` is being written by another agent (or `maxWaitMs` passed, or
   * `signal` aborted), then claims the keys nobody has warmed. Returns the function to call once
   * this agent's first response arrived (`ok: true`: every key counts as cached from then on) or
   * its request failed (`ok: false`: claimed keys stay cold and the next agent claims them).
   *
   * Edge cases: with `maxWaitMs` 0 nothing waits or is claimed; abort ends the wait early without
   * throwing (the request that follows sees the aborted signal); calling the returned function
   * twice is harmless.
   */
  async claim(keys, signal) {
    if (this.#maxWaitMs <= 0 || keys.length === 0) return () => {
    };
    const deadline = this.#now() + this.#maxWaitMs;
    for (; ; ) {
      const busy = keys.map((k) => this.#pending.get(k)).filter((p) => p !== void 0);
      const left = deadline - this.#now();
      if (busy.length === 0 || left <= 0 || signal.aborted) break;
      await waitForAny(busy, left, signal);
    }
    const claimed = keys.filter((k) => !this.#pending.has(k) && !this.#isWarm(k));
    let settle = () => {
    };
    const done = new Promise((resolve) => settle = resolve);
    for (const k of claimed) this.#pending.set(k, done);
    let finished = false;
    return (ok) => {
      if (finished) return;
      finished = true;
      for (const k of claimed) if (this.#pending.get(k) === done) this.#pending.delete(k);
      if (ok) for (const k of keys) this.#markWarm(k);
      settle();
    };
  }
  #isWarm(key) {
    const at = this.#warmedAt.get(key);
    return at !== void 0 && this.#now() - at < CACHE_TTL_MS;
  }
  #markWarm(key) {
    this.#warmedAt.delete(key);
    this.#warmedAt.set(key, this.#now());
    if (this.#warmedAt.size > MAX_WARM_KEYS) {
      const oldest = this.#warmedAt.keys().next();
      if (!oldest.done) this.#warmedAt.delete(oldest.value);
    }
  }
};
function waitForAny(promises, ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(finish, ms);
    signal.addEventListener("abort", finish, { once: true });
    for (const p of promises) void p.then(finish);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener("abort", finish);
      resolve();
    }
  });
}

// src/agents/anthropic/defaults.ts
function defaultToolboxFactory(runAllowlist = defaultRunAllowlist()) {
  return ({ root, tools, isolation }) => createToolbox({ root, tools, isolation, runAllowlist });
}
var defaultSystemPrompt = (context) => agentSystemPrompt(context);
var defaultWorktreeFactory = (repoRoot, id) => createWorktree(repoRoot, id);

// src/agents/anthropic/errors.ts
var CONTEXT_OVERFLOW = /prompt is too long|context (window|length|limit)|too many (input )?tokens|exceeds? the (model's )?(maximum )?context/i;
function isContextOverflowMessage(text) {
  return CONTEXT_OVERFLOW.test(text);
}
function classifyFailure(error, ctx) {
  if (ctx.stop === "stopped") return { reason: "stopped", message: "the run stopped this agent (cancelled or out of time)." };
  if (ctx.stop === "time_limit") {
    return {
      reason: "time_limit",
      message: `the agent hit its wall-time limit of ${formatMs(ctx.timeoutMs)} (L4). Give it a smaller task, or raise the per-agent time limit.`
    };
  }
  if (error instanceof Anthropic.APIUserAbortError) return { reason: "stopped", message: "the request was aborted." };
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return { reason: "api_error", message: `requests to ${ctx.baseURL} timed out after ${ctx.maxRetries} retries.` };
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return {
      reason: "api_error",
      fatal: "connection",
      message: `could not reach ${ctx.baseURL} after ${ctx.maxRetries} retries: ${causeText(error)}. Check the network and ANTHROPIC_BASE_URL.`
    };
  }
  if (error instanceof Anthropic.APIError) return classifyApiError(error, ctx);
  return { reason: "error", message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
function classifyApiError(error, ctx) {
  const status = error.status ?? 0;
  const detail = `${status} ${error.type ?? "error"}: ${error.apiMessage ?? error.message}${error.requestID ? ` (request ${error.requestID})` : ""}`;
  if (status === 400 && isContextOverflowMessage(error.apiMessage ?? error.message) || status === 413) {
    return {
      reason: "context_overflow",
      message: `the conversation no longer fits the model's context window (${detail}). Give the agent a narrower task or tools that return less.`
    };
  }
  if (status === 401) return { reason: "api_error", fatal: "auth", message: `Anthropic rejected the API key (${detail}). Check ANTHROPIC_API_KEY.` };
  if (status === 403) return { reason: "api_error", fatal: "auth", message: `this API key may not use ${ctx.model} (${detail}). Check ANTHROPIC_API_KEY and the model.` };
  if (status === 404) return { reason: "api_error", message: `model ${ctx.model} was not found (${detail}). Check opts.model or the configured default model.` };
  if (status === 429 || status >= 500) {
    return { reason: "api_error", message: `the Anthropic API still failed after ${ctx.maxRetries} retries: ${detail}.` };
  }
  return { reason: "api_error", message: `the Anthropic API refused the request: ${detail}.` };
}
function causeText(error) {
  const cause = error.cause;
  if (cause instanceof Error) return cause.message;
  return error.message;
}
function formatMs(ms) {
  return ms % 6e4 === 0 ? `${ms / 6e4} min` : `${Math.round(ms / 1e3)} s`;
}

// src/agents/structured.ts
function extractJson(text) {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: "the answer was empty" };
  let firstError = "";
  const candidates = [trimmed];
  const fenced = /```(?:json)?\s*\n([\s\S]*?)\n?```/i.exec(trimmed);
  if (fenced?.[1]) candidates.push(fenced[1]);
  const start = trimmed.indexOf("{");
  const end = trimmed.lastIndexOf("}");
  if (start >= 0 && end > start) candidates.push(trimmed.slice(start, end + 1));
  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch (error) {
      firstError ||= errorMessage(error);
    }
  }
  return { ok: false, error: firstError };
}

// src/agents/anthropic/output.ts
var SUBMIT_TOOL_NAME = "submit_result";
function planOutput(schema, preferred) {
  if (schema === void 0) return { mode: "text", outputFormat: void 0, extraTools: [], systemSuffix: "" };
  if (preferred === "native") {
    try {
      const reduced = transformJSONSchema(structuredClone(schema));
      return {
        mode: "native",
        outputFormat: { type: "json_schema", schema: reduced },
        extraTools: [],
        systemSuffix: "When you are done, reply with the JSON object the response format asks for, and nothing else. Use your tools first if you need information."
      };
    } catch {
    }
  }
  return {
    mode: "tool",
    outputFormat: void 0,
    extraTools: [
      {
        name: SUBMIT_TOOL_NAME,
        description: "Submit your final answer as one object matching this input schema. Call it exactly once, when you are done; do not write the answer as text.",
        input_schema: { ...schema, type: "object" }
      }
    ],
    systemSuffix: `When you are done, call the ${SUBMIT_TOOL_NAME} tool with your answer. Use your other tools first if you need information.`
  };
}
function judgeText(plan, validator, text) {
  if (validator === null) return { ok: true, value: text };
  const parsed = extractJson(text);
  if (!parsed.ok) {
    const feedback = plan.mode === "tool" ? `You ended your turn without calling ${SUBMIT_TOOL_NAME}. Call ${SUBMIT_TOOL_NAME} with your answer object.` : `Your answer is not valid JSON (${parsed.error}). Reply with one JSON object that matches the response format, and nothing else.`;
    return { ok: false, errors: `/: not valid JSON (${parsed.error})`, feedback };
  }
  return judgeValue(plan, validator, parsed.value);
}
function judgeValue(plan, validator, value) {
  const errors = validator.validate(value);
  if (errors === null) return { ok: true, value };
  const again = plan.mode === "tool" ? `Call ${SUBMIT_TOOL_NAME} again with a corrected object.` : "Reply with one corrected JSON object, and nothing else.";
  return { ok: false, errors, feedback: `Your answer does not match the required JSON schema:
${errors}
${again}` };
}

// src/agents/anthropic/request.ts
import { createHash } from "node:crypto";
var EPHEMERAL = { type: "ephemeral" };
function anthropicEffort(effort) {
  if (effort === void 0) return void 0;
  return effort === "minimal" ? "low" : effort;
}
function apiTools(definitions) {
  return [...definitions].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0).map((d) => ({ name: d.name, description: d.description, input_schema: { ...d.inputSchema, type: "object" } }));
}
function firstUserMessage(prompt, split) {
  const blocks = split === null ? [{ type: "text", text: prompt.trim() ? prompt : "(no task text was given)" }] : split.rest === null ? [{ type: "text", text: split.shared }] : [
    { type: "text", text: split.shared },
    { type: "text", text: split.rest }
  ];
  return { role: "user", content: blocks };
}
function buildRequest(frame, messages, previousLength) {
  const marks = /* @__PURE__ */ new Set();
  if (frame.sharedTaskBlock) marks.add("0:0");
  if (previousLength > 0) marks.add(lastBlockMark(messages, previousLength - 1));
  marks.add(lastBlockMark(messages, messages.length - 1));
  const marked = messages.map((message, m) => {
    const content = message.content;
    if (message.role !== "user" || typeof content === "string") return message;
    if (!content.some((_block, b) => marks.has(`${m}:${b}`))) return message;
    return { role: "user", content: content.map((block, b) => marks.has(`${m}:${b}`) ? withCacheControl(block) : block) };
  });
  return {
    model: frame.model,
    max_tokens: frame.maxTokens,
    system: [{ type: "text", text: frame.system, cache_control: EPHEMERAL }],
    ...frame.tools.length > 0 ? { tools: frame.tools } : {},
    ...frame.outputFormat || frame.effort ? { output_config: { ...frame.outputFormat ? { format: frame.outputFormat } : {}, ...frame.effort ? { effort: frame.effort } : {} } } : {},
    messages: marked
  };
}
function sharedPrefixKeys(frame, first) {
  const head = sha256(
    JSON.stringify({ model: frame.model, tools: frame.tools, system: frame.system, format: frame.outputFormat ?? null, effort: frame.effort ?? null })
  );
  const keys = [head];
  const content = first.content;
  if (Array.isArray(content) && (frame.sharedTaskBlock || content.length === 1)) {
    const block = content[0];
    if (block?.type === "text") keys.push(sha256(`${head}
${block.text}`));
  }
  return keys;
}
function lastBlockMark(messages, index) {
  const message = messages[index];
  const count = message === void 0 || typeof message.content === "string" ? 1 : message.content.length;
  return `${index}:${Math.max(0, count - 1)}`;
}
function withCacheControl(block) {
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
function sha256(text) {
  return createHash("sha256").update(text).digest("hex");
}

// src/agents/anthropic/tool-calls.ts
async function runToolCalls(calls, toolbox, signal, onProgress) {
  const known = new Set(toolbox.definitions.map((d) => d.name));
  return Promise.all(
    calls.map(async (call) => {
      onProgress?.({ type: "tool", tool: call.name, detail: summarizeToolCall(call.name, call.input) });
      const result = known.has(call.name) ? await callSafely(toolbox, call, signal) : { content: `Unknown tool "${call.name}". Available tools: ${[...known].join(", ") || "none"}.`, isError: true };
      return {
        type: "tool_result",
        tool_use_id: call.id,
        content: result.content || "(no output)",
        ...result.isError ? { is_error: true } : {}
      };
    })
  );
}
async function callSafely(toolbox, call, signal) {
  try {
    return await toolbox.call(call.name, call.input, signal);
  } catch (error) {
    const message = errorMessage(error);
    return { content: `Tool ${call.name} failed: ${message}`, isError: true };
  }
}

// src/agents/anthropic/loop.ts
var STRUCTURED_OUTPUT_REFUSED = /output_config|output_format|json_schema|structured output|response format/i;
async function runConversation(input) {
  const c = { input, plan: input.plan, withoutEffort: false, frame: input.makeFrame(input.plan), messages: [input.firstMessage], previousLength: 0, turns: 0, usage: ZERO_USAGE, cost: 0, model: "", schemaFailures: 0, announced: 0 };
  c.model = c.frame.model;
  for (; ; ) {
    if (c.turns >= input.maxTurns) {
      return {
        ...tally(c),
        ok: false,
        reason: "turn_limit",
        message: `the agent used all ${input.maxTurns} turns without finishing (L4). Give it a narrower task, or raise the per-agent turn limit.`
      };
    }
    if (c.announced < c.turns + 1) input.onProgress?.({ type: "turn", turn: c.announced = c.turns + 1 });
    const sent = await sendTurn(c);
    if (sent === "again") continue;
    if ("error" in sent) return { ...tally(c), ok: false, reason: "thrown", error: sent.error };
    const end = await takeResponse(c, sent.response);
    if (end) return end;
  }
}
function tally(c) {
  return { turns: c.turns, usage: c.usage, costUsd: c.cost, model: c.model };
}
function frameFor(c, plan) {
  return c.withoutEffort ? { ...c.input.makeFrame(plan), effort: void 0 } : c.input.makeFrame(plan);
}
async function sendTurn(c) {
  const { input, frame } = c;
  const params = buildRequest(frame, c.messages, c.previousLength);
  const settle = c.turns === 0 ? await input.warmup.claim(sharedPrefixKeys(frame, input.firstMessage), input.signal) : void 0;
  try {
    const response = await input.client.messages.create(params, { signal: input.signal });
    settle?.(true);
    return { response };
  } catch (error) {
    settle?.(false);
    if (c.turns === 0 && frame.effort !== void 0 && isEffortRefusal(error)) {
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
async function takeResponse(c, response) {
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
  const calls = response.content.filter((b) => b.type === "tool_use");
  if (response.stop_reason === "tool_use" && calls.length > 0) {
    const turn = await answerToolCalls(input, plan, calls);
    if ("answer" in turn) return { ...tally(c), ok: true, output: turn.answer };
    if (turn.invalid) {
      const failed2 = rejected(c, turn.invalid);
      if (failed2) return failed2;
    }
    if (lastTurnNext) turn.blocks.push({ type: "text", text: lastTurnNotice(plan) });
    c.messages.push({ role: "user", content: turn.blocks });
    return null;
  }
  const verdict = judgeText(plan, input.validator, finalText(response));
  if (verdict.ok) return { ...tally(c), ok: true, output: verdict.value };
  const failed = rejected(c, verdict);
  if (failed) return failed;
  const feedback = [{ type: "text", text: verdict.feedback }];
  if (lastTurnNext) feedback.push({ type: "text", text: lastTurnNotice(plan) });
  c.messages.push({ role: "user", content: feedback });
  return null;
}
function rejected(c, verdict) {
  c.schemaFailures++;
  if (c.schemaFailures <= MAX_SCHEMA_RETRIES) return null;
  return {
    ...tally(c),
    ok: false,
    reason: "schema_invalid",
    message: `the answer still did not match opts.schema after ${MAX_SCHEMA_RETRIES} retries. Last errors:
${verdict.errors}`
  };
}
function isEffortRefusal(error) {
  return error instanceof Anthropic.BadRequestError && /effort/i.test(error.apiMessage ?? error.message);
}
function stopFailure(response, maxTokens) {
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
        message: `the model hit its output limit of ${maxTokens} tokens in one turn (stop_reason max_tokens). Ask for a shorter answer, or raise maxTokens.`
      };
    case "refusal": {
      const why = response.stop_details?.explanation ?? response.stop_details?.category ?? "no reason given";
      return { reason: "refusal", message: `the model declined the task (stop_reason refusal: ${why}).` };
    }
    case "model_context_window_exceeded":
      return {
        reason: "context_overflow",
        message: "the conversation filled the model's context window (stop_reason model_context_window_exceeded). Give the agent a narrower task or tools that return less."
      };
    default:
      return { reason: "error", message: `unexpected stop_reason ${JSON.stringify(response.stop_reason)} from the API.` };
  }
}
async function answerToolCalls(input, plan, calls) {
  const submitting = plan.mode === "tool" && input.validator !== null;
  const submit = submitting ? calls.find((c) => c.name === SUBMIT_TOOL_NAME) : void 0;
  let invalid = null;
  if (submit && input.validator) {
    const verdict = judgeValue(plan, input.validator, submit.input);
    if (verdict.ok) return { answer: verdict.value };
    invalid = verdict;
  }
  const toRun = calls.filter((c) => !submitting || c.name !== SUBMIT_TOOL_NAME);
  const results = await runToolCalls(toRun, input.toolbox, input.signal, input.onProgress);
  const blocks = calls.map(
    (call) => results.find((r) => r.tool_use_id === call.id) ?? {
      type: "tool_result",
      tool_use_id: call.id,
      content: call === submit && invalid ? invalid.feedback : `Call ${SUBMIT_TOOL_NAME} only once per turn.`,
      is_error: true
    }
  );
  return { blocks, invalid };
}
function usageOf(response) {
  const u = response.usage;
  return {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    cacheReadTokens: u.cache_read_input_tokens ?? 0,
    cacheWriteTokens: u.cache_creation_input_tokens ?? 0
  };
}
function historyContent(response) {
  const kept = response.content.filter((b) => b.type !== "text" || b.text.trim() !== "");
  return kept.length > 0 ? kept : [{ type: "text", text: "(empty answer)" }];
}
function finalText(response) {
  return response.content.filter((b) => b.type === "text").map((b) => b.text).join("");
}
function lastTurnNotice(plan) {
  return plan.mode === "tool" ? `This is your last turn: call ${SUBMIT_TOOL_NAME} with your answer now, and no other tool.` : "This is your last turn: give your final answer now, without calling tools.";
}
function isStructuredOutputRefusal(error) {
  return error instanceof Anthropic.BadRequestError && STRUCTURED_OUTPUT_REFUSED.test(error.apiMessage ?? error.message);
}

// src/agents/anthropic/shared-prefix.ts
var MIN_SHARED_PREFIX_CHARS = 200;
var RECENT_PROMPTS = 32;
var MAX_LEARNED_PREFIXES = 64;
var SharedPrefixLearner = class {
  #recent = [];
  #learned = [];
  /**
   * Records `prompt` and returns how to split it, or `null` when nothing is known to be shared.
   *
   * Edge cases: an exact repeat of a recent prompt is shared whole (`rest: null`); no split leaves
   * a rest that is empty or only whitespace (the API refuses such text blocks); the first sibling of a fan-out never splits — it has no one to
   * compare with — and the second one learns the prefix.
   */
  split(prompt) {
    const known = this.#longestLearnedPrefixOf(prompt);
    const result = known ?? this.#learnFromRecent(prompt);
    this.#remember(prompt);
    return result;
  }
  #longestLearnedPrefixOf(prompt) {
    let best = null;
    for (const prefix of this.#learned) {
      if (prompt.startsWith(prefix) && hasText(prompt.slice(prefix.length)) && (best === null || prefix.length > best.length)) {
        best = prefix;
      }
    }
    if (best === null) return null;
    this.#touch(best);
    return { shared: best, rest: prompt.slice(best.length) };
  }
  #learnFromRecent(prompt) {
    let best = "";
    for (const other of this.#recent) {
      if (other === prompt) return { shared: prompt, rest: null };
      const cut = lineBoundaryPrefix(prompt, other);
      if (cut.length > best.length) best = cut;
    }
    if (best.length < MIN_SHARED_PREFIX_CHARS || !hasText(prompt.slice(best.length))) return null;
    this.#touch(best);
    return { shared: best, rest: prompt.slice(best.length) };
  }
  #remember(prompt) {
    moveToFront(this.#recent, prompt, RECENT_PROMPTS);
  }
  #touch(prefix) {
    moveToFront(this.#learned, prefix, MAX_LEARNED_PREFIXES);
  }
};
function moveToFront(list, item, cap) {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
  list.unshift(item);
  if (list.length > cap) list.pop();
}
function hasText(text) {
  return text.trim().length > 0;
}
function lineBoundaryPrefix(a, b) {
  const limit = Math.min(a.length - 1, b.length);
  let i = 0;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === 0) return "";
  const lastBreak = a.lastIndexOf("\n", i - 1);
  return lastBreak < 0 ? "" : a.slice(0, lastBreak + 1);
}

// src/agents/anthropic/runner.ts
var SDK_DEFAULT_BASE_URL = "https://api.anthropic.com";
function createAnthropicRunner(options = {}) {
  const settings = resolveAnthropicOptions(options);
  const client = new Anthropic({
    apiKey: settings.apiKey,
    // Always explicit, so `options.env` decides and the SDK does not read process.env itself.
    baseURL: settings.baseURL ?? SDK_DEFAULT_BASE_URL,
    maxRetries: settings.maxRetries,
    timeout: settings.requestTimeoutMs
  });
  const shared = {
    client,
    settings,
    toolboxFactory: options.toolboxFactory ?? defaultToolboxFactory(options.runAllowlist),
    systemPrompt: options.systemPrompt ?? defaultSystemPrompt,
    worktreeFactory: options.worktreeFactory ?? defaultWorktreeFactory,
    notice: options.onNotice ?? ((message) => console.warn(`quorum: ${message}`)),
    learner: new SharedPrefixLearner(),
    warmup: new CacheWarmup(settings.cacheWarmupMaxWaitMs),
    unpriced: /* @__PURE__ */ new Set(),
    nativeRefused: /* @__PURE__ */ new Set()
  };
  return { runAgent: (request, signal, onProgress) => runAgent(shared, request, signal, onProgress) };
}
async function runAgent(s, request, runSignal, onProgress) {
  let model = request.model ?? s.settings.defaultModel ?? "(default)";
  const early = (reason, message) => ({
    ok: false,
    reason,
    message,
    usage: ZERO_USAGE,
    costUsd: 0,
    model,
    turns: 0
  });
  const ref = resolveModel(request.model, { provider: "anthropic", ...s.settings.defaultModel ? { model: s.settings.defaultModel } : {} });
  if (ref.provider !== "anthropic" || ref.model === void 0) {
    return early("error", `model "${request.model ?? ""}" belongs to the ${ref.provider} provider, not Anthropic. Use createRunner(), which routes by provider.`);
  }
  model = ref.model;
  let validator = null;
  try {
    validator = request.schema === void 0 ? null : compileOutputSchema(request.schema);
  } catch (error) {
    return early("error", errorMessage(error));
  }
  if (runSignal.aborted) return early("stopped", "the run stopped this agent before it started.");
  const timeoutMs = request.timeoutMs > 0 ? request.timeoutMs : DEFAULT_AGENT_TIMEOUT_MS;
  const failureContext = (deadline) => ({
    stop: deadline.stopReason(),
    timeoutMs,
    maxRetries: s.settings.maxRetries,
    baseURL: s.settings.baseURL ?? SDK_DEFAULT_BASE_URL,
    model
  });
  const failed = (failure, spent) => ({
    ok: false,
    reason: failure.reason,
    message: failure.message,
    ...failure.fatal ? { fatal: failure.fatal } : {},
    ...spent
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
    failure: (error, _stage, deadline) => failed(classifyFailure(error, failureContext(deadline)), { usage: ZERO_USAGE, costUsd: 0, model, turns: 0 })
  });
}
function converse(s, request, model, toolbox, validator, signal, onProgress) {
  const hasSchema = request.schema !== void 0;
  const preferred = s.nativeRefused.has(model) ? "tool" : s.settings.structuredOutput;
  const plan = planOutput(request.schema, preferred);
  const framing = s.systemPrompt({ tools: request.tools, isolation: request.isolation, hasSchema, ...request.instructions ? { instructions: request.instructions } : {} });
  const split = s.learner.split(request.prompt);
  const makeFrame = (p) => ({
    model,
    maxTokens: s.settings.maxTokens,
    system: p.systemSuffix ? `${framing}

${p.systemSuffix}` : framing,
    tools: [...apiTools(toolbox.definitions), ...p.extraTools],
    outputFormat: p.outputFormat,
    effort: anthropicEffort(request.effort),
    sharedTaskBlock: split !== null
  });
  return runConversation({
    client: s.client,
    plan,
    makeFrame,
    fallbackPlan: plan.mode === "native" ? () => planOutput(request.schema, "tool") : void 0,
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
    }
  });
}
export {
  AnthropicConfigError,
  DEFAULT_AGENT_TIMEOUT_MS,
  DEFAULT_CACHE_WARMUP_MAX_WAIT_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MAX_TURNS,
  MAX_SCHEMA_RETRIES,
  SUBMIT_TOOL_NAME,
  createAnthropicRunner
};
