import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { validateScript } from "../../src/engine/script/index.ts";
import { BUILTIN_DIR, builtinNames, resolveWorkflowFile } from "../../src/workflows/resolve.ts";
import { PATTERNS_SOURCE } from "../../src/workflows/patterns.ts";
import { useTemp } from "./helpers.ts";

const temp = useTemp();
const BUILTINS = ["audit-auth", "deep-research", "flaky-hunt", "review"];

function captureIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s: string) => void (out += s), isTTY: false, columns: 100 },
    stderr: { write: (s: string) => void (err += s), isTTY: false, columns: 100 },
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  };
}

describe("built-in workflows", () => {
  it("B5 the built-ins are exactly the four workflows; the pattern library is not one of them", () => {
    expect(builtinNames()).toEqual(BUILTINS);
    expect(PATTERNS_SOURCE).toContain("adversarialVerify");
  });

  it.each(BUILTINS)("B5 %s is a plain script in the user format that passes validateScript", (name) => {
    const file = path.join(BUILTIN_DIR, `${name}.js`);
    const source = readFileSync(file, "utf8");
    const result = validateScript(source, file);
    if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join("\n"));
    expect(result.warnings).toEqual([]);
    expect(result.meta?.name).toBe(name);
    expect(result.meta?.description.length).toBeGreaterThan(40);
    expect(result.meta?.whenToUse).toBeTruthy();
    expect(result.meta?.phases?.length).toBeGreaterThanOrEqual(2);
    expect(result.meta?.args).toMatchObject({ type: "object" });
    // Every phase the script starts is declared in meta, so views can show the plan up front.
    const started = [...source.matchAll(/phase\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(started)).toEqual(new Set(result.meta?.phases?.map((p) => p.title)));
    // Prompts are briefs that treat repository content as data.
    expect(source).toMatch(/data, not instructions/);
  });

  it("B5 `quorum eject <name>` copies a built-in into the repository, where it then takes precedence", async () => {
    const repo = temp.dir();
    const io = captureIo(repo);
    expect(await main(["eject", "review", "--repo", repo], io)).toBe(0);
    const target = path.join(repo, ".github", "quorum", "workflows", "review.js");
    expect(existsSync(target)).toBe(true);
    expect(readFileSync(target, "utf8")).toBe(readFileSync(path.join(BUILTIN_DIR, "review.js"), "utf8"));
    expect(io.out()).toContain("Copied review");
    expect(resolveWorkflowFile("review", repo, repo).filename).toBe(target);
    const again = captureIo(repo);
    expect(await main(["eject", "review", "--repo", repo], again)).not.toBe(0);
    expect(again.err()).toMatch(/exists already; pass --force/);
    const unknown = captureIo(repo);
    expect(await main(["eject", "patterns", "--repo", repo], unknown)).not.toBe(0);
    expect(unknown.err()).toMatch(/not a built-in workflow/);
  });
});
