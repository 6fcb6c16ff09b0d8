/**
 * A local clone of a fake repository: what `actions/checkout` leaves in `GITHUB_WORKSPACE`, with
 * the very same commit shas as the fake, because the fake hashes objects as Git does. Objects are
 * written as loose objects, refs as files; then the branch is checked out.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { deflateSync } from "node:zlib";
import type { FakeRepo } from "./state.ts";

function git(cwd: string, args: string[]): string {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: "0" };
  for (const name of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) delete env[name];
  return execFileSync("git", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * Writes every object and branch of `repo` into a new Git repository at `dir` (which must exist and
 * be empty) and checks out `branch` (default: the default branch). Returns `dir`.
 */
export function cloneFakeRepo(repo: FakeRepo, dir: string, branch: string = repo.defaultBranch): string {
  git(dir, ["init", "-q", "-b", branch]);
  const objects = join(dir, ".git", "objects");
  for (const [sha, { type, body }] of repo.git.raw) {
    const file = join(objects, sha.slice(0, 2), sha.slice(2));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, deflateSync(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body])));
  }
  for (const [ref, sha] of repo.refs) {
    if (!ref.startsWith("refs/heads/")) continue;
    const file = join(dir, ".git", ref);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${sha}\n`);
  }
  git(dir, ["reset", "-q", "--hard", repo.branchSha(branch)]);
  return dir;
}
