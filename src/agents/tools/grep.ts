/**
 * `grep`: lines matching a JavaScript regular expression, as `path:line: text`, in path order.
 *
 * Fast on large repositories: the file list is walked with concurrency, then searched by
 * `grep-search.ts` (many files in flight, a whole-file pre-test, an early stop at `maxResults`,
 * deterministic output in path order). The bench helper `grep-bench.ts` times it on 20,000 files.
 *
 * Skipped (and counted in the output, L5): binary files (NUL in the first 8000 bytes), files over
 * {@link MAX_GREP_FILE_BYTES}. Skipped silently by policy: `.git`, `node_modules`, `.hg`, `.svn`
 * below the search directory, dotenv files (X1), symbolic links to directories.
 *
 * Edge cases: an invalid regex is an error quoting the engine's message; the whole-file pre-test
 * uses the `m` flag, so `^` and `$` mean line start and end as in the per-line test; a pattern
 * that only matches across lines finds nothing (matching is per line); long lines are clipped to
 * {@link MAX_MATCH_LINE_CHARS} characters; invisible characters in shown lines appear as
 * `⟦U+XXXX⟧`. The regex runs in a worker thread with a deadline (rule X9, ./regex-worker.ts): a
 * pathological regex (catastrophic backtracking) is stopped after {@link DEFAULT_REGEX_DEADLINE_MS}
 * and the call fails saying so, while every other agent keeps running.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import type { JsonObject } from "../../kernel/json.ts";
import { revealHidden } from "../sanitize.ts";
import { ToolError } from "./errors.ts";
import { searchFiles, type SearchSummary } from "./grep-search.ts";
import { DEFAULT_REGEX_DEADLINE_MS, RegexMatcher } from "./regex-worker.ts";
import { guardPath, isDotenvName } from "./path-guard.ts";
import { secretFileRefusal } from "./secret-files.ts";
import { clipLine, formatBytes, plural } from "./text.ts";
import type { ToolContext, ToolSpec } from "./types.ts";
import { walkFiles } from "./walk.ts";
import { errorMessage } from "../../kernel/errors.ts";

export const DEFAULT_GREP_RESULTS = 200;
export const MAX_GREP_RESULTS = 2000;
/** Files larger than this are skipped (and counted). */
export const MAX_GREP_FILE_BYTES = 1024 * 1024;
/** Files listed at most per search; beyond it the search says it stopped listing. */
export const MAX_GREP_FILES = 200_000;
export const MAX_MATCH_LINE_CHARS = 300;
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([".git", "node_modules", ".hg", ".svn"]);

export interface GrepInput {
  pattern: string;
  path?: string;
  glob?: string;
  ignoreCase?: boolean;
  maxResults?: number;
}

const inputSchema: JsonObject = {
  type: "object",
  properties: {
    pattern: { type: "string", minLength: 1, maxLength: 2000, description: "JavaScript regular expression, matched per line." },
    path: { type: "string", description: "File or directory to search, relative to the repository root. Default: the root." },
    glob: {
      type: "string",
      description: 'Only files matching this glob, e.g. "*.ts" (no slash: matches the file name) or "src/**/*.ts" (relative to path).',
    },
    ignoreCase: { type: "boolean", description: "Case-insensitive match. Default false." },
    maxResults: {
      type: "integer",
      minimum: 1,
      maximum: MAX_GREP_RESULTS,
      description: `Stop after this many matching lines. Default ${DEFAULT_GREP_RESULTS}.`,
    },
  },
  required: ["pattern"],
  additionalProperties: false,
};

function compilePattern(pattern: string, ignoreCase: boolean): RegExp {
  try {
    return new RegExp(pattern, ignoreCase ? "mi" : "m");
  } catch (error) {
    const reason = errorMessage(error);
    throw new ToolError(`Invalid regular expression: ${reason}. Use JavaScript regex syntax; escape ( ) [ ] { } . * + ? | \\ to match them literally.`);
  }
}

function globFilter(glob: string | undefined, base: string): (absolute: string) => boolean {
  if (glob === undefined || glob === "") return () => true;
  const byName = !glob.includes("/");
  return (absolute) => {
    const candidate = byName ? path.basename(absolute) : path.relative(base, absolute).split(path.sep).join("/");
    return path.matchesGlob(candidate, glob);
  };
}

