/**
 * Parsing of `agent(prompt, opts)` options into an AgentRequest's parts (rule A1, A3, A6–A9, S7).
 */
import { DEFAULT_TOOLS, TOOL_NAMES, type JsonObject, type JsonValue, type ToolName } from "../../agents/contract.ts";

/** Options Quorum accepts but does not act on: passed to the runner as hints, noted once (S7). */
export const HINT_OPTIONS = ["effort", "agentType"] as const;

const KNOWN_OPTIONS = new Set<string>(["label", "phase", "schema", "model", "tools", "isolation", ...HINT_OPTIONS]);
const WRITE_TOOLS: readonly ToolName[] = ["edit", "write"];
const LABEL_LENGTH = 60;

export interface ParsedAgentOptions {
  label: string;
  phase: string | undefined;
  schema: JsonObject | undefined;
  model: string | undefined;
  tools: ToolName[];
  isolation: "none" | "worktree";
  hints: JsonObject;
  /** Option names given that Quorum does not know at all. */
  unknown: string[];
}

/** A mistake in how agent() was called; thrown into the script. */
export class AgentCallError extends Error {
  override name = "AgentCallError";
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
  const tools = parseTools(label, opts.tools, isolation);
  const hints: JsonObject = {};
  for (const name of HINT_OPTIONS) {
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
    isolation,
    hints,
    unknown: Object.keys(opts).filter((k) => !KNOWN_OPTIONS.has(k)),
  };
}

function parseTools(label: string, value: JsonValue | undefined, isolation: "none" | "worktree"): ToolName[] {
  if (value === undefined || value === null) {
    return isolation === "worktree" ? [...DEFAULT_TOOLS, ...WRITE_TOOLS] : [...DEFAULT_TOOLS];
  }
  if (!Array.isArray(value)) throw new AgentCallError(`agent "${label}": opts.tools must be an array of tool names (${TOOL_NAMES.join(", ")}).`);
  const tools: ToolName[] = [];
  for (const item of value) {
    if (typeof item !== "string" || !(TOOL_NAMES as readonly string[]).includes(item)) {
      throw new AgentCallError(`agent "${label}": unknown tool ${JSON.stringify(item)}; choose from ${TOOL_NAMES.join(", ")}.`);
    }
    const tool = item as ToolName;
    if (WRITE_TOOLS.includes(tool) && isolation !== "worktree") {
      throw new AgentCallError(
        `agent "${label}": the "${tool}" tool changes files, so it needs { isolation: "worktree" }; agents without isolation cannot change files.`,
      );
    }
    if (!tools.includes(tool)) tools.push(tool);
  }
  return tools;
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
