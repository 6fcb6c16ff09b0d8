/**
 * Reading from the repository's default branch (rule G6): the one place that decides which ref
 * configuration and scripts come from. Never a PR head, never the event's `ref`.
 *
 * Edge cases:
 * - `defaultBranch` from the webhook payload (`repository.default_branch`) saves an API call;
 *   without it the repository is fetched.
 * - A missing file (404) is `null`; a directory or symlink at the path is an error.
 * - The contents API omits the content of files over 1 MB (`encoding: "none"`); such files are
 *   refused with {@link FileTooLargeError} rather than fetched another way.
 */
import { hasHttpStatus } from "./api-error.ts";
import type { Octokit } from "@octokit/rest";
import { FileTooLargeError, QuorumGitHubError } from "./errors.ts";

/** Largest file read as configuration or a workflow script. */
export const MAX_REPOSITORY_FILE_BYTES = 512 * 1024;

export interface RepoRef {
  owner: string;
  repo: string;
  /** The default branch name when the caller knows it (webhook payload). */
  defaultBranch?: string;
}

/** The default branch's name: from `repo.defaultBranch`, else `GET /repos/{owner}/{repo}`. */
export async function getDefaultBranch(octokit: Octokit, repo: RepoRef): Promise<string> {
  if (repo.defaultBranch) return repo.defaultBranch;
  const { data } = await octokit.rest.repos.get({ owner: repo.owner, repo: repo.repo });
  return data.default_branch;
}

export function isNotFound(error: unknown): boolean {
  return hasHttpStatus(error, 404);
}

/**
 * The text of `path` at `ref` through the contents API, or `null` when there is no such file.
 */
export async function readTextFile(octokit: Octokit, repo: RepoRef, path: string, ref: string): Promise<string | null> {
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ owner: repo.owner, repo: repo.repo, path, ref }));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  if (Array.isArray(data) || typeof data !== "object" || data === null) {
    throw new QuorumGitHubError("not_a_file", `${path} on ${ref} is a directory, not a file. Remove or rename it.`);
  }
  const file = data as { type?: string; size?: number; content?: string; encoding?: string };
  if (file.type !== "file") {
    throw new QuorumGitHubError("not_a_file", `${path} on ${ref} is a ${file.type ?? "non-file"}, not a regular file. Replace it with a file.`);
  }
  const size = file.size ?? 0;
  if (size > MAX_REPOSITORY_FILE_BYTES || file.encoding === "none") throw new FileTooLargeError(path, size, MAX_REPOSITORY_FILE_BYTES);
  if (file.encoding !== "base64" && file.encoding !== undefined) {
    throw new QuorumGitHubError("unexpected_encoding", `GitHub returned ${path} with encoding "${file.encoding}"; expected base64.`);
  }
  return Buffer.from(file.content ?? "", "base64").toString("utf8");
}

/** Reads `path` from the default branch; returns the text (or null) and the ref used. */
export async function readFromDefaultBranch(
  octokit: Octokit,
  repo: RepoRef,
  path: string,
): Promise<{ text: string | null; ref: string }> {
  const ref = await getDefaultBranch(octokit, repo);
  return { text: await readTextFile(octokit, repo, path, ref), ref };
}
