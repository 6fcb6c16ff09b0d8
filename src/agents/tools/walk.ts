/**
 * Lists the files under a directory for grep: several directories read at once,
 * result sorted by path so callers are deterministic.
 *
 * Skipped: directories named in `skipDirectories` (below the start directory only, so an explicit
 * `node_modules/foo` start still works), `.git` files, dotenv files (X1), symbolic links to
 * directories (no loops, no escapes), and symbolic links to files whose real path leaves the root
 * or is a dotenv file. Stops listing at `maxFiles` and says so.
 */
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { isDotenvName, isInside } from "./path-guard.ts";

/** Directories read at the same time. */
const DIRECTORY_CONCURRENCY = 16;

export interface WalkOptions {
  realRoot: string;
  skipDirectories: ReadonlySet<string>;
  maxFiles: number;
  signal: AbortSignal;
}

export interface WalkResult {
  /** Absolute real paths, sorted. */
  files: string[];
  /** True when listing stopped at `maxFiles`. */
  truncated: boolean;
}

async function followFileLink(absolute: string, realRoot: string): Promise<string | undefined> {
  try {
    const real = await realpath(absolute);
    if (!isInside(real, realRoot) || isDotenvName(path.basename(real))) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Runs at most `limit` of the given jobs at once. */
function createLimiter(limit: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (job) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await job();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

export async function walkFiles(start: string, options: WalkOptions): Promise<WalkResult> {
  const files: string[] = [];
  const limit = createLimiter(DIRECTORY_CONCURRENCY);
  let truncated = false;

  async function visit(directory: string): Promise<void> {
    if (options.signal.aborted || files.length >= options.maxFiles) {
      truncated ||= files.length >= options.maxFiles;
      return;
    }
    const entries = await limit(() => readdir(directory, { withFileTypes: true })).catch(() => []);
    const children: Promise<void>[] = [];
    for (const entry of entries) {
      const absolute = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!options.skipDirectories.has(entry.name)) children.push(visit(absolute));
      } else if (entry.isFile()) {
        if (entry.name !== ".git" && !isDotenvName(entry.name)) files.push(absolute);
      } else if (entry.isSymbolicLink()) {
        const real = await followFileLink(absolute, options.realRoot);
        if (real !== undefined) files.push(real);
      }
    }
    await Promise.all(children);
  }

  await visit(start);
  if (files.length > options.maxFiles) {
    truncated = true;
    files.length = options.maxFiles;
  }
  const unique = [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files: unique, truncated };
}