async function listCandidates(
  input: GrepInput,
  context: ToolContext,
  signal: AbortSignal,
): Promise<{ files: string[]; listingTruncated: boolean; shownBase: string }> {
  const base = await guardPath(context, input.path ?? ".", "list");
  const info = await stat(base.absolute).catch(() => undefined);
  if (!info) throw new ToolError(`No file or directory at "${base.relative}". Use list or glob to find the right path.`);
  if (info.isFile()) {
    if (isDotenvName(path.basename(base.absolute))) {
      throw new ToolError(secretFileRefusal(base.relative));
    }
    return { files: [base.absolute], listingTruncated: false, shownBase: base.relative };
  }
  const walked = await walkFiles(base.absolute, {
    realRoot: context.realRoot,
    skipDirectories: SKIPPED_DIRECTORIES,
    maxFiles: MAX_GREP_FILES,
    signal,
  });
  const keep = globFilter(input.glob, base.absolute);
  return { files: walked.files.filter(keep), listingTruncated: walked.truncated, shownBase: base.relative };
}

/** The closing lines that state every cut and skip (L5). */
function describeCuts(summary: SearchSummary, fileCount: number, maxResults: number, listingTruncated: boolean): string[] {
  const notes: string[] = [];
  const hidden = summary.found - summary.shown.length;
  if (hidden > 0 || summary.notSearched > 0) {
    const matches = hidden > 0 ? `at least ${plural(hidden, "more match", "more matches")} not shown` : "more matches may exist";
    const files = summary.notSearched > 0 ? `, and ${plural(summary.notSearched, "file")} of ${fileCount.toLocaleString("en-US")} were not searched` : "";
    notes.push(`… stopped at maxResults=${maxResults}: ${matches}${files}. Narrow the pattern, path or glob, or raise maxResults (up to ${MAX_GREP_RESULTS}).`);
  }
  const skipped: string[] = [];
  if (summary.binary > 0) skipped.push(plural(summary.binary, "binary file"));
  if (summary.large > 0) skipped.push(`${plural(summary.large, "file")} over ${formatBytes(MAX_GREP_FILE_BYTES)}`);
  if (summary.unreadable > 0) skipped.push(plural(summary.unreadable, "unreadable file"));
  if (skipped.length > 0) notes.push(`(skipped ${skipped.join(", ")})`);
  if (listingTruncated) {
    notes.push(`… listing stopped at ${MAX_GREP_FILES.toLocaleString("en-US")} files; files after those were not searched. Narrow path or glob.`);
  }
  return notes;
}

export const grepTool: ToolSpec<GrepInput> = {
  name: "grep",
  description:
    "Search file contents with a JavaScript regular expression, line by line. Output: one 'path:line: text' per " +
    `matching line, in path order, at most maxResults (default ${DEFAULT_GREP_RESULTS}, up to ${MAX_GREP_RESULTS}); ` +
    "it says when it stopped early and how many files were not searched. Skips .git, node_modules, binary files, " +
    `files over ${formatBytes(MAX_GREP_FILE_BYTES)} and dotenv files. Narrow with path and glob (e.g. glob "*.py").`,
  inputSchema,
  async execute(input, context, signal) {
    const regex = compilePattern(input.pattern, input.ignoreCase ?? false);
    const maxResults = input.maxResults ?? DEFAULT_GREP_RESULTS;
    const { files, listingTruncated, shownBase } = await listCandidates(input, context, signal);
    const matcher = new RegexMatcher(regex, DEFAULT_REGEX_DEADLINE_MS, signal);
    let summary: SearchSummary;
    try {
      summary = await searchFiles(files, matcher, { maxResults, maxFileBytes: MAX_GREP_FILE_BYTES, signal });
    } finally {
      await matcher.close();
    }
    if (signal.aborted) throw new ToolError("grep was cancelled.");

    const notes = describeCuts(summary, files.length, maxResults, listingTruncated);
    if (summary.shown.length === 0) {
      return [`No matches for /${input.pattern}/ in ${plural(summary.searched, "file")} under ${shownBase}.`, ...notes].join("\n");
    }
    const lines = summary.shown.map(({ file, match }) => {
      const shownPath = path.relative(context.realRoot, file).split(path.sep).join("/");
      return `${shownPath}:${match.line}: ${clipLine(match.text, MAX_MATCH_LINE_CHARS)}`;
    });
    const revealed = revealHidden(lines.join("\n"));
    if (revealed.count > 0) notes.push(`note: ${revealed.count} invisible character(s) are shown as ⟦U+XXXX⟧.`);
    return [revealed.text, ...notes].join("\n");
  },
};
