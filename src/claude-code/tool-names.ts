/**
 * Claude Code's tool names, as scripts (`opts.tools`) and agent definitions (`tools:` in
 * `.claude/agents/<type>.md`) write them, mapped to Quorum's tools (rule S7).
 *
 * - Read, Grep, Glob, LS, Edit, MultiEdit, Write and Bash have a Quorum counterpart; NotebookRead
 *   reads the notebook file as text.
 * - WebFetch and WebSearch: Quorum agents have no network, so they are accepted and left out; an
 *   agent that calls them anyway gets a tool result saying they are not available.
 * - TodoWrite, Task/Agent (agents cannot start agents), NotebookEdit and the rest of Claude Code's
 *   session tools, and MCP tools (`mcp__…`), are accepted and left out, with one note in the log.
 * - Quorum's own lower-case names pass through; anything else is an error naming what exists.
 */
import { TOOL_NAMES, UNAVAILABLE_TOOLS, type ToolName } from "../agents/contract.ts";

/** Claude Code tool name → Quorum tool. */
export const CLAUDE_CODE_TOOL_MAP: Readonly<Record<string, ToolName>> = {
  Read: "read",
  NotebookRead: "read",
  Grep: "grep",
  Glob: "glob",
  LS: "list",
  Edit: "edit",
  MultiEdit: "edit",
  Write: "write",
  Bash: "shell",
};

export type MappedTool = { tool: ToolName } | { unavailable: string; reason: string } | { unknown: string };

/** Maps one tool name from a script or an agent definition. */
export function mapToolName(name: string): MappedTool {
  const trimmed = name.trim();
  if ((TOOL_NAMES as readonly string[]).includes(trimmed)) return { tool: trimmed as ToolName };
  const base = trimmed.replace(/\(.*\)$/, ""); // "Bash(git diff:*)": a permission pattern on a tool
  const mapped = CLAUDE_CODE_TOOL_MAP[base];
  if (mapped) return { tool: mapped };
  const why = UNAVAILABLE_TOOLS[base];
  if (why) return { unavailable: base, reason: why };
  if (base.startsWith("mcp__")) return { unavailable: base, reason: "MCP tools are not available" };
  return { unknown: trimmed };
}

/** Every name a script may use, for error messages. */
export function knownToolNames(): string {
  return [...TOOL_NAMES, ...Object.keys(CLAUDE_CODE_TOOL_MAP), ...Object.keys(UNAVAILABLE_TOOLS)].join(", ");
}
