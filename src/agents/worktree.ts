/**
 * Worktree isolation (rule A8): each agent that may edit gets a fresh `git worktree` at the
 * repository's HEAD, in a temporary folder outside the repository; its changes come back as one
 * unified diff and the worktree is removed afterwards. When the run's folder is a subfolder of a
 * repository (`--repo examples/api`), the agent's root is that subfolder of the worktree and the
 * diff's paths are relative to it, like the paths agents without a worktree see.
 *
 * Concurrency: git locks `.git/worktrees` and the shared config while adding or removing a
 * worktree, so `worktree add` / `worktree remove` / `prune` run one at a time per repository (an
 * in-process mutex keyed by git's common directory), and a git "lock file exists" failure from
 * another process is retried with backoff. Checking files out — the slow part — happens outside
 * the mutex (`add --no-checkout`, then `reset --hard` in the new worktree), so 16 agents start
 * in parallel.
 *
 * Edge cases:
 * - The worktree is at HEAD: uncommitted changes of the main checkout are not in it.
 * - A repository without commits, or a folder that is not a repository, is an error saying so;
 *   so is a subfolder with nothing committed in it.
 * - `diff()` includes new untracked files and binary changes (`--binary`), but not files ignored
 *   by `.gitignore` (build output, node_modules); it stages changes in the worktree's own index.
 * - Submodules are not checked out in the worktree.
 * - Folders in `linkedFolders` (default `node_modules`) that exist in the main checkout but not in
 *   the worktree are symlinked into it, and never appear in the diff. Removing the worktree
 *   removes the link, not the folder it points to.
 * - `remove()` is idempotent and survives a worktree folder that was already deleted.
 */
import { execFile } from "node:child_process";
import { lstat, mkdtemp, realpath, rm, stat, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { QuorumError } from "../kernel/errors.ts";

/** Prefix of the temporary folders worktrees live in. */
const WORKTREE_DIR_PREFIX = "quorum-worktree-";
/** Attempts for a git command that fails on a lock held by another process. */
const LOCK_RETRY_ATTEMPTS = 8;
const LOCK_RETRY_BASE_MS = 50;
const LOCK_RETRY_MAX_MS = 1000;
/** Diffs bigger than this are an error rather than an out-of-memory crash. */
const MAX_GIT_OUTPUT_BYTES = 256 * 1024 * 1024;
/** Git messages that mean "another git process holds a lock; try again". */
const LOCK_CONTENTION = /index\.lock|\.lock': File exists|Unable to create '.*\.lock'|could not lock|cannot lock ref/i;
/**
 * Ignored dependency folders of the main checkout linked into each worktree, so the test command
 * runs there without a fresh install. Tools do not follow these links (they leave the worktree).
 */
export const DEFAULT_LINKED_FOLDERS: readonly string[] = ["node_modules"];
/** Environment variables that would point git at another repository than the one asked for. */
const GIT_LOCATION_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"] as const;

export interface Worktree {
  /** Absolute real path of the agent's root: the worktree, or the same subfolder of it as the checkout folder it was made from. */
  path: string;
  /** Unified diff (`a/` and `b/` prefixes, binary-safe) of every change, new files included; "" when none. */
  diff(): Promise<string>;
  /** Removes the worktree and its folder; safe to call more than once. */
  remove(): Promise<void>;
}

/** A git command that failed; the message has git's own words. */
export class WorktreeError extends QuorumError {
  override name = "WorktreeError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("worktree_failed", message, options);
  }
}

function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
  for (const name of GIT_LOCATION_VARIABLES) delete env[name];
  return env;
}

interface GitFailure {
  stderr: string;
  message: string;
}

