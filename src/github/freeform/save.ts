/**
 * `/workflow save <run-id> <name>` (rule G7): a pull request adding an approved free-form script to
 * `.github/quorum/workflows/<name>.js`, committed through the Git Data API on a `quorum/` branch
 * (rule X5), so after merging it runs as `/workflow <name>`.
 *
 * Edge cases:
 * - The branch is `quorum/workflows/<name>-<blob sha prefix>`: saving the same script under the same
 *   name twice finds the first pull request (any state) instead of opening another.
 * - When the default branch already holds exactly this script at that path, nothing is opened.
 * - A different file already at the path is replaced in the pull request, and the body says so.
 */
import type { Octokit } from "@octokit/rest";
import { commitChanges, createQuorumRef, QUORUM_REF_PREFIX } from "../publish/index.ts";
import { branchSha } from "../publish/git-commit.ts";
import { redactSecrets } from "../redact.ts";
import { readTextFile, type RepoRef } from "../repo.ts";
import { QuorumGitHubError } from "../errors.ts";
import { assertWorkflowName, WORKFLOW_DIRECTORIES } from "../workflow-script.ts";
import { loadApprovedScript } from "./approved-script.ts";
import { showsScript } from "./present.ts";

/** Characters of the blob sha in the branch name. */
const BRANCH_SHA_CHARS = 10;

export interface SaveRequest {
  runId: string;
  name: string;
  blobSha: string;
  /** Who asked to save it. */
  savedBy: string;
  /** Who approved the script, when known. */
  approvedBy?: string;
  /** Link to the proposal (check run). */
  proposalUrl?: string | null;
  secrets?: readonly string[];
  /** The proposal's check-run text: when given, it must show exactly the blob's script (rule G7). */
  shownText?: string | null;
}

export type SaveOutcome =
  | { status: "created" | "existing"; number: number; url: string; branch: string; path: string }
  | { status: "unchanged"; path: string };

/** The path a saved workflow gets. */
export function savedWorkflowPath(name: string): string {
  return `${WORKFLOW_DIRECTORIES[0]}/${name}.js`;
}

/** Opens (or finds) the pull request that saves the approved script `blobSha` as `name`. */
export async function saveWorkflowPullRequest(octokit: Octokit, repo: RepoRef & { defaultBranch: string }, request: SaveRequest): Promise<SaveOutcome> {
  assertWorkflowName(request.name);
  const path = savedWorkflowPath(request.name);
  const script = await loadApprovedScript(octokit, repo, request.blobSha);
  if (request.shownText !== undefined && !showsScript(request.shownText, script)) {
    throw new QuorumGitHubError("script_not_shown", `its check run does not show the stored script (blob ${request.blobSha}); it was changed after Quorum wrote it. Nothing was saved.`);
  }
  const current = await readTextFile(octokit, repo, path, repo.defaultBranch);
  if (current === script) return { status: "unchanged", path };

  const branch = `${QUORUM_REF_PREFIX.slice("refs/heads/".length)}workflows/${request.name}-${request.blobSha.slice(0, BRANCH_SHA_CHARS)}`;
  const existing = await octokit.paginate(octokit.rest.pulls.list, { owner: repo.owner, repo: repo.repo, head: `${repo.owner}:${branch}`, state: "all", per_page: 100 });
  const first = existing[0];
  if (first) return { status: "existing", number: first.number, url: first.html_url, branch, path };

  if ((await branchSha(octokit, repo, branch)) === null) {
    const base = await branchSha(octokit, repo, repo.defaultBranch);
    if (!base) throw new QuorumGitHubError("base_missing", `The default branch ${repo.defaultBranch} has no commit to add the workflow to.`);
    const sha = await commitChanges(octokit, repo, {
      baseSha: base,
      message: `quorum: save workflow ${request.name}\n\nFree-form workflow of run ${request.runId}, saved by @${request.savedBy}.\n`,
      changes: [{ path, content: script }],
    });
    await createQuorumRef(octokit, repo, branch, sha, { defaultBranch: repo.defaultBranch });
  }
  const body = [
    `Saves the free-form workflow of run \`${request.runId}\` as \`${path}\`, so it runs with \`/workflow ${request.name}\`.`,
    "",
    `- Saved by @${request.savedBy}${request.approvedBy ? `; the script was approved by @${request.approvedBy}` : ""}.`,
    `- The file is the approved script byte for byte (git blob \`${request.blobSha}\`).`,
    ...(request.proposalUrl ? [`- Proposal and approval: ${request.proposalUrl}`] : []),
    ...(current !== null ? [`- \`${path}\` already exists on ${repo.defaultBranch}: this pull request replaces it.`] : []),
    "",
    "Review it like any code change: once merged, anyone with write access can run it.",
  ].join("\n");
  const { data } = await octokit.rest.pulls.create({
    owner: repo.owner,
    repo: repo.repo,
    head: branch,
    base: repo.defaultBranch,
    title: `Add Quorum workflow ${request.name}`,
    body: redactSecrets(body, request.secrets ?? []).text,
  });
  return { status: "created", number: data.number, url: data.html_url, branch, path };
}
