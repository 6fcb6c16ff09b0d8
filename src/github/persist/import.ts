/**
 * Taking a saved run back from a {@link RunStore} (rule X10): the store extracts the copy into a
 * fresh staging folder, and only the files a run directory is made of are copied from there into a
 * run directory created exclusively — by name from an allowlist (no path separators, no `..`),
 * regular files only (a symlink or folder of an allowed name is refused), each within a size cap.
 * Anything else in the copy (patches/, stray files) is left behind and named in `skipped`.
 *
 * Edge cases:
 * - Files are opened with `O_NOFOLLOW` and written with `O_EXCL`: a symlink swapped in after the
 *   listing is refused, and nothing is written through an existing entry.
 * - The staging folder is removed whatever happens.
 * - A copy without `run.json` is not a run: the run directory is not created and the restore
 *   counts as "nothing saved".
 */
import { closeSync, constants, fstatSync, lstatSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRunDirectoryExclusively, isRunId } from "../../engine/rundir.ts";
import type { RestoreOptions, RunStore } from "./store.ts";
import type { QuorumErrorOptions } from "../../kernel/errors.ts";
import { QuorumGitHubError } from "../errors.ts";

const MB = 1024 * 1024;

/** The files of a run directory taken back from a saved copy, with the largest size each may have. */
export const RUN_FILE_CAPS: Readonly<Record<string, number>> = Object.freeze({
  "run.json": 1 * MB,
  "script.js": 1 * MB,
  "args.json": 1 * MB,
  "journal.jsonl": 256 * MB,
  "events.jsonl": 256 * MB,
  "result.json": 32 * MB,
  "findings.json": 32 * MB,
  "report.md": 8 * MB,
  "published.json": 8 * MB,
});

export class RunImportError extends QuorumGitHubError {
  constructor(message: string, options?: QuorumErrorOptions) {
    super("run_import", message, options);
  }
}

export interface ImportedRun {
  /** The run directory created. */
  dir: string;
  /** Entries of the saved copy that were not taken (not a run file, not a regular file). */
  skipped: string[];
}

function readCapped(path: string, cap: number, name: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    throw new RunImportError(`The saved ${name} cannot be opened as a regular file (${(error as NodeJS.ErrnoException).code ?? String(error)}); refusing the copy.`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new RunImportError(`The saved ${name} is not a regular file; refusing the copy.`);
    if (stat.size > cap) throw new RunImportError(`The saved ${name} is ${stat.size} bytes, more than the ${cap} a run keeps; refusing the copy.`);
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies the run files of the saved copy in `source` into `<runsDir>/<runId>`, created exclusively.
 * Returns null when the copy has no `run.json`. Throws {@link RunImportError} on an allowed name
 * that is not a regular file or is too large, and RunDirectoryError when the run directory exists.
 */
export function importRunFiles(source: string, runsDir: string, runId: string): ImportedRun | null {
  const entries = readdirSync(source, { withFileTypes: true });
  const skipped: string[] = [];
  const taken: { name: string; bytes: Buffer }[] = [];
  for (const entry of entries) {
    const name = entry.name;
    const cap = Object.hasOwn(RUN_FILE_CAPS, name) ? RUN_FILE_CAPS[name] : undefined;
    if (cap === undefined) {
      skipped.push(name);
      continue;
    }
    if (lstatSync(join(source, name)).isSymbolicLink() || !entry.isFile()) {
      throw new RunImportError(`The saved ${name} is not a regular file (a symlink or a folder); refusing the copy.`);
    }
    taken.push({ name, bytes: readCapped(join(source, name), cap, name) });
  }
  if (!taken.some((file) => file.name === "run.json")) return null;
  const dir = createRunDirectoryExclusively(runsDir, runId);
  for (const file of taken) writeFileSync(join(dir, file.name), file.bytes, { flag: "wx", mode: 0o600 });
  return { dir, skipped: skipped.sort() };
}

/**
 * Restores the saved copy of `runId` from `store` into `<runsDir>/<runId>` through a fresh staging
 * folder beside `runsDir` ({@link importRunFiles}). Returns null when nothing was saved.
 */
export async function restoreRun(store: RunStore, runId: string, runsDir: string, options: RestoreOptions = {}): Promise<ImportedRun | null> {
  if (!isRunId(runId)) throw new RunImportError(`"${runId}" is not a run id (letters, digits, ".", "_" and "-" only).`);
  const staging = mkdtempSync(join(dirname(runsDir), "quorum-restore-"));
  try {
    if (!(await store.restore(runId, staging, options))) return null;
    return importRunFiles(staging, runsDir, runId);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
