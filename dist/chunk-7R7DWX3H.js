import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  canonicalJson,
  compileOutputSchema,
  withWorktree
} from "./chunk-HE3AK7X5.js";
import {
  SandboxUnavailableError,
  findAllowlistEntry,
  parseCommandLine,
  runSandboxed,
  scrubEnvironment
} from "./chunk-UMV3I5YR.js";
import {
  AGENT_ABANDON_GRACE_MS,
  AgentDefinitionError,
  MAX_FAN_OUT,
  RUN_TIMEOUT_GRACE_MS,
  RunDirectory,
  RunPersister,
  acquireRunLock,
  applyEvent,
  createRunsRoot,
  definitionKey,
  findAgentType,
  findingsOf,
  headCommit,
  incompleteMessage,
  infrastructureFailures,
  initialProgress,
  listPullFiles,
  newRunId,
  normalizeFindings,
  parseAgentDefinition,
  prepareScript,
  renderReport,
  resolveLimits,
  unknownAgentTypeMessage
} from "./chunk-DVOLNEEY.js";
import {
  DEFAULT_TOOLS,
  EFFORT_LEVELS,
  QuorumError,
  TOOL_NAMES,
  UNAVAILABLE_TOOLS,
  ZERO_USAGE,
  errorMessage,
  require__
} from "./chunk-TWYYX7QD.js";
import {
  QuickJSEmscriptenModuleError,
  debugLog
} from "./chunk-BRMGUKYM.js";
import {
  __toESM
} from "./chunk-4VCDWV26.js";

// src/github/run/run-execute.ts
import { join as join3 } from "node:path";

// src/engine/run.ts
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join2, resolve } from "node:path";

// src/engine/args.ts
var import__ = __toESM(require__(), 1);
var InvalidArgsError = class extends QuorumError {
  name = "InvalidArgsError";
  constructor(message, options) {
    super("invalid_args", message, options);
  }
};
var ajv = new import__.Ajv2020({ allErrors: true, strict: false, useDefaults: true, validateSchema: false });
function validateArgs(workflow, schema, args) {
  if (schema === void 0 || schema === null) return args;
  const validate = ajv.compile(schema);
  const schemaWantsObject = typeof schema === "object" && !Array.isArray(schema) && schema.type === "object";
  const candidate = args === void 0 && schemaWantsObject ? {} : args;
  if (validate(candidate)) return candidate;
  const problems = (validate.errors ?? []).map(describeError).join("\n  ");
  throw new InvalidArgsError(
    `invalid args for workflow "${workflow}":
  ${problems}
Pass args that match the workflow's meta.args schema (quorum validate <path> prints it).`
  );
}
function describeError(error) {
  const where2 = error.instancePath === "" ? "args" : `args${error.instancePath}`;
  return `${where2}: ${error.message ?? "is invalid"} (schema ${error.schemaPath})`;
}

// src/engine/budget.ts
var BudgetExceededError = class extends QuorumError {
  name = "BudgetExceededError";
  constructor(message, options) {
    super("budget_exceeded", message, options);
  }
};
var Budget = class {
  totalTokens;
  maxCostUsd;
  #spentTokens = 0;
  #costUsd = 0;
  constructor(totalTokens, maxCostUsd) {
    this.totalTokens = totalTokens;
    this.maxCostUsd = maxCostUsd;
  }
  /** Output tokens spent by the run's agents, journaled ones included. */
  get spentTokens() {
    return this.#spentTokens;
  }
  get costUsd() {
    return this.#costUsd;
  }
  /** `max(0, total − spent)`, or Infinity when no token budget is set. */
  remainingTokens() {
    return this.totalTokens === null ? Infinity : Math.max(0, this.totalTokens - this.#spentTokens);
  }
  record(usage, costUsd) {
    this.#spentTokens += usage.outputTokens;
    this.#costUsd += costUsd;
  }
  /** What a journaled agent cost when it ran (rule J6). Missing numbers count as 0. */
  recordJournaled(usage, costUsd) {
    this.#spentTokens += typeof usage?.outputTokens === "number" ? usage.outputTokens : 0;
    this.#costUsd += typeof costUsd === "number" ? costUsd : 0;
  }
  /** Which cap is reached, if any. */
  exceeded() {
    if (this.totalTokens !== null && this.#spentTokens >= this.totalTokens) return "tokens";
    if (this.maxCostUsd !== null && this.#costUsd >= this.maxCostUsd) return "cost";
    return void 0;
  }
  /** Throws when a cap is reached: new agent() calls must not start. */
  assertCanStart() {
    const cap = this.exceeded();
    if (cap === "tokens") {
      throw new BudgetExceededError(
        `budget exhausted: ${this.#spentTokens} of ${this.totalTokens} output tokens spent, so no new agent() may start. Raise the budget (--budget-tokens) or check budget.remaining() before starting agents.`
      );
    }
    if (cap === "cost") {
      throw new BudgetExceededError(
        `cost cap reached: $${this.#costUsd.toFixed(4)} of $${this.maxCostUsd?.toFixed(2)} spent, so no new agent() may start. Raise the cap (--max-cost-usd) or narrow the workflow.`
      );
    }
  }
  /** How far past the caps the run went (running agents finish after a cap is reached). */
  overshoot() {
    return {
      tokens: this.totalTokens === null ? 0 : Math.max(0, this.#spentTokens - this.totalTokens),
      costUsd: this.maxCostUsd === null ? 0 : Math.max(0, this.#costUsd - this.maxCostUsd)
    };
  }
};

// src/claude-code/agent-types-local.ts
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
var AGENT_DEFINITIONS_DIR = join(".claude", "agents");
function readAgentDefinitions(repo) {
  const dir = join(repo, AGENT_DEFINITIONS_DIR);
  const definitions = [];
  const broken = [];
  if (!existsSync(dir)) return { definitions, broken };
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".md")).sort()) {
    const path4 = join(AGENT_DEFINITIONS_DIR, file);
    try {
      definitions.push(parseAgentDefinition(readFileSync(join(repo, path4), "utf8"), path4, file.slice(0, -3)));
    } catch (error) {
      broken.push({ name: file.slice(0, -3), error: errorMessage(error) });
    }
  }
  return { definitions, broken };
}
function localAgentTypes(repo) {
  let loaded;
  return (type) => {
    loaded ??= readAgentDefinitions(repo);
    const found = findAgentType(loaded.definitions, type);
    if (found) return found;
    const broken = loaded.broken.find((b) => b.name === type);
    if (broken) throw new AgentDefinitionError(broken.error);
    throw new AgentDefinitionError(unknownAgentTypeMessage(type, loaded.definitions, `${AGENT_DEFINITIONS_DIR}/ of the checkout`));
  };
}

// src/engine/context.ts
function makeEmitter(sinks) {
  return (event) => {
    const full = { ...event, at: Date.now() };
    for (const sink of sinks) {
      try {
        sink(full);
      } catch {
      }
    }
  };
}

// src/engine/keys.ts
import { hash } from "node:crypto";
function jsonHash(value) {
  return hash("sha256", canonicalJson(value), "hex").slice(0, 32);
}
function contentHash(inputs) {
  return jsonHash({
    v: 1,
    prompt: inputs.prompt,
    model: inputs.model ?? null,
    schema: inputs.schema ?? null,
    tools: [...inputs.tools].sort(),
    isolation: inputs.isolation,
    hints: inputs.hints,
    ...inputs.agentDefinition !== void 0 ? { agentDefinition: inputs.agentDefinition } : {}
  });
}
var KeyAllocator = class {
  #seen = /* @__PURE__ */ new Map();
  /** The key `next(hash)` would hand out, without taking it. */
  peek(hash2) {
    return `${hash2}#${this.#seen.get(hash2) ?? 0}`;
  }
  next(hash2) {
    const n = this.#seen.get(hash2) ?? 0;
    this.#seen.set(hash2, n + 1);
    return `${hash2}#${n}`;
  }
};

// src/engine/journaled.ts
var JOURNAL_KEY_PREFIX = { agent: "", runTests: "cmd:" };
async function journaled(ctx, kind, hash2, work) {
  const material = `${JOURNAL_KEY_PREFIX[kind]}${hash2}`;
  const cached = ctx.journal.get(ctx.keys.peek(material));
  work.admit?.(cached);
  const key = ctx.keys.next(material);
  if (cached) return work.replay(cached);
  return work.run((entry) => ctx.journalWriter?.append({ key, ...entry }));
}

// src/claude-code/tool-names.ts
var CLAUDE_CODE_TOOL_MAP = {
  Read: "read",
  NotebookRead: "read",
  Grep: "grep",
  Glob: "glob",
  LS: "list",
  Edit: "edit",
  MultiEdit: "edit",
  Write: "write",
  Bash: "shell"
};
function mapToolName(name) {
  const trimmed = name.trim();
  if (TOOL_NAMES.includes(trimmed)) return { tool: trimmed };
  const base = trimmed.replace(/\(.*\)$/, "");
  const mapped = CLAUDE_CODE_TOOL_MAP[base];
  if (mapped) return { tool: mapped };
  const why = UNAVAILABLE_TOOLS[base];
  if (why) return { unavailable: base, reason: why };
  if (base.startsWith("mcp__")) return { unavailable: base, reason: "MCP tools are not available" };
  return { unknown: trimmed };
}
function knownToolNames() {
  return [...TOOL_NAMES, ...Object.keys(CLAUDE_CODE_TOOL_MAP), ...Object.keys(UNAVAILABLE_TOOLS)].join(", ");
}

// src/engine/primitives/agent-options.ts
var CLAUDE_CODE_OPTIONS = ["effort", "agentType"];
var KNOWN_OPTIONS = /* @__PURE__ */ new Set(["label", "phase", "schema", "model", "tools", "isolation", ...CLAUDE_CODE_OPTIONS]);
var WRITE_TOOLS = ["edit", "write"];
var LABEL_LENGTH = 60;
var AgentCallError = class extends QuorumError {
  name = "AgentCallError";
  constructor(message, options) {
    super("invalid_agent_call", message, options);
  }
};
function parseAgentOptions(prompt, raw) {
  if (typeof prompt !== "string" || prompt.trim() === "") {
    throw new AgentCallError("agent(prompt, opts) needs a non-empty string prompt.");
  }
  if (raw !== null && raw !== void 0 && (typeof raw !== "object" || Array.isArray(raw))) {
    throw new AgentCallError("agent(prompt, opts): opts must be an object such as { label, schema, model }.");
  }
  const opts = raw ?? {};
  const label = optionalString(opts, "label") ?? defaultLabel(prompt);
  const phase = optionalString(opts, "phase");
  const model = optionalString(opts, "model");
  const schema = opts.schema;
  if (schema !== void 0 && schema !== null && (typeof schema !== "object" || Array.isArray(schema))) {
    throw new AgentCallError(`agent "${label}": opts.schema must be a JSON Schema object with type "object".`);
  }
  const isolationValue = opts.isolation;
  if (isolationValue !== void 0 && isolationValue !== null && isolationValue !== "worktree" && isolationValue !== "none") {
    throw new AgentCallError(`agent "${label}": opts.isolation must be "worktree" (or left out); got ${JSON.stringify(isolationValue)}.`);
  }
  const isolation = isolationValue === "worktree" ? "worktree" : "none";
  const { tools, unavailable } = parseTools(label, opts.tools);
  const effortValue = opts.effort;
  if (effortValue !== void 0 && effortValue !== null && !(typeof effortValue === "string" && EFFORT_LEVELS.includes(effortValue))) {
    throw new AgentCallError(`agent "${label}": opts.effort must be one of ${EFFORT_LEVELS.join(", ")}; got ${JSON.stringify(effortValue)}.`);
  }
  const agentType = optionalString(opts, "agentType");
  const hints = {};
  for (const name of CLAUDE_CODE_OPTIONS) {
    const value = opts[name];
    if (value !== void 0) hints[name] = value;
  }
  return {
    prompt,
    label,
    phase,
    schema: schema === null ? void 0 : schema,
    model,
    tools,
    unavailableTools: unavailable,
    isolation,
    effort: typeof effortValue === "string" ? effortValue : void 0,
    agentType: agentType?.trim() || void 0,
    hints,
    unknown: Object.keys(opts).filter((k) => !KNOWN_OPTIONS.has(k))
  };
}
function mapTools(what, names) {
  const tools = [];
  const unavailable = [];
  for (const name of names) {
    const mapped = mapToolName(name);
    if ("unknown" in mapped) throw new AgentCallError(`${what}: unknown tool ${JSON.stringify(name)}; choose from ${knownToolNames()}.`);
    if ("unavailable" in mapped) unavailable.push({ name: mapped.unavailable, reason: mapped.reason });
    else if (!tools.includes(mapped.tool)) tools.push(mapped.tool);
  }
  return { tools, unavailable };
}
function parseTools(label, value) {
  if (value === void 0 || value === null) return { tools: void 0, unavailable: [] };
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw new AgentCallError(`agent "${label}": opts.tools must be an array of tool names (${knownToolNames()}).`);
  }
  return mapTools(`agent "${label}"`, value);
}
function effectiveTools(named, isolation) {
  if (named === void 0) {
    return { tools: isolation === "worktree" ? [...DEFAULT_TOOLS, ...WRITE_TOOLS] : [...DEFAULT_TOOLS], isolation, automatic: false };
  }
  const writes = named.some((t) => WRITE_TOOLS.includes(t));
  return { tools: [...named], isolation: writes ? "worktree" : isolation, automatic: writes && isolation !== "worktree" };
}
function optionalString(opts, key) {
  const value = opts[key];
  if (value === void 0 || value === null) return void 0;
  if (typeof value !== "string") throw new AgentCallError(`agent(): opts.${key} must be a string; got ${JSON.stringify(value)}.`);
  return value;
}
function defaultLabel(prompt) {
  const first = prompt.trim().split("\n", 1)[0] ?? "";
  return first.length > LABEL_LENGTH ? `${first.slice(0, LABEL_LENGTH - 1)}\u2026` : first;
}

// src/engine/primitives/agent.ts
var AgentLimitError = class extends QuorumError {
  name = "AgentLimitError";
  constructor(message, options) {
    super("agent_not_started", message, options);
  }
};
async function callAgent(ctx, scope, prompt, rawOptions) {
  const opts = parseAgentOptions(prompt, rawOptions);
  const definition = resolveAgentType(ctx, opts);
  const { tools, isolation, automatic } = agentTools(ctx, scope, opts, definition);
  checkSchema(opts);
  checkCanStart(ctx, opts);
  const phase = opts.phase ?? scope.currentPhase;
  const model = opts.model ?? definition?.model ?? phaseModel(scope, phase) ?? (phase !== null ? ctx.phaseModels[phase] : void 0) ?? ctx.defaultModel;
  const hash2 = contentHash({
    prompt: opts.prompt,
    model,
    schema: opts.schema,
    tools,
    isolation,
    hints: opts.hints,
    ...definition ? { agentDefinition: definitionKey(definition) } : {}
  });
  const call = { agentId: "", opts, definition, phase, model, tools, isolation, automatic };
  return journaled(ctx, "agent", hash2, {
    admit: (cached) => {
      if (!cached) ctx.budget.assertCanStart();
      ctx.agentsStarted++;
      call.agentId = `a${ctx.agentsStarted}`;
    },
    replay: (cached) => replayAgent(ctx, call, cached),
    run: (record) => runFreshAgent(ctx, call, record)
  });
}
function agentTools(ctx, scope, opts, definition) {
  let named = opts.tools;
  const unavailable = [...opts.unavailableTools];
  if (named === void 0 && definition?.tools !== void 0) {
    const mapped = mapTools(`agentType "${definition.name}" (${definition.source})`, definition.tools);
    named = mapped.tools;
    unavailable.push(...mapped.unavailable);
  }
  const effective = effectiveTools(named, opts.isolation);
  noteOptions(ctx, scope, opts, unavailable, effective.automatic);
  return effective;
}
function checkSchema(opts) {
  if (opts.schema === void 0) return;
  try {
    compileOutputSchema(opts.schema);
  } catch (error) {
    throw new AgentCallError(`agent "${opts.label}": ${errorMessage(error)}`);
  }
}
function checkCanStart(ctx, opts) {
  if (ctx.stopReason !== null) throw new AgentLimitError(`agent "${opts.label}" was not started: ${ctx.stopReason}`);
  if (ctx.agentsStarted >= ctx.limits.maxAgents) {
    throw new AgentLimitError(
      `agent "${opts.label}" was not started: this run reached its cap of ${ctx.limits.maxAgents} agents (maxAgents). Raise --max-agents or batch the work.`
    );
  }
}
function replayAgent(ctx, call, cached) {
  const { agentId, opts, phase } = call;
  ctx.budget.recordJournaled(cached.usage, cached.costUsd);
  ctx.emit({ type: "agent.queued", agentId, label: opts.label, phase });
  ctx.emit({
    type: "agent.finished",
    agentId,
    label: opts.label,
    phase,
    status: "cached",
    usage: cached.usage,
    costUsd: 0,
    durationMs: 0,
    model: cached.model
  });
  return cached.result;
}
function agentRequest(ctx, call) {
  const { opts, definition } = call;
  return {
    id: call.agentId,
    prompt: opts.prompt,
    label: opts.label,
    phase: call.phase,
    model: call.model,
    schema: opts.schema,
    tools: call.tools,
    isolation: call.isolation,
    cwd: ctx.repo,
    maxTurns: ctx.limits.agentMaxTurns,
    timeoutMs: ctx.limits.agentTimeoutMs,
    hints: opts.hints,
    ...opts.effort !== void 0 ? { effort: opts.effort } : {},
    ...definition && definition.prompt !== "" ? { instructions: definition.prompt } : {}
  };
}
async function runFreshAgent(ctx, call, record) {
  const { agentId, opts, phase } = call;
  if (ctx.runner === null) {
    throw new AgentCallError(`agent "${opts.label}" cannot run: ${ctx.missingRunnerHint}`);
  }
  ctx.emit({ type: "agent.queued", agentId, label: opts.label, phase });
  const request = agentRequest(ctx, call);
  const release = await acquireSlot(ctx, call);
  if (release === null) return null;
  const startedAt = Date.now();
  let outcome;
  try {
    ctx.emit({ type: "agent.started", agentId, model: call.model });
    outcome = await runWithDeadline(ctx, request, (p) => {
      if (p.type === "tool") ctx.emit({ type: "agent.tool", agentId, tool: p.tool, detail: p.detail });
    });
  } finally {
    release();
  }
  const durationMs = Date.now() - startedAt;
  recordSpend(ctx, outcome);
  if (!outcome.ok) return agentFailed(ctx, call, outcome, durationMs);
  const output = outcome.output;
  const diff = outcome.diff ?? "";
  const result = call.isolation !== "worktree" ? output : call.automatic ? automaticWorktreeResult(ctx, opts.label, phase, output, diff) : withDiff(output, diff);
  record({ label: opts.label, phase, result, usage: outcome.usage, costUsd: outcome.costUsd, model: outcome.model, startedAt, durationMs });
  ctx.emit({
    type: "agent.finished",
    agentId,
    label: opts.label,
    phase,
    status: "ok",
    usage: outcome.usage,
    costUsd: outcome.costUsd,
    durationMs,
    model: outcome.model
  });
  return result;
}
async function acquireSlot(ctx, call) {
  let release;
  try {
    release = await ctx.scheduler.acquire(ctx.signal);
  } catch {
    ctx.emit(failedEvent(call.agentId, call.opts.label, call.phase, "stopped", "the run stopped before this agent got a slot", 0));
    return null;
  }
  if (ctx.signal.aborted) {
    release();
    ctx.emit(failedEvent(call.agentId, call.opts.label, call.phase, "stopped", "the run stopped before this agent got a slot", 0));
    return null;
  }
  return release;
}
function recordSpend(ctx, outcome) {
  ctx.budget.record(outcome.usage, outcome.costUsd);
  if (ctx.budget.totalTokens === null && ctx.budget.maxCostUsd === null) return;
  ctx.emit({
    type: "budget",
    spentTokens: ctx.budget.spentTokens,
    totalTokens: ctx.budget.totalTokens,
    costUsd: ctx.budget.costUsd,
    maxCostUsd: ctx.budget.maxCostUsd,
    ...ctx.budget.exceeded() ? { exceeded: ctx.budget.exceeded() } : {}
  });
}
function agentFailed(ctx, call, outcome, durationMs) {
  const { agentId, opts, phase } = call;
  ctx.emit({
    ...failedEvent(agentId, opts.label, phase, outcome.reason, outcome.message, durationMs),
    usage: outcome.usage,
    costUsd: outcome.costUsd,
    model: outcome.model
  });
  if (outcome.fatal !== void 0) {
    const what = outcome.fatal === "auth" ? "the model provider rejected the credentials" : "the model provider cannot be reached";
    ctx.failFast(`${what}: ${outcome.message} The run stopped at the first such failure (agent "${opts.label}") instead of letting every agent fail the same way.`);
    return null;
  }
  if (outcome.reason === "schema_invalid") {
    throw new AgentCallError(`agent "${opts.label}": ${outcome.message}`);
  }
  ctx.emit({ type: "log", level: "warn", phase, message: `agent "${opts.label}" resolved to null (${outcome.reason}): ${outcome.message}` });
  return null;
}
function withDiff(output, diff) {
  if (output !== null && typeof output === "object" && !Array.isArray(output)) return { ...output, diff };
  return { text: output, diff };
}
function automaticWorktreeResult(ctx, label, phase, output, diff) {
  if (output !== null && typeof output === "object" && !Array.isArray(output)) return { ...output, diff };
  if (diff !== "") {
    const files = [...diff.matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1]);
    ctx.emit({
      type: "log",
      level: "warn",
      phase,
      message: `agent "${label}" changed ${files.length} file(s) in its own worktree (${files.slice(0, 5).join(", ")}${files.length > 5 ? ", \u2026" : ""}); the changes were not applied to the checkout. Give the agent { isolation: "worktree" } to receive them as { text, diff }.`
    });
  }
  return output;
}
function resolveAgentType(ctx, opts) {
  if (opts.agentType === void 0) return void 0;
  try {
    return ctx.resolveAgentType(opts.agentType);
  } catch (error) {
    throw new AgentCallError(`agent "${opts.label}": ${errorMessage(error)}`);
  }
}
async function runWithDeadline(ctx, request, onProgress) {
  const runner = ctx.runner;
  if (runner === null) throw new Error("unreachable: runner checked by the caller");
  const controller = new AbortController();
  let abandon;
  let settleAbandoned = () => void 0;
  const abandoned = new Promise((resolve2) => settleAbandoned = resolve2);
  const stop = (reason) => {
    if (!controller.signal.aborted) controller.abort(reason);
    abandon ??= setTimeout(() => settleAbandoned(abandonedOutcome(request, controller.signal)), AGENT_ABANDON_GRACE_MS);
  };
  ctx.stoppers.add(stop);
  if (ctx.signal.aborted) stop(ctx.signal.reason);
  const timeout = setTimeout(() => stop(new Error("time_limit")), request.timeoutMs);
  try {
    const outcome = await Promise.race([
      runner.runAgent(request, controller.signal, onProgress).catch((error) => crashedOutcome(request, controller.signal, error)),
      abandoned
    ]);
    if (!outcome.ok && outcome.reason === "stopped" && stopReasonOf(controller.signal) === "time_limit") {
      return { ...outcome, reason: "time_limit", message: abandonedOutcome(request, controller.signal).message };
    }
    return outcome;
  } finally {
    clearTimeout(timeout);
    if (abandon) clearTimeout(abandon);
    ctx.stoppers.delete(stop);
  }
}
function stopReasonOf(signal) {
  const reason = signal.reason;
  return reason instanceof Error && reason.message === "time_limit" ? "time_limit" : "stopped";
}
function abandonedOutcome(request, signal) {
  const reason = stopReasonOf(signal);
  return {
    ok: false,
    reason,
    message: reason === "time_limit" ? `the agent exceeded its wall-time limit of ${Math.round(request.timeoutMs / 1e3)} s` : "the run was stopped while this agent was working",
    usage: { ...ZERO_USAGE },
    costUsd: 0,
    model: request.model ?? "unknown",
    turns: 0
  };
}
function crashedOutcome(request, signal, error) {
  if (signal.aborted) return abandonedOutcome(request, signal);
  return { ...abandonedOutcome(request, signal), reason: "error", message: `the agent runner failed: ${errorMessage(error)}` };
}
function failedEvent(agentId, label, phase, reason, message, durationMs) {
  return {
    type: "agent.finished",
    agentId,
    label,
    phase,
    status: "failed",
    reason,
    message,
    usage: { ...ZERO_USAGE },
    costUsd: 0,
    durationMs
  };
}
function phaseModel(scope, phase) {
  if (phase === null) return void 0;
  return scope.meta?.phases?.find((p) => p.title === phase)?.model;
}
function noteOnce(ctx, scope, key, level, message) {
  if (ctx.notedOptions.has(key)) return;
  ctx.notedOptions.add(key);
  ctx.emit({ type: "log", level, phase: scope.currentPhase, message });
}
function noteOptions(ctx, scope, opts, unavailable, automatic) {
  for (const tool of unavailable) {
    noteOnce(ctx, scope, `tool:${tool.name}`, "info", `tool "${tool.name}" is not available to Quorum agents (${tool.reason}); agents that ask for it go without it.`);
  }
  if (automatic) {
    noteOnce(
      ctx,
      scope,
      "automatic-worktree",
      "info",
      `agent "${opts.label}" may change files (edit/write) but has no isolation: it runs in its own git worktree, as do others like it; Claude Code would edit the working tree directly. Its answer comes back as is (an object answer gets a \`diff\`).`
    );
  }
  for (const name of opts.unknown) noteOnce(ctx, scope, name, "warn", `agent option "${name}" is not known to Quorum and was ignored.`);
}

