/** Turning the absolute paths test reporters print into repository-relative ones. */
import path from "node:path";
import { fileURLToPath } from "node:url";

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
