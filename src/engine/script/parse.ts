/** Parses a workflow script with acorn and turns a syntax error into a located problem (rule S2). */
import { parse, type Program } from "acorn";
import type { ScriptProblem } from "./types.ts";
import { looksLikeTypeScript } from "./typescript.ts";

/** Options: the script is an ES module body that may also `await` and `return` at the top level. */
const PARSE_OPTIONS = {
  ecmaVersion: "latest",
  sourceType: "module",
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowHashBang: true,
  locations: true,
} as const;

export type ParseOutcome = { ok: true; program: Program } | { ok: false; problem: ScriptProblem };

interface AcornSyntaxError extends SyntaxError {
  pos: number;
  loc: { line: number; column: number };
}

/**
 * Parses `source`. A syntax error becomes one problem with its 1-based line and column; when the
 * failing code looks like TypeScript the message says so. A script nested so deeply that the
 * parser runs out of stack is reported at 1:1 instead of crashing.
 */
export function parseScript(source: string): ParseOutcome {
  try {
    return { ok: true, program: parse(source, PARSE_OPTIONS) };
  } catch (error) {
    if (isAcornError(error)) {
      const bare = error.message.replace(/\s*\(\d+:\d+\)$/, "");
      const where = { line: error.loc.line, column: error.loc.column + 1 };
      const message = looksLikeTypeScript(source, error.pos, error.message)
        ? `TypeScript syntax is not supported: workflow scripts are plain JavaScript (${bare}). Remove type annotations, interfaces, type aliases, casts and generics.`
        : `JavaScript syntax error: ${bare}.`;
      return { ok: false, problem: { message, ...where } };
    }
    if (error instanceof RangeError) {
      return {
        ok: false,
        problem: { message: "the script is nested too deeply to parse; flatten deeply nested expressions or literals.", line: 1, column: 1 },
      };
    }
    throw error;
  }
}

function isAcornError(error: unknown): error is AcornSyntaxError {
  return error instanceof SyntaxError && typeof (error as Partial<AcornSyntaxError>).pos === "number" && typeof (error as Partial<AcornSyntaxError>).loc === "object";
}