// src/testing/capture-process.ts
var CommandStartError = class extends QuorumError {
  name = "CommandStartError";
  constructor(message, options) {
    super("test_command_not_started", message, options);
  }
};
async function captureProcess(argv, options) {
  const [file, ...args] = argv;
  if (file === void 0) throw new CommandStartError("the test command is empty; give one such as `npm test`.");
  if (options.signal?.aborted) throw new CommandStartError("the run was stopped before the test command started.");
  const stdout = [];
  let stdoutBytes = 0;
  let stdoutTruncated = false;
  let stderr = Buffer.alloc(0);
  const { exitSignal, ...exit } = await runSandboxed({
    argv: [file, ...args],
    cwd: options.cwd,
    ...options.writable ? { writable: [options.cwd] } : { readOnly: [options.cwd] },
    env: options.env,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    onStdout: (chunk) => {
      if (stdoutBytes + chunk.length > options.stdoutCapBytes) {
        stdoutTruncated = true;
        const room = options.stdoutCapBytes - stdoutBytes;
        if (room > 0) stdout.push(chunk.subarray(0, room));
        stdoutBytes = options.stdoutCapBytes;
        return;
      }
      stdout.push(chunk);
      stdoutBytes += chunk.length;
    },
    onStderr: (chunk) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > options.stderrTailBytes) stderr = stderr.subarray(stderr.length - options.stderrTailBytes);
    },
    startError: (name, cause, notFound) => new CommandStartError(notFound ? `"${name}" is not installed or not on PATH; check the test command.` : `could not start "${name}": ${cause.message}.`)
  }).catch((error) => {
    if (error instanceof SandboxUnavailableError) throw new CommandStartError(error.message);
    throw error;
  });
  return {
    ...exit,
    signal: exitSignal,
    stdout: Buffer.concat(stdout).toString("utf8"),
    stdoutTruncated,
    stderrTail: stderr.toString("utf8")
  };
}

