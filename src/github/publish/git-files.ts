/**
 * Reading files of a commit (trees and blobs), with their modes, for applying patches (rule P4).
 *
 * Why not the contents API: it drops the file mode (an executable script patched through it would
 * lose its `x` bit) and omits files over 1 MB.
 *
 * Cost: one instance serves every finding of a run, so the base commit, each tree and each blob
 * is fetched at most once per run. When a local clone is given (the Action's checkout, which
 * normally holds the base commit), objects are read from it and verified by hash; only what it
 * lacks goes to the API (`git.getCommit` once, `git.getTree` per directory level, `git.getBlob`
 * per file).
 *
 * Edge cases:
 * - A path that does not exist at the commit is `null`.
 * - A path through a submodule or a symlinked directory is `null` (Git has no file there).
 * - Binary content (a NUL byte) is reported as `binary: true`; the caller refuses to patch it.
 */
import type { Octokit } from "@octokit/rest";
import type { RepoRef } from "../repo.ts";
import type { LocalGitObjects } from "./local-objects.ts";

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

export interface CommitFilesOptions {
  /** A local clone to read objects from before asking the API. */
  local?: LocalGitObjects | null;
}

/** Reads files of one commit; the commit, trees and blobs are cached across calls. */
/** The value of `key` in `cache`, loaded once; a failed load is forgotten so the next call tries again. */
function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}

export class CommitFiles {
  readonly #octokit: Octokit;
  readonly #repo: RepoRef;
  readonly #local: LocalGitObjects | null;
  readonly commitSha: string;
  #rootTree: Promise<string> | undefined;
  readonly #trees = new Map<string, Promise<TreeEntry[]>>();
  readonly #blobs = new Map<string, Promise<Buffer>>();

  constructor(octokit: Octokit, repo: RepoRef, commitSha: string, options: CommitFilesOptions = {}) {
    this.#octokit = octokit;
    this.#repo = repo;
    this.commitSha = commitSha;
    this.#local = options.local ?? null;
  }

  /** The commit's tree sha (the `base_tree` of a new commit on top of it). */
  rootTree(): Promise<string> {
    this.#rootTree ??= (async () => {
      const local = await this.#local?.commitTree(this.commitSha);
      if (local) return local;
      const { data } = await this.#octokit.rest.git.getCommit({ owner: this.#repo.owner, repo: this.#repo.repo, commit_sha: this.commitSha });
      return data.tree.sha;
    })();
    this.#rootTree.catch(() => (this.#rootTree = undefined));
    return this.#rootTree;
  }

  #tree(sha: string): Promise<TreeEntry[]> {
    return cached(this.#trees, sha, async () => {
      const local = await this.#local?.tree(sha);
      if (local) return local;
      const { data } = await this.#octokit.rest.git.getTree({ owner: this.#repo.owner, repo: this.#repo.repo, tree_sha: sha });
      return data.tree.map((e) => ({ path: e.path ?? "", mode: e.mode ?? "100644", type: e.type ?? "blob", sha: e.sha ?? "" }));
    });
  }

  #blob(sha: string): Promise<Buffer> {
    return cached(this.#blobs, sha, async () => {
      const local = await this.#local?.blob(sha);
      if (local) return local;
      const { data } = await this.#octokit.rest.git.getBlob({ owner: this.#repo.owner, repo: this.#repo.repo, file_sha: sha });
      return Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8");
    });
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
    const bytes = await this.#blob(entry.sha);
    return { path, content: bytes.toString("utf8"), mode: entry.mode, sha: entry.sha, binary: bytes.includes(0) };
  }
}
