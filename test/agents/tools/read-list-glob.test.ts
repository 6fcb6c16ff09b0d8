import { describe, expect, it } from "vitest";
import { MAX_GLOB_RESULTS } from "../../../src/agents/tools/glob.ts";
import { MAX_LIST_ENTRIES } from "../../../src/agents/tools/list.ts";
import { MAX_READ_LINES } from "../../../src/agents/tools/read.ts";
import { useTempDirs } from "../../support/repo-fixtures.ts";
import { toolsFor } from "./helpers.ts";

const temp = useTempDirs();

function numberedLines(count: number): string {
  return Array.from({ length: count }, (_, index) => `line ${index + 1}`).join("\n") + "\n";
}

describe("read", () => {
  it("A9 read shows line numbers and a requested range", async () => {
    const root = await temp.dir({ "a.txt": "alpha\r\nbeta\ngamma\n" });
    const { call } = toolsFor(root);
    expect((await call("read", { path: "a.txt" })).content).toBe("1\talpha\n2\tbeta\n3\tgamma");
    expect((await call("read", { path: "a.txt", startLine: 2, endLine: 2 })).content).toBe("2\tbeta\n(showing lines 2–2 of 3)");
  });

  it("L5 read states the cut and where to continue when a file is over the line cap", async () => {
    const root = await temp.dir({ "big.txt": numberedLines(5312) });
    const { call } = toolsFor(root);
    const result = await call("read", { path: "big.txt" });
    expect(result.isError).toBe(false);
    const lines = result.content.split("\n");
    expect(lines).toHaveLength(MAX_READ_LINES + 1);
    expect(lines.at(-1)).toBe("… truncated: showing lines 1–2000 of 5312; ask for startLine=2001 to continue.");
    const next = await call("read", { path: "big.txt", startLine: 5001 });
    expect(next.content.split("\n")[0]).toBe("5001\tline 5001");
    expect(next.content).toMatch(/showing lines 5001–5312 of 5312\)$/);
  });

  it("L5 read states the cut at the byte cap and clips very long lines", async () => {
    const long = "x".repeat(1500);
    const root = await temp.dir({ "wide.txt": Array.from({ length: 400 }, () => long).join("\n"), "one.txt": "y".repeat(5000) });
    const { call } = toolsFor(root);
    const wide = await call("read", { path: "wide.txt" });
    expect(wide.content).toMatch(/… truncated at 256 KiB: showing lines 1–\d+ of 400; ask for startLine=\d+ to continue\.$/);
    const one = await call("read", { path: "one.txt" });
    expect(one.content).toMatch(/… \[3000 more characters\]$/);
  });

  it("A9 read explains directories, binaries, missing files and ranges past the end", async () => {
    const root = await temp.dir({ "bin.dat": new Uint8Array([1, 0, 2, 3]), "a.txt": "a\n", "empty.txt": "" });
    const { call } = toolsFor(root);
    expect((await call("read", { path: "." })).content).toMatch(/is a directory; use list/);
    expect((await call("read", { path: "bin.dat" })).content).toMatch(/binary file/);
    expect((await call("read", { path: "nope.txt" })).content).toMatch(/No file at "nope.txt"/);
    expect((await call("read", { path: "a.txt", startLine: 9 })).content).toMatch(/has 1 lines; startLine=9 is past the end/);
    expect((await call("read", { path: "empty.txt" })).content).toBe("(empty.txt is empty)");
  });

  it("X3 read shows invisible characters instead of hiding them", async () => {
    const root = await temp.dir({ "README.md": "Hello\u200B world\u{E0041}\n" });
    const { call } = toolsFor(root);
    const result = await call("read", { path: "README.md" });
    expect(result.content).toContain("Hello⟦U+200B⟧ world⟦U+E0041⟧");
    expect(result.content).toMatch(/2 invisible character\(s\)/);
  });
});

describe("list", () => {
  it("A9 list shows directories with a trailing slash and skips .git", async () => {
    const root = await temp.dir({ "src/a.ts": "", "b.txt": "", ".git/HEAD": "ref", ".github/x.yml": "" });
    const { call } = toolsFor(root);
    expect((await call("list", {})).content).toBe("./ (3 entries)\n.github/\nb.txt\nsrc/");
    expect((await call("list", { path: "src" })).content).toBe("src/ (1 entry)\na.ts");
    expect((await call("list", { path: "b.txt" })).content).toMatch(/is a file/);
  });

  it("L5 list states how many entries were left out", async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < MAX_LIST_ENTRIES + 234; index += 1) files[`many/f${String(index).padStart(5, "0")}.txt`] = "";
    const root = await temp.dir(files);
    const { call } = toolsFor(root);
    const result = await call("list", { path: "many" });
    const lines = result.content.split("\n");
    expect(lines[0]).toBe("many/ (1,234 entries)");
    expect(lines).toHaveLength(MAX_LIST_ENTRIES + 2);
    expect(lines.at(-1)).toMatch(/^… 234 more entries not shown \(limit 1000\)/);
  });
});

describe("glob", () => {
  it("A9 glob finds files relative to the root, sorted, skipping node_modules unless named", async () => {
    const root = await temp.dir({
      "src/b.ts": "",
      "src/a.ts": "",
      "src/deep/c.ts": "",
      "node_modules/pkg/index.ts": "",
      "README.md": "",
    });
    const { call } = toolsFor(root);
    expect((await call("glob", { pattern: "**/*.ts" })).content).toBe("src/a.ts\nsrc/b.ts\nsrc/deep/c.ts");
    expect((await call("glob", { pattern: "*.ts", path: "src" })).content).toBe("src/a.ts\nsrc/b.ts");
    expect((await call("glob", { pattern: "node_modules/**/*.ts" })).content).toBe("node_modules/pkg/index.ts");
    expect((await call("glob", { pattern: "src/*" })).content).toBe("src/a.ts\nsrc/b.ts\nsrc/deep/");
    expect((await call("glob", { pattern: "**/*.py" })).content).toMatch(/^No matches/);
  });

  it("L5 glob states how many matches were left out", async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < MAX_GLOB_RESULTS + 17; index += 1) files[`f/${String(index).padStart(5, "0")}.js`] = "";
    const root = await temp.dir(files);
    const { call } = toolsFor(root);
    const lines = (await call("glob", { pattern: "f/*.js" })).content.split("\n");
    expect(lines).toHaveLength(MAX_GLOB_RESULTS + 1);
    expect(lines.at(-1)).toBe("… 17 more matches not shown (limit 1000, 1,017 matches in all); narrow the pattern or path.");
  });
});