// src/testing/json-output.ts
import { readFileSync as readFileSync2, realpathSync, statSync } from "node:fs";
import path from "node:path";
var MAX_START_CANDIDATES = 50;
var MAX_REPORT_FILE_BYTES = 64 * 1024 * 1024;
var REPORT_FILE_LINES = [/JSON report written to (.+?)\s*$/m, /Test results written to:\s*(.+?)\s*$/m];
function parseObject(text) {
  try {
    const value = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}
function extractJsonObject(stdout) {
  const trimmed = stdout.trim();
  if (trimmed === "") return null;
  const whole = parseObject(trimmed);
  if (whole) return whole;
  const end = trimmed.lastIndexOf("}");
  if (end === -1) return null;
  let tried = 0;
  for (let start = trimmed.indexOf("{"); start !== -1 && start < end && tried < MAX_START_CANDIDATES; start = trimmed.indexOf("{", start + 1)) {
    if (start > 0 && trimmed[start - 1] !== "\n") continue;
    tried += 1;
    const candidate = parseObject(trimmed.slice(start, end + 1));
    if (candidate) return candidate;
  }
  return null;
}
function readAnnouncedReport(stdout, root) {
  for (const pattern of REPORT_FILE_LINES) {
    const match = pattern.exec(stdout);
    if (!match?.[1]) continue;
    const file = path.resolve(root, match[1]);
    try {
      const realRoot = realpathSync(root);
      const realFile = realpathSync(file);
      const inside = path.relative(realRoot, realFile);
      if (inside.startsWith("..") || path.isAbsolute(inside)) continue;
      if (statSync(realFile).size > MAX_REPORT_FILE_BYTES) continue;
      const report = parseObject(readFileSync2(realFile, "utf8"));
      if (report) return report;
    } catch {
    }
  }
  return null;
}

// src/testing/paths.ts
import path2 from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
function relativeToRoot(root, file) {
  let absolute = file;
  if (absolute.startsWith("file://")) {
    try {
      absolute = fileURLToPath(absolute);
    } catch {
      return file;
    }
  }
  if (!path2.isAbsolute(absolute)) return absolute.replace(/\\/g, "/");
  const relative = path2.relative(root, absolute);
  if (relative === "" || relative.startsWith("..") || path2.isAbsolute(relative)) return file;
  return relative.split(path2.sep).join("/");
}
function parseLocation(root, text) {
  const match = /^(.*?):(\d+)(?::\d+)?$/.exec(text.trim());
  if (!match || match[1] === void 0 || match[2] === void 0) return { path: relativeToRoot(root, text.trim()) };
  return { path: relativeToRoot(root, match[1]), line: Number(match[2]) };
}
function firstLine(message, max = 300) {
  const line = message.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}\u2026` : line;
}
var MAX_MESSAGE_LINES = 40;
var MAX_MESSAGE_CHARS = 2e3;
function failureBlock(root, text) {
  const lines = text.split(/\r?\n/).map((l) => l.trimEnd());
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const full = relativizePaths(root, lines.join("\n"));
  let shown = lines.length > MAX_MESSAGE_LINES ? relativizePaths(root, lines.slice(0, MAX_MESSAGE_LINES).join("\n")) : full;
  if (shown.length > MAX_MESSAGE_CHARS) shown = shown.slice(0, MAX_MESSAGE_CHARS);
  if (shown.length === full.length) return full;
  const moreLines = full.split("\n").length - shown.split("\n").length;
  return `${shown}
\u2026 [cut: ${moreLines} more line(s), ${full.length - shown.length} more character(s) not shown]`;
}
function relativizePaths(root, text) {
  if (!path2.isAbsolute(root)) return text;
  const base = root.replace(/[\\/]+$/, "");
  let out = text;
  for (const prefix of [`${pathToFileURL(base).href}/`, `${base}${path2.sep}`, `${base}/`]) {
    out = out.split(prefix).join("");
  }
  return out;
}
function looksLikeScriptPath(name) {
  if (/\s/.test(name) || !/\.[cm]?[jt]sx?$/i.test(name)) return false;
  return name.startsWith("file://") || name.includes("/") || name.includes("\\");
}
var STACK_FRAME = /\(?((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^\s()]*?):(\d+)(?::\d+)?\)?\s*$/;
var TEST_PATH = /(^|\/)(tests?|__tests__|specs?)\/|[._-](test|spec)\.[cm]?[jt]sx?$/i;
function testFileFromStack(root, stack) {
  for (const line of stack.split(/\r?\n/)) {
    const match = STACK_FRAME.exec(line.trim());
    if (!match?.[1] || !match[2]) continue;
    const relative = relativeToRoot(root, match[1]);
    if (path2.isAbsolute(relative) || relative.startsWith("file://") || relative.includes("node_modules/")) continue;
    if (TEST_PATH.test(relative)) return { path: relative, line: Number(match[2]) };
  }
  return void 0;
}

// src/testing/parse-jest.ts
var NAME_SEPARATOR = " \u203A ";
var FILE_FAILED_NAME = "(file failed to run)";
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isJestReport(report) {
  return Array.isArray(report.testResults) && report.testResults.every((r) => isRecord(r) && Array.isArray(r.assertionResults));
}
function statusOf(value) {
  if (value === "passed") return "passed";
  if (value === "failed") return "failed";
  return "skipped";
}
function parseJestReport(report, root) {
  const tests = [];
  for (const fileResult of report.testResults) {
    const file = typeof fileResult.name === "string" ? relativeToRoot(root, fileResult.name) : void 0;
    const assertions = fileResult.assertionResults;
    for (const raw of assertions) {
      if (!isRecord(raw) || typeof raw.title !== "string") continue;
      const ancestors = Array.isArray(raw.ancestorTitles) ? raw.ancestorTitles.filter((t) => typeof t === "string") : [];
      const status = statusOf(raw.status);
      const result = { name: [...ancestors, raw.title].join(NAME_SEPARATOR), status };
      if (file !== void 0) result.file = file;
      if (typeof raw.duration === "number") result.durationMs = Math.round(raw.duration);
      const messages = Array.isArray(raw.failureMessages) ? raw.failureMessages.filter((m) => typeof m === "string") : [];
      if (status === "failed" && messages[0] !== void 0) result.message = firstLine(messages[0]);
      if (isRecord(raw.location) && typeof raw.location.line === "number" && file !== void 0) {
        result.location = { path: file, line: raw.location.line };
      }
      tests.push(result);
    }
    if (assertions.length === 0 && fileResult.status === "failed") {
      const message = typeof fileResult.message === "string" ? firstLine(fileResult.message) : "";
      tests.push({ name: FILE_FAILED_NAME, ...file !== void 0 ? { file } : {}, status: "failed", ...message ? { message } : {} });
    }
  }
  return { format: "jest-json", tests };
}

// src/testing/parse-mocha.ts
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isMochaReport(report) {
  return isRecord2(report.stats) && Array.isArray(report.tests);
}
function records(value) {
  return Array.isArray(value) ? value.filter(isRecord2) : [];
}
function parseMochaReport(report, root) {
  const tests = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (raw, forced) => {
    const name = typeof raw.fullTitle === "string" ? raw.fullTitle : typeof raw.title === "string" ? raw.title : null;
    if (name === null) return;
    const file = typeof raw.file === "string" ? relativeToRoot(root, raw.file) : void 0;
    const identity2 = `${file ?? ""}\0${name}`;
    if (seen.has(identity2)) return;
    seen.add(identity2);
    const err = isRecord2(raw.err) ? raw.err : {};
    const failed = forced === "failed" || forced === void 0 && Object.keys(err).length > 0;
    const result = { name, status: forced === "skipped" ? "skipped" : failed ? "failed" : "passed" };
    if (file !== void 0) result.file = file;
    if (typeof raw.duration === "number") result.durationMs = raw.duration;
    if (result.status === "failed" && typeof err.message === "string") result.message = firstLine(err.message);
    tests.push(result);
  };
  for (const raw of records(report.tests)) add(raw);
  for (const raw of records(report.failures)) add(raw, "failed");
  for (const raw of records(report.pending)) add(raw, "skipped");
  return { format: "mocha-json", tests };
}

// src/testing/parse-node-spec.ts
var INDENT = 2;
var LINE = /^(\s*)([✔✖﹣▶])\s(.*?)(?:\s\((\d+(?:\.\d+)?)(ms|s)\))?(\s#\s*(?:SKIP|TODO)\b.*)?$/u;
var SUMMARY = /^\s*✖ failing tests:\s*$/u;
var SUMMARY_LOCATION = /^\s*test at (.+)$/;
function looksLikeNodeSpec(text) {
  return /^\s*[✔✖﹣] .+\(\d+(?:\.\d+)?m?s\)/mu.test(text) && /^ℹ tests \d+/mu.test(text);
}
function parseNodeSpec(text, root) {
  const tests = [];
  const open = [];
  const lines = text.split(/\r?\n/);
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (SUMMARY.test(line)) break;
    const match = LINE.exec(line);
    if (!match) continue;
    const level = Math.floor((match[1] ?? "").length / INDENT);
    const mark = match[2];
    const name = (match[3] ?? "").trim();
    while (open.length > 0 && (open[open.length - 1]?.level ?? -1) > level) open.pop();
    if (mark === "\u25B6") {
      open.push({ level, name });
      continue;
    }
    const top = open[open.length - 1];
    if (top && top.level === level && top.name === name) {
      open.pop();
      continue;
    }
    const enclosing = open.filter((o) => o.level < level);
    const header = enclosing[0]?.level === 0 && looksLikeScriptPath(enclosing[0].name) ? enclosing[0].name : void 0;
    const parents = (header !== void 0 ? enclosing.slice(1) : enclosing).map((o) => o.name);
    const status = match[6] !== void 0 ? "skipped" : mark === "\u2714" ? "passed" : mark === "\u2716" ? "failed" : "skipped";
    const result = { name: [...parents, name].join(NAME_SEPARATOR), status };
    const file = header ?? (level === 0 && looksLikeScriptPath(name) ? name : void 0);
    if (file !== void 0) result.file = relativeToRoot(root, file);
    if (match[4] !== void 0) result.durationMs = Math.round(Number(match[4]) * (match[5] === "s" ? 1e3 : 1));
    tests.push(result);
  }
  attachSummaryFailures(lines.slice(index + 1), tests, root);
  return { format: "node-spec", tests };
}
function attachSummaryFailures(lines, tests, root) {
  const claimed = /* @__PURE__ */ new Set();
  let at;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const location = SUMMARY_LOCATION.exec(line);
    if (location?.[1]) {
      at = location[1];
      continue;
    }
    const next = LINE.exec(line);
    if (!next || next[2] !== "\u2716") {
      if (line.trim() !== "") at = void 0;
      continue;
    }
    const indent = (next[1] ?? "").length;
    const block = [];
    for (; i + 1 < lines.length; i++) {
      const body = lines[i + 1] ?? "";
      if (body.trim() !== "" && (body.length - body.trimStart().length <= indent || SUMMARY_LOCATION.test(body))) break;
      block.push(body);
    }
    const leaf = (next[3] ?? "").trim();
    const test = tests.find((t) => t.status === "failed" && !claimed.has(t) && (t.name === leaf || t.name.endsWith(`${NAME_SEPARATOR}${leaf}`)));
    const declared2 = at;
    at = void 0;
    if (!test) continue;
    claimed.add(test);
    const text = dedent(block);
    if (declared2 !== void 0) test.location = parseLocation(root, declared2);
    const fromStack = testFileFromStack(root, text);
    if (test.file === void 0) {
      if (test.location !== void 0) test.file = test.location.path;
      else if (fromStack !== void 0) test.file = fromStack.path;
    }
    if (test.location === void 0 && fromStack !== void 0) test.location = { ...fromStack };
    const message = failureBlock(root, text);
    if (message) test.message = message;
  }
}
function dedent(lines) {
  const indents = lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(cut, l.length - l.trimStart().length))).join("\n");
}

// src/testing/parse-tap.ts
var INDENT2 = 4;
var SUBTEST = /^(\s*)# Subtest: (.*)$/;
var RESULT = /^(\s*)(not ok|ok)\b(?:\s+\d+)?(?:\s+-)?\s?(.*)$/;
var DIRECTIVE = /\s+#\s*(skip|todo)\b[^#]*$/i;
function looksLikeTap(text) {
  return /^TAP version \d+/m.test(text) || /^\s*(ok|not ok) \d+/m.test(text) && /^\s*1\.\.\d+/m.test(text);
}
function levelOf(indent) {
  return Math.floor(indent.replace(/\t/g, "    ").length / INDENT2);
}
function unescapeName(name) {
  return name.replace(/\\#/g, "#").replace(/\\\\/g, "\\").trim();
}
function parseTap(text, root) {
  const tests = [];
  const subtestNames = [];
  const hasChildren = [];
  const lines = text.split(/\r?\n/);
  let last = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const yamlStart = /^(\s*)---\s*$/.exec(line);
    if (yamlStart) {
      const end = `${yamlStart[1] ?? ""}...`;
      const block = [];
      for (i++; i < lines.length && (lines[i] ?? "").trimEnd() !== end; i++) block.push(lines[i] ?? "");
      if (last) applyYaml(last.result, block, root);
      continue;
    }
    const subtest = SUBTEST.exec(line);
    if (subtest) {
      const level2 = levelOf(subtest[1] ?? "");
      subtestNames.length = level2;
      subtestNames[level2] = unescapeName(subtest[2] ?? "");
      hasChildren.length = level2 + 1;
      hasChildren[level2] = false;
      continue;
    }
    const match = RESULT.exec(line);
    if (!match) continue;
    const level = levelOf(match[1] ?? "");
    let title = match[3] ?? "";
    const directive = DIRECTIVE.exec(title);
    if (directive) title = title.slice(0, directive.index);
    const isParent = hasChildren[level] === true;
    hasChildren[level] = false;
    if (level > 0) hasChildren[level - 1] = true;
    if (isParent) {
      last = null;
      continue;
    }
    let parents = subtestNames.slice(0, level).filter((n) => n !== void 0);
    const header = level > 0 && looksLikeScriptPath(subtestNames[0] ?? "") ? subtestNames[0] : void 0;
    if (header !== void 0) parents = parents.slice(1);
    const leaf = unescapeName(title) || `test ${tests.length + 1}`;
    const name = [...parents, leaf].join(NAME_SEPARATOR);
    const status = directive ? "skipped" : match[2] === "ok" ? "passed" : "failed";
    const result = { name, status };
    const file = header ?? (level === 0 && looksLikeScriptPath(leaf) ? leaf : void 0);
    if (file !== void 0) result.file = relativeToRoot(root, file);
    tests.push(result);
    last = { result, level };
  }
  return { format: "tap", tests };
}
function yamlValue(block, key) {
  const index = block.findIndex((l) => new RegExp(`^\\s*${key}:`).test(l));
  if (index === -1) return void 0;
  const line = block[index] ?? "";
  const inline = line.slice(line.indexOf(":") + 1).trim();
  if (inline === "|-" || inline === "|" || inline === ">-" || inline === ">") {
    const indent = /^(\s*)/.exec(line)?.[1]?.length ?? 0;
    const body = [];
    for (const next of block.slice(index + 1)) {
      const nextIndent = /^(\s*)/.exec(next)?.[1]?.length ?? 0;
      if (next.trim() !== "" && nextIndent <= indent) break;
      body.push(next.trim());
    }
    return body.join("\n");
  }
  return inline.replace(/^'(.*)'$/, "$1").replace(/^"(.*)"$/, "$1").replace(/''/g, "'");
}
function applyYaml(result, block, root) {
  const location = yamlValue(block, "location");
  if (location) result.location = parseLocation(root, location);
  if (result.file === void 0) {
    const stack = result.status === "failed" ? yamlValue(block, "stack") : void 0;
    const file = result.location?.path ?? (stack !== void 0 ? testFileFromStack(root, stack)?.path : void 0);
    if (file !== void 0) result.file = file;
  }
  const duration = yamlValue(block, "duration_ms");
  if (duration !== void 0 && Number.isFinite(Number(duration))) result.durationMs = Math.round(Number(duration));
  if (result.status === "failed") {
    const error = yamlValue(block, "error") ?? yamlValue(block, "message");
    if (error) result.message = firstLine(error);
  }
}

// src/testing/parse-output.ts
var HINTS = {
  vitest: "run vitest with --reporter=json (e.g. `npx vitest run --reporter=json`)",
  jest: "run jest with --json (e.g. `npx jest --json`)",
  mocha: "run mocha with --reporter json",
  node: "run node --test (optionally with --test-reporter=tap)",
  tap: "make the command print TAP (for node:test: --test-reporter=tap)",
  auto: "use a machine-readable reporter: vitest --reporter=json, jest --json, mocha --reporter json, or node --test --test-reporter=tap"
};
var UnreadableOutputError = class extends QuorumError {
  name = "UnreadableOutputError";
  constructor(message, options) {
    super("unreadable_test_output", message, options);
  }
};
function fromJson(stdout, root, want) {
  const report = extractJsonObject(stdout) ?? readAnnouncedReport(stdout, root);
  if (report === null) return null;
  if (want !== "mocha" && isJestReport(report)) return parseJestReport(report, root);
  if (want !== "jest" && isMochaReport(report)) return parseMochaReport(report, root);
  return null;
}
function fromText(text, root, allowSpec) {
  if (looksLikeTap(text)) return parseTap(text, root);
  if (allowSpec && looksLikeNodeSpec(text)) return parseNodeSpec(text, root);
  return null;
}
function parseTestOutput(stdout, stderr, reporter, root) {
  let parsed;
  switch (reporter) {
    case "vitest":
    case "jest":
      parsed = fromJson(stdout, root, "jest");
      break;
    case "mocha":
      parsed = fromJson(stdout, root, "mocha");
      break;
    case "node":
      parsed = fromText(stdout, root, true) ?? fromText(stderr, root, true);
      break;
    case "tap":
      parsed = fromText(stdout, root, false);
      break;
    case "auto":
      parsed = fromJson(stdout, root, "any") ?? fromText(stdout, root, true) ?? fromText(stderr, root, true);
      break;
  }
  if (parsed === null) {
    throw new UnreadableOutputError(`no per-test results found in the output as reporter "${reporter}"; ${HINTS[reporter]}.`);
  }
  return parsed;
}

// src/testing/run-test-command.ts
var DEFAULT_TEST_RUNS = 10;
var MAX_TEST_RUNS = 100;
var DEFAULT_TEST_TIMEOUT_MS = 10 * 6e4;
var STDOUT_CAP_BYTES = 64 * 1024 * 1024;
var STDERR_TAIL_BYTES = 16 * 1024;
var OUTPUT_TAIL_CHARS = 4e3;
var FIXED_ENVIRONMENT = { CI: "1", NO_COLOR: "1", FORCE_COLOR: "0", GIT_PAGER: "cat", PAGER: "cat" };
function tail(text) {
  return text.length > OUTPUT_TAIL_CHARS ? `\u2026${text.slice(-OUTPUT_TAIL_CHARS)}` : text;
}
async function runTestCommand(options) {
  const argv = parseCommandLine(options.command);
  if (argv.length === 0) throw new RangeError("runTestCommand: the command is empty; give one such as `npm test`.");
  const runs = options.runs ?? DEFAULT_TEST_RUNS;
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_TEST_RUNS) {
    throw new RangeError(`runTestCommand: runs must be a whole number from 1 to ${MAX_TEST_RUNS}; got ${String(runs)}.`);
  }
  const reporter = options.reporter ?? "auto";
  const extra = scrubEnvironment(options.env ?? {}, Object.keys(options.env ?? {}));
  for (const name of ["PATH", "HOME", "TMPDIR", "TMP", "TEMP"]) delete extra[name];
  const env = { ...extra, ...FIXED_ENVIRONMENT };
  const results = [];
  for (let index = 0; index < runs; index++) {
    if (options.signal?.aborted) break;
    const outcome = await captureProcess(argv, {
      cwd: options.cwd,
      writable: options.writable ?? true,
      env,
      timeoutMs: options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS,
      stdoutCapBytes: STDOUT_CAP_BYTES,
      stderrTailBytes: STDERR_TAIL_BYTES,
      ...options.signal ? { signal: options.signal } : {}
    });
    const run = {
      index,
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      timedOut: outcome.timedOut,
      durationMs: outcome.durationMs,
      tests: [],
      outputTail: tail(outcome.stderrTail)
    };
    try {
      const parsed = parseTestOutput(outcome.stdout, outcome.stderrTail, reporter, options.cwd);
      run.format = parsed.format;
      run.tests = parsed.tests;
      if (parsed.tests.length === 0) run.parseError = "the output was readable but named no tests.";
    } catch (error) {
      const why = errorMessage(error);
      const cause = outcome.timedOut ? `the run hit its time limit of ${Math.round((options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS) / 1e3)} s; ` : outcome.stdoutTruncated ? `stdout passed the ${STDOUT_CAP_BYTES / 1024 / 1024} MiB cap and was cut; ` : "";
      run.parseError = `${cause}${why}`;
      run.outputTail = tail(`${outcome.stdout.slice(-OUTPUT_TAIL_CHARS)}
${outcome.stderrTail}`.trim());
    }
    results.push(run);
    options.onRun?.(run);
  }
  return results;
}

// src/testing/flaky.ts
var MAX_MESSAGES = 3;
function identity(name, file) {
  return `${file ?? ""}\0${name}`;
}
function resolveFiles(run, filesByName) {
  const named = /* @__PURE__ */ new Map();
  const fileless = /* @__PURE__ */ new Map();
  for (const test of run.tests) {
    if (test.file !== void 0) {
      const files = named.get(test.name) ?? /* @__PURE__ */ new Set();
      named.set(test.name, files.add(test.file));
    } else {
      fileless.set(test.name, [...fileless.get(test.name) ?? [], test]);
    }
  }
  const resolved = /* @__PURE__ */ new Map();
  for (const [name, outcomes] of fileless) {
    const candidates = [...filesByName.get(name) ?? []].filter((f) => !named.get(name)?.has(f));
    if (candidates.length === 0 || candidates.length > outcomes.length) continue;
    if (!outcomes.every((t) => t.status === outcomes[0]?.status)) continue;
    candidates.forEach((file, i) => {
      const outcome = outcomes[i];
      if (outcome) resolved.set(outcome, file);
    });
  }
  return resolved;
}
function summarizeTests(runs) {
  const filesByName = /* @__PURE__ */ new Map();
  for (const run of runs) {
    for (const test of run.tests) {
      if (test.file !== void 0) filesByName.set(test.name, (filesByName.get(test.name) ?? /* @__PURE__ */ new Set()).add(test.file));
    }
  }
  const byIdentity = /* @__PURE__ */ new Map();
  for (const run of runs) {
    const resolved = resolveFiles(run, filesByName);
    for (const seen of run.tests) {
      const file = resolved.get(seen);
      const test = file !== void 0 ? { ...seen, file } : seen;
      const key = identity(test.name, test.file);
      let summary = byIdentity.get(key);
      if (!summary) {
        summary = { name: test.name, ...test.file !== void 0 ? { file: test.file } : {}, passed: 0, failed: 0, skipped: 0, messages: [] };
        byIdentity.set(key, summary);
      }
      summary[test.status] += 1;
      if (summary.location === void 0 && test.location !== void 0) summary.location = { ...test.location };
      if (test.message && summary.messages.length < MAX_MESSAGES && !summary.messages.includes(test.message)) summary.messages.push(test.message);
    }
  }
  return [...byIdentity.values()];
}
function findFlakyTests(runs) {
  return summarizeTests(runs).filter((t) => t.passed > 0 && t.failed > 0).sort((a, b) => b.failed - a.failed || a.name.localeCompare(b.name));
}

// src/testing/patched-checkout.ts
import { execFile } from "node:child_process";
import { existsSync as existsSync2 } from "node:fs";
import { mkdtemp, rm, symlink, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path3 from "node:path";
var PatchApplyError = class extends QuorumError {
  name = "PatchApplyError";
  constructor(message, options) {
    super("patch_does_not_apply", message, options);
  }
};
function git(cwd, args) {
  return new Promise((resolve2, reject) => {
    execFile("git", args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" }, windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(new PatchApplyError(`the patch does not apply to HEAD: ${(stderr || error.message).trim()}`));
      else resolve2({ stdout, stderr });
    });
  });
}
async function gitApply(cwd, patchFile) {
  const prefix = (await git(cwd, ["rev-parse", "--show-prefix"])).stdout.trim().replace(/\/$/, "");
  const { stderr } = await git(cwd, ["apply", "--verbose", "--whitespace=nowarn", ...prefix ? [`--directory=${prefix}`] : [], patchFile]);
  const skipped = /^Skipped patch '([^']*)'/m.exec(stderr);
  if (skipped) throw new PatchApplyError(`the patch does not apply to HEAD: it changes ${skipped[1]}, outside the folder the run works on.`);
}
async function withPatchedCheckout(repo, patch, fn) {
  return withWorktree(repo, "tests", async (worktree) => {
    if (patch.trim() !== "") {
      const scratch = await mkdtemp(path3.join(os.tmpdir(), "quorum-patch-"));
      try {
        const file = path3.join(scratch, "change.diff");
        await writeFile(file, patch.endsWith("\n") ? patch : `${patch}
`);
        await gitApply(worktree.path, file);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    }
    const modules = path3.join(repo, "node_modules");
    const linked = path3.join(worktree.path, "node_modules");
    const link = existsSync2(modules) && !existsSync2(linked);
    if (link) await symlink(modules, linked, "junction");
    try {
      return await fn(worktree.path);
    } finally {
      if (link) await unlink(linked).catch(() => void 0);
    }
  });
}

// src/testing/types.ts
var REPORTERS = ["vitest", "jest", "mocha", "node", "tap", "auto"];

// src/testing/run-tests.ts
var MAX_FAILURES_PER_RUN = 20;
var COMMAND_ARG_NAMES = ["command", "testCommand"];
var RunTestsError = class extends QuorumError {
  name = "RunTestsError";
  constructor(message, options) {
    super("invalid_run_tests", message, options);
  }
};
function allowedTestCommands(configured, runArgs) {
  const fromArgs = [];
  if (runArgs !== null && typeof runArgs === "object" && !Array.isArray(runArgs)) {
    for (const name of COMMAND_ARG_NAMES) {
      const value = runArgs[name];
      if (typeof value === "string" && value.trim() !== "") fromArgs.push(value.trim());
    }
  }
  return [...configured.map((c) => c.trim()).filter((c) => c !== ""), ...fromArgs];
}
function parseRunTestsSpec(raw, allowed, maxTimeoutMs) {
  if (raw !== null && raw !== void 0 && (typeof raw !== "object" || Array.isArray(raw))) {
    throw new RunTestsError('runTests(spec) takes an object such as { command: "npm test", runs: 10, reporter: "auto" }.');
  }
  const spec = raw ?? {};
  const command = spec.command === void 0 || spec.command === null ? allowed[0] : spec.command;
  if (typeof command !== "string" || command.trim() === "") {
    throw new RunTestsError(
      `runTests() needs a test command: pass { command } in the run's args (e.g. --args '{"command": "npm test"}') or configure run.testCommand for the repository.`
    );
  }
  const runs = spec.runs ?? DEFAULT_TEST_RUNS;
  if (typeof runs !== "number" || !Number.isInteger(runs) || runs < 1 || runs > MAX_TEST_RUNS) {
    throw new RunTestsError(`runTests(): runs must be a whole number from 1 to ${MAX_TEST_RUNS}; got ${JSON.stringify(runs)}.`);
  }
  const reporter = spec.reporter ?? "auto";
  if (typeof reporter !== "string" || !REPORTERS.includes(reporter)) {
    throw new RunTestsError(`runTests(): reporter must be one of ${REPORTERS.join(", ")}; got ${JSON.stringify(reporter)}.`);
  }
  const timeoutMs = spec.timeoutMs ?? Math.min(DEFAULT_TEST_TIMEOUT_MS, maxTimeoutMs);
  if (typeof timeoutMs !== "number" || !Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > maxTimeoutMs) {
    throw new RunTestsError(`runTests(): timeoutMs (per run) must be a whole number of ms from 1 to ${maxTimeoutMs}; got ${JSON.stringify(timeoutMs)}.`);
  }
  const patch = spec.patch ?? void 0;
  if (patch !== void 0 && typeof patch !== "string") throw new RunTestsError("runTests(): patch must be a unified diff (a string).");
  return { command: command.trim(), runs, reporter, timeoutMs, patch };
}
function assertAllowedCommand(command, allowed) {
  let argv;
  try {
    argv = parseCommandLine(command);
  } catch (error) {
    throw new RunTestsError(`runTests(): ${errorMessage(error)}`);
  }
  const entries = allowed.flatMap((entry) => {
    try {
      return [parseCommandLine(entry)];
    } catch {
      return [];
    }
  });
  if (!findAllowlistEntry(argv, entries)) {
    throw new RunTestsError(
      `runTests(): "${command}" is neither the repository's configured test command nor one given in the run's args (allowed: ${allowed.length > 0 ? allowed.map((a) => `"${a}"`).join(", ") : "none"}). Pass the command as args.command when starting the run, or configure run.testCommand.`
    );
  }
}
function describeTestRuns(spec) {
  return `\`${spec.command}\` \xD7 ${spec.runs}${spec.patch !== void 0 ? " with a patch applied" : ""}`;
}
function runTestSpec(spec, repo, signal) {
  const go = (cwd) => runTestCommand({ cwd, command: spec.command, runs: spec.runs, reporter: spec.reporter, timeoutMs: spec.timeoutMs, signal });
  return spec.patch !== void 0 ? withPatchedCheckout(repo, spec.patch, go) : go(repo);
}
function reportTestRuns(spec, runs) {
  const notes = [];
  const unread = runs.filter((r) => r.parseError !== void 0);
  if (unread.length > 0) {
    notes.push({
      level: "warn",
      message: `runTests: ${unread.length} of ${runs.length} run(s) of \`${spec.command}\` gave no readable results and are left out of the counts: ${unread[0]?.parseError ?? ""}`
    });
  }
  if (runs.length < spec.runs) {
    notes.push({ level: "warn", message: `runTests: stopped after ${runs.length} of ${spec.runs} runs because the run is stopping.` });
  }
  const tests = summarizeTests(runs);
  const flaky = findFlakyTests(runs);
  const cuts = { runs: 0, failures: 0 };
  const result = {
    command: spec.command,
    reporter: spec.reporter,
    patched: spec.patch !== void 0,
    runs: runs.map((r) => runJson(r, cuts)),
    tests: tests.map(summaryJson),
    flaky: flaky.map(summaryJson)
  };
  if (cuts.runs > 0) {
    notes.push({
      level: "info",
      message: `runTests: ${cuts.runs} run(s) listed only their first ${MAX_FAILURES_PER_RUN} failures (${cuts.failures} more are counted in the totals but not listed).`
    });
  }
  notes.push({ level: "info", message: summaryLine(runs.length - unread.length, tests.length, flaky) });
  return { result, notes, complete: unread.length < runs.length && runs.length === spec.runs };
}
function summaryLine(readable, tests, flaky) {
  const named = flaky.slice(0, 5).map((t) => `${t.name} (${t.passed} passed, ${t.failed} failed)`).join("; ");
  const more = flaky.length > 5 ? ` and ${flaky.length - 5} more` : "";
  return `runTests: ${readable} readable run(s), ${tests} test(s), ${flaky.length} flaky` + (flaky.length > 0 ? `: ${named}${more}` : "") + ".";
}
function summaryJson(t) {
  return JSON.parse(JSON.stringify(t));
}
function runJson(run, cuts) {
  const failures = run.tests.filter((t) => t.status === "failed");
  if (failures.length > MAX_FAILURES_PER_RUN) {
    cuts.runs += 1;
    cuts.failures += failures.length - MAX_FAILURES_PER_RUN;
  }
  const out = {
    index: run.index,
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    durationMs: run.durationMs,
    format: run.format ?? null,
    passed: run.tests.filter((t) => t.status === "passed").length,
    failed: failures.length,
    skipped: run.tests.filter((t) => t.status === "skipped").length,
    failures: failures.slice(0, MAX_FAILURES_PER_RUN),
    ...run.parseError !== void 0 ? { parseError: run.parseError, outputTail: run.outputTail } : {}
  };
  return JSON.parse(JSON.stringify(out));
}

// src/engine/primitives/commands.ts
var queues = /* @__PURE__ */ new WeakMap();
function serialised(ctx, job) {
  const previous = queues.get(ctx) ?? Promise.resolve();
  const next = previous.then(job, job);
  queues.set(ctx, next.catch(() => void 0));
  return next;
}
function specHash(spec) {
  return jsonHash({ v: 1, kind: "runTests", command: spec.command, runs: spec.runs, reporter: spec.reporter, timeoutMs: spec.timeoutMs, patch: spec.patch ?? null });
}
async function runTests(ctx, scope, rawSpec, runArgs, configured) {
  const allowed = allowedTestCommands(configured, runArgs);
  const spec = parseRunTestsSpec(rawSpec, allowed, ctx.limits.runTimeoutMs);
  assertAllowedCommand(spec.command, allowed);
  if (ctx.stopReason !== null) throw new RunTestsError(`runTests() was not started: ${ctx.stopReason}`);
  const phase = scope.currentPhase;
  const what = describeTestRuns(spec);
  return journaled(ctx, "runTests", specHash(spec), {
    replay: (cached) => {
      ctx.emit({ type: "log", level: "info", phase, message: `runTests: ${what} answered from the journal (no tests re-run).` });
      return cached.result;
    },
    run: async (record) => {
      const startedAt = Date.now();
      const runs = await serialised(ctx, () => {
        ctx.emit({ type: "log", level: "info", phase, message: `runTests: running ${what} (reporter ${spec.reporter}).` });
        return runTestSpec(spec, ctx.repo, ctx.signal);
      });
      const durationMs = Date.now() - startedAt;
      const report = reportTestRuns(spec, runs);
      for (const note of report.notes) ctx.emit({ type: "log", level: note.level, phase, message: note.message });
      if (report.complete) {
        record({ label: `runTests: ${spec.command}`, phase, result: report.result, usage: { ...ZERO_USAGE }, costUsd: 0, model: "none", startedAt, durationMs });
      }
      return report.result;
    }
  });
}

