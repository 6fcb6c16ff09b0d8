/** Listing the files of a run directory, for uploads and copies. */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { isPersistedFile } from "./store.ts";

/** Absolute paths of the files below `dir` (recursive), temp files excluded, sorted. */
export function listRunFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && isPersistedFile(relative(dir, full))) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}
