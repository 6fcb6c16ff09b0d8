/**
 * Reading files of a commit through the Git Data API (trees and blobs), with their modes.
 *
 * Why not the contents API: it drops the file mode (an executable script patched through it would
 * lose its `x` bit) and omits files over 1 MB. Walking the trees costs one request per directory
 * level, cached per tree, plus one per blob.
 *
 * Edge cases:
 * - A path that does not exist at the commit is `null`.
 * - A path through a submodule or a symlinked directory is `null` (Git has no file there).
 * - Binary content (a NUL byte) is reported as `binary: true`; the caller refuses to patch it.
 */
import type { Octokit } from "@octokit/rest";
import type { RepoRef } from "../repo.ts";

export interface GitFile {
  path: string;
  content: string;
  mode: string;
  sha: string;
  binary: boolean;
}

interface TreeEntry {
  path: string;
  mode: string;
  type: string;
  sha: string;
}

/** Reads files of one commit; trees are cached across calls. */
export class CommitFiles {
  readonly #octokit: Octokit;
  readonly #repo: RepoRef;
  readonly #commitSha: string;
  #rootTree: Promise<string> | undefined;
  readonly #trees = new Map<string, Promise<TreeEntry[]>>();

  constructor(octokit: Octokit, repo: RepoRef, commitSha: string) {
    this.#octokit = octokit;
    this.#repo = repo;
    this.#commitSha = commitSha;
  }

  /** The commit's tree sha. */
  rootTree(): Promise<string> {
    this.#rootTree ??= this.#octokit.rest.git
      .getCommit({ owner: this.#repo.owner, repo: this.#repo.repo, commit_sha: this.#commitSha })
      .then(({ data }) => data.tree.sha);
    return this.#rootTree;
  }

  #tree(sha: string): Promise<TreeEntry[]> {
    let entries = this.#trees.get(sha);
    if (!entries) {
      entries = this.#octokit.rest.git
        .getTree({ owner: this.#repo.owner, repo: this.#repo.repo, tree_sha: sha })
        .then(({ data }) =>
          data.tree.map((e) => ({ path: e.path ?? "", mode: e.mode ?? "100644", type: e.type ?? "blob", sha: e.sha ?? "" })),
        );
      this.#trees.set(sha, entries);
    }
    return entries;
  }

  /** The entry at `path` (file or otherwise), or null. */
  async entry(path: string): Promise<TreeEntry | null> {
    const parts = path.split("/");
    let treeSha = await this.rootTree();
    for (let i = 0; i < parts.length; i++) {
      const entries = await this.#tree(treeSha);
      const found = entries.find((e) => e.path === parts[i]);
      if (!found) return null;
      if (i === parts.length - 1) return found;
      if (found.type !== "tree") return null;
      treeSha = found.sha;
    }
    return null;
  }

  /** The file at `path`, or null when there is no regular file (or symlink) there. */
  async read(path: string): Promise<GitFile | null> {
    const entry = await this.entry(path);
    if (!entry || entry.type !== "blob") return null;
    const { data } = await this.#octokit.rest.git.getBlob({ owner: this.#repo.owner, repo: this.#repo.repo, file_sha: entry.sha });
    const bytes = Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8");
    return { path, content: bytes.toString("utf8"), mode: entry.mode, sha: entry.sha, binary: bytes.includes(0) };
  }
}