function runGitOnce(cwd: string, args: readonly string[]): Promise<{ ok: true; stdout: string } | ({ ok: false } & GitFailure)> {
  return new Promise((resolve) => {
    execFile(
      "git",
      args,
      { cwd, env: gitEnvironment(), maxBuffer: MAX_GIT_OUTPUT_BYTES, encoding: "utf8", windowsHide: true },
      (error, stdout, stderr) => {
        if (error) resolve({ ok: false, stderr, message: error.message });
        else resolve({ ok: true, stdout });
      },
    );
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs git, retrying lock contention; throws {@link WorktreeError} with git's message otherwise. */
async function git(cwd: string, args: readonly string[]): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const result = await runGitOnce(cwd, args);
    if (result.ok) return result.stdout;
    const text = result.stderr || result.message;
    if (attempt >= LOCK_RETRY_ATTEMPTS || !LOCK_CONTENTION.test(text)) {
      throw new WorktreeError(`git ${args.join(" ")} failed in ${cwd}: ${text.trim()}`);
    }
    await sleep(Math.min(LOCK_RETRY_MAX_MS, LOCK_RETRY_BASE_MS * 2 ** (attempt - 1)) * (0.5 + Math.random()));
  }
}

/** One promise chain per git common directory: worktree bookkeeping runs one at a time. */
const bookkeepingQueues = new Map<string, Promise<unknown>>();

function serialized<T>(key: string, job: () => Promise<T>): Promise<T> {
  const previous = bookkeepingQueues.get(key) ?? Promise.resolve();
  const next = previous.then(job, job);
  const settled = next.catch(() => undefined);
  bookkeepingQueues.set(key, settled);
  void settled.then(() => {
    if (bookkeepingQueues.get(key) === settled) bookkeepingQueues.delete(key);
  });
  return next;
}

/**
 * Checks `repoRoot` is (a folder inside) a repository with a commit; returns its real common git
 * directory and the folder's path inside the repository (`""` at the top, else `sub/dir/`).
 */
async function inspectRepository(repoRoot: string): Promise<{ commonDir: string; prefix: string }> {
  const commonDir = await runGitOnce(repoRoot, ["rev-parse", "--path-format=absolute", "--git-common-dir"]);
  if (!commonDir.ok) {
    throw new WorktreeError(`"${repoRoot}" is not a git repository; worktree isolation needs one (run git init and commit).`);
  }
  const head = await runGitOnce(repoRoot, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  if (!head.ok) {
    throw new WorktreeError(
      `worktree isolation needs a git repository with at least one commit; "${repoRoot}" has none. Commit the files first.`,
    );
  }
  const prefix = await git(repoRoot, ["rev-parse", "--show-prefix"]);
  return { commonDir: await realpath(commonDir.stdout.trim()), prefix: prefix.trim() };
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40) || "agent";
}

/**
 * Creates a worktree for agent `id` at HEAD of `repoRoot`, detached, in a new folder under the
 * system temp directory. Throws {@link WorktreeError} when the folder is not a repository, has no
 * commit, or git fails (with git's message).
 */
export interface WorktreeOptions {
  /** Folders of the main checkout to symlink into the worktree; default {@link DEFAULT_LINKED_FOLDERS}. */
  linkedFolders?: readonly string[];
}

/** Symlinks each folder that exists in the checkout but not in the worktree; returns the linked names. */
async function linkFolders(repoRoot: string, folder: string, names: readonly string[]): Promise<string[]> {
  const linked: string[] = [];
  for (const name of names) {
    const source = path.join(repoRoot, name);
    const target = path.join(folder, name);
    const isDirectory = await stat(source).then((info) => info.isDirectory(), () => false);
    const taken = await lstat(target).then(() => true, () => false);
    if (!isDirectory || taken) continue;
    await symlink(await realpath(source), target, "junction");
    linked.push(name);
  }
  return linked;
}

export async function createWorktree(repoRoot: string, id: string, options: WorktreeOptions = {}): Promise<Worktree> {
  const { commonDir, prefix } = await inspectRepository(repoRoot);
  const folder = await realpath(await mkdtemp(path.join(os.tmpdir(), `${WORKTREE_DIR_PREFIX}${safeName(id)}-`)));
  try {
    await serialized(commonDir, () => git(repoRoot, ["worktree", "add", "--detach", "--no-checkout", folder, "HEAD"]));
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }

  let removed: Promise<void> | undefined;
  const remove = (): Promise<void> => {
    removed ??= serialized(commonDir, async () => {
      const result = await runGitOnce(repoRoot, ["worktree", "remove", "--force", folder]);
      await rm(folder, { recursive: true, force: true });
      if (!result.ok) await git(repoRoot, ["worktree", "prune"]);
    });
    return removed;
  };

  // The agent's root is the same folder inside the worktree as `repoRoot` is inside the checkout,
  // so every agent sees the same tree with the same paths, confined to that folder.
  const root = path.resolve(folder, prefix);
  let linked: string[];
  try {
    await git(folder, ["reset", "--hard", "--quiet", "HEAD"]);
    const isFolder = await stat(root).then((info) => info.isDirectory(), () => false);
    if (!isFolder) {
      throw new WorktreeError(`"${prefix}" has no committed files at HEAD, so a worktree of it would be empty; commit the folder first (worktree agents see HEAD).`);
    }
    linked = await linkFolders(repoRoot, root, options.linkedFolders ?? DEFAULT_LINKED_FOLDERS);
  } catch (error) {
    await remove().catch(() => undefined);
    throw error;
  }

  return {
    path: root,
    async diff() {
      // Pathspecs and --relative work from the agent's folder: only its changes, paths relative to it.
      await git(root, ["add", "--all", "--", ".", ...linked.map((name) => `:(exclude,literal)${name}`)]);
      return git(root, [
        "diff",
        "--cached",
        "--binary",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--relative",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        "HEAD",
      ]);
    },
    remove,
  };
}

/** Runs `fn` in a fresh worktree and always removes it afterwards, whether `fn` resolves or throws. */
export async function withWorktree<T>(
  repoRoot: string,
  id: string,
  fn: (worktree: Worktree) => Promise<T>,
  options: WorktreeOptions = {},
): Promise<T> {
  const worktree = await createWorktree(repoRoot, id, options);
  try {
    return await fn(worktree);
  } finally {
    await worktree.remove();
  }
}
