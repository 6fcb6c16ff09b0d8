/**
 * Shared shapes of the tools room: the options a toolbox is built from and the context every tool
 * receives. Kept apart from `index.ts` so each tool file can import them without a cycle.
 */
import type { ToolDefinition, ToolName, ToolResult } from "../contract.ts";
import type { JsonObject } from "../../kernel/json.ts";

/** Default time limit of one call of the `run` tool (X2). */
export const DEFAULT_RUN_TOOL_TIMEOUT_MS = 120_000;
/** Default cap on the output of one `run` call (X2, L5). */
export const DEFAULT_OUTPUT_CAP_BYTES = 64 * 1024;

export type Isolation = "none" | "worktree";

/** What {@link createToolbox} is built from. */
export interface ToolboxOptions {
  /** The checkout (or worktree) the tools see. Must exist and be a directory. */
  root: string;
  /** Tools to enable. `edit` and `write` need `isolation: "worktree"` (A8, A9). */
  tools: readonly ToolName[];
  isolation: Isolation;
  /**
   * Command prefixes `run` accepts, e.g. `"npm test"`, `"git log"` (X2). A command is accepted when
   * its argv starts with the argv of an entry. See `defaultRunAllowlist()`.
   */
  runAllowlist: readonly string[];
  /** Time limit of one `run` call; default {@link DEFAULT_RUN_TOOL_TIMEOUT_MS}. */
  runTimeoutMs?: number;
  /** Output cap of one `run` call; default {@link DEFAULT_OUTPUT_CAP_BYTES}. */
  outputCapBytes?: number;
}

/** What every tool gets besides its input. */
export interface ToolContext {
  /** The root as given (absolute). */
  root: string;
  /** `realpath(root)`: every path a tool touches must resolve inside it. */
  realRoot: string;
  isolation: Isolation;
  /** Parsed allowlist entries (argv prefixes). */
  runAllowlist: readonly (readonly string[])[];
  runTimeoutMs: number;
  outputCapBytes: number;
}

/** A tool bound to its context: what the toolbox dispatches to. */
export interface BoundTool {
  definition: ToolDefinition;
  call(input: unknown, signal: AbortSignal): Promise<ToolResult>;
}

/**
 * One tool: its definition for the model and the function that does the work. `execute` gets input
 * already validated against `inputSchema`; it returns text (a success) or a full {@link ToolResult},
 * and throws {@link ToolError} for problems the model should read about.
 */
export interface ToolSpec<Input> {
  name: ToolName;
  description: string;
  inputSchema: JsonObject;
  execute(input: Input, context: ToolContext, signal: AbortSignal): Promise<string | ToolResult>;
}
