import { describe, expect, it } from "vitest";
import { TOOL_NAMES } from "../../../src/agents/contract.ts";
import { createToolbox, summarizeToolCall, TOOL_REGISTRY } from "../../../src/agents/tools/index.ts";
import { PROGRESS_DETAIL_CHARS } from "../../../src/agents/tools/registry.ts";
import { useTempDirs } from "../../support/repo-fixtures.ts";

const temp = useTempDirs();

describe("the tool registry", () => {
  it("A9 every tool name of the contract has one registry entry, and the toolbox binds each under its own name in the contract's order", async () => {
    expect(Object.keys(TOOL_REGISTRY)).toEqual([...TOOL_NAMES]);
    const root = await temp.dir({ "a.txt": "a\n" });
    const toolbox = createToolbox({ root, tools: [...TOOL_NAMES].reverse(), isolation: "worktree", runAllowlist: [] });
    expect(toolbox.definitions.map((d) => d.name)).toEqual([...TOOL_NAMES]);
  });

  it("A8 the registry alone says which tools change files: edit and write, refused without a worktree", async () => {
    expect(TOOL_NAMES.filter((name) => TOOL_REGISTRY[name].changesFiles)).toEqual(["edit", "write"]);
    const root = await temp.dir({ "a.txt": "a\n" });
    for (const name of TOOL_NAMES) {
      const build = () => createToolbox({ root, tools: [name], isolation: "none", runAllowlist: [] });
      if (TOOL_REGISTRY[name].changesFiles) expect(build).toThrow(/needs isolation: "worktree"/);
      else expect(build).not.toThrow();
    }
  });

  it("A9 a call is summarised for progress views from the registry: the tool's describing field, else its input as one clipped line", () => {
    expect(summarizeToolCall("read", { path: "src/a.ts", startLine: 3 })).toBe("src/a.ts");
    expect(summarizeToolCall("run", { command: "npm   test\n-- a" })).toBe("npm test -- a");
    expect(summarizeToolCall("grep", { pattern: "TODO" })).toBe("TODO");
    expect(summarizeToolCall("invented", { query: "x" })).toBe("x");
    expect(summarizeToolCall("read", { other: 1 })).toBe('{"other":1}');
    const long = summarizeToolCall("write", { path: "p".repeat(500) });
    expect(long).toHaveLength(PROGRESS_DETAIL_CHARS);
    expect(long.endsWith("…")).toBe(true);
  });
});
