/**
 * A commit through the Git Data API (rule P4): tree (on top of the base tree) → commit with the
 * base as its only parent → a `quorum/*` ref. Nothing is pushed with git; nothing else is
 * touched. Every ref write passes the ref guard (rule X5).
 *
 * Requests: text files go inline in `git.createTree` (`content`), so a commit is two requests
 * (tree, commit) plus the ref. A file above {@link MAX_INLINE_FILE_BYTES}, or past
 * {@link MAX_INLINE_TREE_BYTES} inline in one tree, is uploaded with `git.createBlob` first.
 */
import { hasHttpStatus } from "../api-error.ts";
import type { Octokit } from "@octokit/rest";
import type { RepoRef } from "../repo.ts";
import { assertQuorumRef } from "./ref-guard.ts";

/** Largest file sent inline in `git.createTree`; larger ones are uploaded as blobs. */
export const MAX_INLINE_FILE_BYTES = 256 * 1024;
/** Most content sent inline in one `git.createTree` request. */
export const MAX_INLINE_TREE_BYTES = 1024 * 1024;

/** One file in the new commit: `content: null` deletes it. */
export interface FileChange {
  path: string;
  content: string | null;
  /** `100644` (default), `100755` or `120000`. */
  mode?: "100644" | "100755" | "120000";
}

export interface CommitRequest {
  baseSha: string;
  /** The base commit's tree sha; fetched with `git.getCommit` when absent. */
  baseTree?: string;
  message: string;
  changes: readonly FileChange[];
}

type Mode = "100644" | "100755" | "120000";
type TreeItem = { path: string; mode: Mode; type: "blob"; sha: string | null } | { path: string; mode: Mode; type: "blob"; content: string };

/** Creates the commit (not a ref) and returns its sha. */
export async function commitChanges(octokit: Octokit, repo: RepoRef, request: CommitRequest): Promise<string> {
  const { owner, repo: name } = repo;
  const baseTree = request.baseTree ?? (await octokit.rest.git.getCommit({ owner, repo: name, commit_sha: request.baseSha })).data.tree.sha;
  const tree: TreeItem[] = [];
  let inline = 0;
  for (const change of request.changes) {
    const mode = change.mode ?? "100644";
    if (change.content === null) {
      tree.push({ path: change.path, mode, type: "blob", sha: null });
      continue;
    }
    const bytes = Buffer.byteLength(change.content, "utf8");
    if (bytes <= MAX_INLINE_FILE_BYTES && inline + bytes <= MAX_INLINE_TREE_BYTES) {
      inline += bytes;
      tree.push({ path: change.path, mode, type: "blob", content: change.content });
      continue;
    }
    const blob = await octokit.rest.git.createBlob({
      owner,
      repo: name,
      content: Buffer.from(change.content, "utf8").toString("base64"),
      encoding: "base64",
    });
    tree.push({ path: change.path, mode, type: "blob", sha: blob.data.sha });
  }
  const newTree = await octokit.rest.git.createTree({ owner, repo: name, base_tree: baseTree, tree });
  const commit = await octokit.rest.git.createCommit({
    owner,
    repo: name,
    message: request.message,
    tree: newTree.data.sha,
    parents: [request.baseSha],
  });
  return commit.data.sha;
}

/**
 * Creates `refs/heads/<branch>` at `sha`. The branch must be under `quorum/` and not the default
 * branch; anything else throws {@link RefGuardError} before any request.
 */
export async function createQuorumRef(
  octokit: Octokit,
  repo: RepoRef,
  branch: string,
  sha: string,
  options: { defaultBranch: string },
): Promise<void> {
  const ref = assertQuorumRef(`refs/heads/${branch}`, options);
  await octokit.rest.git.createRef({ owner: repo.owner, repo: repo.repo, ref, sha });
}

/** Moves an existing `quorum/*` branch (same guard). */
export async function updateQuorumRef(
  octokit: Octokit,
  repo: RepoRef,
  branch: string,
  sha: string,
  options: { defaultBranch: string; force?: boolean },
): Promise<void> {
  const ref = assertQuorumRef(`refs/heads/${branch}`, options);
  await octokit.rest.git.updateRef({ owner: repo.owner, repo: repo.repo, ref: ref.slice("refs/".length), sha, force: options.force ?? false });
}

/** The sha a branch points at, or null when it does not exist. */
export async function branchSha(octokit: Octokit, repo: RepoRef, branch: string): Promise<string | null> {
  try {
    const { data } = await octokit.rest.git.getRef({ owner: repo.owner, repo: repo.repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (hasHttpStatus(error, 404)) return null;
    throw error;
  }
}
