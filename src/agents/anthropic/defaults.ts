/**
 * The real tools, framing and worktree modules, as the provider's default hooks.
 */
import { agentSystemPrompt } from "../framing.ts";
import { createToolbox, defaultRunAllowlist } from "../tools/index.ts";
import { createWorktree } from "../worktree.ts";
import type { SystemPromptBuilder, ToolboxFactory, WorktreeFactory } from "../hooks.ts";

/**
 * Tools over the agent's root (checkout or worktree). `run` accepts `runAllowlist`; without one,
 * read-only git commands only (the engine passes the repository's test command when configured).
 */
export function defaultToolboxFactory(runAllowlist: readonly string[] = defaultRunAllowlist()): ToolboxFactory {
  return ({ root, tools, isolation }) => createToolbox({ root, tools, isolation, runAllowlist });
}

export const defaultSystemPrompt: SystemPromptBuilder = (context) => agentSystemPrompt(context);

export const defaultWorktreeFactory: WorktreeFactory = (repoRoot, id) => createWorktree(repoRoot, id);