// src/engine/primitives/host.ts
var MAX_LOG_LENGTH = 4e3;
var MAX_PHASE_TITLE = 200;
function createHostFunctions(ctx, scope, runNested) {
  return {
    agent: (prompt, opts) => callAgent(ctx, scope, prompt, opts),
    // runTests() may run the configured test commands and those named in this script's args as
    // the host received them (a script rewriting `args` cannot widen that).
    runTests: (spec) => runTests(ctx, scope, spec, scope.args, ctx.testCommands),
    phase: (title) => {
      if (typeof title !== "string" || title.trim() === "") throw new TypeError("phase(title) needs a non-empty string title.");
      const clean = title.trim().slice(0, MAX_PHASE_TITLE);
      scope.currentPhase = clean;
      ctx.emit({ type: "phase.started", title: clean });
      return void 0;
    },
    log: (level, message) => {
      const text = typeof message === "string" ? message : JSON.stringify(message);
      const cut = text.length > MAX_LOG_LENGTH ? `${text.slice(0, MAX_LOG_LENGTH)}\u2026 (${text.length - MAX_LOG_LENGTH} more characters cut)` : text;
      ctx.emit({ type: "log", level: level === "warn" ? "warn" : "info", phase: scope.currentPhase, message: cut });
      return void 0;
    },
    budgetTotal: () => ctx.budget.totalTokens,
    budgetSpent: () => ctx.budget.spentTokens,
    budgetRemaining: () => {
      const left = ctx.budget.remainingTokens();
      return Number.isFinite(left) ? left : null;
    },
    workflow: async (nameOrPath, args) => {
      if (scope.depth >= 1) {
        throw new Error(`workflow() can nest one level only: "${scope.name}" was itself called by workflow(), so it cannot call another.`);
      }
      return runNested(workflowRef(nameOrPath), args === null ? void 0 : args);
    }
  };
}
function workflowRef(ref) {
  if (typeof ref === "string" && ref.trim() !== "") return ref.trim();
  if (ref !== null && typeof ref === "object" && !Array.isArray(ref)) {
    const { scriptPath, name } = ref;
    if (typeof scriptPath === "string" && scriptPath.trim() !== "") {
      const path4 = scriptPath.trim();
      return path4.includes("/") || path4.includes("\\") ? path4 : `./${path4}`;
    }
    if (typeof name === "string" && name.trim() !== "") return name.trim();
  }
  throw new TypeError('workflow(ref, args) needs a workflow name ("review"), a path, or { scriptPath: ".claude/workflows/x.js" }.');
}

// src/workflows/patterns.ts
import { readFileSync as readFileSync3 } from "node:fs";
var PATTERNS_FILE = new URL("./lib/patterns.js", new URL("./workflows/index.js", import.meta.url).href);
var PATTERNS_SOURCE = readFileSync3(PATTERNS_FILE, "utf8");

// src/engine/primitives/prelude.ts
var GUEST_PRELUDE = String.raw`
(() => {
  "use strict";
  const host = globalThis.__host;
  const MAX_FAN_OUT = ${MAX_FAN_OUT};
  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: false, configurable: false, enumerable: false });
  const describe = (error) => (error && typeof error === "object" && "message" in error ? String(error.message) : String(error));
  const checkFanOut = (name, items, what) => {
    if (!Array.isArray(items)) {
      throw new TypeError(name + "() takes an array of " + what + "; got " + (items === null ? "null" : typeof items) + ".");
    }
    if (items.length > MAX_FAN_OUT) {
      throw new RangeError(
        name + "() takes at most " + MAX_FAN_OUT + " items; got " + items.length +
        ". Split the work into batches (e.g. loop over slices of " + MAX_FAN_OUT + ").",
      );
    }
  };

  define("agent", function agent(prompt, opts) {
    return host.agent(prompt, opts === undefined ? null : opts);
  });

  define("parallel", async function parallel(thunks) {
    checkFanOut("parallel", thunks, "functions (thunks), e.g. items.map((x) => () => agent(...))");
    return Promise.all(
      thunks.map(async (thunk, index) => {
        try {
          return await (typeof thunk === "function" ? thunk() : thunk);
        } catch (error) {
          host.log("warn", "parallel: item " + index + " failed and resolves to null: " + describe(error));
          return null;
        }
      }),
    );
  });

  define("pipeline", async function pipeline(items, ...stages) {
    checkFanOut("pipeline", items, "items");
    for (const stage of stages) {
      if (typeof stage !== "function") throw new TypeError("pipeline(items, ...stages): every stage must be a function (previous, item, index) => value.");
    }
    return Promise.all(
      items.map(async (item, index) => {
        let previous = item;
        for (let s = 0; s < stages.length; s++) {
          try {
            previous = await stages[s](previous, item, index);
          } catch (error) {
            const skipped = stages.length - s - 1;
            host.log(
              "warn",
              "pipeline: item " + index + " failed in stage " + (s + 1) + " of " + stages.length +
              " and resolves to null" + (skipped > 0 ? " (" + skipped + " later stage(s) skipped)" : "") + ": " + describe(error),
            );
            return null;
          }
        }
        return previous;
      }),
    );
  });

  define("phase", function phase(title) {
    host.phase(title);
  });

  define("log", function log(message) {
    let text;
    try {
      text = typeof message === "string" ? message : JSON.stringify(message) ?? String(message);
    } catch {
      text = String(message);
    }
    host.log("info", text);
  });

  const budget = Object.freeze({
    total: host.budgetTotal(),
    spent: () => host.budgetSpent(),
    remaining: () => {
      const left = host.budgetRemaining();
      return left === null ? Infinity : left;
    },
  });
  define("budget", budget);

  // Claude Code scripts may use console.* for progress: it goes to the log like log() (S7).
  const toText = (parts) => parts.map((p) => (typeof p === "string" ? p : (() => { try { return JSON.stringify(p) ?? String(p); } catch { return String(p); } })())).join(" ");
  define("console", Object.freeze({
    log: (...parts) => host.log("info", toText(parts)),
    info: (...parts) => host.log("info", toText(parts)),
    debug: (...parts) => host.log("info", toText(parts)),
    warn: (...parts) => host.log("warn", toText(parts)),
    error: (...parts) => host.log("warn", toText(parts)),
  }));
  // Garbage-collection timing is not deterministic; a resumed run must replay the same way (S4).
  delete globalThis.WeakRef;
  delete globalThis.FinalizationRegistry;

  define("workflow", function workflow(nameOrPath, args) {
    return host.workflow(nameOrPath, args === undefined ? null : args);
  });

  define("runTests", function runTests(spec) {
    return host.runTests(spec === undefined ? null : spec);
  });

  define("patterns", (
${PATTERNS_SOURCE}
  ));
})();
`;

// src/engine/sandbox/bridge.ts
var GuestFailure = class extends QuorumError {
  name = "GuestFailure";
  info;
  constructor(info) {
    super("guest_failure", `${info.name}: ${info.message}`, { audience: "bug" });
    this.info = info;
  }
};
var UNDESCRIBABLE = { errorLike: false, name: "Error", message: "(an error that could not be read: the sandbox was stopped or out of memory)", stack: "" };
var GuestBridge = class {
  context;
  parse;
  stringify;
  describer;
  hostMaker;
  watcher;
  /** Takes ownership of the handle of the guest-setup result array and disposes it. */
  constructor(context, helpers) {
    this.context = context;
    try {
      this.parse = context.getProp(helpers, 0);
      this.stringify = context.getProp(helpers, 1);
      this.describer = context.getProp(helpers, 2);
      this.hostMaker = context.getProp(helpers, 3);
      this.watcher = context.getProp(helpers, 4);
    } finally {
      helpers.dispose();
    }
  }
  /**
   * A new guest value equal to `value`. The caller disposes the handle.
   * @throws TypeError when `value` is not JSON-serialisable on the host (BigInt, cycle)
   * @throws GuestFailure when the guest cannot build it (out of memory, stopped)
   */
  toGuest(value) {
    const ctx = this.context;
    if (value === void 0) return ctx.undefined;
    if (value === null) return ctx.null;
    if (typeof value === "boolean") return value ? ctx.true : ctx.false;
    if (typeof value === "string" && !value.includes("\0")) return ctx.newString(value);
    if (typeof value === "number") return Number.isFinite(value) ? ctx.newNumber(value) : ctx.null;
    const json = JSON.stringify(value);
    if (json === void 0) return ctx.undefined;
    const text = ctx.newString(json);
    try {
      return this.unwrap(ctx.callFunction(this.parse, ctx.undefined, text));
    } finally {
      text.dispose();
    }
  }
  /**
   * A host JSON copy of the guest value `handle` (which stays owned by the caller). Runs the
   * guest's `toJSON` methods, getters and proxies, so it must be called under the CPU deadline.
   * @throws GuestFailure when the guest value cannot be serialised (BigInt, cycle, a throwing toJSON)
   */
  toHost(handle) {
    const ctx = this.context;
    switch (ctx.typeof(handle)) {
      case "undefined":
      case "function":
      case "symbol":
        return void 0;
      case "string": {
        const text = ctx.getString(handle);
        const length = ctx.getProp(handle, "length");
        const guestLength = ctx.getNumber(length);
        length.dispose();
        if (guestLength === text.length) return text;
        break;
      }
      case "number": {
        const n = ctx.getNumber(handle);
        return Number.isFinite(n) ? n : null;
      }
      case "boolean":
        return ctx.dump(handle) === true;
    }
    const json = this.unwrap(ctx.callFunction(this.stringify, ctx.undefined, handle));
    try {
      return ctx.typeof(json) === "string" ? JSON.parse(ctx.getString(json)) : void 0;
    } finally {
      json.dispose();
    }
  }
  /** A new guest `Error` with this message (and name, when not plain "Error"). The caller disposes it. */
  newError(message, name) {
    const ctx = this.context;
    return name && name !== "Error" ? ctx.newError({ name, message }) : ctx.newError(message);
  }
  /** Describes a thrown guest value without ever throwing (user getters run, under the deadline). */
  describe(thrown) {
    const ctx = this.context;
    try {
      const array = this.unwrapOrNull(ctx.callFunction(this.describer, ctx.undefined, thrown));
      if (array === null) return UNDESCRIBABLE;
      try {
        const read = (index) => {
          const item = ctx.getProp(array, index);
          try {
            return ctx.typeof(item) === "string" ? ctx.getString(item) : ctx.dump(item) === true;
          } finally {
            item.dispose();
          }
        };
        const [errorLike, name, message, stack] = [read(0), read(1), read(2), read(3)];
        return { errorLike: errorLike === true, name: String(name), message: String(message), stack: String(stack) };
      } finally {
        array.dispose();
      }
    } catch {
      return UNDESCRIBABLE;
    }
  }
  /**
   * The frozen `__host` object built in the guest from `raws` (an object of raw host functions,
   * still owned by the caller). The caller disposes the result.
   * @throws GuestFailure when the guest cannot build it
   */
  makeHost(raws) {
    return this.unwrap(this.context.callFunction(this.hostMaker, this.context.undefined, raws));
  }
  /** Makes the guest call `done(ok, value)` once `promise` settles (both handles stay the caller's). */
  watch(promise, done) {
    this.unwrap(this.context.callFunction(this.watcher, this.context.undefined, promise, done)).dispose();
  }
  dispose() {
    for (const handle of [this.parse, this.stringify, this.describer, this.hostMaker, this.watcher]) if (handle.alive) handle.dispose();
  }
  unwrapOrNull(result) {
    if ("error" in result && result.error) {
      result.error.dispose();
      return null;
    }
    return result.value;
  }
  unwrap(result) {
    if ("error" in result && result.error) {
      const info = this.describe(result.error);
      result.error.dispose();
      throw new GuestFailure(info);
    }
    return result.value;
  }
};

// src/engine/sandbox/errors.ts
var ScriptRuntimeError = class extends QuorumError {
  name = "ScriptRuntimeError";
  filename;
  /** Top-most frame of the user's script, or `null` when the error carries none. */
  location;
  /** `name` of the guest error (`TypeError`, …), or `"Error"` for a thrown non-Error value. */
  guestName;
  guestMessage;
  /** Stack frames that point into the user's script, top first, positions as in the file. */
  scriptFrames;
  constructor(args) {
    super("script_failed", `${where(args.filename, args.location)}${args.guestName}: ${args.guestMessage}`);
    this.filename = args.filename;
    this.location = args.location;
    this.guestName = args.guestName;
    this.guestMessage = args.guestMessage;
    this.scriptFrames = args.scriptFrames ?? [];
  }
};
var ScriptLimitError = class extends QuorumError {
  name = "ScriptLimitError";
  limit;
  filename;
  location;
  constructor(args) {
    super("script_limit", `${where(args.filename, args.location)}${args.detail}`);
    this.limit = args.limit;
    this.filename = args.filename;
    this.location = args.location;
  }
};
var SandboxCancelledError = class extends QuorumError {
  name = "SandboxCancelledError";
  constructor(filename, reason) {
    const why = reason instanceof Error ? reason.message : typeof reason === "string" ? reason : "";
    super("script_cancelled", `${filename}: the workflow script was cancelled${why ? ` (${why})` : ""}.`);
  }
};
function where(filename, location) {
  return location ? `${filename}:${location.line}:${location.column}: ` : `${filename}: `;
}

// src/engine/sandbox/types.ts
var DEFAULT_SANDBOX_LIMITS = Object.freeze({
  cpuMsPerSlice: 5e3,
  memoryBytes: 256 * 1024 * 1024,
  stackBytes: 256 * 1024
});

// src/engine/sandbox/limits.ts
var MAX_STACK_BYTES = 512 * 1024;
var MIN_STACK_BYTES = 16 * 1024;
var MIN_MEMORY_BYTES = 8 * 1024 * 1024;
var MAX_MEMORY_BYTES = 1024 * 1024 * 1024;
function resolveSandboxLimits(partial) {
  const limits = { ...DEFAULT_SANDBOX_LIMITS, ...partial };
  check("cpuMsPerSlice", limits.cpuMsPerSlice, 1, 36e5, "ms");
  check("memoryBytes", limits.memoryBytes, MIN_MEMORY_BYTES, MAX_MEMORY_BYTES, "bytes");
  check("stackBytes", limits.stackBytes, MIN_STACK_BYTES, MAX_STACK_BYTES, "bytes");
  return limits;
}
function check(name, value, min, max, unit) {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`sandbox limit ${name} must be a number from ${min} to ${max} ${unit}; got ${String(value)}.`);
  }
}
function formatBytes(bytes) {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${(bytes / 1024).toFixed(0)} KiB`;
}

// src/engine/sandbox/wrap.ts
var BODY_PREFIX = "(async () => {";
var BODY_SUFFIX = "\n})()";
function wrapBody(body) {
  return BODY_PREFIX + body + BODY_SUFFIX;
}

// src/engine/sandbox/stack.ts
function scriptLocations(stack, filename) {
  const locations = [];
  const pattern = new RegExp(`[(\\s]${escapeRegExp(filename)}:(\\d+)(?::(\\d+))?`, "g");
  for (const line of stack.split("\n")) {
    pattern.lastIndex = 0;
    const match = pattern.exec(` ${line}`);
    if (!match) continue;
    const lineNumber = Number(match[1]);
    const rawColumn = match[2] === void 0 ? 1 : Number(match[2]);
    const column = lineNumber === 1 ? Math.max(1, rawColumn - BODY_PREFIX.length) : rawColumn;
    locations.push({ line: lineNumber, column });
  }
  return locations;
}
function scriptFrames(stack, filename) {
  return stack.split("\n").filter((line) => line.includes(`${filename}:`)).map((line) => {
    const [location] = scriptLocations(line, filename);
    return location ? line.trim().replace(new RegExp(`${escapeRegExp(filename)}:\\d+(?::\\d+)?`), `${filename}:${location.line}:${location.column}`) : line.trim();
  });
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// src/engine/sandbox/failures.ts
var FailureReport = class {
  filename;
  limits;
  constructor(filename, limits) {
    this.filename = filename;
    this.limits = limits;
  }
  /**
   * What a thrown guest value means. QuickJS reports a stack overflow and a failed allocation as
   * `InternalError`s; when memory is exhausted it may even throw `null` or a half-built object,
   * hence `memoryNearlyFull`. Errors from our own prelude or setup (no frame in the script) are
   * reported as such, since they are not the script's fault.
   */
  classify(info, where2) {
    const location = this.locate(info.stack);
    if (info.name === "InternalError" && info.message === "stack overflow") return { error: this.limitError("stack", location), outOfMemory: false };
    if (info.name === "InternalError" && info.message === "out of memory" || !info.errorLike && where2.memoryNearlyFull) {
      return { error: this.limitError("memory", location), outOfMemory: true };
    }
    if (where2.file !== this.filename && location === null) {
      return { error: new QuorumError("sandbox_setup_failed", `the sandbox's own ${where2.file} code failed: ${info.name}: ${info.message}
${info.stack}`, { audience: "bug" }), outOfMemory: false };
    }
    return { error: this.runtimeError(info), outOfMemory: false };
  }
  runtimeError(info) {
    return new ScriptRuntimeError({
      filename: this.filename,
      location: this.locate(info.stack),
      guestName: info.errorLike ? info.name : "Error",
      guestMessage: info.errorLike ? info.message : `the script threw a non-Error value: ${info.message}`,
      scriptFrames: scriptFrames(info.stack, this.filename)
    });
  }
  limitError(limit, location) {
    const detail = {
      cpu: `the script ran for more than ${this.limits.cpuMsPerSlice} ms without awaiting an agent or other host call (sandbox CPU limit per slice). Look for an endless loop, or move heavy computation into an agent.`,
      memory: `the script exceeded the sandbox memory limit of ${formatBytes(this.limits.memoryBytes)}. Keep less in memory: summarise or filter agent results instead of accumulating them.`,
      stack: `the script exceeded the sandbox stack limit of ${formatBytes(this.limits.stackBytes)} (recursion or nesting too deep). Make the recursion shallower or iterative.`
    }[limit];
    return new ScriptLimitError({ limit, filename: this.filename, location, detail });
  }
  /**
   * An exception thrown on the host side while the guest ran. A RangeError is the host's own stack
   * overflowing inside QuickJS's native code (deep recursion in JSON, the parser, …); a
   * WebAssembly RuntimeError is an abort. Either leaves the instance inconsistent (`degraded`).
   * Anything else is a bug in the sandbox and is passed on as it is.
   */
  hostFault(error) {
    if (error instanceof RangeError) return { error: this.limitError("stack", null), degraded: true };
    if (error instanceof Error && error.name === "RuntimeError") {
      return { error: new QuorumError("sandbox_crashed", `${this.filename}: the sandbox crashed (${error.message}); the script's state is lost. Please report this with the script.`, { audience: "bug", cause: error }), degraded: true };
    }
    return { error: error instanceof Error ? error : new Error(String(error)), degraded: false };
  }
  locate(stack) {
    return scriptLocations(stack, this.filename)[0] ?? null;
  }
};

