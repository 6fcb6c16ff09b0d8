/**
 * The change `quorum run review` reviews when no args name one (rule R4): the working tree's diff
 * against where the current branch left the default branch, or against HEAD on the default branch
 * itself (uncommitted work). Only the `--repo` folder's part of the diff, with paths relative to it.
 */
import { execFileSync } from "node:child_process";
import type { JsonObject, JsonValue } from "../kernel/json.ts";
import { wantedChange, withChange } from "../engine/change-args.ts";
import { UsageError } from "./usage-error.ts";

function git(cwd: string, args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 256 * 1024 * 1024 }).trim();
  } catch {
    return null;
  }
}

/** The default branch's ref: origin's HEAD, else a local main or master; null when there is none. */
function defaultBranch(repo: string): string | null {
  const remote = git(repo, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
  if (remote) return remote;
  for (const name of ["main", "master"]) if (git(repo, ["rev-parse", "--verify", "--quiet", `refs/heads/${name}`]) !== null) return name;
  return null;
}

/** What the working tree is compared with, and how to say it. */
function baseOf(repo: string): { commit: string; described: string } {
  const head = git(repo, ["rev-parse", "--verify", "HEAD"]);
  if (head === null) throw new UsageError(`review: ${repo} is not a git checkout with a commit, so there is no change to review. Pass --args '{"diff": "…"}' instead.`);
  const branch = defaultBranch(repo);
  const fork = branch ? git(repo, ["merge-base", "HEAD", branch]) : null;
  if (branch && fork && fork !== head) return { commit: fork, described: `where this branch left ${branch} (${fork.slice(0, 12)})` };
  return { commit: head, described: `HEAD (${head.slice(0, 12)})` };
}

/** `args` with the local change added when the workflow takes one and none was given. */
export function localChangeArgs(repo: string, argsSchema: JsonObject | undefined, args: JsonValue | undefined, log: (line: string) => void): JsonValue | undefined {
  if (wantedChange(argsSchema, args) === null) return args;
  const base = baseOf(repo);
  const diff = git(repo, ["diff", "--relative", "--no-color", "--no-ext-diff", base.commit]);
  if (diff === null) throw new UsageError(`review: \`git diff\` failed in ${repo}; pass the change as --args '{"diff": "…"}'.`);
  if (diff === "") {
    throw new UsageError(
      `review: nothing to review: the working tree has no changes against ${base.described}. ` +
        "Edit or commit something on a branch first, or pass the change with --args '{\"diff\": \"…\"}'. (New files count once `git add`ed.)",
    );
  }
  log(`quorum: reviewing the working tree's diff against ${base.described}.\n`);
  return withChange(argsSchema, args, { diff: `${diff}\n`, base: base.commit });
}
