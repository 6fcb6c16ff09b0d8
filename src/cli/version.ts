/** The version `quorum --version` prints: the package's own (rule K2). */
import { readFileSync } from "node:fs";

export function cliVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
    return `quorum ${manifest.version ?? "(unknown version)"}`;
  } catch {
    return "quorum (unknown version)";
  }
}
