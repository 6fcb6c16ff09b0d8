/**
 * A throwaway checkout with a patch applied, for re-running tests against a proposed fix without
 * trusting anyone's word that it works (rule B2): a fresh git worktree at HEAD, `git apply`, the
 * callback, then the worktree is removed whatever happens.
 *
 * Edge cases:
 * - A patch that does not apply throws {@link PatchApplyError} with git's message.
 * - Ignored folders are not in a worktree; a top-level `node_modules` of the repository is linked
 *   into it (read-only use assumed) so the tests can find their dependencies without an install.
 * - An empty patch runs the callback on an unchanged checkout.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, symlink, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { withWorktree } from "../agents/commands.ts";
import { QuorumError } from "../kernel/errors.ts";

export class PatchApplyError extends QuorumError {
  override name = "PatchApplyError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("patch_does_not_apply", message, options);
  }
}

function git(cwd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" }, windowsHide: true }, (error, stdout, stderr) => {
      if (error) reject(new PatchApplyError(`the patch does not apply to HEAD: ${(stderr || error.message).trim()}`));
      else resolve({ stdout, stderr });
    });
  });
}

/**
 * Applies a patch whose paths are relative to `cwd` (worktree diffs of a subfolder are, see
 * worktree.ts). Git reads a git-style patch's paths from the top of the repository, so the
 * folder's place in it is prepended; a patch git skips (paths outside the folder) is an error.
 */
async function gitApply(cwd: string, patchFile: string): Promise<void> {
  const prefix = (await git(cwd, ["rev-parse", "--show-prefix"])).stdout.trim().replace(/\/$/, "");
  const { stderr } = await git(cwd, ["apply", "--verbose", "--whitespace=nowarn", ...(prefix ? [`--directory=${prefix}`] : []), patchFile]);
  const skipped = /^Skipped patch '([^']*)'/m.exec(stderr);
  if (skipped) throw new PatchApplyError(`the patch does not apply to HEAD: it changes ${skipped[1]}, outside the folder the run works on.`);
}

/** Runs `fn(dir)` in a fresh worktree of `repo` at HEAD with `patch` (a unified diff) applied. */
export async function withPatchedCheckout<T>(repo: string, patch: string, fn: (dir: string) => Promise<T>): Promise<T> {
  return withWorktree(repo, "tests", async (worktree) => {
    if (patch.trim() !== "") {
      const scratch = await mkdtemp(path.join(os.tmpdir(), "quorum-patch-"));
      try {
        const file = path.join(scratch, "change.diff");
        await writeFile(file, patch.endsWith("\n") ? patch : `${patch}\n`);
        await gitApply(worktree.path, file);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    }
    const modules = path.join(repo, "node_modules");
    const linked = path.join(worktree.path, "node_modules");
    const link = existsSync(modules) && !existsSync(linked);
    if (link) await symlink(modules, linked, "junction");
    try {
      return await fn(worktree.path);
    } finally {
      if (link) await unlink(linked).catch(() => undefined); // the link only, never its target
    }
  });
}
