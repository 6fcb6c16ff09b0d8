/**
 * Rule K3: a promise the script starts and never awaits is named before the run, with its line and
 * the fix (QuickJS gives the host no hook for unhandled rejections, so it would vanish silently).
 */
import { describe, expect, it } from "vitest";
import { validateScript } from "../../../src/engine/script/index.ts";

const META = 'export const meta = { name: "t", description: "d" };\n';
const warningsOf = (body: string): string[] => {
  const result = validateScript(META + body, "t.js");
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.warnings;
};

describe("K3 promises a script never awaits", () => {
  it("K3 an un-awaited call of the script's own async function is a warning with its line and the fix", () => {
    const warnings = warningsOf('async function boom() { throw new Error("x"); }\nboom();\nreturn 1;\n');
    expect(warnings).toEqual([
      "line 3: the promise of boom(…) is never awaited, so its result is lost and an error it throws is reported nowhere; write `await boom(…)` (or `void boom(…)` to drop it on purpose).",
    ]);
  });

  it("K3 agent(), parallel(), pipeline(), workflow(), runTests() and Promise.reject/all/race as bare statements are each named, also inside functions and loops", () => {
    const warnings = warningsOf(
      [
        'agent("a");',
        "parallel([() => agent('b')]);",
        "pipeline([1], (x) => x);",
        'workflow("review");',
        "runTests();",
        'Promise.reject(new Error("no"));',
        "Promise.all([agent('c')]);",
        "const helper = async () => 1;",
        "for (const x of [1, 2]) { helper(); }",
        "async function outer() { agent('inside'); }",
        "await outer();",
      ].join("\n"),
    );
    const names = warnings.map((w) => /^line (\d+): the promise of (\S+)\(…\)/.exec(w)?.slice(1, 3).join(" "));
    expect(names).toEqual(["2 agent", "3 parallel", "4 pipeline", "5 workflow", "6 runTests", "7 Promise.reject", "8 Promise.all", "10 helper", "11 agent"]);
  });

  it("K3 awaited, voided, returned, assigned, chained and non-async calls are not flagged", () => {
    const warnings = warningsOf(
      [
        "async function f() { return 1; }",
        "function g() { return 2; }",
        "await f();",
        "void f();",
        "const p = f();",
        "f().then((x) => log(String(x)));",
        "f().catch(() => {});",
        "g();",
        "log('x'); phase('y');",
        "await Promise.all([f(), agent('a')]);",
        "const r = await parallel([() => f()]);",
        "return await p;",
      ].join("\n"),
    );
    expect(warnings).toEqual([]);
  });

  it("K3 the built-in workflows raise no such warning", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { fileURLToPath } = await import("node:url");
    const folder = fileURLToPath(new URL("../../../src/workflows/", import.meta.url));
    const scripts = readdirSync(folder).filter((f) => f.endsWith(".js"));
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const file of scripts) {
      const result = validateScript(readFileSync(folder + file, "utf8"), file);
      expect(result.ok && result.warnings.filter((w) => w.includes("never awaited")), file).toEqual([]);
    }
  });
});
