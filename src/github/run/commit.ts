/**
 * The commit a run is about (rule P1): the PR head for pull-request runs, else the default
 * branch's HEAD. The check run is attached to it; PRs for findings are based on the default
 * branch's HEAD.
 */
import type { Octokit } from "@octokit/rest";
import { QuorumGitHubError } from "../errors.ts";
import type { RepoRef } from "../repo.ts";

/** The default branch's HEAD: `known` when the caller has it (e.g. GITHUB_SHA of an issue event), else asked. */
export async function defaultBranchHead(octokit: Octokit, repo: RepoRef & { defaultBranch: string }, known?: string): Promise<string> {
  if (known) return known;
  const { data } = await octokit.rest.git.getRef({ owner: repo.owner, repo: repo.repo, ref: `heads/${repo.defaultBranch}` });
  return data.object.sha;
}

/** The head commit of a pull request: from the event when it carries it, else asked. */
export async function pullRequestHead(octokit: Octokit, repo: RepoRef, pull: { number: number; headSha?: string }): Promise<string> {
  if (pull.headSha) return pull.headSha;
  const { data } = await octokit.rest.pulls.get({ owner: repo.owner, repo: repo.repo, pull_number: pull.number });
  if (!data.head?.sha) throw new QuorumGitHubError("pull_head_missing", `Pull request #${pull.number} has no head commit; is it still open?`);
  return data.head.sha;
}
