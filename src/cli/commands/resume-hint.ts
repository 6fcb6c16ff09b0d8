/** The `quorum resume …` line to print: it works when pasted in the same shell (rule K3). */
import { resolve } from "node:path";
import type { CliIo } from "../io.ts";

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `quorum resume <id>`, with `--repo <dir>` when the run's folder is not the current directory. */
export function resumeHint(io: CliIo, repoFlag: string, runId: string): string {
  const repo = resolve(io.cwd, repoFlag);
  return resolve(io.cwd) === repo ? `quorum resume ${runId}` : `quorum resume ${runId} --repo ${shellWord(repoFlag)}`;
}
