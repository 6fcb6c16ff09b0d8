import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { prepareScript } from "../../../src/engine/script/index.ts";

const FIXTURE = fileURLToPath(new URL("../../fixtures/workflows/claude-code-style.js", import.meta.url));

describe("S7 Claude Code scripts", () => {
  it("S7 a realistic Claude Code dynamic-workflow script passes validation unchanged", () => {
    const source = readFileSync(FIXTURE, "utf8");
    const prepared = prepareScript(source, "claude-code-style.js");
    expect(prepared.meta).toMatchObject({
      name: "security-audit",
      phases: [{ title: "Map" }, { title: "Find" }, { title: "Verify", model: "opus" }, { title: "Fix" }],
    });
    expect(prepared.warnings).toEqual([]);
    // Only the `export` keyword changed (blanked): same length, same lines.
    expect(prepared.body.length).toBe(source.length);
    expect(prepared.body.replace(/^ {6} const meta/, "export const meta")).toBe(source);
    // It uses what Quorum must accept: options Quorum does not act on, worktrees, top-level return.
    for (const needle of ["effort: 'high'", "agentType: 'security-reviewer'", "isolation: 'worktree'", "await pipeline(", "await parallel(", "phase('Map')", "log(`", "return {"]) {
      expect(source).toContain(needle);
    }
  });
});
