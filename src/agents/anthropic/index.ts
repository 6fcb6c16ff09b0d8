/**
 * The Anthropic provider (Messages API through `@anthropic-ai/sdk`).
 */
export { createAnthropicRunner } from "./runner.ts";
export {
  AnthropicConfigError,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MAX_TURNS,
  DEFAULT_AGENT_TIMEOUT_MS,
  DEFAULT_CACHE_WARMUP_MAX_WAIT_MS,
  MAX_SCHEMA_RETRIES,
  type AnthropicRunnerOptions,
  type StructuredOutputMode,
} from "./options.ts";
export { SUBMIT_TOOL_NAME } from "./output.ts";
export type { SystemPromptBuilder, SystemPromptContext, ToolboxContext, ToolboxFactory, Worktree, WorktreeFactory } from "../hooks.ts";
