/**
 * Workflow scripts stored in the repository, read from the default branch only (rule G6).
 *
 * Lookup order: `.github/quorum/workflows/<name>.js`, then `.claude/workflows/<name>.js` (Claude
 * Code's location, so saved scripts run unmodified). `null` when neither exists: the caller falls
 * back to the built-ins.
 *
 * Edge cases:
 * - The name is validated before any request (`[a-z0-9][a-z0-9-_]*`, at most 64 characters), so a
 *   name can never walk out of the folder (`../x`) or pick another extension.
 */
import type { Octokit } from "@octokit/rest";
import { InvalidWorkflowNameError } from "./errors.ts";
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
    const path = `${dir}/${name}.js`;
    const source = await readTextFile(octokit, repo, path, ref);
    if (source !== null) return { name, path, ref, source };
  }
  return null;
}
