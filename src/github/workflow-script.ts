/**
 * Workflow scripts stored in the repository, read from the default branch only (rule G6).
 *
 * Lookup order: `.github/quorum/workflows/<name>.js` and `<name>.workflow.js`, then the same in
 * `.claude/workflows/` (Claude Code's location and file names, so saved scripts run unmodified, S7). `null` when neither exists: the caller falls
 * back to the built-ins.
 *
 * Edge cases:
 * - The name is validated before any request (`[a-z0-9][a-z0-9-_]*`, at most 64 characters), so a
 *   name can never walk out of the folder (`../x`) or pick another extension.
 */
import type { Octokit } from "@octokit/rest";
import { InvalidWorkflowNameError } from "./errors.ts";
import { WORKFLOW_FILE_ENDINGS } from "../workflows/resolve.ts";
import { getDefaultBranch, readTextFile, type RepoRef } from "./repo.ts";

export const WORKFLOW_DIRECTORIES = [".github/quorum/workflows", ".claude/workflows"] as const;
/** Workflow names: lowercase letters, digits, `-` and `_`, starting with a letter or digit; ≤ 64. */
export const WORKFLOW_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface WorkflowScript {
  name: string;
  path: string;
  /** The default branch's name. */
  ref: string;
  source: string;
}

/** Throws {@link InvalidWorkflowNameError} unless `name` can be a workflow file name. */
export function assertWorkflowName(name: string): void {
  if (!WORKFLOW_NAME_PATTERN.test(name)) throw new InvalidWorkflowNameError(name);
}

export async function loadWorkflowScript(octokit: Octokit, repo: RepoRef, name: string): Promise<WorkflowScript | null> {
  assertWorkflowName(name);
  const ref = await getDefaultBranch(octokit, repo);
  for (const dir of WORKFLOW_DIRECTORIES) {
    for (const ending of WORKFLOW_FILE_ENDINGS) {
      const path = `${dir}/${name}${ending}`;
      const source = await readTextFile(octokit, repo, path, ref);
      if (source !== null) return { name, path, ref, source };
    }
  }
  return null;
}
