/**
 * The tools of one agent, bound to its checkout or worktree (rule A8, A9, X1, X2, L5).
 *
 * `createToolbox` checks its options loudly (a misconfiguration is a bug in the caller, so it
 * throws); every tool call afterwards answers with a {@link ToolResult} and never throws.
 */
import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { TOOL_NAMES, UNAVAILABLE_TOOLS, type ToolName, type ToolResult, type Toolbox } from "../contract.ts";
import { QuorumError } from "../../kernel/errors.ts";
import { parseAllowlistEntry } from "./allowlist.ts";
import { errorResult } from "./define-tool.ts";
import { isRegisteredTool, TOOL_REGISTRY } from "./registry.ts";
import {
  DEFAULT_OUTPUT_CAP_BYTES,
  DEFAULT_RUN_TOOL_TIMEOUT_MS,
  type BoundTool,
  type ToolContext,
  type ToolboxOptions,
} from "./types.ts";

export { defaultRunAllowlist, READ_ONLY_GIT_COMMANDS } from "./allowlist.ts";
export { scrubEnvironment, isSecretVariable } from "./environment.ts";
export { parseCommandLine } from "./shell-words.ts";
export { guardPath, PathRefusedError } from "./path-guard.ts";
export { ToolError } from "./errors.ts";
export { DEFAULT_OUTPUT_CAP_BYTES, DEFAULT_RUN_TOOL_TIMEOUT_MS, type ToolboxOptions } from "./types.ts";

export { summarizeToolCall, TOOL_REGISTRY } from "./registry.ts";

/** A toolbox built with options no caller should pass (a bug in the caller, not in the input). */
function misconfigured(message: string): QuorumError {
  return new QuorumError("invalid_toolbox_options", message, { audience: "bug" });
}

function resolveRoot(root: string): { root: string; realRoot: string } {
  const absolute = path.resolve(root);
  let realRoot: string;
  try {
    realRoot = realpathSync(absolute);
  } catch {
    throw misconfigured(`Toolbox root "${root}" does not exist; pass the checkout (or worktree) directory.`);
  }
  if (!statSync(realRoot).isDirectory()) throw misconfigured(`Toolbox root "${root}" is not a directory; pass the checkout directory.`);
  return { root: absolute, realRoot };
}

function checkTools(options: ToolboxOptions): ToolName[] {
  for (const name of options.tools) {
    if (!(TOOL_NAMES as readonly string[]).includes(name)) {
      throw misconfigured(`Unknown tool "${String(name)}"; tools are: ${TOOL_NAMES.join(", ")}.`);
    }
    if (TOOL_REGISTRY[name].changesFiles && options.isolation !== "worktree") {
      throw misconfigured(
        `Tool "${name}" changes files and needs isolation: "worktree" (rule A8/A9); agents without isolation cannot ` +
          `change files. Pass isolation: "worktree", or drop edit and write from tools.`,
      );
    }
  }
  // Canonical order, no duplicates: the same tools always give the same definitions.
  return TOOL_NAMES.filter((name) => options.tools.includes(name));
}

function checkPositive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw misconfigured(`${name} must be a positive number of ${name.endsWith("Ms") ? "milliseconds" : "bytes"}; got ${value}.`);
  return value;
}

/**
 * Builds the toolbox of one agent. Throws when: the root does not exist or is not a directory; a
 * tool name is unknown; `edit` or `write` is asked for without `isolation: "worktree"`; an
 * allowlist entry is empty or uses shell syntax; a limit is not a positive number.
 * The `run` tool with an empty allowlist is allowed and refuses every command.
 */
export function createToolbox(options: ToolboxOptions): Toolbox {
  const tools = checkTools(options);
  const context: ToolContext = {
    ...resolveRoot(options.root),
    isolation: options.isolation,
    runAllowlist: options.runAllowlist.map(parseAllowlistEntry),
    runTimeoutMs: checkPositive(options.runTimeoutMs, DEFAULT_RUN_TOOL_TIMEOUT_MS, "runTimeoutMs"),
    outputCapBytes: checkPositive(options.outputCapBytes, DEFAULT_OUTPUT_CAP_BYTES, "outputCapBytes"),
  };
  const bound = new Map<string, BoundTool>(tools.map((name) => [name, TOOL_REGISTRY[name].bind(context)]));
  return {
    definitions: [...bound.values()].map((tool) => tool.definition),
    async call(name: string, input: unknown, signal: AbortSignal): Promise<ToolResult> {
      const tool = bound.get(name);
      if (!tool) {
        const why = UNAVAILABLE_TOOLS[name];
        if (why !== undefined) return errorResult(`The ${name} tool is not available: ${why}. Available tools: ${tools.join(", ") || "none"}.`);
        const hint = isRegisteredTool(name) && TOOL_REGISTRY[name].changesFiles && options.isolation !== "worktree" ? " (edit and write exist only for worktree agents)" : "";
        return errorResult(`Unknown tool "${name}"${hint}. Available tools: ${tools.join(", ") || "none"}.`);
      }
      return tool.call(input, signal);
    },
  };
}
