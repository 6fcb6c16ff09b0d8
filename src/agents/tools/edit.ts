/**
 * `edit`: replaces one exact, unique occurrence of `oldText` with `newText` in an existing file
 * (worktree agents only, rule A8/A9). Matching is exact: whitespace, indentation and line endings
 * count; no regex, no fuzzy matching.
 *
 * Errors say how to fix the call: no match (with a hint when the file uses CRLF line endings or
 * `oldText` carries read's line-number prefix), several matches (with their line numbers), an
 * empty `oldText`, `oldText` equal to `newText`, a missing file (use write), a binary file.
 */
import { readFile, writeFile } from "node:fs/promises";
import type { JsonObject } from "../../kernel/json.ts";
import { ToolError } from "./errors.ts";
import { guardPath } from "./path-guard.ts";
import { looksBinary } from "./text.ts";
import type { ToolSpec } from "./types.ts";

/** How many match positions an ambiguity error lists. */
const MAX_LISTED_MATCHES = 10;

export interface EditInput {
  path: string;
  oldText: string;
  newText: string;
}

const inputSchema: JsonObject = {
  type: "object",
  properties: {
    path: { type: "string", minLength: 1, description: "File to change, relative to the repository root." },
    oldText: { type: "string", minLength: 1, description: "Exact text to replace (without read's line numbers); must occur exactly once." },
    newText: { type: "string", description: "Replacement text (may be empty to delete)." },
  },
  required: ["path", "oldText", "newText"],
  additionalProperties: false,
};

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) line += 1;
  return line;
}

function findOccurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + needle.length)) found.push(index);
  return found;
}

function noMatchHint(content: string, oldText: string): string {
  if (content.includes("\r\n") && !oldText.includes("\r\n") && oldText.includes("\n")) {
    return " The file uses CRLF line endings; use \\r\\n in oldText.";
  }
  if (/^\s*\d+\t/m.test(oldText)) return " oldText seems to include read's line-number prefixes; leave them out.";
  return "";
}

export const editTool: ToolSpec<EditInput> = {
  name: "edit",
  description:
    "Replace one exact occurrence of oldText with newText in an existing file of your worktree. oldText must match " +
    "the file exactly (whitespace and indentation included, without read's line numbers) and occur exactly once; " +
    "include surrounding lines to make it unique. To create a file, use write.",
  inputSchema,
  async execute(input, context) {
    if (input.oldText === input.newText) throw new ToolError("oldText and newText are the same; there is nothing to change.");
    const target = await guardPath(context, input.path, "write");
    if (!target.exists) throw new ToolError(`No file at "${target.relative}". Use write to create a new file.`);
    const buffer = await readFile(target.absolute).catch((error: unknown) => {
      if (error instanceof Error && "code" in error && error.code === "EISDIR") {
        throw new ToolError(`"${target.relative}" is a directory; edit changes files.`);
      }
      throw error;
    });
    if (looksBinary(buffer)) throw new ToolError(`"${target.relative}" is a binary file; edit changes text files only.`);
    const content = buffer.toString("utf8");
    const occurrences = findOccurrences(content, input.oldText);
    if (occurrences.length === 0) {
      throw new ToolError(
        `oldText was not found in "${target.relative}". Read the file again and copy the exact text.${noMatchHint(content, input.oldText)}`,
      );
    }
    if (occurrences.length > 1) {
      const lines = occurrences.slice(0, MAX_LISTED_MATCHES).map((offset) => lineOf(content, offset));
      const more = occurrences.length > MAX_LISTED_MATCHES ? ", …" : "";
      throw new ToolError(
        `oldText occurs ${occurrences.length} times in "${target.relative}" (at lines ${lines.join(", ")}${more}); ` +
          `include more surrounding text so it matches exactly one place.`,
      );
    }
    const offset = occurrences[0] ?? 0;
    const updated = content.slice(0, offset) + input.newText + content.slice(offset + input.oldText.length);
    await writeFile(target.absolute, updated);
    const firstLine = lineOf(content, offset);
    const lastLine = firstLine + Math.max(0, input.newText.split("\n").length - 1);
    return `Edited ${target.relative}: replaced 1 occurrence; the new text is at lines ${firstLine}–${lastLine}.`;
  },
};
