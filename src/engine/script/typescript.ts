/**
 * Recognises TypeScript in a script that failed to parse as JavaScript (rule S2), so the error can
 * say "TypeScript syntax is not supported" instead of a bare "Unexpected token".
 *
 * It only looks at the place where the JavaScript parser stopped (the token there and the text of
 * its line before it), so a genuine JavaScript typo elsewhere is not mistaken for TypeScript.
 * Edge cases: `agent<Finding>(x)` parses as valid JavaScript (two comparisons) and is not caught
 * here; it fails at run time instead.
 */

const RESERVED_TS_KEYWORD = /keyword '(interface|enum|implements|private|public|protected)' is reserved/;
const TS_LINE_START = /^\s*(export\s+)?(declare|abstract|type|interface|enum|namespace)\s+[\w${]/;
const MODIFIER_BEFORE = /\b(private|public|protected|readonly|declare|abstract|override)\s+$/;
const ENDS_WITH_OPERAND = /[\w$)\]]\s*$/;
const ENDS_WITH_ANNOTATABLE = /[\w$)\]?]\s*$/;
const OPTIONAL_MARK = /^\?\s*[:),]/;
const CAST_OR_CLAUSE = /^(as|satisfies|implements)\b/;
const NON_NULL_FOLLOWER = /^!(\s|$|[.)\],;[])/;
const GENERIC_DECLARATION_BEFORE = /\b(function\s*\*?\s*[\w$]*|class\s+[\w$]+)\s*$/;
const GENERIC_CALL = /[\w$]\s*<\s*[\w$[\]|,\s<>]+>\s*\(/;

/**
 * Whether the parse error at `pos` (with acorn's `message`) looks like TypeScript syntax.
 * @param source the whole script
 * @param pos offset where the parser reported the error
 */
export function looksLikeTypeScript(source: string, pos: number, message: string): boolean {
  if (RESERVED_TS_KEYWORD.test(message)) return true;
  const lineStart = source.lastIndexOf("\n", pos - 1) + 1;
  const lineEndIndex = source.indexOf("\n", pos);
  const lineEnd = lineEndIndex === -1 ? source.length : lineEndIndex;
  const before = source.slice(lineStart, pos);
  const at = source.slice(pos, lineEnd);
  const line = source.slice(lineStart, lineEnd);

  if (at.startsWith(":") && ENDS_WITH_ANNOTATABLE.test(before)) return true; // x: string, (a): T, b?: U
  if (OPTIONAL_MARK.test(at) && ENDS_WITH_OPERAND.test(before)) return true; // function f(a?: T)
  if (NON_NULL_FOLLOWER.test(at) && ENDS_WITH_OPERAND.test(before)) return true; // value!.prop
  if (CAST_OR_CLAUSE.test(at)) return true; // x as T, y satisfies U, class A implements B
  if (at.startsWith("<") && GENERIC_DECLARATION_BEFORE.test(before)) return true; // function f<T>()
  if (MODIFIER_BEFORE.test(before)) return true; // class A { private x }
  if (TS_LINE_START.test(line)) return true; // interface, type X =, enum, declare …
  if (GENERIC_CALL.test(line)) return true; // new Map<string, number>()
  return false;
}
