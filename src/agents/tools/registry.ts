/**
 * The registry of tools: one entry per tool name of the contract (`TOOL_NAMES`, rule A9), from
 * which the toolbox binds (dispatch), decides which tools need a worktree, and from which every
 * provider summarises a call for progress views. Adding a tool is one entry here and its name in
 * the contract; the compiler refuses a registry that misses a name or has one too many.
 */
import type { ToolName } from "../contract.ts";
import { bindTool } from "./define-tool.ts";
import { editTool } from "./edit.ts";
import { globTool } from "./glob.ts";
import { grepTool } from "./grep.ts";
import { listTool } from "./list.ts";
import { readTool } from "./read.ts";
import { runTool, runToolDescription } from "./run.ts";
import { shellTool, shellToolDescription } from "./shell.ts";
import type { BoundTool, ToolContext } from "./types.ts";
import { writeTool } from "./write.ts";

export interface RegisteredTool {
  /** The tool bound to one agent's context (its description may depend on the context). */
  bind(context: ToolContext): BoundTool;
  /** Changes files: only for agents in their own worktree (rule A8, A9). */
  changesFiles: boolean;
  /** Input fields that best describe a call in progress views, in order of preference. */
  summaryFields: readonly string[];
}

export const TOOL_REGISTRY: { readonly [Name in ToolName]: RegisteredTool } = {
  read: { bind: (context) => bindTool(readTool, context), changesFiles: false, summaryFields: ["path"] },
  list: { bind: (context) => bindTool(listTool, context), changesFiles: false, summaryFields: ["path"] },
  grep: { bind: (context) => bindTool(grepTool, context), changesFiles: false, summaryFields: ["path", "pattern", "glob"] },
  glob: { bind: (context) => bindTool(globTool, context), changesFiles: false, summaryFields: ["path", "pattern"] },
  run: { bind: (context) => bindTool({ ...runTool, description: runToolDescription(context) }, context), changesFiles: false, summaryFields: ["command"] },
  shell: { bind: (context) => bindTool({ ...shellTool, description: shellToolDescription(context) }, context), changesFiles: false, summaryFields: ["command"] },
  edit: { bind: (context) => bindTool(editTool, context), changesFiles: true, summaryFields: ["path"] },
  write: { bind: (context) => bindTool(writeTool, context), changesFiles: true, summaryFields: ["path"] },
};

/** Longest tool-call summary shown in progress views. */
export const PROGRESS_DETAIL_CHARS = 120;
/** For a name outside the registry (a model inventing a tool): the fields any tool might have. */
const GENERIC_SUMMARY_FIELDS = ["path", "pattern", "command", "glob", "file", "query", "dir"] as const;

/** True for the names of the registry (a model's tool call may name anything). */
export function isRegisteredTool(name: string): name is ToolName {
  return Object.hasOwn(TOOL_REGISTRY, name);
}

/**
 * A short, one-line summary of a tool call for progress views: the first non-empty field of the
 * tool's {@link RegisteredTool.summaryFields}, else the input as JSON; at most
 * {@link PROGRESS_DETAIL_CHARS} characters.
 */
export function summarizeToolCall(name: string, input: unknown): string {
  const fields = isRegisteredTool(name) ? TOOL_REGISTRY[name].summaryFields : GENERIC_SUMMARY_FIELDS;
  if (typeof input === "object" && input !== null && !Array.isArray(input)) {
    const record = input as Record<string, unknown>;
    for (const field of fields) {
      const value = record[field];
      if (typeof value === "string" && value) return clip(value);
    }
  }
  return clip(JSON.stringify(input) ?? "");
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= PROGRESS_DETAIL_CHARS ? oneLine : `${oneLine.slice(0, PROGRESS_DETAIL_CHARS - 1)}…`;
}
