/**
 * The contract between the engine and the agents room.
 *
 * The engine asks for one subagent through {@link AgentRunner.runAgent}; the agents room answers
 * with an {@link AgentOutcome}. Nothing here knows about scripts, journals or GitHub. JSON values
 * and token usage are the kernel's (`src/kernel/`), shared by every room.
 */

import type { JsonObject, JsonValue } from "../kernel/json.ts";
import type { Usage } from "../kernel/usage.ts";

/**
 * Tools an agent may be given (rule A9, S7). `edit` and `write` need worktree isolation; `shell`
 * runs a shell command line inside the command sandbox (rule X7) and changes files only in a worktree.
 */
export const TOOL_NAMES = ["read", "list", "grep", "glob", "run", "shell", "edit", "write"] as const;
export type ToolName = (typeof TOOL_NAMES)[number];
/** Tools an agent gets when `opts.tools` is not given: read-only ones. */
export const DEFAULT_TOOLS: readonly ToolName[] = ["read", "list", "grep", "glob"];

/**
 * Claude Code tools agents do not have, and why: a script that names one goes without it (rule S7),
 * and an agent that calls one anyway is told why.
 */
export const UNAVAILABLE_TOOLS: Readonly<Record<string, string>> = {
  WebFetch: "Quorum agents have no network access",
  WebSearch: "Quorum agents have no network access",
  TodoWrite: "an agent's to-do list is not needed for a workflow step",
  Task: "agents cannot start agents; the workflow script does that",
  Agent: "agents cannot start agents; the workflow script does that",
  NotebookEdit: "notebook cells are edited as JSON text with Edit instead",
  BashOutput: "background shells are not available",
  KillShell: "background shells are not available",
  KillBash: "background shells are not available",
  ExitPlanMode: "there is no plan mode in a workflow",
  SlashCommand: "slash commands belong to an interactive session",
  Skill: "skills belong to an interactive session",
  ToolSearch: "MCP tools are not available",
  ListMcpResourcesTool: "MCP tools are not available",
  ReadMcpResourceTool: "MCP tools are not available",
};

/** One `agent()` call, as the engine hands it to a runner. */
export interface AgentRequest {
  /** Unique within the run, e.g. `a17`. */
  id: string;
  prompt: string;
  /** Display name (`opts.label`, or derived from the prompt). */
  label: string;
  phase: string | null;
  /** Alias (`opus`, `sonnet`, `haiku`), full id, or `provider/model`; undefined = configured default. */
  model: string | undefined;
  /** JSON Schema (object root) the final answer must satisfy; already checked by the engine (A3). */
  schema: JsonObject | undefined;
  tools: ToolName[];
  isolation: "none" | "worktree";
  /** The checkout the tools see. */
  cwd: string;
  maxTurns: number;
  timeoutMs: number;
  /**
   * Claude Code options as the script gave them (`effort`, `agentType`), for the journal key and
   * for runners that want them; what Quorum acts on is in `effort` and `instructions`.
   */
  hints: JsonObject;
  /** Reasoning effort (`opts.effort`, rule S7): each provider maps it to its own control. */
  effort?: Effort;
  /** The agent type's own system prompt (`opts.agentType` → `.claude/agents/<type>.md`), added to Quorum's. */
  instructions?: string;
}

/** Claude Code's effort levels (`opts.effort`). */
export const EFFORT_LEVELS = ["minimal", "low", "medium", "high", "xhigh", "max"] as const;
export type Effort = (typeof EFFORT_LEVELS)[number];

/** Why an agent produced no result. Every `null` in a script carries one (rule A5). */
export type FailureReason =
  | "stopped" // cancelled by the run (signal aborted)
  | "api_error" // the provider failed after its retries
  | "turn_limit"
  | "time_limit"
  | "context_overflow"
  | "refusal"
  | "max_tokens"
  | "schema_invalid" // structured output still invalid after the retries (A2: the call throws)
  | "budget"
  | "error"; // anything else (a bug, a tool crash); the message says what

export interface AgentSuccess {
  ok: true;
  /** Final text, or the validated object when a schema was given. */
  output: JsonValue;
  usage: Usage;
  costUsd: number;
  /** The model id that actually answered. */
  model: string;
  turns: number;
  /** Unified diff the agent produced in its worktree (isolation: 'worktree'). */
  diff?: string;
}

/**
 * Failures about the provider, not the agent's task, that every other agent of the run would hit
 * the same way (rule R2): the API key was rejected (401/403), or the API cannot be reached at all
 * (connection refused, DNS, unreachable base URL) after the client's retries.
 */
export type FatalCause = "auth" | "connection";

/**
 * Reasons that mean the agent failed to run for infrastructure reasons (rule R1): the provider
 * failed after its retries, the agent ran out of wall time, or the runner crashed. A script sees
 * `null` either way; a run with such nulls cannot claim it checked everything.
 */
export const INFRASTRUCTURE_FAILURES: readonly FailureReason[] = ["api_error", "time_limit", "error"];

export interface AgentFailure {
  ok: false;
  reason: FailureReason;
  /** Set when nothing else in the run can succeed either: the engine stops the run at once (rule R2). */
  fatal?: FatalCause;
  /** Human-readable: what went wrong and, where possible, what to do. */
  message: string;
  usage: Usage;
  costUsd: number;
  model: string;
  turns: number;
}

export type AgentOutcome = AgentSuccess | AgentFailure;

/** Progress an agent reports while it works (tool calls), forwarded into the event stream. */
export type AgentProgress = { type: "tool"; tool: string; detail: string } | { type: "turn"; turn: number };

/** The small interface the engine talks to (docs/architecture.md: `runAgent(request, signal) → result`). */
export interface AgentRunner {
  runAgent(request: AgentRequest, signal: AbortSignal, onProgress?: (p: AgentProgress) => void): Promise<AgentOutcome>;
}

/** A tool as the model sees it. */
export interface ToolDefinition {
  name: ToolName;
  description: string;
  /** JSON Schema of the tool's input (object root). */
  inputSchema: JsonObject;
}

/** What a tool call returns to the model. Truncation is stated inside `content` (rule L5). */
export interface ToolResult {
  content: string;
  isError: boolean;
}

/** The tools of one agent, bound to its checkout (or worktree). */
export interface Toolbox {
  definitions: ToolDefinition[];
  call(name: string, input: unknown, signal: AbortSignal): Promise<ToolResult>;
}
