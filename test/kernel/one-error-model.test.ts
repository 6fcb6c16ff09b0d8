/**
 * One error model, checked over the source: every error class in src/ descends from the kernel's
 * QuorumError (no other class extends a built-in error), every code given literally is snake_case,
 * and `errorMessage` is written once. Read with the TypeScript parser, so a class inside a string
 * (the sandbox's guest-side polyfills) is not mistaken for one of ours.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = join(process.cwd(), "src");
const KERNEL = "src/kernel/errors.ts";
const BUILT_IN_ERRORS = new Set(["Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError"]);
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

interface ClassInfo {
  name: string;
  base: string;
  file: string;
  node: ts.ClassLikeDeclaration;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  ts.forEachChild(node, (child) => visit(child, each));
}

const parsed = sourceFiles(SRC).map((path) => ({
  file: relative(process.cwd(), path),
  source: ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS),
}));

const classes: ClassInfo[] = [];
const errorMessageDefinitions: string[] = [];
for (const { file, source } of parsed) {
  visit(source, (node) => {
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.heritageClauses) {
      const extendsClause = node.heritageClauses.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
      const base = extendsClause?.types[0]?.expression;
      if (base && ts.isIdentifier(base)) classes.push({ name: node.name?.text ?? "(anonymous)", base: base.text, file, node });
    }
    const definesErrorMessage =
      (ts.isFunctionDeclaration(node) && node.name?.text === "errorMessage") ||
      (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === "errorMessage");
    if (definesErrorMessage) errorMessageDefinitions.push(file);
  });
}

/** Names of the classes that descend from QuorumError (transitively, by name within src/). */
function quorumErrorFamily(): Set<string> {
  const family = new Set(["QuorumError"]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of classes) {
      if (family.has(c.base) && !family.has(c.name)) {
        family.add(c.name);
        grew = true;
      }
    }
  }
  return family;
}

/** String literals without whitespace passed to `super(…)` in the family or to `new QuorumError(…)`: codes. */
function literalCodes(): { code: string; where: string }[] {
  const family = quorumErrorFamily();
  const codes: { code: string; where: string }[] = [];
  const collect = (args: ts.NodeArray<ts.Expression> | undefined, where: string) => {
    for (const arg of args ?? []) {
      if ((ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) && !/\s/.test(arg.text)) codes.push({ code: arg.text, where });
    }
  };
  for (const c of classes.filter((k) => family.has(k.base))) {
    visit(c.node, (node) => {
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) collect(node.arguments, `${c.file} ${c.name}`);
    });
  }
  for (const { file, source } of parsed) {
    visit(source, (node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "QuorumError") collect(node.arguments, file);
    });
  }
  return codes;
}

describe("one error model", () => {
  it("no class in src/ extends a built-in error except QuorumError itself", () => {
    const direct = classes.filter((c) => BUILT_IN_ERRORS.has(c.base)).map((c) => `${c.file} ${c.name} extends ${c.base}`);
    expect(direct).toEqual([`${KERNEL} QuorumError extends Error`]);
  });

  it("every error class in src/ descends from QuorumError", () => {
    const family = quorumErrorFamily();
    const stray = classes.filter((c) => /Error$|Failure$/.test(c.base) && !family.has(c.name)).map((c) => `${c.file} ${c.name} extends ${c.base}`);
    expect(stray).toEqual([]);
    // The walk sees the rooms' error classes (a broken walk would pass the checks above vacuously).
    for (const name of ["UsageError", "ScriptValidationError", "ToolError", "PathRefusedError", "GuestFailure", "QuorumGitHubError"]) expect(family).toContain(name);
  });

  it("every error code written in src/ is snake_case", () => {
    const codes = literalCodes();
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((c) => !SNAKE_CASE.test(c.code))).toEqual([]);
  });

  it("errorMessage is defined once, in the kernel", () => {
    expect(errorMessageDefinitions).toEqual([KERNEL]);
  });

  it("no room re-writes errorMessage inline (`x instanceof Error ? x.message : String(x)`)", () => {
    const inline = /(\w+) instanceof Error \? \1\.message : String\(\1\)/;
    const copies = parsed.filter(({ file, source }) => file !== KERNEL && inline.test(source.text)).map(({ file }) => file);
    expect(copies).toEqual([]);
  });
});
