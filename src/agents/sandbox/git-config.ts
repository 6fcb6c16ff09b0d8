/**
 * What a sandboxed command sees of a repository's git configuration (rule X7): `.git/config` is
 * replaced by a scrubbed copy holding only the settings git needs to read the repository
 * (`core.repositoryformatversion`, `core.bare`, `core.filemode`, `core.symlinks`, `core.ignorecase`,
 * `core.precomposeunicode`, `core.logallrefupdates`, `extensions.*`). Everything else is dropped:
 * `http.*.extraheader` (actions/checkout keeps the job token there), `include`/`includeIf` (newer
 * actions/checkout versions keep the token in an included file), remotes and their URLs (which can
 * carry credentials), `credential.*`, and every setting that starts a program (`core.pager`,
 * `core.fsmonitor`, `core.sshCommand`, `core.hooksPath`, `alias.*`, `diff.*.textconv`, `filter.*`).
 * Each worktree's `config.worktree` is replaced by an empty file, and each submodule's config
 * (`.git/modules/…/config`, where actions/checkout also writes the token) by a scrubbed copy.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const KEPT_KEYS = /^(core\.(repositoryformatversion|bare|filemode|symlinks|ignorecase|precomposeunicode|logallrefupdates)|extensions\.[a-z0-9]+)$/i;

export interface MaskedGitFiles {
  /** The real git common directory (`.git` of the main checkout). */
  commonDir: string;
  /** Host file → path it is mounted over, read-only. */
  masks: { source: string; target: string }[];
}

function listConfig(file: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      "git",
      ["config", "--file", file, "--list", "--null"],
      { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", LC_ALL: "C" }, windowsHide: true },
      (error, stdout) => resolve(error ? "" : stdout),
    );
  });
}

/** The scrubbed text of one config file: kept keys only, in git's own syntax. */
export async function scrubbedConfigText(file: string): Promise<string> {
  const listed = await listConfig(file);
  const sections = new Map<string, string[]>();
  for (const record of listed.split("\0")) {
    const newline = record.indexOf("\n");
    if (newline <= 0) continue;
    const key = record.slice(0, newline);
    const value = record.slice(newline + 1);
    if (!KEPT_KEYS.test(key) || !/^[A-Za-z0-9.-]+$/.test(value)) continue;
    const dot = key.lastIndexOf(".");
    const section = key.slice(0, dot);
    const lines = sections.get(section) ?? [];
    lines.push(`\t${key.slice(dot + 1)} = ${value}`);
    sections.set(section, lines);
  }
  return [...sections].map(([section, lines]) => `[${section}]\n${lines.join("\n")}\n`).join("");
}

/** The `.git` entry (folder, or a worktree's file) of the repository `dir` is in, walking up; or undefined. */
export function findDotGit(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const dotGit = path.join(current, ".git");
    if (statSync(dotGit, { throwIfNoEntry: false })) return dotGit;
    if (path.dirname(current) === current) return undefined;
  }
}

/** The git common directory of the repository `dir` is in (walking up to the `.git` entry), or undefined. */
export function findGitCommonDir(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    const dotGit = path.join(current, ".git");
    const info = statSync(dotGit, { throwIfNoEntry: false });
    if (info?.isDirectory()) return realpathSync(dotGit);
    if (info?.isFile()) {
      // A worktree: `.git` is a file "gitdir: <common>/worktrees/<name>"; its commondir file names the common dir.
      const gitDir = gitDirOfFile(dotGit);
      if (!gitDir) return undefined;
      const commonFile = path.join(gitDir, "commondir");
      if (!existsSync(commonFile)) return gitDir;
      const common = readText(commonFile).trim();
      return realpathSync(path.resolve(gitDir, common));
    }
    if (path.dirname(current) === current) return undefined;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function gitDirOfFile(dotGit: string): string | undefined {
  const match = /^gitdir:\s*(.+?)\s*$/m.exec(readText(dotGit));
  if (!match?.[1]) return undefined;
  const resolved = path.resolve(path.dirname(dotGit), match[1]);
  return existsSync(resolved) ? realpathSync(resolved) : undefined;
}


/** `config` files of submodule git directories under `modules` (nested submodules too, a few levels). */
function submoduleConfigs(modules: string, depth: number): string[] {
  if (depth > 4 || !existsSync(modules)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(modules, entry.name);
    const config = path.join(dir, "config");
    if (existsSync(config) && existsSync(path.join(dir, "HEAD"))) found.push(config);
    found.push(...submoduleConfigs(path.join(dir, "modules"), depth + 1), ...(existsSync(path.join(dir, "HEAD")) ? [] : submoduleConfigs(dir, depth + 1)));
  }
  return found;
}

/**
 * Writes the scrubbed copies for the repository `commonDir` into a new folder under the system
 * temp directory and returns what to mount over what. The caller removes `folder` afterwards.
 */
export async function maskGitFiles(commonDir: string): Promise<MaskedGitFiles & { folder: string }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "quorum-gitmask-"));
  const masks: { source: string; target: string }[] = [];
  const configs = [path.join(commonDir, "config"), ...submoduleConfigs(path.join(commonDir, "modules"), 0)];
  for (const [index, config] of configs.entries()) {
    if (!existsSync(config)) continue;
    const source = path.join(folder, `config-${index}`);
    await writeFile(source, await scrubbedConfigText(config), { mode: 0o644 });
    masks.push({ source, target: config });
  }
  const worktrees = path.join(commonDir, "worktrees");
  const names = existsSync(worktrees) ? readdirSync(worktrees) : [];
  const empty = path.join(folder, "empty");
  await writeFile(empty, "", { mode: 0o644 });
  for (const name of names) {
    const worktreeConfig = path.join(worktrees, name, "config.worktree");
    if (existsSync(worktreeConfig)) masks.push({ source: empty, target: worktreeConfig });
  }
  return { commonDir, masks, folder };
}
