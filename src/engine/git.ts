/** The one git fact the engine needs: which commit a run saw (rule J4). */
import { execFileSync } from "node:child_process";

/** HEAD of the repository at `dir`, or null when it is not a git checkout (or has no commit). */
export function headCommit(dir: string): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--verify", "HEAD"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || null;
  } catch {
    return null;
  }
}
