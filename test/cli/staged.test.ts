import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { tempDir } from "../support/run-script.ts";

function captureIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) }, env: { PATH: process.env.PATH }, cwd, out: () => out, err: () => err };
}

const FIX = "diff --git a/src/app.js b/src/app.js\n--- a/src/app.js\n+++ b/src/app.js\n@@ -1 +1 @@\n-old\n+new\n";
const WORKFLOW = "diff --git a/.github/workflows/x.yml b/.github/workflows/x.yml\nnew file mode 100644\n--- /dev/null\n+++ b/.github/workflows/x.yml\n@@ -0,0 +1 @@\n+on: push\n";

// No agents: the findings are the script's own, so no model is needed.
const SCRIPT = `export const meta = { name: "fixer", description: "returns fixes" };
return { findings: [
  { title: "Use the new value", severity: "high", body: "Old is wrong.", patch: ${JSON.stringify(FIX)} },
  { title: "Add a workflow", severity: "low", body: "CI please.", patch: ${JSON.stringify(WORKFLOW)} },
  { title: "Just a note", severity: "info", body: "No patch." },
] };
`;

describe("P9 quorum run --staged", () => {
  it("P9 prints and writes staged.md: each pull request with title, branch, files and body excerpt, refusals and listed findings; nothing else changes", async () => {
    const repo = tempDir("quorum-staged-");
    writeFileSync(join(repo, "fixer.js"), SCRIPT);
    const io = captureIo(repo);
    const code = await main(["run", "fixer.js", "--repo", ".", "--staged"], io);
    expect(code, io.err()).toBe(0);
    const err = io.err();
    expect(err).toContain("## Staged: nothing was published (2 items would be)");
    expect(err).toContain("**Pull request** [quorum/fixer] Use the new value");
    expect(err).toMatch(/branch `quorum\/fixer\/[0-9a-f]{10}`/);
    expect(err).toContain("files: `src/app.js`");
    expect(err).toContain("> Old is wrong.");
    expect(err).toContain("**would be refused**: The patch touches protected paths (.github/workflows/x.yml: a GitHub Actions workflow (.github/workflows/))");
    expect(err).toContain("Just a note — would be listed (no patch)");
    const runId = /run (\S+): succeeded/.exec(err)?.[1] ?? "";
    expect(readFileSync(join(repo, ".quorum/runs", runId, "staged.md"), "utf8")).toContain("Use the new value");
    expect(JSON.parse(io.out()).findings).toHaveLength(3);
  });
});