// src/engine/sandbox/guest-setup.ts
var NONDETERMINISM_HINT = "is not available in workflow scripts: they must be deterministic so a resumed run replays the same way; pass times/ids in through args or an agent";
var GUEST_SETUP = String.raw`
(() => {
  "use strict";
  const defineProperty = Object.defineProperty;
  const freeze = Object.freeze;
  const construct = Reflect.construct;
  const NativeError = Error;
  const NativeDate = Date;
  const DatePrototype = NativeDate.prototype;
  const jsonParse = JSON.parse;
  const jsonStringify = JSON.stringify;
  const toText = String;

  const refuse = (what) => new NativeError(what + " ${NONDETERMINISM_HINT}.");
  const thrower = (what, name) => ({ [name]() { throw refuse(what); } })[name];
  const lock = (target, key, value) =>
    defineProperty(target, key, { value, writable: false, enumerable: false, configurable: false });

  lock(Math, "random", thrower("Math.random()", "random"));

  const SafeDate = function Date(...args) {
    if (new.target === undefined) throw refuse("Date() called without new (the current time)");
    if (args.length === 0) throw refuse("new Date() without an argument (the current time)");
    return construct(NativeDate, args, new.target);
  };
  defineProperty(SafeDate, "length", { value: 7 });
  lock(SafeDate, "prototype", DatePrototype);
  lock(SafeDate, "now", thrower("Date.now()", "now"));
  lock(SafeDate, "parse", NativeDate.parse);
  lock(SafeDate, "UTC", NativeDate.UTC);
  lock(DatePrototype, "constructor", SafeDate);
  lock(globalThis, "Date", SafeDate);
  lock(globalThis, "performance", freeze({ now: thrower("performance.now()", "now") }));
  lock(globalThis, "crypto", freeze({
    getRandomValues: thrower("crypto.getRandomValues()", "getRandomValues"),
    randomUUID: thrower("crypto.randomUUID()", "randomUUID"),
  }));

  const field = (value, key) => {
    try {
      const v = value[key];
      return typeof v === "string" ? v : undefined;
    } catch {
      return undefined;
    }
  };
  const text = (value) => {
    try {
      return typeof value === "string" ? value : toText(value);
    } catch {
      return "(a value that cannot be printed)";
    }
  };
  // -> [isErrorLike, name, message, stack]
  const describeError = (value) => {
    if (value !== null && (typeof value === "object" || typeof value === "function")) {
      const message = field(value, "message");
      if (message !== undefined) return [true, field(value, "name") ?? "Error", message, field(value, "stack") ?? ""];
      return [false, "Error", text(value), field(value, "stack") ?? ""];
    }
    return [false, "Error", text(value), ""];
  };
  const NativePromise = Promise;
  const promiseThen = NativePromise.prototype.then;
  const apply = Reflect.apply;

  // Wraps a raw host function. A host promise becomes a guest promise whose rejection carries the
  // stack of the call site (the host's error is created later, with no guest frames).
  const wrapHost = (name, raw) => ({
    [name](...args) {
      const result = apply(raw, undefined, args);
      if (!(result instanceof NativePromise)) return result;
      const site = new NativeError();
      return apply(promiseThen, result, [undefined, (error) => {
        try {
          if (error instanceof NativeError && typeof error.stack !== "string") {
            defineProperty(error, "stack", { value: site.stack, writable: true, configurable: true, enumerable: false });
          }
        } catch {}
        throw error;
      }]);
    },
  })[name];
  // -> the frozen __host object
  const makeHost = (raws) => {
    const host = {};
    for (const name of Object.keys(raws)) {
      defineProperty(host, name, { value: wrapHost(name, raws[name]), writable: false, enumerable: true, configurable: false });
    }
    return freeze(host);
  };
  // Reports the body's outcome to the host exactly once: done(true, value) or done(false, error).
  const watch = (promise, done) => {
    apply(promiseThen, promise, [(value) => done(true, value), (error) => done(false, error)]);
  };

  return [jsonParse, jsonStringify, describeError, makeHost, watch];
})()
`;

// src/engine/sandbox/standard-globals.ts
var STANDARD_GLOBALS_SOURCE = String.raw`
(() => {
  "use strict";
  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  const fromCodePoint = String.fromCodePoint;
  const hex = (b) => "%" + (b < 16 ? "0" : "") + b.toString(16).toUpperCase();

  class DOMException extends Error {
    constructor(message = "", name = "Error") {
      super(String(message));
      Object.defineProperty(this, "name", { value: String(name), writable: true, configurable: true, enumerable: false });
    }
  }

  // ---- UTF-8 ----------------------------------------------------------------------------------
  const utf8Encode = (input) => {
    const s = String(input);
    const out = [];
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
        else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  };
  // Decodes bytes[from, to); returns [text, index of an incomplete tail (or to)]; fatal throws.
  const utf8Decode = (bytes, fatal, stream) => {
    let out = "";
    let i = 0;
    const n = bytes.length;
    const bad = () => {
      if (fatal) throw new TypeError("The encoded data was not valid UTF-8.");
      out += "\uFFFD";
    };
    while (i < n) {
      const b = bytes[i];
      if (b < 0x80) { out += fromCodePoint(b); i++; continue; }
      let need = 0, cp = 0, lower = 0x80, upper = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
      else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0xf; if (b === 0xe0) lower = 0xa0; if (b === 0xed) upper = 0x9f; }
      else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 7; if (b === 0xf0) lower = 0x90; if (b === 0xf4) upper = 0x8f; }
      else { bad(); i++; continue; }
      let j = 1;
      for (; j <= need; j++) {
        if (i + j >= n) break;
        const c = bytes[i + j];
        if (c < lower || c > upper) break;
        lower = 0x80; upper = 0xbf;
        cp = (cp << 6) | (c & 63);
      }
      if (j > need) { out += fromCodePoint(cp); i += need + 1; continue; }
      if (i + j >= n && stream) return [out, i];
      bad();
      i += j;
    }
    return [out, n];
  };
  const bytesOf = (input) => {
    if (input === undefined) return new Uint8Array(0);
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw new TypeError("The input must be an ArrayBuffer, a typed array or a DataView.");
  };

  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(input = "") { return new Uint8Array(utf8Encode(input)); }
    encodeInto(source, destination) {
      if (!(destination instanceof Uint8Array)) throw new TypeError("encodeInto(source, destination) needs a Uint8Array destination.");
      const s = String(source);
      let read = 0, written = 0;
      for (const ch of s) {
        const bytes = utf8Encode(ch);
        if (written + bytes.length > destination.length) break;
        destination.set(bytes, written);
        written += bytes.length;
        read += ch.length;
      }
      return { read, written };
    }
  }

  const UTF8_LABELS = ["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"];
  class TextDecoder {
    #fatal; #ignoreBOM; #pending = []; #bomSeen = false;
    constructor(label = "utf-8", options = {}) {
      const name = String(label).trim().toLowerCase();
      if (!UTF8_LABELS.includes(name)) throw new RangeError("TextDecoder: the encoding \"" + label + "\" is not supported in workflow scripts (only utf-8).");
      this.#fatal = Boolean(options && options.fatal);
      this.#ignoreBOM = Boolean(options && options.ignoreBOM);
    }
    get encoding() { return "utf-8"; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input, options = {}) {
      const stream = Boolean(options && options.stream);
      const fresh = bytesOf(input);
      const bytes = this.#pending.length ? [...this.#pending, ...fresh] : fresh;
      let text, end;
      try {
        [text, end] = utf8Decode(bytes, this.#fatal, stream);
      } catch (error) {
        this.#pending = []; this.#bomSeen = false;
        throw error;
      }
      this.#pending = Array.prototype.slice.call(bytes, end);
      if (!this.#bomSeen && text.length > 0) {
        this.#bomSeen = true;
        if (!this.#ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (!stream) { this.#pending = []; this.#bomSeen = false; }
      return text;
    }
  }

  // ---- base64 ---------------------------------------------------------------------------------
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const btoa = function btoa(data) {
    if (arguments.length === 0) throw new TypeError("btoa(data) needs one argument.");
    const s = String(data);
    let out = "";
    for (let i = 0; i < s.length; i += 3) {
      const a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2);
      if (a > 255 || b > 255 || c > 255) throw new DOMException("btoa: the string contains characters outside Latin-1; encode it to UTF-8 bytes first (TextEncoder).", "InvalidCharacterError");
      const n = (a << 16) | ((b || 0) << 8) | (c || 0);
      out += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < s.length ? B64[(n >> 6) & 63] : "=") + (i + 2 < s.length ? B64[n & 63] : "=");
    }
    return out;
  };
  const atob = function atob(data) {
    if (arguments.length === 0) throw new TypeError("atob(data) needs one argument.");
    let s = String(data).replace(/[\t\n\f\r ]/g, "");
    if (s.length % 4 === 0) s = s.replace(/==?$/, "");
    if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) throw new DOMException("atob: the string is not valid base64.", "InvalidCharacterError");
    let out = "", buffer = 0, bits = 0;
    for (const ch of s) {
      buffer = (buffer << 6) | B64.indexOf(ch);
      bits += 6;
      if (bits >= 8) { bits -= 8; out += fromCodePoint((buffer >> bits) & 255); }
    }
    return out;
  };

  // ---- structuredClone ------------------------------------------------------------------------
  const TYPED = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
  const ERRORS = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  const cloneError = (what) => new DOMException(what + " could not be cloned.", "DataCloneError");
  const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);
  const structuredClone = function structuredClone(value, options) {
    if (arguments.length === 0) throw new TypeError("structuredClone(value) needs one argument.");
    if (options && options.transfer && options.transfer.length) throw cloneError("transfer: moving ArrayBuffers between workflow scripts is not supported; the value");
    const seen = new Map();
    const clone = (v) => {
      if (typeof v === "symbol") throw cloneError(String(v));
      if (typeof v === "function") throw cloneError("function " + (v.name || "(anonymous)"));
      if (v === null || typeof v !== "object") return v;
      if (seen.has(v)) return seen.get(v);
      const tag = tagOf(v);
      let out;
      if (Array.isArray(v)) {
        out = new Array(v.length);
        seen.set(v, out);
        for (const key of Object.keys(v)) out[key] = clone(v[key]);
        return out;
      }
      if (v instanceof Date) { out = new Date(v.getTime()); seen.set(v, out); return out; }
      if (v instanceof RegExp) { out = new RegExp(v.source, v.flags); seen.set(v, out); return out; }
      if (v instanceof Map) { out = new Map(); seen.set(v, out); for (const [k, x] of v) out.set(clone(k), clone(x)); return out; }
      if (v instanceof Set) { out = new Set(); seen.set(v, out); for (const x of v) out.add(clone(x)); return out; }
      if (v instanceof ArrayBuffer) { out = v.slice(0); seen.set(v, out); return out; }
      if (v instanceof DataView) { out = new DataView(clone(v.buffer), v.byteOffset, v.byteLength); seen.set(v, out); return out; }
      for (const T of TYPED) {
        if (v instanceof T) { out = new T(clone(v.buffer), v.byteOffset, v.length); seen.set(v, out); return out; }
      }
      if (v instanceof Error) {
        const Ctor = Object.hasOwn(ERRORS, v.name) ? ERRORS[v.name] : Error;
        out = new Ctor(String(v.message));
        seen.set(v, out);
        if (typeof v.stack === "string") Object.defineProperty(out, "stack", { value: v.stack, writable: true, configurable: true, enumerable: false });
        if ("cause" in v) Object.defineProperty(out, "cause", { value: clone(v.cause), writable: true, configurable: true, enumerable: false });
        return out;
      }
      if (tag === "Boolean" || tag === "Number" || tag === "String" || tag === "BigInt") { out = Object(v.valueOf()); seen.set(v, out); return out; }
      if (tag === "Promise" || tag === "WeakMap" || tag === "WeakSet" || tag === "Symbol") throw cloneError(tag);
      out = {};
      seen.set(v, out);
      for (const key of Object.keys(v)) out[key] = clone(v[key]);
      return out;
    };
    return clone(value);
  };

  // ---- URL (WHATWG URL Standard) --------------------------------------------------------------
  const SPECIAL = { "ftp:": 21, "file:": null, "http:": 80, "https:": 443, "ws:": 80, "wss:": 443 };
  const isSpecialScheme = (s) => Object.hasOwn(SPECIAL, s + ":");
  const C0 = (c) => c < 0x20 || c > 0x7e;
  const FRAGMENT = (c) => C0(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60;
  const QUERY = (c) => C0(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c || c === 0x3e;
  const SPECIAL_QUERY = (c) => QUERY(c) || c === 0x27;
  const PATH = (c) => QUERY(c) || c === 0x3f || c === 0x5e || c === 0x60 || c === 0x7b || c === 0x7d;
  const USERINFO = (c) => PATH(c) || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x40 || (c >= 0x5b && c <= 0x5d) || c === 0x7c;
  const COMPONENT = (c) => USERINFO(c) || (c >= 0x24 && c <= 0x26) || c === 0x2b || c === 0x2c;
  const FORM = (c) => COMPONENT(c) || c === 0x21 || (c >= 0x27 && c <= 0x29) || c === 0x7e;
  const encodeSet = (text, set, spaceAsPlus) => {
    let out = "";
    for (const ch of text) {
      const cp = ch.codePointAt(0);
      if (spaceAsPlus && cp === 0x20) { out += "+"; continue; }
      if (cp < 0x80 && !set(cp)) { out += ch; continue; }
      if (cp < 0x80) { out += hex(cp); continue; }
      for (const b of utf8Encode(ch)) out += hex(b);
    }
    return out;
  };
  const percentDecodeBytes = (text) => {
    const bytes = utf8Encode(text);
    const out = [];
    const isHex = (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
        i += 2;
      } else out.push(b);
    }
    return out;
  };
  const percentDecode = (text) => utf8Decode(percentDecodeBytes(text), false, false)[0];
  const ALPHA = /[A-Za-z]/;
  const ALNUM_PLUS = /[A-Za-z0-9+\-.]/;
  const isWindowsLetter = (s, normalizedOnly) => s.length === 2 && ALPHA.test(s[0]) && (s[1] === ":" || (!normalizedOnly && s[1] === "|"));
  const startsWithWindowsLetter = (cps, i) =>
    i + 1 < cps.length && isWindowsLetter(cps[i] + cps[i + 1], false) && (i + 2 === cps.length || "/\\?#".includes(cps[i + 2]));
  const FORBIDDEN_HOST = /[\u0000\t\n\r #/:<>?@[\\\]^|]/;
  const FORBIDDEN_DOMAIN = /[\u0000-\u001f\t\n\r #/:<>?@[\\\]^|%\u007f]/;

  // Punycode (RFC 3492) for domain labels.
  const punycode = (label) => {
    const base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700;
    const cps = Array.from(label, (c) => c.codePointAt(0));
    let out = cps.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join("");
    const basic = out.length;
    let handled = basic;
    if (basic > 0) out += "-";
    const digit = (d) => String.fromCharCode(d + 22 + 75 * (d < 26));
    const adapt = (delta, points, first) => {
      let k = 0;
      delta = first ? Math.floor(delta / damp) : delta >> 1;
      delta += Math.floor(delta / points);
      for (; delta > ((base - tMin) * tMax) >> 1; k += base) delta = Math.floor(delta / (base - tMin));
      return Math.floor(k + ((base - tMin + 1) * delta) / (delta + skew));
    };
    let n = 128, delta = 0, bias = 72;
    while (handled < cps.length) {
      let m = Infinity;
      for (const c of cps) if (c >= n && c < m) m = c;
      delta += (m - n) * (handled + 1);
      n = m;
      for (const c of cps) {
        if (c < n) delta++;
        if (c === n) {
          let q = delta;
          for (let k = base; ; k += base) {
            const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
            if (q < t) break;
            out += digit(t + ((q - t) % (base - t)));
            q = Math.floor((q - t) / (base - t));
          }
          out += digit(q);
          bias = adapt(delta, handled + 1, handled === basic);
          delta = 0;
          handled++;
        }
      }
      delta++; n++;
    }
    return out;
  };
  const domainToASCII = (domain) => {
    const labels = domain.replace(/[\u3002\uff0e\uff61]/g, ".").split(".");
    return labels
      .map((label) => {
        const lower = label.toLowerCase();
        return /[^\u0000-\u007f]/.test(lower) ? "xn--" + punycode(lower.normalize("NFC")) : lower;
      })
      .join(".");
  };

  const parseIPv4Number = (part) => {
    if (part === "") return NaN;
    let radix = 10;
    if (part.length >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) { part = part.slice(2); radix = 16; }
    else if (part.length >= 2 && part[0] === "0") { part = part.slice(1); radix = 8; }
    if (part === "") return 0;
    const ok = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9A-Fa-f]+$/ : /^[0-7]+$/;
    return ok.test(part) ? parseInt(part, radix) : NaN;
  };
  const endsInNumber = (host) => {
    const parts = host.split(".");
    if (parts[parts.length - 1] === "") { if (parts.length === 1) return false; parts.pop(); }
    const last = parts[parts.length - 1];
    if (last !== "" && /^[0-9]+$/.test(last)) return true;
    return !Number.isNaN(parseIPv4Number(last));
  };
  const parseIPv4 = (host) => {
    const parts = host.split(".");
    if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    const nums = parts.map(parseIPv4Number);
    if (nums.some(Number.isNaN)) return null;
    for (let i = 0; i < nums.length - 1; i++) if (nums[i] > 255) return null;
    if (nums[nums.length - 1] >= 256 ** (5 - nums.length)) return null;
    let ipv4 = nums[nums.length - 1];
    for (let i = 0; i < nums.length - 1; i++) ipv4 += nums[i] * 256 ** (3 - i);
    return ipv4;
  };
  const serializeIPv4 = (n) => [Math.floor(n / 16777216) % 256, Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256].join(".");
  const parseIPv6 = (input) => {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let piece = 0, compress = null, p = 0;
    const c = () => input[p];
    const isHexCh = (ch) => ch !== undefined && /[0-9A-Fa-f]/.test(ch);
    if (c() === ":") {
      if (input[p + 1] !== ":") return null;
      p += 2; piece++; compress = piece;
    }
    while (c() !== undefined) {
      if (piece === 8) return null;
      if (c() === ":") {
        if (compress !== null) return null;
        p++; piece++; compress = piece; continue;
      }
      let value = 0, length = 0;
      while (length < 4 && isHexCh(c())) { value = value * 16 + parseInt(c(), 16); p++; length++; }
      if (c() === ".") {
        if (length === 0) return null;
        p -= length;
        if (piece > 6) return null;
        let seen = 0;
        while (c() !== undefined) {
          let v4 = null;
          if (seen > 0) { if (c() === "." && seen < 4) p++; else return null; }
          if (!/[0-9]/.test(c() || "")) return null;
          while (/[0-9]/.test(c() || "")) {
            const n = Number(c());
            if (v4 === null) v4 = n; else if (v4 === 0) return null; else v4 = v4 * 10 + n;
            if (v4 > 255) return null;
            p++;
          }
          address[piece] = address[piece] * 256 + v4;
          seen++;
          if (seen === 2 || seen === 4) piece++;
        }
        if (seen !== 4) return null;
        break;
      } else if (c() === ":") {
        p++;
        if (c() === undefined) return null;
      } else if (c() !== undefined) return null;
      address[piece] = value;
      piece++;
    }
    if (compress !== null) {
      let swaps = piece - compress;
      piece = 7;
      while (piece !== 0 && swaps > 0) {
        const t = address[compress + swaps - 1];
        address[compress + swaps - 1] = address[piece];
        address[piece] = t;
        piece--; swaps--;
      }
    } else if (piece !== 8) return null;
    return address;
  };
  const serializeIPv6 = (a) => {
    let best = -1, bestLen = 1;
    for (let i = 0; i < 8; ) {
      if (a[i] !== 0) { i++; continue; }
      let j = i;
      while (j < 8 && a[j] === 0) j++;
      if (j - i > bestLen) { best = i; bestLen = j - i; }
      i = j;
    }
    let out = "";
    let ignore0 = false;
    for (let i = 0; i < 8; i++) {
      if (ignore0 && a[i] === 0) continue;
      ignore0 = false;
      if (best === i) { out += i === 0 ? "::" : ":"; ignore0 = true; continue; }
      out += a[i].toString(16);
      if (i !== 7) out += ":";
    }
    return "[" + out + "]";
  };
  // -> the serialized host, or null on failure
  const parseHost = (input, notSpecial) => {
    if (input.startsWith("[")) {
      if (!input.endsWith("]")) return null;
      const a = parseIPv6(input.slice(1, -1));
      return a ? serializeIPv6(a) : null;
    }
    if (notSpecial) return FORBIDDEN_HOST.test(input) ? null : encodeSet(input, C0, false);
    const ascii = domainToASCII(percentDecode(input));
    if (ascii === "" || FORBIDDEN_DOMAIN.test(ascii)) return null;
    if (endsInNumber(ascii)) {
      const v4 = parseIPv4(ascii);
      return v4 === null ? null : serializeIPv4(v4);
    }
    return ascii;
  };

  const FAILURE = {};
  const shortenPath = (url) => {
    if (url.scheme === "file" && url.path.length === 1 && isWindowsLetter(url.path[0], true)) return;
    url.path.pop();
  };
  const isSingleDot = (s) => s === "." || s.toLowerCase() === "%2e";
  const isDoubleDot = (s) => ["..", ".%2e", "%2e.", "%2e%2e"].includes(s.toLowerCase());

  // The basic URL parser. With stateOverride it edits 'url' in place (setters) and returns it or FAILURE.
  const basicParse = (rawInput, base, given, stateOverride) => {
    let input = rawInput;
    let url = given;
    if (!url) {
      url = { scheme: "", username: "", password: "", host: null, port: null, path: [], opaque: false, query: null, fragment: null };
      input = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
    }
    input = input.replace(/[\t\n\r]/g, "");
    let state = stateOverride || "scheme start";
    let buffer = "";
    let atSign = false, insideBrackets = false, passwordToken = false;
    const cps = Array.from(input);
    const special = () => isSpecialScheme(url.scheme);
    for (let p = 0; p <= cps.length; p++) {
      const c = cps[p];
      const remaining = (k) => cps[p + k];
      switch (state) {
        case "scheme start":
          if (c !== undefined && ALPHA.test(c)) { buffer += c.toLowerCase(); state = "scheme"; }
          else if (!stateOverride) { state = "no scheme"; p--; }
          else return FAILURE;
          break;
        case "scheme":
          if (c !== undefined && ALNUM_PLUS.test(c)) buffer += c.toLowerCase();
          else if (c === ":") {
            if (stateOverride) {
              if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
              if ((url.username !== "" || url.password !== "" || url.port !== null) && buffer === "file") return url;
              if (url.scheme === "file" && url.host === "") return url;
            }
            url.scheme = buffer;
            if (stateOverride) {
              if (url.port === SPECIAL[url.scheme + ":"]) url.port = null;
              return url;
            }
            buffer = "";
            if (url.scheme === "file") state = "file";
            else if (special() && base && base.scheme === url.scheme) state = "special relative or authority";
            else if (special()) state = "special authority slashes";
            else if (remaining(1) === "/") { state = "path or authority"; p++; }
            else { url.opaque = true; url.path = ""; state = "opaque path"; }
          } else if (!stateOverride) { buffer = ""; state = "no scheme"; p = -1; }
          else return FAILURE;
          break;
        case "no scheme":
          if (!base || (base.opaque && c !== "#")) return FAILURE;
          if (base.opaque && c === "#") {
            url.scheme = base.scheme; url.path = base.path; url.opaque = true; url.query = base.query; url.fragment = ""; state = "fragment";
          } else if (base.scheme !== "file") { state = "relative"; p--; }
          else { state = "file"; p--; }
          break;
        case "special relative or authority":
          if (c === "/" && remaining(1) === "/") { state = "special authority ignore slashes"; p++; }
          else { state = "relative"; p--; }
          break;
        case "path or authority":
          if (c === "/") state = "authority";
          else { state = "path"; p--; }
          break;
        case "relative":
          url.scheme = base.scheme;
          if (c === "/") state = "relative slash";
          else if (special() && c === "\\") state = "relative slash";
          else {
            url.username = base.username; url.password = base.password; url.host = base.host; url.port = base.port;
            url.path = base.path.slice(); url.query = base.query;
            if (c === "?") { url.query = ""; state = "query"; }
            else if (c === "#") { url.fragment = ""; state = "fragment"; }
            else if (c !== undefined) { url.query = null; shortenPath(url); state = "path"; p--; }
          }
          break;
        case "relative slash":
          if (special() && (c === "/" || c === "\\")) state = "special authority ignore slashes";
          else if (c === "/") state = "authority";
          else { url.username = base.username; url.password = base.password; url.host = base.host; url.port = base.port; state = "path"; p--; }
          break;
        case "special authority slashes":
          if (c === "/" && remaining(1) === "/") { state = "special authority ignore slashes"; p++; }
          else { state = "special authority ignore slashes"; p--; }
          break;
        case "special authority ignore slashes":
          if (c !== "/" && c !== "\\") { state = "authority"; p--; }
          break;
        case "authority":
          if (c === "@") {
            if (atSign) buffer = "%40" + buffer;
            atSign = true;
            for (const ch of Array.from(buffer)) {
              if (ch === ":" && !passwordToken) { passwordToken = true; continue; }
              const enc = encodeSet(ch, USERINFO, false);
              if (passwordToken) url.password += enc; else url.username += enc;
            }
            buffer = "";
          } else if (c === undefined || c === "/" || c === "?" || c === "#" || (special() && c === "\\")) {
            if (atSign && buffer === "") return FAILURE;
            p -= Array.from(buffer).length + 1;
            buffer = "";
            state = "host";
          } else buffer += c;
          break;
        case "host":
        case "hostname":
          if (stateOverride && url.scheme === "file") { p--; state = "file host"; }
          else if (c === ":" && !insideBrackets) {
            if (buffer === "") return FAILURE;
            if (stateOverride === "hostname") return FAILURE;
            const host = parseHost(buffer, !special());
            if (host === null) return FAILURE;
            url.host = host; buffer = ""; state = "port";
          } else if (c === undefined || c === "/" || c === "?" || c === "#" || (special() && c === "\\")) {
            p--;
            if (special() && buffer === "") return FAILURE;
            if (stateOverride && buffer === "" && (url.username !== "" || url.password !== "" || url.port !== null)) return url;
            const host = parseHost(buffer, !special());
            if (host === null) return FAILURE;
            url.host = host; buffer = ""; state = "path start";
            if (stateOverride) return url;
          } else {
            if (c === "[") insideBrackets = true;
            if (c === "]") insideBrackets = false;
            buffer += c;
          }
          break;
        case "port":
          if (c !== undefined && /[0-9]/.test(c)) buffer += c;
          else if (c === undefined || c === "/" || c === "?" || c === "#" || (special() && c === "\\") || stateOverride) {
            if (buffer !== "") {
              const port = parseInt(buffer, 10);
              if (port > 65535) return FAILURE;
              url.port = SPECIAL[url.scheme + ":"] === port ? null : port;
              buffer = "";
              if (stateOverride) return url;
            }
            if (stateOverride) return FAILURE;
            state = "path start"; p--;
          } else return FAILURE;
          break;
        case "file":
          url.scheme = "file";
          url.host = "";
          if (c === "/" || c === "\\") state = "file slash";
          else if (base && base.scheme === "file") {
            url.host = base.host; url.path = base.path.slice(); url.query = base.query;
            if (c === "?") { url.query = ""; state = "query"; }
            else if (c === "#") { url.fragment = ""; state = "fragment"; }
            else if (c !== undefined) {
              url.query = null;
              if (!startsWithWindowsLetter(cps, p)) shortenPath(url);
              else url.path = [];
              state = "path"; p--;
            }
          } else { state = "path"; p--; }
          break;
        case "file slash":
          if (c === "/" || c === "\\") state = "file host";
          else {
            if (base && base.scheme === "file") {
              url.host = base.host;
              if (!startsWithWindowsLetter(cps, p) && base.path.length > 0 && isWindowsLetter(base.path[0], true)) url.path.push(base.path[0]);
            }
            state = "path"; p--;
          }
          break;
        case "file host":
          if (c === undefined || c === "/" || c === "\\" || c === "?" || c === "#") {
            p--;
            if (!stateOverride && isWindowsLetter(buffer, false)) state = "path";
            else if (buffer === "") {
              url.host = "";
              if (stateOverride) return url;
              state = "path start";
            } else {
              let host = parseHost(buffer, false);
              if (host === null) return FAILURE;
              if (host === "localhost") host = "";
              url.host = host;
              if (stateOverride) return url;
              buffer = ""; state = "path start";
            }
          } else buffer += c;
          break;
        case "path start":
          if (special()) { state = "path"; if (c !== "/" && c !== "\\") p--; }
          else if (!stateOverride && c === "?") { url.query = ""; state = "query"; }
          else if (!stateOverride && c === "#") { url.fragment = ""; state = "fragment"; }
          else if (c !== undefined) { state = "path"; if (c !== "/") p--; }
          else if (stateOverride && url.host === null) url.path.push("");
          break;
        case "path":
          if (c === undefined || c === "/" || (special() && c === "\\") || (!stateOverride && (c === "?" || c === "#"))) {
            if (isDoubleDot(buffer)) {
              shortenPath(url);
              if (c !== "/" && !(special() && c === "\\")) url.path.push("");
            } else if (isSingleDot(buffer) && c !== "/" && !(special() && c === "\\")) url.path.push("");
            else if (!isSingleDot(buffer)) {
              if (url.scheme === "file" && url.path.length === 0 && isWindowsLetter(buffer, false)) buffer = buffer[0] + ":";
              url.path.push(buffer);
            }
            buffer = "";
            if (c === "?") { url.query = ""; state = "query"; }
            if (c === "#") { url.fragment = ""; state = "fragment"; }
          } else buffer += encodeSet(c, PATH, false);
          break;
        case "opaque path":
          if (c === "?") { url.query = ""; state = "query"; }
          else if (c === "#") { url.fragment = ""; state = "fragment"; }
          else if (c === " " && (remaining(1) === "?" || remaining(1) === "#")) url.path += "%20";
          else if (c !== undefined) url.path += encodeSet(c, C0, false);
          break;
        case "query":
          if ((!stateOverride && c === "#") || c === undefined) {
            url.query += encodeSet(buffer, special() ? SPECIAL_QUERY : QUERY, false);
            buffer = "";
            if (c === "#") { url.fragment = ""; state = "fragment"; }
          } else buffer += c;
          break;
        case "fragment":
          if (c !== undefined) url.fragment += encodeSet(c, FRAGMENT, false);
          break;
      }
    }
    return url;
  };

  const serializePath = (url) => (url.opaque ? url.path : url.path.map((s) => "/" + s).join(""));
  const serialize = (url, excludeFragment) => {
    let out = url.scheme + ":";
    if (url.host !== null) {
      out += "//";
      if (url.username !== "" || url.password !== "") {
        out += url.username;
        if (url.password !== "") out += ":" + url.password;
        out += "@";
      }
      out += url.host;
      if (url.port !== null) out += ":" + url.port;
    }
    if (url.host === null && !url.opaque && url.path.length > 1 && url.path[0] === "") out += "/.";
    out += serializePath(url);
    if (url.query !== null) out += "?" + url.query;
    if (!excludeFragment && url.fragment !== null) out += "#" + url.fragment;
    return out;
  };

  // application/x-www-form-urlencoded
  const parseForm = (text) => {
    const out = [];
    for (const part of String(text).split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      const name = eq >= 0 ? part.slice(0, eq) : part;
      const value = eq >= 0 ? part.slice(eq + 1) : "";
      out.push([percentDecode(name.replace(/\+/g, " ")), percentDecode(value.replace(/\+/g, " "))]);
    }
    return out;
  };
  const toUSV = (v) => String(v).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, (m) => (m.length === 2 ? m[0] + "\uFFFD" : "\uFFFD"));
  const serializeForm = (list) => list.map(([n, v]) => encodeSet(n, FORM, true) + "=" + encodeSet(v, FORM, true)).join("&");

  const LIST = Symbol("list");
  const OWNER = Symbol("owner");
  class URLSearchParams {
    constructor(init = "") {
      this[LIST] = [];
      this[OWNER] = null;
      if (init instanceof URLSearchParams) this[LIST] = init[LIST].map((p) => p.slice());
      else if (init !== null && typeof init === "object" && typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const items = Array.from(pair);
          if (items.length !== 2) throw new TypeError("URLSearchParams: each pair must have exactly two items (name and value).");
          this[LIST].push([toUSV(items[0]), toUSV(items[1])]);
        }
      } else if (init !== null && typeof init === "object") {
        for (const key of Object.keys(init)) this[LIST].push([toUSV(key), toUSV(init[key])]);
      } else {
        const text = toUSV(init);
        this[LIST] = parseForm(text.startsWith("?") ? text.slice(1) : text);
      }
      Object.defineProperty(this, LIST, { enumerable: false });
      Object.defineProperty(this, OWNER, { enumerable: false });
    }
    #update() {
      const owner = this[OWNER];
      if (!owner) return;
      const text = serializeForm(this[LIST]);
      owner.query = text === "" ? null : text;
    }
    get size() { return this[LIST].length; }
    append(name, value) { this[LIST].push([toUSV(name), toUSV(value)]); this.#update(); }
    delete(name, value) {
      const n = toUSV(name);
      this[LIST] = this[LIST].filter(([k, v]) => !(k === n && (value === undefined || v === toUSV(value))));
      this.#update();
    }
    get(name) { const n = toUSV(name); const hit = this[LIST].find(([k]) => k === n); return hit ? hit[1] : null; }
    getAll(name) { const n = toUSV(name); return this[LIST].filter(([k]) => k === n).map(([, v]) => v); }
    has(name, value) { const n = toUSV(name); return this[LIST].some(([k, v]) => k === n && (value === undefined || v === toUSV(value))); }
    set(name, value) {
      const n = toUSV(name), v = toUSV(value);
      const i = this[LIST].findIndex(([k]) => k === n);
      if (i < 0) this[LIST].push([n, v]);
      else { this[LIST][i][1] = v; this[LIST] = this[LIST].filter(([k], j) => j <= i || k !== n); }
      this.#update();
    }
    sort() {
      const units = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
      const cmp = (a, b) => {
        const x = units(a), y = units(b);
        for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
        return x.length - y.length;
      };
      this[LIST] = this[LIST].map((p, i) => [p, i]).sort((a, b) => cmp(a[0][0], b[0][0]) || a[1] - b[1]).map(([p]) => p);
      this.#update();
    }
    forEach(callback, thisArg) { for (const [k, v] of this[LIST].slice()) callback.call(thisArg, v, k, this); }
    *entries() { for (let i = 0; i < this[LIST].length; i++) yield this[LIST][i].slice(); }
    *keys() { for (const [k] of this.entries()) yield k; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return serializeForm(this[LIST]); }
    get [Symbol.toStringTag]() { return "URLSearchParams"; }
  }

  const RECORD = Symbol("record");
  const PARAMS = Symbol("params");
  const parseOrThrow = (input, base) => {
    let baseRecord = null;
    if (base !== undefined) {
      baseRecord = basicParse(toUSV(base), null);
      if (baseRecord === FAILURE) throw new TypeError("Invalid base URL: " + String(base));
    }
    const record = basicParse(toUSV(input), baseRecord);
    if (record === FAILURE) throw new TypeError("Invalid URL: " + String(input));
    return record;
  };
  class URL {
    constructor(url, base) {
      if (arguments.length === 0) throw new TypeError("new URL(url, base?) needs a url.");
      const record = parseOrThrow(url, base);
      Object.defineProperty(this, RECORD, { value: record, enumerable: false });
      const params = new URLSearchParams(record.query || "");
      params[OWNER] = record;
      Object.defineProperty(this, PARAMS, { value: params, enumerable: false });
    }
    static canParse(url, base) { try { parseOrThrow(url, base); return true; } catch { return false; } }
    static parse(url, base) { try { return new URL(url, base); } catch { return null; } }
    #reparams() { this[PARAMS][LIST] = parseForm(this[RECORD].query || ""); }
    get href() { return serialize(this[RECORD], false); }
    set href(value) {
      const record = basicParse(toUSV(value), null);
      if (record === FAILURE) throw new TypeError("Invalid URL: " + String(value));
      Object.assign(this[RECORD], record);
      this.#reparams();
    }
    get origin() {
      const r = this[RECORD];
      if (r.scheme === "blob") { try { return new URL(serializePath(r)).origin; } catch { return "null"; } }
      if (["ftp", "http", "https", "ws", "wss"].includes(r.scheme)) return r.scheme + "://" + r.host + (r.port !== null ? ":" + r.port : "");
      return "null";
    }
    get protocol() { return this[RECORD].scheme + ":"; }
    set protocol(value) { basicParse(toUSV(value) + ":", null, this[RECORD], "scheme start"); }
    get username() { return this[RECORD].username; }
    set username(value) {
      const r = this[RECORD];
      if (r.host === null || r.host === "" || r.scheme === "file") return;
      r.username = encodeSet(toUSV(value), USERINFO, false);
    }
    get password() { return this[RECORD].password; }
    set password(value) {
      const r = this[RECORD];
      if (r.host === null || r.host === "" || r.scheme === "file") return;
      r.password = encodeSet(toUSV(value), USERINFO, false);
    }
    get host() {
      const r = this[RECORD];
      if (r.host === null) return "";
      return r.port === null ? r.host : r.host + ":" + r.port;
    }
    set host(value) {
      const r = this[RECORD];
      if (r.opaque) return;
      const copy = Object.assign({}, r, { path: r.path.slice() });
      if (basicParse(toUSV(value), null, copy, "host") !== FAILURE) Object.assign(r, copy);
    }
    get hostname() { const h = this[RECORD].host; return h === null ? "" : h; }
    set hostname(value) {
      const r = this[RECORD];
      if (r.opaque) return;
      const copy = Object.assign({}, r, { path: r.path.slice() });
      if (basicParse(toUSV(value), null, copy, "hostname") !== FAILURE) Object.assign(r, copy);
    }
    get port() { const p = this[RECORD].port; return p === null ? "" : String(p); }
    set port(value) {
      const r = this[RECORD];
      if (r.host === null || r.host === "" || r.scheme === "file") return;
      const text = toUSV(value);
      if (text === "") { r.port = null; return; }
      const copy = Object.assign({}, r);
      if (basicParse(text, null, copy, "port") !== FAILURE) r.port = copy.port;
    }
    get pathname() { return serializePath(this[RECORD]); }
    set pathname(value) {
      const r = this[RECORD];
      if (r.opaque) return;
      r.path = [];
      basicParse(toUSV(value), null, r, "path start");
    }
    get search() { const q = this[RECORD].query; return q === null || q === "" ? "" : "?" + q; }
    set search(value) {
      const r = this[RECORD];
      let text = toUSV(value);
      if (text === "") { r.query = null; this[PARAMS][LIST] = []; return; }
      if (text.startsWith("?")) text = text.slice(1);
      r.query = "";
      basicParse(text, null, r, "query");
      this.#reparams();
    }
    get searchParams() { return this[PARAMS]; }
    get hash() { const f = this[RECORD].fragment; return f === null || f === "" ? "" : "#" + f; }
    set hash(value) {
      const r = this[RECORD];
      let text = toUSV(value);
      if (text === "") { r.fragment = null; return; }
      if (text.startsWith("#")) text = text.slice(1);
      r.fragment = "";
      basicParse(text, null, r, "fragment");
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
    get [Symbol.toStringTag]() { return "URL"; }
  }

  define("DOMException", DOMException);
  define("TextEncoder", TextEncoder);
  define("TextDecoder", TextDecoder);
  define("atob", atob);
  define("btoa", btoa);
  define("structuredClone", structuredClone);
  define("URLSearchParams", URLSearchParams);
  define("URL", URL);
})();
`;

