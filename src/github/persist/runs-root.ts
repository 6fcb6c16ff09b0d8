/**
 * Where a GitHub job keeps its run directories (rule X10): a folder it creates itself, outside the
 * checkout, so nothing committed to the repository (a planted `.quorum/runs/<id>/journal.jsonl`, a
 * `.quorum` symlink) can be read as a run or written through.
 *
 * The folder is made with `mkdtemp` under `RUNNER_TEMP` (the runner's per-job temp folder), or under
 * the system temp folder when that is unset. `mkdtemp` creates a new name exclusively, so no entry
 * planted beforehand can be reused; the result is checked to be a real directory, owner-only.
 *
 * Edge cases:
 * - `RUNNER_TEMP` is resolved to its real path first (the runner, not the repository, chooses it).
 * - A temp folder inside the checkout is refused: the runs would be visible to the repository's
 *   code and to agents' tools again.
 */
import { errorMessage } from "../../kernel/errors.ts";
import { lstatSync, mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, isAbsolute, sep } from "node:path";
import type { QuorumErrorOptions } from "../../kernel/errors.ts";
import { QuorumGitHubError } from "../errors.ts";

/** Prefix of the folder each job's runs live in. */
export const RUNS_ROOT_PREFIX = "quorum-runs-";

export class RunsRootError extends QuorumGitHubError {
  constructor(message: string, options?: QuorumErrorOptions) {
    super("runs_root", message, options);
  }
}

function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/** Creates this job's fresh runs folder outside `checkout` and returns its path. */
export function createRunsRoot(options: { runnerTemp?: string | undefined; checkout: string }): string {
  const requested = options.runnerTemp?.trim() || tmpdir();
  let base: string;
  try {
    base = realpathSync(requested);
  } catch (error) {
    throw new RunsRootError(`The temp folder ${requested} (RUNNER_TEMP) does not exist: ${errorMessage(error)}.`);
  }
  let checkout: string;
  try {
    checkout = realpathSync(options.checkout);
  } catch {
    checkout = options.checkout;
  }
  if (inside(checkout, base)) {
    throw new RunsRootError(`The temp folder ${base} is inside the checkout ${checkout}; run directories must live outside it. Set RUNNER_TEMP to a folder outside the workspace.`);
  }
  const root = mkdtempSync(join(base, RUNS_ROOT_PREFIX));
  const stat = lstatSync(root);
  if (!stat.isDirectory() || stat.isSymbolicLink()) throw new RunsRootError(`${root} is not a plain directory; refusing to keep runs there.`);
  return root;
}
