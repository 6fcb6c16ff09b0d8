import { describe, expect, it } from "vitest";
import path from "node:path";
import { MAX_GREP_FILE_BYTES } from "../../../src/agents/tools/grep.ts";
import { benchGrep } from "../../../src/agents/tools/grep-bench.ts";
import { useTempDirs } from "../../support/repo-fixtures.ts";
import { toolsFor } from "./helpers.ts";

const temp = useTempDirs();

describe("grep", () => {
  it("A9 grep prints path:line: text in path order", async () => {
    const root = await temp.dir({
      "src/b.ts": "const x = 1;\nexport function handler() {}\n",
      "src/a.ts": "// handler here\n",
      "lib/c.js": "function Handler() {}\n",
      "node_modules/dep/handler.js": "handler\n",
    });
    const { call } = toolsFor(root);
    expect((await call("grep", { pattern: "handler" })).content).toBe("src/a.ts:1: // handler here\nsrc/b.ts:2: export function handler() {}");
    expect((await call("grep", { pattern: "^function", ignoreCase: true, glob: "*.js" })).content).toBe("lib/c.js:1: function Handler() {}");
    expect((await call("grep", { pattern: "handler", path: "src/b.ts" })).content).toBe("src/b.ts:2: export function handler() {}");
    expect((await call("grep", { pattern: "handler", glob: "src/*.ts", path: "." })).content).toMatch(/^src\/a\.ts:1/);
    expect((await call("grep", { pattern: "handler", path: "node_modules" })).content).toBe("node_modules/dep/handler.js:1: handler");
  });

  it("A9 grep reports an invalid regex and no matches clearly", async () => {
    const root = await temp.dir({ "a.txt": "abc\n" });
    const { call } = toolsFor(root);
    const invalid = await call("grep", { pattern: "(unclosed" });
    expect(invalid.isError).toBe(true);
    expect(invalid.content).toMatch(/Invalid regular expression/);
    expect((await call("grep", { pattern: "zzz" })).content).toBe("No matches for /zzz/ in 1 file under ..");
  });

  it("L5 grep stops at maxResults and says more matches exist and how many files were not searched", async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 300; index += 1) files[`f/${String(index).padStart(4, "0")}.txt`] = "needle one\nneedle two\n";
    const root = await temp.dir(files);
    const { call } = toolsFor(root);
    const result = await call("grep", { pattern: "needle", maxResults: 5 });
    const lines = result.content.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "f/0000.txt:1: needle one",
      "f/0000.txt:2: needle two",
      "f/0001.txt:1: needle one",
      "f/0001.txt:2: needle two",
      "f/0002.txt:1: needle one",
    ]);
    expect(lines[5]).toMatch(/^… stopped at maxResults=5: at least 1 more match not shown, and 297 files of 300 were not searched\./);
    // Deterministic: the same call gives the same answer.
    expect((await call("grep", { pattern: "needle", maxResults: 5 })).content).toBe(result.content);
  });

  it("L5 grep counts the binary and oversized files it skipped", async () => {
    const root = await temp.dir({
      "bin.dat": new Uint8Array([110, 101, 101, 100, 108, 101, 0, 1]),
      "huge.txt": "needle\n".repeat(Math.ceil((MAX_GREP_FILE_BYTES + 10) / 7)),
      "ok.txt": "needle\n",
    });
    const { call } = toolsFor(root);
    expect((await call("grep", { pattern: "needle" })).content).toBe("ok.txt:1: needle\n(skipped 1 binary file, 1 file over 1 MiB)");
  });

  it("L5 grep clips very long matching lines and states it", async () => {
    const root = await temp.dir({ "min.js": `${"a".repeat(400)}needle${"b".repeat(400)}\n` });
    const { call } = toolsFor(root);
    expect((await call("grep", { pattern: "needle" })).content).toMatch(/^min\.js:1: a{300}… \[506 more characters\]$/);
  });

  it("A9 benchGrep generates a tree and times grep through the real toolbox (smoke run, not a timing test)", async () => {
    const root = path.join(await temp.dir(), "bench");
    const report = await benchGrep(root, { files: 300 });
    expect(report.files).toBe(300);
    expect(report.cases.map((benchCase) => benchCase.name)).toEqual([
      "rare literal, full scan",
      "common word, stops at 200",
      "regex -i, glob *.js",
    ]);
    expect(report.cases[0]?.resultLines).toBe(1);
    expect(report.cases[1]?.resultLines).toBe(200);
  });
});
