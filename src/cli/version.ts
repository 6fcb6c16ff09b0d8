/** The version `quorum --version` prints: the package's own (rule K2). */
import { readFileSync } from "node:fs";

/** Looks for the package's manifest in the folders above this module (sources or the bundle in dist/). */
export function cliVersion(): string {
  for (const up of ["../../package.json", "../../../package.json", "../package.json"]) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (manifest.name === "quorum-workflows" && typeof manifest.version === "string") return `quorum ${manifest.version}`;
    } catch {
      // not here
    }
  }
  return "quorum (unknown version)";
}
