/**
 * `list`: the entries of one directory, sorted by name, directories with a trailing `/`, symbolic
 * links as `name -> target`. `.git` is never shown (X1). At most {@link MAX_LIST_ENTRIES} entries;
 * the rest is counted in a closing line (L5).
 *
 * Edge cases: a file is an error pointing to `read`; a missing directory is an error pointing to
 * `glob`; an empty directory says so.
 */
import { readdir, readlink } from "node:fs/promises";
import path from "node:path";
import type { JsonObject } from "../../kernel/json.ts";
import { revealHidden } from "../sanitize.ts";
import { ToolError } from "./errors.ts";
import { guardPath } from "./path-guard.ts";
import { plural } from "./text.ts";
import type { ToolSpec } from "./types.ts";

export const MAX_LIST_ENTRIES = 1000;
/** Never shown by list. */
const HIDDEN_ENTRIES = new Set([".git"]);

export interface ListInput {
  path?: string;
}

const inputSchema: JsonObject = {
  type: "object",
  properties: {
    path: { type: "string", description: "Directory relative to the repository root. Default: the root." },
  },
  additionalProperties: false,
};

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const listTool: ToolSpec<ListInput> = {
  name: "list",
  description:
    "List one directory of the repository (not recursive): directories end with '/', symbolic links show " +
    `'name -> target'. Shows up to ${MAX_LIST_ENTRIES} entries and says how many were left out. ` +
    "Use glob to find files by pattern across directories.",
  inputSchema,
  async execute(input, context) {
    const target = await guardPath(context, input.path ?? ".", "list");
    const entries = await readdir(target.absolute, { withFileTypes: true }).catch((error: unknown) => {
      const code = error instanceof Error && "code" in error ? String(error.code) : "";
      if (code === "ENOTDIR") throw new ToolError(`"${target.relative}" is a file, not a directory; use read to see it.`);
      if (code === "ENOENT") throw new ToolError(`No directory at "${target.relative}". Use glob to find the right path.`);
      throw error;
    });
    const visible = entries.filter((entry) => !HIDDEN_ENTRIES.has(entry.name)).sort((a, b) => codeUnitOrder(a.name, b.name));
    if (visible.length === 0) return `(${target.relative} is empty)`;

    const shown = visible.slice(0, MAX_LIST_ENTRIES);
    const lines = await Promise.all(
      shown.map(async (entry) => {
        if (entry.isDirectory()) return `${entry.name}/`;
        if (entry.isSymbolicLink()) {
          const linkTarget = await readlink(path.join(target.absolute, entry.name)).catch(() => "?");
          return `${entry.name} -> ${linkTarget}`;
        }
        return entry.name;
      }),
    );
    const header = `${target.relative}/ (${plural(visible.length, "entry", "entries")})`;
    const left = visible.length - shown.length;
    const footer =
      left > 0
        ? [`… ${plural(left, "more entry", "more entries")} not shown (limit ${MAX_LIST_ENTRIES}); use glob with a pattern to narrow.`]
        : [];
    // File names can hide characters (zero-width, bidi, tags) that make two names look alike (rule X1).
    const revealed = revealHidden(lines.join("\n"));
    const note = revealed.count > 0 ? [`note: ${revealed.count} invisible character(s) in names are shown as ⟦U+XXXX⟧.`] : [];
    return [header, revealed.text, ...footer, ...note].join("\n");
  },
};
