/**
 * `--repo DIR` for every command (rule K3): the folder must exist and be a directory, so a typo
 * is an error instead of a fresh run directory (or a `.quorum/`) in a folder nobody meant. It may
 * be any folder inside a git repository; agents then see that folder, and only it.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "./usage-error.ts";

export const REPO_OPTION_HELP = "the repository (or a folder inside one) to work on; must exist";

/** The absolute folder `--repo` names, or a one-line error saying what is wrong with it. */
export function resolveRepoFlag(cwd: string, flag: string): string {
  if (flag.trim() === "") throw new UsageError("--repo is empty; pass the repository's folder, e.g. --repo . (the default).");
  const repo = resolve(cwd, flag);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(repo).isDirectory();
  } catch {
    throw new UsageError(`--repo ${flag}: no such folder (${repo}). Check the path; nothing was created.`);
  }
  if (!isDirectory) throw new UsageError(`--repo ${flag} is a file, not a folder (${repo}). Pass the repository's folder instead.`);
  return repo;
}
