/** Shared helpers for the tool tests: a toolbox over a folder and a one-line call. */
import type { ToolName, ToolResult } from "../../../src/agents/contract.ts";
import { createToolbox } from "../../../src/agents/tools/index.ts";
import type { ToolboxOptions } from "../../../src/agents/tools/types.ts";

export const ALL_READ_TOOLS: ToolName[] = ["read", "list", "grep", "glob"];

/** A toolbox over `root` with every tool the isolation allows, plus a `call(name, input)` shortcut. */
export function toolsFor(root: string, overrides: Partial<ToolboxOptions> = {}) {
  const isolation = overrides.isolation ?? "worktree";
  const toolbox = createToolbox({
    root,
    tools: isolation === "worktree" ? [...ALL_READ_TOOLS, "run", "edit", "write"] : [...ALL_READ_TOOLS, "run"],
    isolation,
    runAllowlist: [],
    ...overrides,
  });
  const call = (name: string, input: unknown, signal: AbortSignal = new AbortController().signal): Promise<ToolResult> =>
    toolbox.call(name, input, signal);
  return { toolbox, call };
}