// node_modules/@jitl/quickjs-singlefile-mjs-release-sync/dist/index.mjs
var variant = { type: "sync", importFFI: () => import("./ffi-JLZD34TM.js").then((mod) => mod.QuickJSFFI), importModuleLoader: () => import("./emscripten-module-Q67P5WYC-GLC4OYNQ.js").then((mod) => mod.default) };
var src_default = variant;

// node_modules/quickjs-emscripten-core/dist/index.mjs
async function newQuickJSWASMModuleFromVariant(variantOrPromise) {
  let variant2 = smartUnwrap(await variantOrPromise), [wasmModuleLoader, QuickJSFFI, { QuickJSWASMModule: QuickJSWASMModule2 }] = await Promise.all([variant2.importModuleLoader().then(smartUnwrap), variant2.importFFI(), import("./module-ES6BEMUI-UI5FGWCJ.js").then(smartUnwrap)]), wasmModule = await wasmModuleLoader();
  wasmModule.type = "sync";
  let ffi = new QuickJSFFI(wasmModule);
  return new QuickJSWASMModule2(wasmModule, ffi);
}
function smartUnwrap(val) {
  return val && "default" in val && val.default ? val.default && "default" in val.default && val.default.default ? val.default.default : val.default : val;
}
function newVariant(baseVariant, options) {
  return { ...baseVariant, async importModuleLoader() {
    let moduleLoader = smartUnwrap(await baseVariant.importModuleLoader());
    return async function() {
      let moduleLoaderArg = options.emscriptenModule ? { ...options.emscriptenModule } : {}, log = options.log ?? ((...args) => debugLog("newVariant moduleLoader:", ...args)), tapValue = (message, val) => (log(...message, val), val), force = (val) => typeof val == "function" ? val() : val;
      (options.wasmLocation || options.wasmSourceMapLocation || options.locateFile) && (moduleLoaderArg.locateFile = (fileName, relativeTo) => {
        let args = { fileName, relativeTo };
        if (fileName.endsWith(".wasm") && options.wasmLocation !== void 0) return tapValue(["locateFile .wasm: provide wasmLocation", args], options.wasmLocation);
        if (fileName.endsWith(".map")) {
          if (options.wasmSourceMapLocation !== void 0) return tapValue(["locateFile .map: provide wasmSourceMapLocation", args], options.wasmSourceMapLocation);
          if (options.wasmLocation && !options.locateFile) return tapValue(["locateFile .map: infer from wasmLocation", args], options.wasmLocation + ".map");
        }
        return options.locateFile ? tapValue(["locateFile: use provided fn", args], options.locateFile(fileName, relativeTo)) : tapValue(["locateFile: unhandled, passthrough", args], fileName);
      }), options.wasmBinary && (moduleLoaderArg.wasmBinary = await force(options.wasmBinary)), options.wasmMemory && (moduleLoaderArg.wasmMemory = await force(options.wasmMemory));
      let optionsWasmModule = options.wasmModule, modulePromise;
      optionsWasmModule && (moduleLoaderArg.instantiateWasm = async (imports, onSuccess) => {
        modulePromise ?? (modulePromise = Promise.resolve(force(optionsWasmModule)));
        let wasmModule = await modulePromise;
        if (!wasmModule) throw new QuickJSEmscriptenModuleError(`options.wasmModule returned ${String(wasmModule)}`);
        let instance = await WebAssembly.instantiate(wasmModule, imports);
        return onSuccess(instance), instance.exports;
      }), moduleLoaderArg.monitorRunDependencies = (left) => {
        log("monitorRunDependencies:", left);
      }, moduleLoaderArg.quickjsEmscriptenInit = () => newMockExtensions(log);
      let resultPromise = moduleLoader(moduleLoaderArg), extensions = moduleLoaderArg.quickjsEmscriptenInit?.(log);
      if (optionsWasmModule && extensions?.receiveWasmOffsetConverter && !extensions.existingWasmOffsetConverter) {
        let wasmBinary = await force(options.wasmBinary) ?? new ArrayBuffer(0);
        modulePromise ?? (modulePromise = Promise.resolve(force(optionsWasmModule)));
        let wasmModule = await modulePromise;
        if (!wasmModule) throw new QuickJSEmscriptenModuleError(`options.wasmModule returned ${String(wasmModule)}`);
        extensions.receiveWasmOffsetConverter(wasmBinary, wasmModule);
      }
      if (extensions?.receiveSourceMapJSON) {
        let loadedSourceMapData = await force(options.wasmSourceMapData);
        typeof loadedSourceMapData == "string" ? extensions.receiveSourceMapJSON(JSON.parse(loadedSourceMapData)) : loadedSourceMapData ? extensions.receiveSourceMapJSON(loadedSourceMapData) : extensions.receiveSourceMapJSON({ version: 3, names: [], sources: [], mappings: "" });
      }
      return resultPromise;
    };
  } };
}
function newMockExtensions(log) {
  let mockMessage = "mock called, emscripten module may not be initialized yet";
  return { mock: true, removeRunDependency(name) {
    log(`${mockMessage}: removeRunDependency called:`, name);
  }, receiveSourceMapJSON(data) {
    log(`${mockMessage}: receiveSourceMapJSON called:`, data);
  }, WasmOffsetConverter: void 0, receiveWasmOffsetConverter(bytes, mod) {
    log(`${mockMessage}: receiveWasmOffsetConverter called:`, bytes, mod);
  } };
}

