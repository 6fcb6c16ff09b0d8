/** The one git fact the engine needs: which commit a run saw (rule J4). */
import { execFile, execFileSync } from "node:child_process";

const REV_PARSE = ["rev-parse", "--verify", "HEAD"];

/** HEAD of the repository at `dir`, or null when it is not a git checkout (or has no commit). */
export function headCommit(dir: string): string | null {
  try {
    return execFileSync("git", REV_PARSE, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || null;
  } catch {
    return null;
  }
}

/** {@link headCommit} without blocking: git runs while the caller does other work (~40 ms of a resume's start). */
export function headCommitAsync(dir: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = execFile("git", REV_PARSE, { cwd: dir, encoding: "utf8" }, (error, stdout) => resolve(error ? null : stdout.trim() || null));
    child.stdin?.end();
  });
}
