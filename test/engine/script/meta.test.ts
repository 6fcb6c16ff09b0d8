import { describe, expect, it } from "vitest";
import { prepareScript, ScriptValidationError, validateScript, type ScriptProblem } from "../../../src/engine/script/index.ts";

function problems(source: string): ScriptProblem[] {
  const result = validateScript(source, "wf.js");
  if (result.ok) throw new Error("expected the script to be invalid");
  return result.errors;
}

const VALID_META = `export const meta = {
  name: 'audit',
  description: 'Find and fix auth holes',
  whenToUse: 'before a release',
  phases: [{ title: 'Map' }, { title: 'Verify', detail: 'skeptics', model: 'opus' }],
  args: { type: 'object', properties: { limit: { type: 'integer', minimum: -1 } }, additionalProperties: false },
  publish: { mode: 'pull-request', draft: true, labels: ['security'] },
}
return meta.name
`;

describe("S1 meta", () => {
  it("S1 a pure meta literal is accepted and read as JSON without running the script", () => {
    const result = validateScript(VALID_META, "wf.js");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.meta).toEqual({
      name: "audit",
      description: "Find and fix auth holes",
      whenToUse: "before a release",
      phases: [{ title: "Map" }, { title: "Verify", detail: "skeptics", model: "opus" }],
      args: { type: "object", properties: { limit: { type: "integer", minimum: -1 } }, additionalProperties: false },
      publish: { mode: "pull-request", draft: true, labels: ["security"] },
    });
    expect(result.warnings).toEqual([]);
  });

  it("S1 the body keeps const meta in scope and every line and column in place", () => {
    const result = prepareScript(VALID_META, "wf.js");
    expect(result.body.split("\n")[0]).toBe("       const meta = {");
    expect(result.body.length).toBe(VALID_META.length);
    expect(result.body.split("\n").slice(1)).toEqual(VALID_META.split("\n").slice(1));
  });

  it("S1 a script without meta is valid, with a warning", () => {
    const result = validateScript("return 1", "wf.js");
    expect(result).toMatchObject({ ok: true, meta: null, body: "return 1" });
    if (result.ok) expect(result.warnings.join()).toMatch(/no `export const meta/);
  });

  it("S1 template literals without interpolation, quoted keys and negative numbers are pure", () => {
    const result = prepareScript("export const meta = { 'name': `x`, \"description\": `multi\nline`, args: { minimum: -5 } }", "wf.js");
    expect(result.meta).toEqual({ name: "x", description: "multi\nline", args: { minimum: -5 } });
  });

  it.each([
    ["an identifier", "name: NAME", 2, /identifier `NAME`/],
    ["a call", "name: String(1)", 2, /function call/],
    ["a spread", "...base", 2, /spread/],
    ["template interpolation", "name: `a${b}`", 2, /interpolation/],
    ["a computed key", "['name']: 'x'", 2, /computed key/],
    ["a shorthand property", "name", 2, /shorthand/],
    ["a method", "name() {}", 2, /method/],
    ["a getter", "get name() { return 'x' }", 2, /getter/],
    ["a function", "name: () => 'x'", 2, /function/],
    ["undefined", "whenToUse: undefined", 2, /`undefined`/],
    ["a regexp", "name: /x/", 2, /regular expression/],
    ["an expression", "name: 'a' + 'b'", 2, /expression/],
    ["an array spread", "phases: [...list]", 2, /spread/],
    ["an array hole", "phases: [{ title: 'a' }, , { title: 'b' }]", 2, /hole/],
    ["a unary other than minus on a number", "args: { minimum: -x }", 2, /minus sign before a number/],
  ])("S1 meta with %s is rejected at its line", (_what, member, line, message) => {
    const source = `export const meta = {\n  ${member},\n  description: 'd',\n}\nreturn 1`;
    const found = problems(source);
    expect(found.some((p) => p.line === line && message.test(p.message))).toBe(true);
    for (const p of found) expect(p.message).toMatch(/meta/);
  });

  it("S1 reports every impurity at once, each with its own line and column", () => {
    const found = problems("export const meta = {\n  name: NAME,\n  description: f(),\n}");
    expect(found.map((p) => [p.line, p.column])).toEqual([
      [2, 9],
      [3, 16],
    ]);
  });

  it("S1 an unknown key is rejected at the line of that key", () => {
    const found = problems("export const meta = {\n  name: 'x',\n  description: 'd',\n  version: 2,\n}");
    expect(found).toEqual([{ line: 4, column: 3, message: expect.stringMatching(/meta\.version is not a known key; allowed keys are name, description/) }]);
  });

  it("S1 a missing name or description is rejected", () => {
    const found = problems("export const meta = { phases: [] }");
    expect(found.map((p) => p.message)).toEqual([
      expect.stringMatching(/meta\.name is required/),
      expect.stringMatching(/meta\.description is required/),
    ]);
    expect(problems("export const meta = { name: '', description: 'd' }")[0]!.message).toMatch(/meta\.name must be a non-empty string/);
  });

  it("S1 values of the wrong type are rejected at their key's line", () => {
    const source = [
      "export const meta = {",
      "  name: 'x',",
      "  description: 7,",
      "  whenToUse: ['a'],",
      "  phases: [{ title: 'A', model: 3, color: 'red' }, 'B'],",
      "  publish: { mode: 'tweet', draft: 'yes', labels: [1], branch: 'x' },",
      "}",
    ].join("\n");
    const found = problems(source).map((p) => `${p.line}: ${p.message}`);
    expect(found).toEqual([
      expect.stringMatching(/^3: meta\.description must be a non-empty string/),
      expect.stringMatching(/^4: meta\.whenToUse must be a string/),
      expect.stringMatching(/^5: meta\.phases\[0\]\.model must be a string/),
      expect.stringMatching(/^5: meta\.phases\[0\]\.color is not a known key/),
      expect.stringMatching(/^5: meta\.phases\[1\] must be an object/),
      expect.stringMatching(/^6: meta\.publish\.mode must be one of "auto", "pull-request", "review", "comment", "none"/),
      expect.stringMatching(/^6: meta\.publish\.draft must be true or false/),
      expect.stringMatching(/^6: meta\.publish\.labels must be an array of non-empty strings/),
      expect.stringMatching(/^6: meta\.publish\.branch is not a known key/),
    ]);
  });

  it("S1 meta.args must be a JSON Schema that compiles with ajv (draft 2020-12)", () => {
    const typo = problems("export const meta = {\n  name: 'x', description: 'd',\n  args: { type: 'object', properties: { n: { type: 'integr' } } },\n}");
    expect(typo).toEqual([{ line: 3, column: 9, message: expect.stringMatching(/meta\.args is not a valid JSON Schema \(draft 2020-12\):.*type/) }]);
    const unknownKeyword = problems("export const meta = { name: 'x', description: 'd', args: { type: 'object', requird: ['n'] } }");
    expect(unknownKeyword[0]!.message).toMatch(/requird/);
    expect(problems("export const meta = { name: 'x', description: 'd', args: 'object' }")[0]!.message).toMatch(/meta\.args must be a JSON Schema object/);
  });

  it("S1 meta must be declared alone with const, as an object literal", () => {
    expect(problems("export let meta = { name: 'x', description: 'd' }")[0]!.message).toMatch(/export const meta = \{…\}/);
    expect(problems("export const meta = { name: 'x', description: 'd' }, other = 1")[0]!.message).toMatch(/alone/);
    expect(problems("export const meta = ['x']")[0]!.message).toMatch(/meta must be an object literal/);
  });

  it("S1 meta must be the first statement, and nothing else may be exported", () => {
    const late = problems("const a = 1\nexport const meta = { name: 'x', description: 'd' }");
    expect(late).toEqual([{ line: 2, column: 1, message: expect.stringMatching(/must be the first statement/) }]);
    const others = problems("export const meta = { name: 'x', description: 'd' }\nexport const x = 1\nexport default 2\nexport { x as y }\nexport * from 'z'");
    expect(others.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    for (const p of others) expect(p.message).toMatch(/only `export const meta = \{…\}` may be exported/);
  });

  it("S1 a __proto__ key is plain data and cannot touch a prototype", () => {
    const result = prepareScript("export const meta = { name: 'x', description: 'd', args: { __proto__: { polluted: true } } }", "wf.js");
    const args = result.meta!.args!;
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
    expect(Object.keys(args)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("S1 prepareScript throws a ScriptValidationError listing file:line:col for each problem", () => {
    let caught: unknown;
    try {
      prepareScript("export const meta = {\n  name: NAME,\n  description: 'd',\n  extra: 1,\n}", "audit.js");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScriptValidationError);
    const error = caught as ScriptValidationError;
    expect(error.problems).toHaveLength(2);
    expect(error.message).toContain("audit.js:2:9 meta must be a pure literal");
    expect(error.message).toContain("audit.js:4:3 meta.extra is not a known key");
  });
});
