/**
 * Reads a pure object literal from the AST into JSON, never evaluating anything (rule S1).
 *
 * Allowed: string/number/boolean/null literals, arrays, objects with plain (non-computed) keys,
 * template literals without `${…}`, and unary minus on a number. Everything else (identifiers,
 * calls, spreads, functions, getters, computed or shorthand keys, holes, regexps, BigInts) is a
 * problem located at the offending node. `__proto__` is an ordinary key here: objects are built
 * with define semantics, so a literal can never change a prototype on the host.
 */
import type { Node, Expression, Literal, ObjectExpression, ArrayExpression, Property, SpreadElement } from "acorn";
import type { JsonObject, JsonValue } from "../../kernel/json.ts";
import type { ScriptProblem } from "./types.ts";
import { startOf } from "./walk.ts";

export interface Where {
  line: number;
  column: number;
}

/** JSON with the source position of every value (and of every object key). */
export type Located =
  | { kind: "scalar"; value: string | number | boolean | null; at: Where }
  /** A value that was not pure; its problem is already reported, so shape checks skip it. */
  | { kind: "invalid"; at: Where }
  | { kind: "array"; items: Located[]; at: Where }
  | { kind: "object"; entries: Map<string, { keyAt: Where; value: Located }>; at: Where };

/**
 * Converts `node` to a located JSON value. Problems are appended to `problems` (all of them, not
 * just the first); impure parts become `invalid` so the rest can still be checked.
 */
export function readLiteral(node: Expression | SpreadElement, problems: ScriptProblem[]): Located {
  return read(node, problems);
}

/** Plain JSON of a located value. */
export function toJson(located: Located): JsonValue {
  switch (located.kind) {
    case "scalar":
      return located.value;
    case "invalid":
      return null;
    case "array":
      return located.items.map(toJson);
    case "object": {
      const out: JsonObject = {};
      for (const [key, entry] of located.entries) {
        Object.defineProperty(out, key, { value: toJson(entry.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

function read(node: Node, problems: ScriptProblem[]): Located {
  const at = startOf(node);
  const impure = (what: string): Located => {
    problems.push({
      ...at,
      message: `meta must be a pure literal, but this is ${what}. meta is read without running the script: write the value out (strings, numbers, booleans, null, arrays, objects).`,
    });
    return { kind: "invalid", at };
  };
  switch (node.type) {
    case "Literal":
      return readScalar(node as Literal, at, impure);
    case "TemplateLiteral": {
      const template = node as Extract<Expression, { type: "TemplateLiteral" }>;
      if (template.expressions.length > 0) return impure("a template literal with interpolation (`${…}`)");
      const cooked = template.quasis[0]?.value.cooked;
      return typeof cooked === "string" ? { kind: "scalar", value: cooked, at } : impure("an invalid template literal");
    }
    case "UnaryExpression": {
      const unary = node as Extract<Expression, { type: "UnaryExpression" }>;
      const arg = unary.argument;
      if (unary.operator === "-" && arg.type === "Literal" && typeof (arg as Literal).value === "number") {
        return { kind: "scalar", value: -((arg as Literal).value as number), at };
      }
      return impure(`an expression (\`${unary.operator}\`); only a minus sign before a number is allowed`);
    }
    case "ArrayExpression":
      return readArray(node as ArrayExpression, at, problems, impure);
    case "ObjectExpression":
      return readObject(node as ObjectExpression, at, problems);
    case "Identifier": {
      const name = (node as Extract<Expression, { type: "Identifier" }>).name;
      if (name === "undefined") return impure("`undefined`, which is not JSON (leave the key out instead)");
      if (name === "NaN" || name === "Infinity") return impure(`\`${name}\`, which is not JSON`);
      return impure(`the identifier \`${name}\` (a variable reference)`);
    }
    case "SpreadElement":
      return impure("a spread (`...`)");
    case "CallExpression":
    case "NewExpression":
    case "TaggedTemplateExpression":
      return impure("a function call");
    case "ArrowFunctionExpression":
    case "FunctionExpression":
    case "ClassExpression":
      return impure("a function or class");
    case "MemberExpression":
    case "ChainExpression":
      return impure("a property access");
    default:
      return impure(`an expression (${node.type})`);
  }
}

function readScalar(node: Literal, at: Where, impure: (what: string) => Located): Located {
  if (node.regex) return impure("a regular expression");
  if (node.bigint !== undefined) return impure("a BigInt");
  const value = node.value;
  if (typeof value === "string" || typeof value === "boolean" || value === null) return { kind: "scalar", value, at };
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "scalar", value, at } : impure("a number too large for JSON");
  return impure("an unsupported literal");
}

function readArray(node: ArrayExpression, at: Where, problems: ScriptProblem[], impure: (what: string) => Located): Located {
  const items: Located[] = [];
  for (const element of node.elements) {
    if (element === null) {
      impure("an array with a hole (`[a, , b]`)");
      continue;
    }
    items.push(read(element, problems));
  }
  return { kind: "array", items, at };
}

function readObject(node: ObjectExpression, at: Where, problems: ScriptProblem[]): Located {
  const entries = new Map<string, { keyAt: Where; value: Located }>();
  for (const member of node.properties) {
    const memberAt = startOf(member);
    const fail = (what: string) =>
      problems.push({ ...memberAt, message: `meta must be a pure literal, but this is ${what}. Write each key out as \`key: value\`.` });
    if (member.type === "SpreadElement") {
      fail("a spread (`...`)");
      continue;
    }
    const property = member as Property;
    if (property.computed) {
      fail("a computed key (`[key]: value`)");
      continue;
    }
    if (property.kind !== "init" || property.method) {
      fail(property.kind === "init" ? "a method" : `a ${property.kind}ter`);
      continue;
    }
    if (property.shorthand) {
      fail("a shorthand property (`{ x }` reads the variable x)");
      continue;
    }
    const key = keyName(property.key);
    if (key === null) {
      fail("a key that is not a name or a string");
      continue;
    }
    if (entries.has(key)) {
      problems.push({ ...memberAt, message: `meta has the key \`${key}\` twice; keep one.` });
      continue;
    }
    entries.set(key, { keyAt: memberAt, value: read(property.value, problems) });
  }
  return { kind: "object", entries, at };
}

function keyName(key: Node): string | null {
  if (key.type === "Identifier") return (key as Extract<Expression, { type: "Identifier" }>).name;
  if (key.type === "Literal") {
    const value = (key as Literal).value;
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
  }
  return null;
}
