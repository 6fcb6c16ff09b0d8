/**
 * Turns a validated script into the body the sandbox runs, keeping every line and column of the
 * user's file: the `export` of `export const meta` becomes spaces (so `const meta` stays in scope
 * for the script) and a leading `#!` line becomes spaces.
 */
import type { ExportNamedDeclaration } from "acorn";

export function executableBody(source: string, metaExport: ExportNamedDeclaration | null): string {
  let body = source;
  if (metaExport?.declaration) body = blank(body, metaExport.start, metaExport.declaration.start);
  if (body.startsWith("#!")) {
    const end = body.indexOf("\n");
    body = blank(body, 0, end === -1 ? body.length : end);
  }
  return body;
}

/** Replaces `[start, end)` with spaces, keeping line breaks so positions do not move. */
function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r\n\u2028\u2029]/g, " ") + text.slice(end);
}
