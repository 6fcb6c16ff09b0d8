/** `git/*`: the Git Data API — blobs, trees, commits, refs. */
import type { PathChange } from "../git.ts";
import { HttpError, notFound, unprocessable } from "../http.ts";
import { gitCommitJson, refJson, treeJson } from "../shapes.ts";
import type { FakeRepo } from "../state.ts";
import type { Handlers } from "./types.ts";

const VALID_REF = /^refs\/[^/]+\/.+/;

function checkRefName(ref: string): void {
  if (!VALID_REF.test(ref) || ref.includes("..") || ref.includes("//") || ref.endsWith("/") || ref.endsWith(".lock") || /[\s~^:?*[\\]/.test(ref)) {
    throw unprocessable("Reference name is invalid");
  }
}

function requireCommit(r: FakeRepo, sha: string): void {
  if (!r.git.commits.has(sha)) throw unprocessable("Object does not exist");
}

export const gitHandlers: Handlers = {
  "git/get-ref": (c) => {
    const r = c.repo();
    const ref = `refs/${c.params.ref ?? ""}`;
    const sha = r.refs.get(ref);
    if (!sha) throw notFound();
    return { body: refJson(c.api, r, ref, sha) };
  },

  "git/list-matching-refs": (c) => {
    const r = c.repo();
    const prefix = `refs/${c.params.ref ?? ""}`;
    return { body: [...r.refs].filter(([ref]) => ref.startsWith(prefix)).map(([ref, sha]) => refJson(c.api, r, ref, sha)) };
  },

  "git/create-ref": (c) => {
    const r = c.repo();
    const { ref, sha } = c.body as { ref: string; sha: string };
    checkRefName(ref);
    requireCommit(r, sha);
    if (r.refs.has(ref)) throw unprocessable("Reference already exists");
    // Git cannot hold refs/heads/a and refs/heads/a/b at once.
    for (const existing of r.refs.keys()) {
      if (existing.startsWith(`${ref}/`) || ref.startsWith(`${existing}/`)) throw unprocessable(`Reference ${ref} conflicts with ${existing}`);
    }
    r.refs.set(ref, sha);
    return { status: 201, body: refJson(c.api, r, ref, sha) };
  },

  "git/update-ref": (c) => {
    const r = c.repo();
    const ref = `refs/${c.params.ref ?? ""}`;
    const { sha, force } = c.body as { sha: string; force?: boolean };
    const old = r.refs.get(ref);
    if (!old) throw unprocessable("Reference does not exist");
    requireCommit(r, sha);
    if (!force && !r.git.isAncestor(old, sha)) throw unprocessable("Update is not a fast forward");
    r.refs.set(ref, sha);
    return { body: refJson(c.api, r, ref, sha) };
  },

  "git/delete-ref": (c) => {
    const r = c.repo();
    const ref = `refs/${c.params.ref ?? ""}`;
    if (!r.refs.delete(ref)) throw unprocessable("Reference does not exist");
    return { status: 204 };
  },

  "git/create-blob": (c) => {
    const r = c.repo();
    const { content, encoding } = c.body as { content: string; encoding?: string };
    if (encoding !== undefined && encoding !== "utf-8" && encoding !== "base64") throw unprocessable(`encoding must be utf-8 or base64`);
    const sha = r.git.putBlob(Buffer.from(content, encoding === "base64" ? "base64" : "utf8"));
    return { status: 201, body: { sha, url: `${c.api}/repos/${r.fullName}/git/blobs/${sha}` } };
  },

  "git/get-blob": (c) => {
    const r = c.repo();
    const sha = c.params.file_sha ?? "";
    const blob = r.git.blobs.get(sha);
    if (!blob) throw notFound();
    return {
      body: {
        sha,
        node_id: `B_${sha}`,
        size: blob.length,
        url: `${c.api}/repos/${r.fullName}/git/blobs/${sha}`,
        content: (blob.toString("base64").match(/.{1,60}/g) ?? []).join("\n"),
        encoding: "base64",
      },
    };
  },

  "git/create-tree": (c) => {
    const r = c.repo();
    const { base_tree: baseTree, tree } = c.body as {
      base_tree?: string;
      tree: { path?: string; mode?: string; type?: "blob" | "tree" | "commit"; sha?: string | null; content?: string }[];
    };
    if (baseTree !== undefined && !r.git.trees.has(baseTree)) throw unprocessable("base_tree is not a valid tree oid");
    const changes: PathChange[] = tree.map((item, i) => {
      if (!item.path || !item.mode || !item.type) throw unprocessable(`tree.${i} needs path, mode and type`);
      if (item.content !== undefined && item.sha !== undefined) throw unprocessable(`tree.${i}: use either sha or content, not both`);
      if (item.content !== undefined) return { path: item.path, mode: item.mode, type: item.type, sha: r.git.putBlob(item.content) };
      if (item.sha === undefined) throw unprocessable(`tree.${i} needs sha or content`);
      if (item.sha !== null && !r.git.has(item.sha)) throw unprocessable(`tree.sha ${item.sha} is not a valid ${item.type}`);
      return { path: item.path, mode: item.mode, type: item.type, sha: item.sha };
    });
    const sha = r.git.writeTree(baseTree ?? null, changes);
    return { status: 201, body: treeJson(c.api, r, sha, r.git.trees.get(sha) ?? []) };
  },

  "git/get-tree": (c) => {
    const r = c.repo();
    let sha = c.params.tree_sha ?? "";
    if (!r.git.trees.has(sha)) {
      const commit = r.resolve(sha);
      const tree = commit ? r.git.commits.get(commit)?.tree : undefined;
      if (!tree) throw notFound();
      sha = tree;
    }
    const recursive = c.url.searchParams.has("recursive");
    if (!recursive) return { body: treeJson(c.api, r, sha, r.git.trees.get(sha) ?? []) };
    const all: Parameters<typeof treeJson>[3] = [];
    const walk = (treeSha: string, prefix: string): void => {
      for (const e of r.git.trees.get(treeSha) ?? []) {
        const path = prefix ? `${prefix}/${e.name}` : e.name;
        all.push({ ...e, path });
        if (e.type === "tree") walk(e.sha, path);
      }
    };
    walk(sha, "");
    return { body: treeJson(c.api, r, sha, all) };
  },

  "git/create-commit": (c) => {
    const r = c.repo();
    const { message, tree, parents = [], author } = c.body as {
      message: string;
      tree: string;
      parents?: string[];
      author?: { name: string; email: string; date?: string };
    };
    if (!r.git.trees.has(tree)) throw unprocessable("Tree SHA does not exist");
    for (const p of parents) if (!r.git.commits.has(p)) throw unprocessable("Parent SHA does not exist or is not a commit object");
    const sha = r.git.putCommit({
      tree,
      parents,
      message,
      ...(author ? { author: { name: author.name, email: author.email, date: author.date ?? "2025-01-01T00:00:00Z" } } : {}),
    });
    const commit = r.git.commits.get(sha);
    if (!commit) throw new HttpError(500, "commit vanished");
    return { status: 201, body: gitCommitJson(c.api, r, commit) };
  },

  "git/get-commit": (c) => {
    const r = c.repo();
    const commit = r.git.commits.get(c.params.commit_sha ?? "");
    if (!commit) throw notFound();
    return { body: gitCommitJson(c.api, r, commit) };
  },
};
