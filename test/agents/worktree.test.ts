import { access, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createToolbox } from "../../src/agents/tools/index.ts";
import { createWorktree, withWorktree } from "../../src/agents/worktree.ts";
import { git, useTempDirs } from "../support/repo-fixtures.ts";

const temp = useTempDirs();
const signal = new AbortController().signal;

async function exists(target: string): Promise<boolean> {
  return access(target).then(
    () => true,
    () => false,
  );
}

describe("worktree", () => {
  it("A8 edits in a worktree produce a unified diff, new files included, and the worktree is gone afterwards", async () => {
    const repo = await temp.repo({ "src/app.ts": "export const answer = 41;\n", "README.md": "# demo\n" });
    const worktree = await createWorktree(repo, "a17");
    expect(worktree.path.startsWith(await import("node:fs/promises").then((fs) => fs.realpath(os.tmpdir())))).toBe(true);
    expect(path.relative(repo, worktree.path).startsWith("..")).toBe(true);

    const tools = createToolbox({ root: worktree.path, tools: ["read", "edit", "write"], isolation: "worktree", runAllowlist: [] });
    expect(await tools.call("edit", { path: "src/app.ts", oldText: "41", newText: "42" }, signal)).toMatchObject({ isError: false });
    expect(await tools.call("write", { path: "src/new.ts", content: "export {};\n" }, signal)).toMatchObject({ isError: false });

    const diff = await worktree.diff();
    expect(diff).toContain("diff --git a/src/app.ts b/src/app.ts");
    expect(diff).toContain("-export const answer = 41;\n+export const answer = 42;");
    expect(diff).toContain("diff --git a/src/new.ts b/src/new.ts\nnew file mode 100644");
    // The main checkout is untouched.
    expect(await readFile(path.join(repo, "src/app.ts"), "utf8")).toBe("export const answer = 41;\n");
    expect(await git(repo, ["status", "--porcelain"])).toBe("");

    // The diff applies cleanly to the original checkout.
    await writeFile(path.join(repo, "agent.patch"), diff);
    await git(repo, ["apply", "--check", "agent.patch"]);

    await worktree.remove();
    await worktree.remove(); // idempotent
    expect(await exists(worktree.path)).toBe(false);
    expect(await git(repo, ["worktree", "list", "--porcelain"])).not.toContain(worktree.path);
  });

  it("A8 a worktree made from a subfolder of a repository is rooted at that subfolder: same paths, confined to it, diff relative to it", async () => {
    const repo = await temp.repo({ "examples/api/src/app.js": "const open = true;\n", "secret.txt": "outside the folder\n", "README.md": "# top\n" });
    const folder = path.join(repo, "examples/api");
    const worktree = await createWorktree(folder, "sub");
    try {
      expect(worktree.path.endsWith(path.join("examples", "api"))).toBe(true);
      const tools = createToolbox({ root: worktree.path, tools: ["read", "edit", "glob"], isolation: "worktree", runAllowlist: [] });
      // The same relative path the agents without a worktree use (their root is the folder itself).
      expect(await tools.call("read", { path: "src/app.js" }, signal)).toMatchObject({ isError: false });
      // Files of the repository outside the folder are out of reach, as they are for the other agents.
      const escape = await tools.call("read", { path: "../../secret.txt" }, signal);
      expect(escape.isError).toBe(true);
      expect(JSON.stringify(escape)).not.toContain("outside the folder");
      expect(await tools.call("edit", { path: "src/app.js", oldText: "true", newText: "false" }, signal)).toMatchObject({ isError: false });
      await writeFile(path.join(worktree.path, "../../secret.txt"), "changed behind the tools' back\n");

      const diff = await worktree.diff();
      expect(diff).toContain("diff --git a/src/app.js b/src/app.js");
      expect(diff).not.toContain("examples/api");
      expect(diff).not.toContain("secret.txt");
      // Applied from the folder (as `quorum run --repo examples/api` users do), the patch fits.
      await writeFile(path.join(folder, "agent.patch"), diff);
      await git(folder, ["apply", "--directory=examples/api", "agent.patch"]);
      expect(await readFile(path.join(folder, "src/app.js"), "utf8")).toBe("const open = false;\n");
    } finally {
      await worktree.remove();
    }
    expect(await exists(worktree.path)).toBe(false);
  });

  it("A8 a subfolder with nothing committed is a clear error, not an empty worktree", async () => {
    const repo = await temp.repo({ "README.md": "# top\n" });
    const folder = path.join(repo, "new-folder");
    await writeFile(path.join(repo, "placeholder"), "");
    await import("node:fs/promises").then((fs) => fs.mkdir(folder));
    await writeFile(path.join(folder, "uncommitted.js"), "1;\n");
    await expect(createWorktree(folder, "empty")).rejects.toThrow(/"new-folder\/" has no committed files at HEAD/);
    expect(await git(repo, ["worktree", "list", "--porcelain"])).not.toContain("quorum-worktree-empty");
  });

  it("A8 an untouched worktree gives an empty diff; binary changes are included", async () => {
    const repo = await temp.repo();
    await withWorktree(repo, "quiet", async (worktree) => {
      expect(await worktree.diff()).toBe("");
      await writeFile(path.join(worktree.path, "image.bin"), new Uint8Array([0, 1, 2, 3, 255]));
      expect(await worktree.diff()).toMatch(/GIT binary patch/);
    });
  });

  it("A8 withWorktree removes the worktree even when the work throws", async () => {
    const repo = await temp.repo();
    let seen = "";
    await expect(
      withWorktree(repo, "thrower", async (worktree) => {
        seen = worktree.path;
        throw new Error("agent crashed");
      }),
    ).rejects.toThrow("agent crashed");
    expect(seen).not.toBe("");
    expect(await exists(seen)).toBe(false);
  });

  it("A8 16 worktrees created, edited and removed at once", async () => {
    const repo = await temp.repo({ "counter.txt": "0\n" });
    const diffs = await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        withWorktree(repo, `agent-${index}`, async (worktree) => {
          await writeFile(path.join(worktree.path, "counter.txt"), `${index + 1}\n`);
          return worktree.diff();
        }),
      ),
    );
    diffs.forEach((diff, index) => expect(diff).toContain(`+${index + 1}\n`));
    const list = await git(repo, ["worktree", "list", "--porcelain"]);
    expect(list.match(/^worktree /gm)).toHaveLength(1);
  });

  it("A8 a repository without commits, or no repository, is a clear error", async () => {
    const empty = await temp.repo({}, { commit: false });
    await expect(createWorktree(empty, "x")).rejects.toThrow("worktree isolation needs a git repository with at least one commit");
    const plain = await temp.dir();
    await expect(createWorktree(plain, "x")).rejects.toThrow(/is not a git repository/);
  });

  it("A8 the checkout's node_modules is linked into the worktree, left out of the diff, and survives removal", async () => {
    const repo = await temp.repo({ ".gitignore": "node_modules/\n", "index.js": "module.exports = 1;\n" });
    await import("node:fs/promises").then((fs) => fs.mkdir(path.join(repo, "node_modules/dep"), { recursive: true }));
    await writeFile(path.join(repo, "node_modules/dep/index.js"), "module.exports = 'dep';\n");
    const worktree = await createWorktree(repo, "deps");
    expect(await readFile(path.join(worktree.path, "node_modules/dep/index.js"), "utf8")).toBe("module.exports = 'dep';\n");
    await writeFile(path.join(worktree.path, "index.js"), "module.exports = 2;\n");
    const diff = await worktree.diff();
    expect(diff).toContain("+module.exports = 2;");
    expect(diff).not.toContain("node_modules");
    await worktree.remove();
    expect(await readFile(path.join(repo, "node_modules/dep/index.js"), "utf8")).toBe("module.exports = 'dep';\n");
  });

  it("A8 remove survives a worktree folder that was already deleted", async () => {
    const repo = await temp.repo();
    const worktree = await createWorktree(repo, "gone");
    await import("node:fs/promises").then((fs) => fs.rm(worktree.path, { recursive: true, force: true }));
    await worktree.remove();
    expect(await git(repo, ["worktree", "list", "--porcelain"])).not.toContain(worktree.path);
    expect((await stat(repo)).isDirectory()).toBe(true);
  });
});
