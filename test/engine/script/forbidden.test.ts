import { describe, expect, it } from "vitest";
import { validateScript } from "../../../src/engine/script/index.ts";

function errors(source: string) {
  const result = validateScript(source, "wf.js");
  return result.ok ? [] : result.errors;
}

describe("S3 no modules", () => {
  it("S3 an import declaration is a validation error with its position", () => {
    expect(errors("const a = 1\nimport fs from 'node:fs'")).toEqual([{ line: 2, column: 1, message: expect.stringMatching(/^`import` is not allowed/) }]);
    expect(errors("import 'side-effect'")[0]!.message).toMatch(/`import` is not allowed/);
  });

  it("S3 an import() expression is a validation error with its position", () => {
    expect(errors("const m = await import('node:child_process')")).toEqual([
      { line: 1, column: 17, message: expect.stringMatching(/^`import\(\)` is not allowed/) },
    ]);
    expect(errors("async function f() {\n  return (await import(name)).default\n}")[0]).toMatchObject({ line: 2, column: 17 });
  });

  it("S3 any reference to require is a validation error", () => {
    expect(errors("const cp = require('child_process')")).toEqual([{ line: 1, column: 12, message: expect.stringMatching(/^`require` is not available/) }]);
    expect(errors("const r = require\nr('fs')")[0]).toMatchObject({ line: 1, column: 11 });
    expect(errors("typeof require")[0]).toMatchObject({ line: 1, column: 8 });
    expect(errors("const o = { require }")[0]).toMatchObject({ line: 1, column: 13 });
    expect(errors("function f(require) {}")[0]).toMatchObject({ line: 1, column: 12 });
    expect(errors("x[require]")[0]).toMatchObject({ line: 1, column: 3 });
  });

  it("S3 require as a property name or label is fine", () => {
    expect(validateScript("const o = { require: 1 }; o.require; const { require: r } = o; class A { require() {} }\nrequire: for (;;) break require\nreturn r", "wf.js").ok).toBe(true);
  });

  it("S3 import.meta is a validation error", () => {
    expect(errors("log(import.meta.url)")).toEqual([{ line: 1, column: 5, message: expect.stringMatching(/^`import\.meta` is not available/) }]);
  });

  it("S3 every forbidden use is reported, in source order", () => {
    const found = errors("import a from 'a'\nconst b = require('b')\nconst c = await import('c')\nexport default 1");
    expect(found.map((p) => p.line)).toEqual([1, 2, 3, 4]);
  });
});
