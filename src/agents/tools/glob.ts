/**
 * `glob`: files and directories matching a glob pattern (Node's `fs.promises.glob`: `*`, `**`,
 * `?`, `[abc]`, `{a,b}`), relative to the repository root, sorted, directories with a trailing
 * `/`. At most {@link MAX_GLOB_RESULTS} are shown and the rest counted (L5); counting stops at
 * {@link MAX_GLOB_COUNT} ("at least").
 *
 * Edge cases: `.git` is never entered; `node_modules` is skipped unless the pattern names it;
 * `*` and `**` do not match names starting with a dot unless the pattern spells the dot
 * (`.github/**`); symbolic links to directories are listed but not followed; absolute patterns and
 * `..` are refused (X1).
 */
import { glob, realpath } from "node:fs/promises";
import path from "node:path";
import type { JsonObject } from "../../kernel/json.ts";
import { revealHidden } from "../sanitize.ts";
import { ToolError } from "./errors.ts";
import { guardPath, isInside } from "./path-guard.ts";
import { plural } from "./text.ts";
import type { ToolSpec } from "./types.ts";

export const MAX_GLOB_RESULTS = 1000;
/** Matches are counted up to this many; beyond it the count is reported as "at least". */
export const MAX_GLOB_COUNT = 100_000;
const ALWAYS_SKIPPED = ".git";
const SKIPPED_UNLESS_NAMED = "node_modules";

export interface GlobInput {
  pattern: string;
  path?: string;
}

const inputSchema: JsonObject = {
  type: "object",
  properties: {
    pattern: { type: "string", minLength: 1, description: 'Glob pattern, e.g. "src/**/*.ts" or "**/package.json".' },
    path: { type: "string", description: "Directory to search from, relative to the repository root. Default: the root." },
  },
  required: ["pattern"],
  additionalProperties: false,
};

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A pattern can name a symlinked directory explicitly (`link/*`), and glob then lists the folder it
 * points to; results count only when the real path of their folder is inside the root (cached).
 */
function realParentCheck(realRoot: string): (parent: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (parent) => {
    let answer = known.get(parent);
    if (!answer) {
      answer = realpath(parent).then(
        (real) => isInside(real, realRoot),
        () => false,
      );
      known.set(parent, answer);
    }
    return answer;
  };
}

export const globTool: ToolSpec<GlobInput> = {
  name: "glob",
  description:
    "Find files by glob pattern (*, **, ?, [abc], {a,b}), e.g. \"**/*.test.ts\". Results are paths relative to the " +
    `repository root, sorted; directories end with '/'. Shows up to ${MAX_GLOB_RESULTS} results and says how many ` +
    "more matched. Skips .git, and node_modules unless the pattern names it; names starting with '.' match only " +
    "when the pattern spells the dot.",
  inputSchema,
  async execute(input, context, signal) {
    if (path.isAbsolute(input.pattern) || input.pattern.split(/[/\\{},]/).includes("..")) {
      throw new ToolError(
        `Refused pattern "${input.pattern}": patterns are relative to the search directory and may not use '..'. Use path to pick a directory.`,
      );
    }
    const base = await guardPath(context, input.path ?? ".", "list");
    if (!base.exists) throw new ToolError(`No directory at "${base.relative}". Use list to see what exists.`);
    const skipNodeModules = !input.pattern.includes(SKIPPED_UNLESS_NAMED);
    const exclude = (candidate: string): boolean => {
      const names = candidate.split(/[/\\]/);
      return names.includes(ALWAYS_SKIPPED) || (skipNodeModules && names.includes(SKIPPED_UNLESS_NAMED));
    };

    const insideRoot = realParentCheck(context.realRoot);
    const found: string[] = [];
    let countCapped = false;
    for await (const entry of glob(input.pattern, { cwd: base.absolute, withFileTypes: true, exclude: (dirent) => exclude(dirent.name) })) {
      if (signal.aborted) throw new ToolError("glob was cancelled.");
      const absolute = path.join(entry.parentPath, entry.name);
      if (!isInside(absolute, context.realRoot) || !(await insideRoot(entry.parentPath))) continue;
      const relative = path.relative(context.realRoot, absolute).split(path.sep).join("/");
      if (relative === "" || exclude(relative)) continue;
      found.push(entry.isDirectory() ? `${relative}/` : relative);
      if (found.length >= MAX_GLOB_COUNT) {
        countCapped = true;
        break;
      }
    }
    if (found.length === 0) return `No matches for "${input.pattern}" in ${base.relative}.`;
    found.sort(codeUnitOrder);
    const shown = found.slice(0, MAX_GLOB_RESULTS);
    const left = found.length - shown.length;
    // File names can hide characters (zero-width, bidi, tags) that make two names look alike (rule X1).
    const revealed = revealHidden(shown.join("\n"));
    const note = revealed.count > 0 ? [`note: ${revealed.count} invisible character(s) in names are shown as ⟦U+XXXX⟧.`] : [];
    if (left === 0) return [revealed.text, ...note].join("\n");
    const more = countCapped ? `at least ${left.toLocaleString("en-US")} more matches` : plural(left, "more match", "more matches");
    return [
      revealed.text,
      `… ${more} not shown (limit ${MAX_GLOB_RESULTS}, ${countCapped ? "at least " : ""}${plural(found.length, "match", "matches")} in all); narrow the pattern or path.`,
      ...note,
    ].join("\n");
  },
};
