/**
 * Parsing of `agent(prompt, opts)` options into an AgentRequest's parts (rule A1, A3, A6–A9, S7).
 */
import { mapToolName, knownToolNames } from "../../claude-code/tool-names.ts";
import { DEFAULT_TOOLS, EFFORT_LEVELS, type Effort, type ToolName } from "../../agents/contract.ts";
import type { JsonObject, JsonValue } from "../../kernel/json.ts";
import { QuorumError } from "../../kernel/errors.ts";

/** Claude Code options Quorum acts on (S7); kept as given in the request's hints and journal key. */
export const CLAUDE_CODE_OPTIONS = ["effort", "agentType"] as const;

const KNOWN_OPTIONS = new Set<string>(["label", "phase", "schema", "model", "tools", "isolation", ...CLAUDE_CODE_OPTIONS]);
const WRITE_TOOLS: readonly ToolName[] = ["edit", "write"];
const LABEL_LENGTH = 60;

export interface ParsedAgentOptions {
  label: string;
  phase: string | undefined;
  schema: JsonObject | undefined;
  model: string | undefined;
  /** Tools named by the script (mapped from Claude Code names), or undefined for the default. */
  tools: ToolName[] | undefined;
  /** Claude Code tool names the script gave that Quorum leaves out, with why. */
  unavailableTools: { name: string; reason: string }[];
  isolation: "none" | "worktree";
  effort: Effort | undefined;
  agentType: string | undefined;
  hints: JsonObject;
  /** Option names given that Quorum does not know at all. */
  unknown: string[];
}

/** A mistake in how agent() was called; thrown into the script. */
export class AgentCallError extends QuorumError {
  override name = "AgentCallError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid_agent_call", message, options);
  }
}

/** Validates the prompt and options; throws AgentCallError with what to change. */
export function parseAgentOptions(prompt: JsonValue | undefined, raw: JsonValue | undefined): ParsedAgentOptions & { prompt: string } {
  if (typeof prompt !== "string" || prompt.trim() === "") {
    throw new AgentCallError("agent(prompt, opts) needs a non-empty string prompt.");
  }
  if (raw !== null && raw !== undefined && (typeof raw !== "object" || Array.isArray(raw))) {
    throw new AgentCallError("agent(prompt, opts): opts must be an object such as { label, schema, model }.");
  }
  const opts: JsonObject = raw ?? {};
  const label = optionalString(opts, "label") ?? defaultLabel(prompt);
  const phase = optionalString(opts, "phase");
  const model = optionalString(opts, "model");
  const schema = opts.schema;
  if (schema !== undefined && schema !== null && (typeof schema !== "object" || Array.isArray(schema))) {
    throw new AgentCallError(`agent "${label}": opts.schema must be a JSON Schema object with type "object".`);
  }
  const isolationValue = opts.isolation;
  if (isolationValue !== undefined && isolationValue !== null && isolationValue !== "worktree" && isolationValue !== "none") {
    throw new AgentCallError(`agent "${label}": opts.isolation must be "worktree" (or left out); got ${JSON.stringify(isolationValue)}.`);
  }
  const isolation = isolationValue === "worktree" ? "worktree" : "none";
  const { tools, unavailable } = parseTools(label, opts.tools);
  const effortValue = opts.effort;
  if (effortValue !== undefined && effortValue !== null && !(typeof effortValue === "string" && (EFFORT_LEVELS as readonly string[]).includes(effortValue))) {
    throw new AgentCallError(`agent "${label}": opts.effort must be one of ${EFFORT_LEVELS.join(", ")}; got ${JSON.stringify(effortValue)}.`);
  }
  const agentType = optionalString(opts, "agentType");
  const hints: JsonObject = {};
  for (const name of CLAUDE_CODE_OPTIONS) {
    const value = opts[name];
    if (value !== undefined) hints[name] = value;
  }
  return {
    prompt,
    label,
    phase,
    schema: schema === null ? undefined : (schema as JsonObject | undefined),
    model,
    tools,
    unavailableTools: unavailable,
    isolation,
    effort: typeof effortValue === "string" ? (effortValue as Effort) : undefined,
    agentType: agentType?.trim() || undefined,
    hints,
    unknown: Object.keys(opts).filter((k) => !KNOWN_OPTIONS.has(k)),
  };
}

/** Maps tool names (Quorum's or Claude Code's, S7); unknown names throw with what exists. */
export function mapTools(
  what: string,
  names: readonly string[],
): { tools: ToolName[]; unavailable: { name: string; reason: string }[] } {
  const tools: ToolName[] = [];
  const unavailable: { name: string; reason: string }[] = [];
  for (const name of names) {
    const mapped = mapToolName(name);
    if ("unknown" in mapped) throw new AgentCallError(`${what}: unknown tool ${JSON.stringify(name)}; choose from ${knownToolNames()}.`);
    if ("unavailable" in mapped) unavailable.push({ name: mapped.unavailable, reason: mapped.reason });
    else if (!tools.includes(mapped.tool)) tools.push(mapped.tool);
  }
  return { tools, unavailable };
}

function parseTools(label: string, value: JsonValue | undefined): { tools: ToolName[] | undefined; unavailable: { name: string; reason: string }[] } {
  if (value === undefined || value === null) return { tools: undefined, unavailable: [] };
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw new AgentCallError(`agent "${label}": opts.tools must be an array of tool names (${knownToolNames()}).`);
  }
  return mapTools(`agent "${label}"`, value as string[]);
}

/**
 * The tools an agent gets and whether it needs a worktree it did not ask for (S7): the default
 * (read-only tools; plus edit and write with `isolation: "worktree"`, rule A9) when nothing names
 * tools; tools that change files (`edit`, `write`) without isolation run in an automatic worktree,
 * since agents outside a worktree cannot change files (rule A8).
 */
export function effectiveTools(named: ToolName[] | undefined, isolation: "none" | "worktree"): { tools: ToolName[]; isolation: "none" | "worktree"; automatic: boolean } {
  if (named === undefined) {
    return { tools: isolation === "worktree" ? [...DEFAULT_TOOLS, ...WRITE_TOOLS] : [...DEFAULT_TOOLS], isolation, automatic: false };
  }
  const writes = named.some((t) => WRITE_TOOLS.includes(t));
  return { tools: [...named], isolation: writes ? "worktree" : isolation, automatic: writes && isolation !== "worktree" };
}

function optionalString(opts: JsonObject, key: string): string | undefined {
  const value = opts[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new AgentCallError(`agent(): opts.${key} must be a string; got ${JSON.stringify(value)}.`);
  return value;
}

/** First line of the prompt, shortened: the name an agent has in views when no label is given. */
export function defaultLabel(prompt: string): string {
  const first = prompt.trim().split("\n", 1)[0] ?? "";
  return first.length > LABEL_LENGTH ? `${first.slice(0, LABEL_LENGTH - 1)}…` : first;
}
