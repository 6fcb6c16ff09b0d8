/**
 * `read`: a text file with line numbers, optionally a line range. Output is capped (L5) at
 * {@link MAX_READ_LINES} lines and {@link MAX_READ_BYTES}, and the cut is stated with the
 * `startLine` to continue from. Lines longer than {@link MAX_LINE_CHARS} are clipped, stated.
 * Invisible characters are shown as `⟦U+XXXX⟧` (X3) and counted in a note.
 *
 * Edge cases: a directory, a binary file (NUL in the first 8000 bytes) or a file over
 * {@link MAX_FILE_BYTES} is an error that says which tool to use instead; an empty file says so;
 * a `startLine` past the end is an error naming the line count; an `endLine` past the end is
 * clamped. A leading byte order mark is dropped; `\r\n` is shown as a line break.
 */
import { open } from "node:fs/promises";
import type { JsonObject } from "../../kernel/json.ts";
import { revealHidden } from "../sanitize.ts";
import { ToolError } from "./errors.ts";
import { guardPath } from "./path-guard.ts";
import { clipLine, formatBytes, looksBinary, splitLines } from "./text.ts";
import type { ToolSpec } from "./types.ts";

export const MAX_READ_LINES = 2000;
export const MAX_READ_BYTES = 256 * 1024;
export const MAX_LINE_CHARS = 2000;
/** Files larger than this are not read at all (use grep to find the lines you need). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface ReadInput {
  path: string;
  startLine?: number;
  endLine?: number;
}

const inputSchema: JsonObject = {
  type: "object",
  properties: {
    path: { type: "string", minLength: 1, description: "File path relative to the repository root." },
    startLine: { type: "integer", minimum: 1, description: "First line to show (1-based). Default 1." },
    endLine: { type: "integer", minimum: 1, description: "Last line to show (inclusive). Default: end of file." },
  },
  required: ["path"],
  additionalProperties: false,
};

async function readFileChecked(absolute: string, shown: string): Promise<Buffer> {
  const handle = await open(absolute, "r").catch((error: unknown) => {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") {
      throw new ToolError(`No file at "${shown}". Use list or glob to find the right path.`);
    }
    throw error;
  });
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new ToolError(`"${shown}" is a directory; use list to see what it contains.`);
    if (stats.size > MAX_FILE_BYTES) {
      throw new ToolError(
        `"${shown}" is ${formatBytes(stats.size)}, over the ${formatBytes(MAX_FILE_BYTES)} read limit. Use grep to find the lines you need.`,
      );
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Formats lines `[first, last]` (1-based) with numbers, within the line and byte caps. */
function renderLines(lines: readonly string[], first: number, last: number): { text: string; shownLast: number } {
  const width = String(last).length;
  const out: string[] = [];
  let bytes = 0;
  let shownLast = first - 1;
  for (let lineNumber = first; lineNumber <= last && lineNumber - first < MAX_READ_LINES; lineNumber += 1) {
    const rendered = `${String(lineNumber).padStart(width)}\t${clipLine(lines[lineNumber - 1] ?? "", MAX_LINE_CHARS)}`;
    bytes += Buffer.byteLength(rendered) + 1;
    if (bytes > MAX_READ_BYTES && out.length > 0) break;
    out.push(rendered);
    shownLast = lineNumber;
  }
  return { text: out.join("\n"), shownLast };
}

export const readTool: ToolSpec<ReadInput> = {
  name: "read",
  description:
    "Read a text file of the repository, with line numbers (number, tab, text). Shows up to " +
    `${MAX_READ_LINES} lines or ${formatBytes(MAX_READ_BYTES)} per call; when the output is cut it says so and ` +
    "gives the startLine to continue from. Use startLine/endLine to read a part of a large file. " +
    "Paths are relative to the repository root. Binary files, .git internals and dotenv files cannot be read. " +
    "Invisible Unicode characters are shown as ⟦U+XXXX⟧.",
  inputSchema,
  async execute(input, context) {
    const target = await guardPath(context, input.path, "read");
    const buffer = await readFileChecked(target.absolute, target.relative);
    if (looksBinary(buffer)) {
      throw new ToolError(`"${target.relative}" is a binary file (${formatBytes(buffer.length)}); read shows text files only.`);
    }
    const lines = splitLines(buffer.toString("utf8").replace(/^\uFEFF/, ""));
    if (lines.length === 0) return `(${target.relative} is empty)`;

    const first = input.startLine ?? 1;
    const requestedLast = Math.min(input.endLine ?? lines.length, lines.length);
    if (first > lines.length) {
      throw new ToolError(`"${target.relative}" has ${lines.length} lines; startLine=${first} is past the end.`);
    }
    if (requestedLast < first) {
      throw new ToolError(`endLine (${input.endLine}) is before startLine (${first}); ask for a range with endLine >= startLine.`);
    }
    const { text, shownLast } = renderLines(lines, first, requestedLast);
    const revealed = revealHidden(text);
    const notes: string[] = [];
    if (shownLast < requestedLast) {
      const cause = shownLast - first + 1 >= MAX_READ_LINES ? "" : ` at ${formatBytes(MAX_READ_BYTES)}`;
      notes.push(
        `… truncated${cause}: showing lines ${first}–${shownLast} of ${lines.length}; ask for startLine=${shownLast + 1} to continue.`,
      );
    } else if (first > 1 || shownLast < lines.length) {
      notes.push(`(showing lines ${first}–${shownLast} of ${lines.length})`);
    }
    if (revealed.count > 0) {
      notes.push(`note: ${revealed.count} invisible character(s) are shown as ⟦U+XXXX⟧; they are not visible in editors or on GitHub.`);
    }
    return [revealed.text, ...notes].join("\n");
  },
};
