import { describe, expect, it } from "vitest";
import { prepareScript, validateScript } from "../../../src/engine/script/index.ts";

function firstError(source: string) {
  const result = validateScript(source, "wf.js");
  if (result.ok) throw new Error("expected a validation error");
  expect(result.errors).toHaveLength(1);
  return result.errors[0]!;
}

describe("S2 plain JavaScript with top-level await and return", () => {
  it("S2 top-level await and return are accepted", () => {
    const result = prepareScript("const r = await agent('x')\nif (!r) return null\nfor await (const x of []) {}\nreturn { r }", "wf.js");
    expect(result.body).toContain("return { r }");
  });

  it("S2 modern syntax is accepted (optional chaining, ??=, class fields, private names)", () => {
    expect(validateScript("let a = x?.y ?? 1; a ??= 2; class A { #p = 1; static s = 2; get p() { return this.#p } }\nreturn a", "wf.js").ok).toBe(true);
  });

  it("S2 a JavaScript syntax error has its line and column", () => {
    expect(firstError("const a = 1\nconst o = { a: 1 b: 2 }")).toEqual({ line: 2, column: 18, message: "JavaScript syntax error: Unexpected token." });
    expect(firstError("let s = 'open\n").message).toMatch(/Unterminated string constant/);
  });

  it.each([
    ["a type annotation", "const ok = 1\nconst x: string = 'a'", 2, 8],
    ["a parameter annotation", "function f(a: number) {}", 1, 13],
    ["an optional parameter", "function f(a?: number) {}", 1, 13],
    ["a return type", "const f = (a): string => a", 1, 14],
    ["an interface", "\ninterface Finding {\n  title: string\n}", 2, 1],
    ["a type alias", "type Finding = { title: string }", 1, 6],
    ["a generic type alias", "type List<T> = T[]", 1, 6],
    ["an as cast", "const y = x as Finding", 1, 13],
    ["a satisfies clause", "const y = x satisfies Finding", 1, 13],
    ["a non-null assertion", "const z = foo!.bar", 1, 14],
    ["a generic function", "function pick<T>(a) { return a }", 1, 14],
    ["a generic constructor call", "const m = new Map<string, number>()", 1, 33],
    ["an enum", "enum Color { Red }", 1, 1],
    ["a declare", "declare const foo: number", 1, 9],
    ["an access modifier", "class A { private x = 1 }", 1, 19],
    ["a parameter property", "class A { constructor(public x) {} }", 1, 23],
    ["implements", "class A implements B {}", 1, 9],
    ["an array type", "let list: Finding[] = []", 1, 9],
  ])("S2 TypeScript syntax (%s) is a validation error with its line", (_what, source, line, column) => {
    const problem = firstError(source);
    expect(problem.message).toMatch(/^TypeScript syntax is not supported: workflow scripts are plain JavaScript/);
    expect([problem.line, problem.column]).toEqual([line, column]);
  });

  it.each([
    ["a missing comma", "const o = { a: 1 b: 2 }"],
    ["a stray brace", "if (x) { y( }"],
    ["a missing name", "const = 5"],
    ["two words", "foo bar"],
  ])("S2 a JavaScript typo (%s) is not blamed on TypeScript", (_what, source) => {
    expect(firstError(source).message).toMatch(/^JavaScript syntax error/);
  });

  it("S2 a #! line is allowed and blanked in the body", () => {
    const result = prepareScript("#!/usr/bin/env quorum\nreturn 1", "wf.js");
    expect(result.body).toBe(" ".repeat(21) + "\nreturn 1");
  });

  it("S2 absurdly deep nesting is a validation error, not a crash", () => {
    const problem = firstError(`return ${"[".repeat(200_000)}${"]".repeat(200_000)}`);
    expect(problem.message).toMatch(/nested too deeply|syntax error/i);
  });
});