// src/engine/sandbox/quickjs.ts
var PAGE_BYTES = 64 * 1024;
var MIN_PAGES = 256;
var OVERHEAD_BYTES = 8 * 1024 * 1024;
var MAX_PAGES = 32768;
var WasmMemory = globalThis.WebAssembly.Memory;
var instances = 0;
async function instantiateQuickJS(memoryBytes) {
  const maximum = Math.min(MAX_PAGES, Math.max(MIN_PAGES, Math.ceil((memoryBytes + OVERHEAD_BYTES) / PAGE_BYTES)));
  const memory = new WasmMemory({ initial: MIN_PAGES, maximum });
  const printed = [];
  const keep = (message) => void (printed.length < 20 && printed.push(message));
  const emscriptenModule = Object.assign({}, { print: keep, printErr: keep });
  const options = { wasmMemory: memory, emscriptenModule };
  const module = await newQuickJSWASMModuleFromVariant(newVariant(src_default, options));
  instances++;
  return { module, memory, maxBytes: maximum * PAGE_BYTES, printed };
}

// src/engine/sandbox/run.ts
var SETUP_FILENAME = "quorum:sandbox-setup";
var PRELUDE_FILENAME = "quorum:prelude";
var STANDARD_GLOBALS_FILENAME = "quorum:standard-globals";
var NEAR_FULL_BYTES = 16 * 1024 * 1024;
var disposeFailures = 0;
async function runInSandbox(options) {
  const limits = resolveSandboxLimits(options.limits);
  if (options.signal?.aborted) throw new SandboxCancelledError(options.filename, options.signal.reason);
  const instance = await instantiateQuickJS(limits.memoryBytes);
  if (options.signal?.aborted) throw new SandboxCancelledError(options.filename, options.signal.reason);
  return new SandboxRun(instance, options, limits).start();
}
var SandboxRun = class {
  instance;
  options;
  limits;
  runtime;
  context;
  failures;
  bridge = null;
  /** Set once the guest reported the body's outcome (inside a slice; the slice ends the run). */
  bodyOutcome = null;
  bodyStarted = false;
  /** Async host calls whose promise the guest still waits for. */
  calls = /* @__PURE__ */ new Set();
  /** > 0 while the host is inside the guest (a slice is running). */
  depth = 0;
  deadline = Number.POSITIVE_INFINITY;
  interrupted = null;
  /** Set when the signal aborts while the guest is running; the slice ends the run. */
  cancelRequested = null;
  /** The instance cannot be trusted any more (native stack overflow, abort, out of memory). */
  degraded = false;
  finished = false;
  settleRun = () => {
  };
  constructor(instance, options, limits) {
    this.instance = instance;
    this.options = options;
    this.limits = limits;
    this.failures = new FailureReport(options.filename, limits);
    this.runtime = instance.module.newRuntime();
    this.runtime.setMemoryLimit(limits.memoryBytes);
    this.runtime.setMaxStackSize(limits.stackBytes);
    this.runtime.setInterruptHandler(this.shouldInterrupt);
    this.context = this.runtime.newContext();
  }
  start() {
    return new Promise((resolve2, reject) => {
      this.settleRun = (outcome) => outcome.ok ? resolve2(outcome.value) : reject(outcome.error);
      this.options.signal?.addEventListener("abort", this.onAbort, { once: true });
      this.slice(() => this.boot());
      this.slice(() => this.runJobs());
    });
  }
  // ---- entering the guest -------------------------------------------------------------------
  /**
   * Runs `enter` as one guest slice under a fresh CPU deadline and ends the run when the slice
   * produced an outcome, was interrupted, was cancelled, or crashed the instance.
   */
  slice(enter) {
    if (this.finished) return;
    this.depth++;
    this.deadline = performance.now() + this.limits.cpuMsPerSlice;
    let outcome;
    try {
      outcome = enter();
    } catch (error) {
      const fault = this.failures.hostFault(error);
      if (fault.degraded) this.degraded = true;
      outcome = { ok: false, error: fault.error };
    } finally {
      this.depth--;
      this.deadline = Number.POSITIVE_INFINITY;
    }
    if (this.cancelRequested) outcome = { ok: false, error: this.cancelRequested };
    else if (this.interrupted === "stop") outcome = { ok: false, error: this.cancelled() };
    else if (this.interrupted === "cpu" && !(outcome && !outcome.ok && outcome.error instanceof ScriptLimitError)) {
      outcome = { ok: false, error: this.failures.limitError("cpu", null) };
    }
    if (outcome) this.finish(outcome);
  }
  shouldInterrupt = () => {
    if (this.cancelRequested || this.options.signal?.aborted) {
      this.interrupted ??= "stop";
      return true;
    }
    if (performance.now() > this.deadline) {
      this.interrupted ??= "cpu";
      return true;
    }
    return false;
  };
  onAbort = () => {
    const error = this.cancelled();
    if (this.depth > 0) this.cancelRequested = error;
    else this.finish({ ok: false, error });
  };
  /** Boots the guest: setup, `__host`, globals, prelude, then evaluates the wrapped body. */
  boot() {
    const ctx = this.context;
    const setup = ctx.evalCode(GUEST_SETUP, SETUP_FILENAME, { type: "global", strict: true });
    if ("error" in setup && setup.error) return this.failWith(setup.error, SETUP_FILENAME);
    this.bridge = new GuestBridge(ctx, setup.unwrap());
    const standard = ctx.evalCode(STANDARD_GLOBALS_SOURCE, STANDARD_GLOBALS_FILENAME, { type: "global", strict: true });
    if ("error" in standard && standard.error) return this.failWith(standard.error, STANDARD_GLOBALS_FILENAME);
    standard.unwrap().dispose();
    this.exposeHost();
    for (const [name, value] of Object.entries(this.options.globals)) {
      const handle = this.bridge.toGuest(value);
      ctx.defineProp(ctx.global, name, { value: handle, configurable: true, enumerable: false });
      handle.dispose();
    }
    const prelude = ctx.evalCode(this.options.prelude, PRELUDE_FILENAME, { type: "global" });
    if ("error" in prelude && prelude.error) return this.failWith(prelude.error, PRELUDE_FILENAME);
    prelude.unwrap().dispose();
    const body = ctx.evalCode(wrapBody(this.options.body), this.options.filename, { type: "global", strict: true });
    if ("error" in body && body.error) return this.failWith(body.error, this.options.filename);
    const promise = body.unwrap();
    const done = ctx.newFunction("done", (ok, value) => this.onBodySettled(ctx.dump(ok) === true, value));
    try {
      this.bridge.watch(promise, done);
    } finally {
      done.dispose();
      promise.dispose();
    }
    this.bodyStarted = true;
    return null;
  }
  /** Called by the guest (inside a job) when the body's promise settles. */
  onBodySettled(ok, value) {
    if (this.bodyOutcome) return;
    if (!ok) {
      this.bodyOutcome = { ok: false, error: this.classify(this.bridge.describe(value), this.options.filename) };
      return;
    }
    try {
      this.bodyOutcome = { ok: true, value: this.bridge.toHost(value) };
    } catch (error) {
      if (!(error instanceof GuestFailure)) throw error;
      this.bodyOutcome = {
        ok: false,
        error: this.failures.runtimeError({ ...error.info, message: `the script's result cannot be copied out of the sandbox as JSON: ${error.info.message}` })
      };
    }
  }
  /** Runs every pending guest job, then looks at the body's promise. */
  runJobs() {
    const jobs = this.runtime.executePendingJobs();
    if ("error" in jobs && jobs.error) return this.failWith(jobs.error, this.options.filename);
    return this.inspectBody();
  }
  inspectBody() {
    if (this.bodyOutcome) return this.bodyOutcome;
    if (!this.bodyStarted || this.interrupted) return null;
    if (this.calls.size === 0 && !this.runtime.hasPendingJob()) {
      return {
        ok: false,
        error: this.failures.runtimeError({
          errorLike: true,
          name: "Error",
          message: "the script is waiting on a promise that can never settle: no agent or other host call is pending. Look for an `await` on a promise that nothing resolves (e.g. `new Promise(() => {})`).",
          stack: ""
        })
      };
    }
    return null;
  }
  // ---- host functions -----------------------------------------------------------------------
  exposeHost() {
    const ctx = this.context;
    const raws = ctx.newObject();
    try {
      for (const [name, fn] of Object.entries(this.options.host)) {
        const handle = ctx.newFunction(name, (...args) => this.callHost(name, fn, args));
        ctx.defineProp(raws, name, { value: handle, configurable: true, enumerable: true });
        handle.dispose();
      }
      const host = this.bridge.makeHost(raws);
      ctx.defineProp(ctx.global, "__host", { value: host, configurable: true, enumerable: false });
      host.dispose();
    } finally {
      raws.dispose();
    }
  }
  /** The guest called `__host.<name>(...args)`: JSON in, JSON (or a guest promise) out. */
  callHost(name, fn, argHandles) {
    const bridge = this.bridge;
    const args = [];
    for (const [index, handle] of argHandles.entries()) {
      try {
        args.push(bridge.toHost(handle));
      } catch (error) {
        const why = error instanceof GuestFailure ? error.info.message : errorMessage(error);
        return { error: bridge.newError(`__host.${name}: argument ${index + 1} cannot be copied out of the sandbox as JSON (${why}). Pass plain data: strings, numbers, booleans, null, arrays and objects.`, "TypeError") };
      }
    }
    const started = performance.now();
    let result;
    try {
      result = fn(...args);
    } catch (error) {
      return { error: this.hostErrorToGuest(error) };
    } finally {
      this.deadline += performance.now() - started;
    }
    if (isPromiseLike(result)) return this.bridgePromise(name, result);
    try {
      return bridge.toGuest(result);
    } catch (error) {
      return { error: bridge.newError(`__host.${name} returned a value that is not JSON (${errorMessage(error)}).`, "TypeError") };
    }
  }
  /** A guest promise that follows the host promise (the guest wrapper adds the call-site stack). */
  bridgePromise(name, promise) {
    const deferred = this.context.newPromise();
    this.calls.add(deferred);
    Promise.resolve(promise).then(
      (value) => this.settleCall(deferred, () => this.resolvedValue(name, value)),
      (error) => this.settleCall(deferred, () => ({ reject: true, handle: this.hostErrorToGuest(error) }))
    );
    return deferred.handle;
  }
  resolvedValue(name, value) {
    try {
      return { reject: false, handle: this.bridge.toGuest(value) };
    } catch (error) {
      if (error instanceof GuestFailure) throw error;
      return { reject: true, handle: this.bridge.newError(`__host.${name} resolved to a value that is not JSON (${errorMessage(error)}).`, "TypeError") };
    }
  }
  /** A host promise settled: pass the value in and let the guest run until it waits again. */
  settleCall(deferred, make) {
    if (this.finished || !this.calls.delete(deferred)) return;
    this.slice(() => {
      try {
        const { reject, handle } = make();
        try {
          if (reject) deferred.reject(handle);
          else deferred.resolve(handle);
        } catch (error) {
          if (error instanceof RangeError) throw error;
        } finally {
          handle.dispose();
        }
      } catch (error) {
        if (!(error instanceof GuestFailure)) throw error;
        return { ok: false, error: this.classify(error.info, this.options.filename) };
      } finally {
        deferred.dispose();
      }
      return this.runJobs();
    });
  }
  /** A guest Error carrying a host error's message and name (never the host object itself). */
  hostErrorToGuest(error) {
    const name = error instanceof Error && typeof error.name === "string" ? error.name : void 0;
    return this.bridge.newError(errorMessage(error), name);
  }
  // ---- ending the run -----------------------------------------------------------------------
  finish(outcome) {
    if (this.finished) return;
    if (this.depth > 0) {
      this.cancelRequested ??= outcome.ok ? this.cancelled() : outcome.error;
      return;
    }
    this.finished = true;
    this.options.signal?.removeEventListener("abort", this.onAbort);
    this.teardown();
    this.settleRun(outcome);
  }
  /** Disposes every handle, the context and the runtime; a degraded instance is dropped instead. */
  teardown() {
    const calls = [...this.calls];
    this.calls.clear();
    if (this.degraded || this.memoryNearlyFull()) return;
    try {
      for (const deferred of calls) if (deferred.alive) deferred.dispose();
      this.bridge?.dispose();
      this.context.dispose();
      this.runtime.dispose();
    } catch {
      if (!this.degraded) disposeFailures++;
    }
  }
  // ---- errors -------------------------------------------------------------------------------
  /** Turns a thrown guest value (handle consumed) into the run's failure. */
  failWith(thrown, file) {
    const info = this.bridge ? this.bridge.describe(thrown) : this.describeWithoutBridge(thrown);
    thrown.dispose();
    return { ok: false, error: this.classify(info, file) };
  }
  classify(info, file) {
    if (this.interrupted === "stop" || this.cancelRequested) return this.cancelRequested ?? this.cancelled();
    if (this.interrupted === "cpu") return this.failures.limitError("cpu", null);
    const { error, outOfMemory } = this.failures.classify(info, { file, memoryNearlyFull: this.memoryNearlyFull() });
    if (outOfMemory) this.degraded = true;
    return error;
  }
  cancelled() {
    return new SandboxCancelledError(this.options.filename, this.options.signal?.reason);
  }
  describeWithoutBridge(thrown) {
    try {
      const dumped = this.context.dump(thrown);
      if (dumped && typeof dumped === "object") {
        const { name, message, stack } = dumped;
        return { errorLike: true, name: String(name ?? "Error"), message: String(message ?? ""), stack: String(stack ?? "") };
      }
      return { errorLike: false, name: "Error", message: String(dumped), stack: "" };
    } catch {
      return { errorLike: false, name: "Error", message: "(unreadable error)", stack: "" };
    }
  }
  /** Whether the instance's memory grew to (almost) its maximum: an allocation may have failed. */
  memoryNearlyFull() {
    return this.instance.memory.buffer.byteLength + NEAR_FULL_BYTES >= this.instance.maxBytes;
  }
};
function isPromiseLike(value) {
  return typeof value === "object" && value !== null && typeof value.then === "function";
}

// src/engine/scheduler.ts
var Scheduler = class {
  limit;
  #active = 0;
  #queue = [];
  constructor(limit) {
    this.limit = limit;
  }
  get active() {
    return this.#active;
  }
  get waiting() {
    return this.#queue.length;
  }
  /** Waits for a slot. Resolves to a release function that must be called exactly once. */
  acquire(signal) {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve2, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener("abort", entry.onAbort);
          resolve2(this.#releaser());
        },
        reject,
        signal,
        onAbort: () => {
          const index = this.#queue.indexOf(entry);
          if (index >= 0) this.#queue.splice(index, 1);
          reject(abortError(signal));
        }
      };
      signal?.addEventListener("abort", entry.onAbort, { once: true });
      this.#queue.push(entry);
    });
  }
  #releaser() {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      if (next) next.grant();
      else this.#active--;
    };
  }
};
function abortError(signal) {
  const reason = signal?.reason;
  return reason instanceof Error ? reason : new Error("cancelled while waiting for a free agent slot");
}

