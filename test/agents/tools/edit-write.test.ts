import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../../support/repo-fixtures.ts";
import { toolsFor } from "./helpers.ts";

const temp = useTempDirs();

describe("edit and write", () => {
  it("A8 edit replaces one exact unique match", async () => {
    const root = await temp.dir({ "src/a.ts": "const a = 1;\nconst b = 2;\n" });
    const { call } = toolsFor(root);
    const result = await call("edit", { path: "src/a.ts", oldText: "const b = 2;", newText: "const b = 3;\nconst c = 4;" });
    expect(result).toEqual({ isError: false, content: "Edited src/a.ts: replaced 1 occurrence; the new text is at lines 2–3." });
    expect(await readFile(path.join(root, "src/a.ts"), "utf8")).toBe("const a = 1;\nconst b = 3;\nconst c = 4;\n");
  });

  it("A8 edit explains no match and several matches", async () => {
    const root = await temp.dir({ "a.txt": "x = 1\ny = 2\nx = 1\n", "crlf.txt": "one\r\ntwo\r\n" });
    const { call } = toolsFor(root);
    const none = await call("edit", { path: "a.txt", oldText: "z = 1", newText: "z = 2" });
    expect(none).toMatchObject({ isError: true });
    expect(none.content).toMatch(/oldText was not found in "a.txt"\. Read the file again/);
    const many = await call("edit", { path: "a.txt", oldText: "x = 1", newText: "x = 9" });
    expect(many.content).toBe('oldText occurs 2 times in "a.txt" (at lines 1, 3); include more surrounding text so it matches exactly one place.');
    const crlf = await call("edit", { path: "crlf.txt", oldText: "one\ntwo", newText: "1\n2" });
    expect(crlf.content).toMatch(/CRLF/);
    expect((await call("edit", { path: "a.txt", oldText: "y = 2", newText: "y = 2" })).content).toMatch(/nothing to change/);
    expect((await call("edit", { path: "new.txt", oldText: "a", newText: "b" })).content).toMatch(/Use write to create/);
  });

  it("A8 write creates files and folders and overwrites existing files", async () => {
    const root = await temp.dir({ "a.txt": "old\n" });
    const { call } = toolsFor(root);
    expect((await call("write", { path: "deep/new/file.txt", content: "hello\n" })).content).toBe("Created deep/new/file.txt (6 bytes).");
    expect(await readFile(path.join(root, "deep/new/file.txt"), "utf8")).toBe("hello\n");
    expect((await call("write", { path: "a.txt", content: "new\n" })).content).toBe("Overwrote a.txt (4 bytes).");
    expect((await call("write", { path: "deep", content: "x" })).content).toMatch(/is a directory/);
  });
});
