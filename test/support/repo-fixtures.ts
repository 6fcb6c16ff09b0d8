/**
 * Real temporary directories and git repositories for tests. Every folder made through
 * {@link useTempDirs} is removed after the test file's tests.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll } from "vitest";

const execFileAsync = promisify(execFile);

export type FileTree = Record<string, string | Uint8Array>;

/** Writes `files` (relative paths → contents) under `root`, creating folders. */
export async function writeFiles(root: string, files: FileTree): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const absolute = path.join(root, relative);
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, content);
  }
}

/** Runs git in `cwd` with a clean, local identity; returns stdout. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: "0" };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) delete env[name];
  const { stdout } = await execFileAsync("git", args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Temp folders for one test file, removed in `afterAll`. Call at the top of a describe/file. */
export function useTempDirs(): {
  dir(files?: FileTree): Promise<string>;
  repo(files?: FileTree, options?: { commit?: boolean }): Promise<string>;
} {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((folder) => rm(folder, { recursive: true, force: true })));
  });
  const dir = async (files: FileTree = {}): Promise<string> => {
    const folder = await realpath(await mkdtemp(path.join(os.tmpdir(), "quorum-test-")));
    made.push(folder);
    await writeFiles(folder, files);
    return folder;
  };
  const repo = async (files: FileTree = { "README.md": "# fixture\n" }, options: { commit?: boolean } = {}): Promise<string> => {
    const folder = await dir();
    await git(folder, ["init", "--quiet", "--initial-branch=main"]);
    await git(folder, ["config", "user.name", "Quorum Test"]);
    await git(folder, ["config", "user.email", "test@quorum.invalid"]);
    await git(folder, ["config", "commit.gpgsign", "false"]);
    await writeFiles(folder, files);
    if (options.commit ?? true) {
      await git(folder, ["add", "--all"]);
      await git(folder, ["commit", "--quiet", "--no-verify", "-m", "fixture"]);
    }
    return folder;
  };
  return { dir, repo };
}