// src/engine/execute.ts
var NO_RUNNER_HINT = "no model provider is configured. Set ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for a proxy), or choose an OpenAI-compatible server with --provider openai and OPENAI_API_KEY / OPENAI_BASE_URL.";
async function executeRun(options) {
  const totalsView = options.progress ?? initialProgress();
  const emit = makeEmitter([(event) => applyEvent(totalsView, event), ...options.sinks]);
  const stops = new RunStops(emit);
  const ctx = createRunContext(options, emit, stops);
  stops.watch(ctx, options.signal, options.limits.runTimeoutMs);
  emit({
    type: "run.started",
    runId: options.runId,
    workflow: options.workflow.name,
    args: options.args,
    resumed: options.resumed,
    commit: options.commit,
    phases: (options.prepared.meta?.phases ?? []).map((p) => ({ title: p.title, ...p.detail !== void 0 ? { detail: p.detail } : {} }))
  });
  for (const warning of options.prepared.warnings) emit({ type: "log", level: "warn", phase: null, message: warning });
  if (options.signal?.aborted) stops.cancel();
  let outcome = await runToOutcome(ctx, options, stops, totalsView);
  if (outcome.status === "succeeded") {
    const failures = infrastructureFailures(totalsView);
    if (failures.failed > 0) outcome = { ...outcome, status: "incomplete", error: incompleteMessage(failures) };
  }
  reportOvershoot(ctx);
  emit({ type: "run.finished", status: outcome.status, ...outcome.result !== void 0 ? { result: outcome.result } : {}, ...outcome.error !== void 0 ? { error: outcome.error } : {}, totals: { ...totalsView.totals } });
  return { ...outcome, totals: { ...totalsView.totals } };
}
function createRunContext(options, emit, stops) {
  return {
    runId: options.runId,
    repo: options.repo,
    limits: options.limits,
    scheduler: new Scheduler(options.limits.maxConcurrency),
    budget: new Budget(options.limits.budgetTokens, options.limits.maxCostUsd),
    keys: new KeyAllocator(),
    journal: options.journal,
    journalWriter: options.journalWriter,
    runner: options.runner,
    missingRunnerHint: options.missingRunnerHint ?? NO_RUNNER_HINT,
    defaultModel: options.defaultModel,
    phaseModels: options.phaseModels ?? {},
    testCommands: options.testCommands ?? [],
    resolveWorkflow: options.resolveWorkflow,
    resolveAgentType: options.resolveAgentType ?? localAgentTypes(options.repo),
    signal: stops.agents.signal,
    stoppers: /* @__PURE__ */ new Set(),
    stopReason: null,
    failFast: (message) => stops.failFast(message),
    agentsStarted: 0,
    notedOptions: /* @__PURE__ */ new Set(),
    emit
  };
}
var RunStops = class {
  /** Aborted when the agents must stop (the context's signal). */
  agents = new AbortController();
  /** Aborted when the script must stop. */
  sandbox = new AbortController();
  stoppedAs = null;
  fatal = null;
  #ctx;
  #graceTimer;
  #runTimer;
  #signal;
  #emit;
  cancel = () => this.#stop("cancelled", "The run was cancelled.");
  constructor(emit) {
    this.#emit = emit;
  }
  /** Starts watching the caller's cancellation and the run's wall time. */
  watch(ctx, signal, runTimeoutMs) {
    this.#ctx = ctx;
    this.#signal = signal;
    signal?.addEventListener("abort", this.cancel, { once: true });
    this.#runTimer = setTimeout(() => this.#stop("timed_out", `The run reached its wall-time limit of ${Math.round(runTimeoutMs / 6e4)} min.`), runTimeoutMs);
  }
  failFast(message) {
    if (this.stoppedAs !== null || this.fatal !== null) return;
    this.fatal = message;
    if (this.#ctx) this.#ctx.stopReason = message;
    this.stopAgents(new Error("stopped"));
    this.sandbox.abort(new Error(message));
  }
  stopAgents(reason) {
    this.agents.abort(reason);
    for (const stopAgent of [...this.#ctx?.stoppers ?? []]) stopAgent(reason);
  }
  /** The script has returned or thrown: no more timers, and any agent still running is stopped. */
  finish() {
    clearTimeout(this.#runTimer);
    if (this.#graceTimer) clearTimeout(this.#graceTimer);
    this.#signal?.removeEventListener("abort", this.cancel);
    this.stopAgents(new Error("the run finished"));
  }
  #stop(as, why) {
    if (this.stoppedAs !== null) return;
    this.stoppedAs = as;
    if (this.#ctx) this.#ctx.stopReason = why;
    this.#emit({ type: "log", level: "warn", phase: null, message: `${why} Running agents are being stopped; the script has ${RUN_TIMEOUT_GRACE_MS / 1e3} s to return a partial result.` });
    this.stopAgents(new Error(as));
    this.#graceTimer = setTimeout(() => this.sandbox.abort(new Error(as)), RUN_TIMEOUT_GRACE_MS);
  }
};
async function runToOutcome(ctx, options, stops, totalsView) {
  try {
    const result = await runScript(ctx, options.workflow, options.prepared, options.args, 0, stops.sandbox.signal, options.sandboxLimits);
    if (stops.fatal !== null) return { status: "failed", error: stops.fatal, totals: totalsView.totals };
    return { status: stops.stoppedAs ?? "succeeded", ...result !== void 0 ? { result } : {}, totals: totalsView.totals };
  } catch (error) {
    return { status: stops.stoppedAs ?? "failed", error: stops.fatal ?? errorMessage(error), totals: totalsView.totals };
  } finally {
    stops.finish();
  }
}
function reportOvershoot(ctx) {
  const overshoot = ctx.budget.overshoot();
  if (overshoot.tokens <= 0 && overshoot.costUsd <= 0) return;
  ctx.emit({
    type: "log",
    level: "warn",
    phase: null,
    message: `Budget overshoot: agents already running when the cap was reached spent ${overshoot.tokens} output tokens and $${overshoot.costUsd.toFixed(4)} past it.`
  });
}
async function runScript(ctx, workflow, prepared, args, depth, signal, sandboxLimits) {
  const scope = { name: workflow.name, depth, meta: prepared.meta, args, currentPhase: null };
  const runNested = async (nameOrPath, nestedArgs) => {
    const nested = ctx.resolveWorkflow(nameOrPath);
    const nestedPrepared = prepareScript(nested.source, nested.filename);
    const checkedArgs = validateArgs(nested.name, nestedPrepared.meta?.args, nestedArgs);
    ctx.emit({ type: "log", level: "info", phase: scope.currentPhase, message: `workflow "${nested.name}" started inline` });
    return runScript(ctx, nested, nestedPrepared, checkedArgs, depth + 1, signal, sandboxLimits);
  };
  return runInSandbox({
    body: prepared.body,
    filename: workflow.filename,
    prelude: GUEST_PRELUDE,
    globals: { args },
    host: createHostFunctions(ctx, scope, runNested),
    ...sandboxLimits ? { limits: sandboxLimits } : {},
    signal
  });
}

// src/engine/journal.ts
import { appendFileSync, closeSync, existsSync as existsSync3, ftruncateSync, openSync, readFileSync as readFileSync4, renameSync, writeFileSync, writeSync } from "node:fs";
function scanJournal(path4) {
  const intactLines = [];
  const entries = /* @__PURE__ */ new Map();
  const corrupt = [];
  if (!existsSync3(path4)) return { read: { entries, tornBytes: 0, validBytes: 0, corrupt }, intactLines };
  const buffer = readFileSync4(path4);
  let start = 0;
  let validBytes = 0;
  let lineNumber = 0;
  let clean = true;
  while (start < buffer.length) {
    const newline = buffer.indexOf(10, start);
    if (newline === -1) break;
    const line = buffer.subarray(start, newline).toString("utf8");
    start = newline + 1;
    lineNumber++;
    if (line.trim() === "") {
      if (clean) validBytes = start;
      continue;
    }
    const entry = parseEntry(line);
    if (entry === null) {
      corrupt.push({ line: lineNumber, text: line });
      clean = false;
      continue;
    }
    entries.set(entry.key, entry);
    intactLines.push(line);
    if (clean) validBytes = start;
  }
  const completeBytes = buffer.lastIndexOf(10) + 1;
  return { read: { entries, tornBytes: buffer.length - completeBytes, validBytes, corrupt }, intactLines };
}
var isCount = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0;
function parseEntry(line) {
  try {
    const value = JSON.parse(line);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const entry = value;
    if (typeof entry.key !== "string" || entry.key === "" || !("result" in entry)) return null;
    if (entry.costUsd !== void 0 && !isCount(entry.costUsd)) return null;
    if (entry.usage !== void 0 && (typeof entry.usage !== "object" || entry.usage === null || !isCount(entry.usage.outputTokens))) return null;
    return entry;
  } catch {
    return null;
  }
}
var JsonLinesWriter = class {
  #fd;
  path;
  #bufferMs;
  #pending = [];
  #pendingBytes = 0;
  #timer;
  /** Opens for append; `truncateTo` cuts a torn tail off first. */
  constructor(path4, truncateTo, options = {}) {
    this.path = path4;
    this.#bufferMs = options.bufferMs ?? 0;
    this.#fd = openSync(path4, "a");
    if (truncateTo !== void 0) ftruncateSync(this.#fd, truncateTo);
  }
  append(value) {
    if (this.#fd === null) throw new QuorumError("journal_closed", `${this.path} is closed; nothing more can be written`, { audience: "bug" });
    const line = `${JSON.stringify(value)}
`;
    if (this.#bufferMs <= 0) return this.#write(line);
    this.#pending.push(line);
    this.#pendingBytes += line.length;
    if (this.#pendingBytes >= FLUSH_BYTES) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.#bufferMs);
  }
  /** Writes buffered lines now. */
  flush() {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = void 0;
    if (this.#pending.length === 0 || this.#fd === null) return;
    const text = this.#pending.join("");
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#write(text);
  }
  #write(text) {
    if (this.#fd === null) return;
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.#fd, bytes, offset);
  }
  close() {
    this.flush();
    if (this.#fd !== null) {
      closeSync(this.#fd);
      this.#fd = null;
    }
  }
};
var FLUSH_BYTES = 64 * 1024;
function completeLinesLength(path4) {
  if (!existsSync3(path4)) return 0;
  const buffer = readFileSync4(path4);
  return buffer.lastIndexOf(10) + 1;
}
function corruptJournalPath(path4) {
  return path4.replace(/\.jsonl$/, "") + ".corrupt.jsonl";
}
function openJournal(path4) {
  const { read, intactLines } = scanJournal(path4);
  if (read.corrupt.length > 0) {
    const aside = corruptJournalPath(path4);
    appendFileSync(aside, read.corrupt.map((c) => `${c.text}
`).join(""));
    const temp = `${path4}.tmp-${process.pid}`;
    writeFileSync(temp, intactLines.map((line) => `${line}
`).join(""));
    renameSync(temp, path4);
    return { read, writer: new JsonLinesWriter(path4) };
  }
  const writer = new JsonLinesWriter(path4, read.tornBytes > 0 ? read.validBytes : void 0);
  return { read, writer };
}

// src/engine/run.ts
var EVENTS_FLUSH_MS = 200;
var ResumeRefusedError = class extends QuorumError {
  name = "ResumeRefusedError";
  constructor(message, options) {
    super("resume_refused", message, options);
  }
};
async function startRun(options) {
  const prepared = prepareScript(options.workflow.source, options.workflow.filename);
  const args = validateArgs(prepared.meta?.name ?? options.workflow.name, prepared.meta?.args, options.args);
  const limits = resolveLimits(options.limits);
  const repo = resolve(options.repo);
  const workflow = { ...options.workflow, name: prepared.meta?.name ?? options.workflow.name };
  const runId = options.runId ?? newRunId(workflow.name);
  const dir = RunDirectory.create(repo, runId, options.runsDir !== void 0 ? { runsDir: options.runsDir } : {});
  const lock = acquireRunLock(dir.path, runId);
  const now = (/* @__PURE__ */ new Date()).toISOString();
  const record = {
    id: runId,
    workflow: workflow.name,
    source: workflow.filename,
    repo,
    commit: headCommit(repo),
    createdAt: now,
    updatedAt: now,
    status: "running",
    options: { ...options.recordedOptions, limits }
  };
  try {
    writeFileSync2(dir.file("script.js"), workflow.source);
    dir.writeJson("args.json", args ?? null);
    dir.writeJson("run.json", record);
  } catch (error) {
    lock.release();
    throw error;
  }
  return execute(dir, lock, record, workflow, { ...options, repo }, prepared, args, limits, false);
}
function sha256(text) {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
async function resumeRun(options) {
  const repo = resolve(options.repo);
  const dir = RunDirectory.open(repo, options.runId, options.runsDir !== void 0 ? { runsDir: options.runsDir } : {});
  const lock = acquireRunLock(dir.path, options.runId);
  try {
    return await resumeLocked(dir, lock, repo, options);
  } catch (error) {
    lock.release();
    throw error;
  }
}
async function resumeLocked(dir, lock, repo, options) {
  const record = dir.readRecord();
  const commit = headCommit(repo);
  if (!options.force && record.commit !== commit) {
    throw new ResumeRefusedError(
      `run ${record.id} was made at commit ${record.commit ?? "(none)"} but the repository is now at ${commit ?? "(none)"}; its journal may not fit the code any more. Check out the run's commit, or pass --force to resume anyway.`
    );
  }
  const saved = dir.readText("script.js");
  if (saved === null) throw new ResumeRefusedError(`run ${record.id} has no script.js (its run directory is incomplete), so it cannot be resumed. Start a new run with \`quorum run <workflow>\`.`);
  const trusted = options.workflow;
  if (trusted && sha256(trusted.source) !== sha256(saved)) {
    throw new ResumeRefusedError(
      `run ${record.id} was made with another script than ${trusted.filename} is now (sha-256 ${sha256(saved).slice(0, 12)}\u2026 saved, ${sha256(trusted.source).slice(0, 12)}\u2026 now); its journal may not fit the script. Start the workflow again instead of resuming it.`
    );
  }
  const workflow = trusted ? { ...trusted, name: record.workflow } : { name: record.workflow, source: saved, filename: record.source };
  const prepared = prepareScript(workflow.source, workflow.filename);
  const storedArgs = dir.readText("args.json") === null ? null : dir.readJson("args.json");
  const args = trusted ? validateArgs(prepared.meta?.name ?? workflow.name, prepared.meta?.args, storedArgs === null ? void 0 : storedArgs) : storedArgs === null ? void 0 : storedArgs;
  const recordedLimits = options.ignoreRecordedLimits ? {} : record.options.limits ?? {};
  const limits = resolveLimits({ ...recordedLimits, ...options.limits });
  dir.writeJson("run.json", { ...record, status: "running", updatedAt: (/* @__PURE__ */ new Date()).toISOString() });
  return execute(dir, lock, { ...record, commit: options.force ? commit : record.commit }, workflow, { ...options, repo }, prepared, args, limits, true);
}
async function execute(dir, lock, record, workflow, env, prepared, args, limits, resumed) {
  const { read, writer: journalWriter } = openJournal(dir.journalPath);
  const eventsWriter = new JsonLinesWriter(dir.eventsPath, completeLinesLength(dir.eventsPath), { bufferMs: EVENTS_FLUSH_MS });
  const progress = initialProgress();
  const sinks = [(event) => eventsWriter.append(event), ...env.sinks ?? []];
  const warnings = [...prepared.warnings];
  if (read.corrupt.length > 0) {
    const lines = read.corrupt.map((c) => c.line);
    const where2 = lines.length > 10 ? `${lines.slice(0, 10).join(", ")} \u2026` : lines.join(", ");
    warnings.push(
      `journal: ${read.corrupt.length} corrupt line(s) (line ${where2} of ${dir.journalPath}) set aside in ${corruptJournalPath(dir.journalPath)}; the ${read.entries.size} intact entries are kept, and only the agents of the corrupt lines run again.`
    );
  }
  if (read.tornBytes > 0) {
    warnings.push(`journal: ignored a torn last line (${read.tornBytes} bytes, from an interrupted write); that agent runs again.`);
  }
  try {
    const outcome = await executeRun({
      runId: record.id,
      workflow,
      prepared: { ...prepared, warnings },
      args,
      repo: env.repo,
      commit: record.commit,
      resumed,
      runner: env.runner,
      ...env.missingRunnerHint !== void 0 ? { missingRunnerHint: env.missingRunnerHint } : {},
      limits,
      ...env.defaultModel !== void 0 ? { defaultModel: env.defaultModel } : {},
      ...env.testCommands !== void 0 ? { testCommands: env.testCommands } : {},
      ...env.phaseModels !== void 0 ? { phaseModels: env.phaseModels } : {},
      progress,
      journal: read.entries,
      journalWriter,
      sinks,
      resolveWorkflow: env.resolveWorkflow,
      ...env.resolveAgentType ? { resolveAgentType: env.resolveAgentType } : {},
      ...env.signal ? { signal: env.signal } : {},
      ...env.sandboxLimits ? { sandboxLimits: env.sandboxLimits } : {}
    });
    const invalidFindings = describeInvalidFindings(outcome.result);
    dir.writeJson("result.json", {
      status: outcome.status,
      ...outcome.result !== void 0 ? { result: outcome.result } : {},
      ...outcome.error !== void 0 ? { error: outcome.error } : {},
      ...invalidFindings ? { invalidFindings } : {},
      totals: outcome.totals
    });
    const invalidIndexes = new Set(normalizeFindings(outcome.result).errors.map((e) => e.index));
    const findings = findingsOf(outcome.result)?.filter((_, index) => !invalidIndexes.has(index)) ?? null;
    if (findings !== null) {
      dir.writeJson("findings.json", findings);
      writePatches(dir, findings);
    }
    dir.writeText("report.md", renderReport(progress));
    dir.writeJson("run.json", { ...record, status: outcome.status, updatedAt: (/* @__PURE__ */ new Date()).toISOString() });
    return { runId: record.id, runDir: dir.path, ...outcome, ...invalidFindings ? { invalidFindings } : {} };
  } finally {
    journalWriter.close();
    eventsWriter.close();
    lock.release();
  }
}
function describeInvalidFindings(result) {
  const { errors } = normalizeFindings(result);
  if (errors.length === 0) return void 0;
  return errors.map((e) => e.index < 0 ? e.message : `findings[${e.index}]${e.title ? ` "${e.title}"` : ""}: ${e.message}`);
}
function writePatches(dir, findings) {
  findings.forEach((finding, index) => {
    if (finding === null || typeof finding !== "object" || Array.isArray(finding) || typeof finding.patch !== "string" || finding.patch === "") return;
    const title = typeof finding.title === "string" ? finding.title : "finding";
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 50) || "finding";
    mkdirSync(dir.file("patches"), { recursive: true });
    dir.writeText(join2("patches", `${String(index + 1).padStart(2, "0")}-${slug}.patch`), finding.patch.endsWith("\n") ? finding.patch : `${finding.patch}
`);
  });
}

// src/engine/change-args.ts
function declared(argsSchema) {
  const properties = argsSchema?.properties;
  if (properties === null || typeof properties !== "object" || Array.isArray(properties)) return /* @__PURE__ */ new Set();
  return new Set(Object.keys(properties));
}
function wantedChange(argsSchema, args) {
  if (args !== void 0 && args !== null && (typeof args !== "object" || Array.isArray(args))) return null;
  if (args && ("files" in args || "diff" in args)) return null;
  const names = declared(argsSchema);
  if (names.has("files")) return "files";
  if (names.has("diff")) return "diff";
  return null;
}
function withChange(argsSchema, args, change) {
  const names = declared(argsSchema);
  const out = args && typeof args === "object" && !Array.isArray(args) ? { ...args } : {};
  if (change.files !== void 0) out.files = change.files;
  if (change.diff !== void 0) out.diff = change.diff;
  if (change.base !== void 0 && names.has("base") && out.base === void 0) out.base = change.base;
  if (change.head !== void 0 && names.has("head") && out.head === void 0) out.head = change.head;
  return out;
}

// src/github/run/pull-change.ts
async function pullRequestChangeArgs(octokit, repo, pull, argsSchema, args) {
  const wanted = wantedChange(argsSchema, args);
  if (wanted === null) return args;
  let files;
  let baseSha;
  try {
    const [listed, { data }] = await Promise.all([
      listPullFiles(octokit, repo, pull.number),
      octokit.rest.pulls.get({ owner: repo.owner, repo: repo.repo, pull_number: pull.number })
    ]);
    files = listed;
    baseSha = data.base.sha;
  } catch (error) {
    throw new Error(`could not read the change of pull request #${pull.number} to review (${errorMessage(error)}). Does the token have \`pull-requests: read\`?`);
  }
  const change = files.map((f) => ({ path: f.filename, patch: f.patch ?? "", status: f.status ?? "modified" }));
  const base = baseSha;
  const head = pull.headSha;
  if (wanted === "files") return withChange(argsSchema, args, { files: change, base, head });
  return withChange(argsSchema, args, { diff: change.map((f) => `diff --git a/${String(f.path)} b/${String(f.path)}
--- a/${String(f.path)}
+++ b/${String(f.path)}
${String(f.patch)}`).join("\n"), base, head });
}

// src/github/run/run-execute.ts
function publishModeOf(source, filename) {
  try {
    return prepareScript(source, filename).meta?.publish?.mode;
  } catch {
    return void 0;
  }
}
async function executeOnGitHub(env, started) {
  const { log } = env;
  const { runId, reporter } = started;
  const runsDir = started.runsDir ?? createRunsRoot({ runnerTemp: env.runnerTemp, checkout: env.checkout });
  const runDir = join3(runsDir, runId);
  const topSource = started.script?.source ?? new RunDirectory(runDir).readText("script.js") ?? "";
  await env.catalog.prefetchAgentTypes([topSource]).catch((error) => log.warn(`Could not read the repository's agent definitions (.claude/agents): ${errorMessage(error)}`));
  const persister = env.store ? new RunPersister(env.store, runId, runDir, { warn: log.warn, info: log.info, ...env.persistIntervalMs ? { intervalMs: env.persistIntervalMs } : {} }) : null;
  const events = [];
  const sinks = [
    reporter.sink,
    (event) => {
      events.push(event);
      if (event.type !== "run.started" || !persister) return;
      persister.start();
      env.onPersister?.(persister);
    }
  ];
  const common = {
    runner: env.runner,
    ...env.missingRunnerHint ? { missingRunnerHint: env.missingRunnerHint } : {},
    ...env.defaultModel ? { defaultModel: env.defaultModel } : {},
    phaseModels: env.config.models.phases,
    ...env.config.run.testCommand ? { testCommands: [env.config.run.testCommand] } : {},
    resolveWorkflow: env.catalog.resolver(),
    resolveAgentType: env.catalog.agentTypeResolver(),
    sinks,
    ...env.signal ? { signal: env.signal } : {},
    ...env.limits ? { limits: env.limits } : {}
  };
  const notes = [];
  if (started.resumed) notes.push(`Resumed run \`${runId}\` from its saved journal: finished agents were answered from it.`);
  let outcome = null;
  let refusal;
  try {
    if (started.script && !started.resumed) {
      let args = started.request.args;
      if (started.pull) args = await pullRequestChangeArgs(env.octokit, env.repo, started.pull, prepareScript(started.script.source, started.script.filename).meta?.args, args);
      outcome = await startRun({ ...common, workflow: started.script, args, repo: env.checkout, runsDir, runId });
    } else {
      outcome = await resumeRun({ ...common, repo: env.checkout, runsDir, runId, ...started.script ? { workflow: started.script } : {}, ignoreRecordedLimits: true });
    }
  } catch (error) {
    refusal = errorMessage(error);
  }
  if (outcome?.status === "cancelled") {
    notes.push("The run was cancelled: nothing was published. Re-run the job, or comment `/workflow resume " + runId + "`, to continue from the journal.");
  }
  const source = topSource;
  return {
    status: outcome?.status ?? null,
    ...outcome?.result !== void 0 ? { result: outcome.result } : {},
    ...refusal !== void 0 ? { refusal } : {},
    notes,
    metaMode: publishModeOf(source, started.script?.filename ?? "script.js"),
    events,
    persister
  };
}

export {
  publishModeOf,
  executeOnGitHub
};
