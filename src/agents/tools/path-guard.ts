/**
 * The path guard every tool goes through (rule X1): a path the model names is resolved against the
 * checkout root, symlinks are followed and the real path checked, and a few places are off limits.
 *
 * Refused, with a message that says why:
 * - anything that resolves outside the root: absolute paths elsewhere, `..` escapes, symlinks (at
 *   any depth) whose real path leaves the root; for a file that does not exist yet, the real path of
 *   its deepest existing ancestor decides;
 * - anything under `/proc` (and `/sys`, `/dev`), even when the root itself would contain it;
 * - dangling symlinks and symlink loops (writing through one could create a file anywhere);
 * - `.git` internals, for every purpose: actions/checkout keeps the job token in `.git/config`,
 *   and writes there would change what git runs. Git history stays reachable through `run`;
 * - credential files (`.env`, `.env.*`, `*.env`, `.envrc`, `.npmrc`, `.netrc`, `.git-credentials`…,
 *   see ./secret-files.ts) for reading and writing; `list` and `glob` still show their names.
 *
 * Tools then touch `absolute` (the checked real path), never the text the model sent, so what was
 * checked is what is opened. A race with a process swapping a directory for a symlink between the
 * check and the open is not covered; only the agent's own tools change the tree, one call at a time.
 */
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { ToolError } from "./errors.ts";
import { isSecretFileName, secretFileRefusal } from "./secret-files.ts";

/** Pseudo filesystems that expose process memory, environment and devices. */
const FORBIDDEN_PREFIXES = ["/proc", "/sys", "/dev"] as const;
/** Directory names git uses for its internal data. */
const GIT_DIR_NAME = ".git";

export type PathPurpose = "read" | "write" | "list";

export interface GuardedPath {
  /** Real absolute path: symlinks resolved; for a new file, the real parent plus the new names. */
  absolute: string;
  /** Relative to the root with `/` separators; `.` for the root itself. For messages. */
  relative: string;
  /** False when the path (or part of it) does not exist yet. */
  exists: boolean;
}

export interface GuardRoots {
  root: string;
  realRoot: string;
}

/** A path the guard refuses; the message is meant for the model. */
export class PathRefusedError extends ToolError {
  override name = "PathRefusedError";
  constructor(message: string) {
    super(message, "path_refused");
  }
}

/** True when `child` is `parent` or inside it (both absolute, already normalised). */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * True for credential file names: dotenv files (`.env`, `.env.local`, `secrets.env`, `.envrc`) and
 * the others of ./secret-files.ts (`.npmrc`, `.netrc`, `.git-credentials`, …).
 */
export function isDotenvName(name: string): boolean {
  return isSecretFileName(name);
}

function isForbiddenSystemPath(absolute: string): boolean {
  return FORBIDDEN_PREFIXES.some((prefix) => absolute === prefix || absolute.startsWith(prefix + "/"));
}

function toRelative(realRoot: string, absolute: string): string {
  const relative = path.relative(realRoot, absolute);
  return relative === "" ? "." : relative.split(path.sep).join("/");
}

function hasErrorCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && "code" in error && codes.includes(String(error.code));
}

/**
 * The real path of `lexical`: realpath of its deepest existing ancestor plus the missing names.
 * Refuses dangling symlinks and loops on the way.
 */
async function resolveReal(lexical: string, shown: string): Promise<{ real: string; exists: boolean }> {
  const missing: string[] = [];
  let current = lexical;
  for (;;) {
    try {
      const real = await realpath(current);
      return { real: path.join(real, ...missing.reverse()), exists: missing.length === 0 };
    } catch (error) {
      if (hasErrorCode(error, "ELOOP")) {
        throw new PathRefusedError(`Refused "${shown}": it goes through a symbolic link loop.`);
      }
      if (!hasErrorCode(error, "ENOENT", "ENOTDIR")) throw error;
      const entry = await lstat(current).catch(() => undefined);
      if (entry?.isSymbolicLink()) {
        throw new PathRefusedError(
          `Refused "${shown}": it goes through a symbolic link whose target does not exist.`,
        );
      }
      const parent = path.dirname(current);
      if (parent === current) throw error;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

function checkNames(relative: string, shown: string, purpose: PathPurpose): void {
  const segments = relative.split("/");
  if (segments.includes(GIT_DIR_NAME)) {
    throw new PathRefusedError(
      `Refused "${shown}": .git holds git's internal data (and can hold credentials), so tools do not ` +
        `touch it. Use the run tool's read-only git commands (git log, git show, git diff) instead.`,
    );
  }
  const name = segments[segments.length - 1] ?? "";
  if (purpose !== "list" && isDotenvName(name)) throw new PathRefusedError(secretFileRefusal(shown));
}

/**
 * Resolves `input` (relative to the root, or absolute inside it) for `purpose`, or throws
 * {@link PathRefusedError}. An empty string means the root. Does not require the path to exist.
 */
export async function guardPath(roots: GuardRoots, input: string, purpose: PathPurpose): Promise<GuardedPath> {
  const shown = input;
  if (input.includes("\0")) throw new PathRefusedError(`Refused the path: it contains a NUL character.`);
  const lexical = path.isAbsolute(input) ? path.resolve(input) : path.resolve(roots.root, input || ".");
  if (isForbiddenSystemPath(lexical)) {
    throw new PathRefusedError(`Refused "${shown}": /proc, /sys and /dev are off limits to agent tools.`);
  }
  if (!isInside(lexical, roots.root) && !isInside(lexical, roots.realRoot)) {
    const how = path.isAbsolute(input) ? "it is an absolute path outside the checkout" : "it escapes the checkout with '..'";
    throw new PathRefusedError(
      `Refused "${shown}": ${how}. Tools see only the repository; use a path relative to its root, e.g. "src/index.ts".`,
    );
  }
  checkNames(toRelative(roots.root, lexical), shown, purpose);

  const { real, exists } = await resolveReal(lexical, shown);
  if (isForbiddenSystemPath(real)) {
    throw new PathRefusedError(`Refused "${shown}": it leads into /proc, /sys or /dev, which are off limits.`);
  }
  if (!isInside(real, roots.realRoot)) {
    throw new PathRefusedError(
      `Refused "${shown}": it goes through a symbolic link that leads outside the checkout. Tools see only the repository.`,
    );
  }
  const relative = toRelative(roots.realRoot, real);
  checkNames(relative, shown, purpose);
  return { absolute: real, relative, exists };
}
