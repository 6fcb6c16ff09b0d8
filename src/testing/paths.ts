/** Turning the absolute paths test reporters print into repository-relative ones. */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * `file` relative to `root` with forward slashes when it lies inside `root`; `file://` URLs are
 * converted first. Paths outside `root` (or on another drive) are returned unchanged.
 */
export function relativeToRoot(root: string, file: string): string {
  let absolute = file;
  if (absolute.startsWith("file://")) {
    try {
      absolute = fileURLToPath(absolute);
    } catch {
      return file;
    }
  }
  if (!path.isAbsolute(absolute)) return absolute.replace(/\\/g, "/");
  const relative = path.relative(root, absolute);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join("/");
}

/**
 * Splits `path:line:column` (as in node:test's `location` or a stack frame) into a location
 * relative to `root`; a string without a trailing line number becomes a path alone.
 */
export function parseLocation(root: string, text: string): { path: string; line?: number } {
  const match = /^(.*?):(\d+)(?::\d+)?$/.exec(text.trim());
  if (!match || match[1] === undefined || match[2] === undefined) return { path: relativeToRoot(root, text.trim()) };
  return { path: relativeToRoot(root, match[1]), line: Number(match[2]) };
}

/** The first non-empty line of a message, cut to `max` characters. */
export function firstLine(message: string, max = 300): string {
  const line = message.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Lines and characters kept of a failure block; what is cut is said at the end. */
export const MAX_MESSAGE_LINES = 40;
export const MAX_MESSAGE_CHARS = 2000;

/**
 * A multi-line failure message for the diagnoser: trailing blank lines dropped, absolute paths and
 * `file://` URLs inside `root` made repository-relative, and cut to {@link MAX_MESSAGE_LINES} lines
 * and {@link MAX_MESSAGE_CHARS} characters with the cut stated.
 */
export function failureBlock(root: string, text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trimEnd());
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const full = relativizePaths(root, lines.join("\n"));
  let shown = lines.length > MAX_MESSAGE_LINES ? relativizePaths(root, lines.slice(0, MAX_MESSAGE_LINES).join("\n")) : full;
  if (shown.length > MAX_MESSAGE_CHARS) shown = shown.slice(0, MAX_MESSAGE_CHARS);
  if (shown.length === full.length) return full;
  const moreLines = full.split("\n").length - shown.split("\n").length;
  return `${shown}\n… [cut: ${moreLines} more line(s), ${full.length - shown.length} more character(s) not shown]`;
}

/** `file:///root/x` and `/root/x` in `text` written as `x` (only when `root` is absolute). */
function relativizePaths(root: string, text: string): string {
  if (!path.isAbsolute(root)) return text;
  const base = root.replace(/[\\/]+$/, "");
  let out = text;
  for (const prefix of [`${pathToFileURL(base).href}/`, `${base}${path.sep}`, `${base}/`]) {
    out = out.split(prefix).join("");
  }
  return out;
}

/** True for a name that is a path to a script file (how node:test and TAP name a whole file). */
export function looksLikeScriptPath(name: string): boolean {
  if (/\s/.test(name) || !/\.[cm]?[jt]sx?$/i.test(name)) return false;
  return name.startsWith("file://") || name.includes("/") || name.includes("\\");
}

const STACK_FRAME = /\(?((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^\s()]*?):(\d+)(?::\d+)?\)?\s*$/;
const TEST_PATH = /(^|\/)(tests?|__tests__|specs?)\/|[._-](test|spec)\.[cm]?[jt]sx?$/i;

/**
 * The first stack frame of `stack` in a test file inside `root` (not node_modules), as a location;
 * undefined when no frame points into one. Frames in the code under test are skipped on purpose:
 * the result names the test's file.
 */
export function testFileFromStack(root: string, stack: string): TestFileLocation | undefined {
  for (const line of stack.split(/\r?\n/)) {
    const match = STACK_FRAME.exec(line.trim());
    if (!match?.[1] || !match[2]) continue;
    const relative = relativeToRoot(root, match[1]);
    if (path.isAbsolute(relative) || relative.startsWith("file://") || relative.includes("node_modules/")) continue;
    if (TEST_PATH.test(relative)) return { path: relative, line: Number(match[2]) };
  }
  return undefined;
}

interface TestFileLocation {
  path: string;
  line: number;
}
