import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { editTool } from "../../../src/agents/tools/edit.ts";
import { globTool } from "../../../src/agents/tools/glob.ts";
import { grepTool } from "../../../src/agents/tools/grep.ts";
import { createToolbox } from "../../../src/agents/tools/index.ts";
import { listTool } from "../../../src/agents/tools/list.ts";
import { readTool } from "../../../src/agents/tools/read.ts";
import { runTool } from "../../../src/agents/tools/run.ts";
import { shellTool } from "../../../src/agents/tools/shell.ts";
import { writeTool } from "../../../src/agents/tools/write.ts";
import { useTempDirs } from "../../support/repo-fixtures.ts";
import { toolsFor } from "./helpers.ts";

const temp = useTempDirs();

describe("createToolbox", () => {
  it("A8 a toolbox without worktree isolation refuses edit and write at creation", async () => {
    const root = await temp.dir({ "a.txt": "a\n" });
    for (const tool of ["edit", "write"] as const) {
      expect(() => createToolbox({ root, tools: ["read", tool], isolation: "none", runAllowlist: [] })).toThrow(
        /needs isolation: "worktree"/,
      );
    }
  });

  it("A9 a non-worktree toolbox has no edit or write tool and calls to them are refused as data", async () => {
    const root = await temp.dir({ "a.txt": "a\n" });
    const { toolbox, call } = toolsFor(root, { isolation: "none" });
    expect(toolbox.definitions.map((definition) => definition.name)).toEqual(["read", "list", "grep", "glob", "run"]);
    const result = await call("write", { path: "a.txt", content: "changed" });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/Unknown tool "write".*worktree agents/);
  });

  it("A9 worktree toolboxes list tools in canonical order with JSON Schemas and descriptions", async () => {
    const root = await temp.dir();
    const toolbox = createToolbox({ root, tools: ["write", "read", "edit", "read"], isolation: "worktree", runAllowlist: [] });
    expect(toolbox.definitions.map((definition) => definition.name)).toEqual(["read", "edit", "write"]);
    for (const definition of toolbox.definitions) {
      expect(definition.description.length).toBeGreaterThan(40);
      expect(definition.inputSchema).toMatchObject({ type: "object", additionalProperties: false });
    }
  });

  it("A9 invalid input comes back as an error result naming the problem", async () => {
    const root = await temp.dir({ "a.txt": "a\n" });
    const { call } = toolsFor(root);
    const missing = await call("read", {});
    expect(missing).toMatchObject({ isError: true });
    expect(missing.content).toMatch(/Invalid input for read: .*must have required property 'path'/);
    const extra = await call("read", { path: "a.txt", lines: 3 });
    expect(extra.content).toMatch(/unexpected property "lines"/);
    const badNumber = await call("read", { path: "a.txt", startLine: 0 });
    expect(badNumber.content).toMatch(/\/startLine must be >= 1/);
    expect((await call("grep", "not an object")).content).toMatch(/input must be object/);
  });

  it("A9 unknown tools and a cancelled signal are error results, never exceptions", async () => {
    const root = await temp.dir({ "a.txt": "a\n" });
    const { call } = toolsFor(root);
    expect(await call("bash", { command: "ls" })).toMatchObject({ isError: true });
    const controller = new AbortController();
    controller.abort();
    expect((await call("read", { path: "a.txt" }, controller.signal)).content).toMatch(/cancelled/);
  });

  it("X2 misconfiguration throws loudly: a missing root, shell syntax in the allowlist, a bad limit", async () => {
    const root = await temp.dir();
    expect(() => createToolbox({ root: `${root}/missing`, tools: ["read"], isolation: "none", runAllowlist: [] })).toThrow(/does not exist/);
    expect(() => createToolbox({ root, tools: ["run"], isolation: "none", runAllowlist: ["npm test && rm -rf /"] })).toThrow(
      /cannot be used.*'&'/,
    );
    expect(() => createToolbox({ root, tools: ["run"], isolation: "none", runAllowlist: [" "] })).toThrow(/is empty/);
    expect(() => createToolbox({ root, tools: ["run"], isolation: "none", runAllowlist: [], runTimeoutMs: 0 })).toThrow(/runTimeoutMs/);
  });
});

describe("tool input schemas", () => {
  it("are valid JSON Schema 2020-12 (define-tool.ts compiles them without meta-validation)", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    for (const tool of [readTool, listTool, globTool, grepTool, runTool, shellTool, editTool, writeTool]) {
      expect(ajv.validateSchema(tool.inputSchema), `${tool.name}: ${JSON.stringify(ajv.errors)}`).toBe(true);
    }
  });
});
