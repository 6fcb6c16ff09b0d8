/**
 * What a provider needs from the rest of the agents room, injected so the provider can be tested
 * (and used) without the real tools, framing or worktree modules: a toolbox per agent, the system
 * prompt, and a git worktree for isolated agents. Every provider takes the same shapes, so the
 * runner can hand the same functions to any of them.
 */
import type { AgentRequest, Toolbox, ToolName } from "./contract.ts";

export interface ToolboxContext {
  /** Directory the tools see: the checkout, or the agent's worktree (A8). */
  root: string;
  tools: ToolName[];
  isolation: AgentRequest["isolation"];
  request: AgentRequest;
}

/** Builds the tools of one agent. */
export type ToolboxFactory = (context: ToolboxContext) => Toolbox | Promise<Toolbox>;

export interface SystemPromptContext {
  tools: ToolName[];
  isolation: AgentRequest["isolation"];
  hasSchema: boolean;
}

/**
 * Builds the system prompt (rule A10). Must be deterministic: agents with the same tools, isolation
 * and schema flag must get byte-identical text, or fan-out siblings stop sharing the prompt cache.
 */
export type SystemPromptBuilder = (context: SystemPromptContext) => string;

/** A fresh git worktree for one agent (rule A8). */
export interface Worktree {
  /** Absolute path of the worktree directory. */
  path: string;
  /** Unified diff of everything changed in the worktree (including new files). */
  diff(): Promise<string>;
  /** Removes the worktree; safe to call more than once. */
  remove(): Promise<void>;
}

/** Creates the worktree of agent `id` from the repository at `repoRoot`. */
export type WorktreeFactory = (repoRoot: string, id: string) => Promise<Worktree>;

/** The options every provider (and the routing runner) takes for its hooks. */
export interface ProviderHooks {
  /** Builds each agent's toolbox. Default: the real tools over the checkout (src/agents/tools) with {@link runAllowlist}. */
  toolboxFactory?: ToolboxFactory;
  /** Commands the default toolbox's `run` tool accepts (X2). Default: read-only git commands. */
  runAllowlist?: readonly string[];
  /** Builds the system prompt (rule A10). Default: src/agents/framing.ts. */
  systemPrompt?: SystemPromptBuilder;
  /** Creates worktrees for `isolation: "worktree"`. Default: src/agents/worktree.ts. */
  worktreeFactory?: WorktreeFactory;
  /** Receives notices worth a log line (e.g. "no price known for X"). Default: `console.warn`. */
  onNotice?: (message: string) => void;
  /** Environment to read keys and base URLs from; default `process.env`. */
  env?: Record<string, string | undefined>;
}
