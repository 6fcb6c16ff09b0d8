/**
 * What this provider needs from the rest of the agents room, injectable for tests: the tools of an
 * agent, the system prompt, and a git worktree for isolated agents.
 *
 * The shapes are the same as the Anthropic provider's (src/agents/anthropic/hooks.ts), so the
 * runner can hand the same functions to either provider.
 */
import type { AgentRequest, Toolbox, ToolName } from "../contract.ts";

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

/** Builds the shared framing of every agent (SPEC A10). */
export type SystemPromptBuilder = (context: SystemPromptContext) => string;

/** A fresh git worktree for one agent (SPEC A8). */
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
