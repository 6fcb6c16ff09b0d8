import { mkdir, symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../../support/repo-fixtures.ts";
import { toolsFor } from "./helpers.ts";

const temp = useTempDirs();

describe("path guard", () => {
  it("X1 read refuses a symlink that points outside the checkout", async () => {
    const outside = await temp.dir({ "secret.txt": "top secret\n" });
    const root = await temp.dir({ "a.txt": "a\n" });
    await symlink(path.join(outside, "secret.txt"), path.join(root, "link.txt"));
    await symlink(outside, path.join(root, "linkdir"));
    const { call } = toolsFor(root);
    for (const target of ["link.txt", "linkdir/secret.txt"]) {
      const result = await call("read", { path: target });
      expect(result.isError).toBe(true);
      expect(result.content).toMatch(/symbolic link that leads outside the checkout/);
      expect(result.content).not.toContain("top secret");
    }
  });

  it("X1 write refuses a new file under a symlinked directory that leaves the checkout", async () => {
    const outside = await temp.dir();
    const root = await temp.dir();
    await symlink(outside, path.join(root, "escape"));
    const { call } = toolsFor(root);
    const result = await call("write", { path: "escape/new/file.txt", content: "x" });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/outside the checkout/);
  });

  it("X1 write refuses a dangling symlink, whose target could be anywhere", async () => {
    const outside = await temp.dir();
    const root = await temp.dir();
    await symlink(path.join(outside, "not-yet.txt"), path.join(root, "dangling.txt"));
    const { call } = toolsFor(root);
    const result = await call("write", { path: "dangling.txt", content: "x" });
    expect(result).toMatchObject({ isError: true });
    expect(result.content).toMatch(/symbolic link whose target does not exist/);
  });

  it("X1 glob and grep do not reach through a symlinked directory that leaves the checkout", async () => {
    const outside = await temp.dir({ "secret.txt": "top secret\n" });
    const root = await temp.dir({ "a.txt": "secret here\n" });
    await symlink(outside, path.join(root, "linkdir"));
    const { call } = toolsFor(root);
    expect((await call("glob", { pattern: "linkdir/*" })).content).toMatch(/^No matches/);
    expect((await call("glob", { pattern: "**/*.txt" })).content).toBe("a.txt");
    expect((await call("grep", { pattern: "secret" })).content).toBe("a.txt:1: secret here");
    expect((await call("grep", { pattern: "secret", path: "linkdir" })).content).toMatch(/outside the checkout/);
    expect((await call("list", { path: "linkdir" })).content).toMatch(/outside the checkout/);
  });

  it("X1 symlinks that stay inside the checkout work", async () => {
    const root = await temp.dir({ "docs/guide.md": "hello guide\n" });
    await symlink("docs/guide.md", path.join(root, "GUIDE.md"));
    const { call } = toolsFor(root);
    expect(await call("read", { path: "GUIDE.md" })).toMatchObject({ isError: false, content: "1\thello guide" });
  });

  it("X1 /proc/self/environ is refused, as an absolute path and through a symlink", async () => {
    const root = await temp.dir();
    await symlink("/proc/self/environ", path.join(root, "env-link"));
    const { call } = toolsFor(root);
    const direct = await call("read", { path: "/proc/self/environ" });
    expect(direct.isError).toBe(true);
    expect(direct.content).toMatch(/\/proc.*off limits/);
    const linked = await call("read", { path: "env-link" });
    expect(linked.isError).toBe(true);
    expect(linked.content).toMatch(/off limits|outside the checkout/);
  });

  it("X1 '..' escapes and absolute paths outside the checkout are refused", async () => {
    const root = await temp.dir({ "a.txt": "a\n" });
    const { call } = toolsFor(root);
    for (const target of ["../a.txt", "sub/../../x", "/etc/passwd"]) {
      const result = await call("read", { path: target });
      expect(result.isError).toBe(true);
      expect(result.content).toMatch(/escapes the checkout|absolute path outside the checkout/);
    }
    expect((await call("list", { path: ".." })).content).toMatch(/escapes the checkout/);
    expect((await call("grep", { pattern: "root", path: "/etc" })).content).toMatch(/outside the checkout/);
    expect((await call("glob", { pattern: "../*" })).content).toMatch(/may not use '\.\.'/);
    expect((await call("write", { path: "../evil.txt", content: "x" })).content).toMatch(/escapes the checkout/);
    // An absolute path inside the checkout is fine.
    expect(await call("read", { path: path.join(root, "a.txt") })).toMatchObject({ isError: false });
  });

  it("X1 dotenv files are refused for read, edit and write, and skipped by grep", async () => {
    const root = await temp.dir({
      ".env": "API_TOKEN=hunter2\n",
      ".env.production": "API_TOKEN=hunter2\n",
      "config/prod.env": "API_TOKEN=hunter2\n",
      "app.ts": "const token = process.env.API_TOKEN;\n",
    });
    const { call } = toolsFor(root);
    for (const target of [".env", ".env.production", "config/prod.env"]) {
      const result = await call("read", { path: target });
      expect(result.isError).toBe(true);
      expect(result.content).toMatch(/credential files/);
    }
    expect((await call("edit", { path: ".env", oldText: "hunter2", newText: "x" })).content).toMatch(/dotenv/);
    expect((await call("write", { path: ".env.local", content: "A=1" })).content).toMatch(/dotenv/);
    const grep = await call("grep", { pattern: "API_TOKEN" });
    expect(grep.content).toBe("app.ts:1: const token = process.env.API_TOKEN;");
    expect(grep.content).not.toContain("hunter2");
    // Names stay visible to list.
    expect((await call("list", {})).content).toContain(".env");
  });

  it("X1 .git internals are refused for reading and writing", async () => {
    const root = await temp.dir({ ".git/config": "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n", "a.txt": "a\n" });
    await mkdir(path.join(root, "sub"));
    const { call } = toolsFor(root);
    expect((await call("read", { path: ".git/config" })).content).toMatch(/\.git holds git's internal data/);
    expect((await call("read", { path: "sub/../.git/config" })).content).toMatch(/\.git/);
    expect((await call("write", { path: ".git/hooks/pre-commit", content: "x" })).content).toMatch(/\.git/);
    expect((await call("grep", { pattern: "AUTHORIZATION" })).content).toMatch(/^No matches/);
    expect((await call("glob", { pattern: ".git/**" })).content).toMatch(/^No matches/);
    expect((await call("list", {})).content).not.toContain(".git");
  });
});
