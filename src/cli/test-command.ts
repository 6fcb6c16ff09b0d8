/**
 * The repository's test command for a local run: `--test-command`, else `npm test` when the
 * repository's package.json defines a test script, else none. It is what agents' `run` tool and
 * `runTests()` may run (rule X2: default allowlist = the test command + read-only git).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function detectTestCommand(repo: string, flag: string | undefined): string | undefined {
  if (flag !== undefined && flag.trim() !== "") return flag.trim();
  const manifest = join(repo, "package.json");
  if (!existsSync(manifest)) return undefined;
  try {
    const scripts = (JSON.parse(readFileSync(manifest, "utf8")) as { scripts?: Record<string, unknown> }).scripts;
    return typeof scripts?.test === "string" && !/no test specified/.test(scripts.test) ? "npm test" : undefined;
  } catch {
    return undefined;
  }
}
