/**
 * A content-addressed Git object store with real Git hashing (blob, tree, commit), so shas look
 * and behave like GitHub's: the same content always has the same sha.
 */
import { createHash } from "node:crypto";

export interface TreeEntry {
  /** One path component. */
  name: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
}

export interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
}

/** A change to a tree: `sha: null` deletes the path. */
export interface PathChange {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string | null;
}

const FAKE_DATE = "2025-01-01T00:00:00Z";
export const FAKE_AUTHOR = { name: "Fake Author", email: "fake@example.com", date: FAKE_DATE };

function hashObject(type: string, body: Buffer): string {
  return createHash("sha1").update(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body])).digest("hex");
}

export class GitStore {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, TreeEntry[]>();
  readonly commits = new Map<string, CommitObject>();
  /** Every object as Git stores it (type and body), for exporting to a local repository. */
  readonly raw = new Map<string, { type: "blob" | "tree" | "commit"; body: Buffer }>();

  putBlob(content: Buffer | string): string {
    const body = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const sha = hashObject("blob", body);
    this.blobs.set(sha, body);
    this.raw.set(sha, { type: "blob", body });
    return sha;
  }

  putTree(entries: TreeEntry[]): string {
    // Git sorts tree entries by name, with directories compared as if they ended in "/".
    const key = (e: TreeEntry) => (e.type === "tree" ? `${e.name}/` : e.name);
    const sorted = [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const body = Buffer.concat(
      sorted.map((e) => Buffer.concat([Buffer.from(`${e.mode === "040000" ? "40000" : e.mode} ${e.name}\0`), Buffer.from(e.sha, "hex")])),
    );
    const sha = hashObject("tree", body);
    this.trees.set(sha, sorted);
    this.raw.set(sha, { type: "tree", body });
    return sha;
  }

  putCommit(input: { tree: string; parents: string[]; message: string; author?: CommitObject["author"]; committer?: CommitObject["committer"] }): string {
    const author = input.author ?? FAKE_AUTHOR;
    const committer = input.committer ?? author;
    const stamp = (p: { name: string; email: string; date: string }) => `${p.name} <${p.email}> ${Math.floor(Date.parse(p.date) / 1000)} +0000`;
    const text =
      `tree ${input.tree}\n` +
      input.parents.map((p) => `parent ${p}\n`).join("") +
      `author ${stamp(author)}\ncommitter ${stamp(committer)}\n\n${input.message}`;
    const sha = hashObject("commit", Buffer.from(text, "utf8"));
    this.raw.set(sha, { type: "commit", body: Buffer.from(text, "utf8") });
    this.commits.set(sha, { sha, tree: input.tree, parents: [...input.parents], message: input.message, author, committer });
    return sha;
  }

  has(sha: string): boolean {
    return this.blobs.has(sha) || this.trees.has(sha) || this.commits.has(sha);
  }

  /** Every file under a tree, as path → entry (blobs and submodules). */
  flatten(treeSha: string, prefix = ""): Map<string, TreeEntry & { path: string }> {
    const out = new Map<string, TreeEntry & { path: string }>();
    for (const e of this.trees.get(treeSha) ?? []) {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.type === "tree") for (const [p, v] of this.flatten(e.sha, path)) out.set(p, v);
      else out.set(path, { ...e, path });
    }
    return out;
  }

  /** The entry at `path` under a tree, or null. */
  lookup(treeSha: string, path: string): TreeEntry | null {
    const parts = path.split("/").filter(Boolean);
    let entries = this.trees.get(treeSha) ?? [];
    for (let i = 0; i < parts.length; i++) {
      const e = entries.find((x) => x.name === parts[i]);
      if (!e) return null;
      if (i === parts.length - 1) return e;
      if (e.type !== "tree") return null;
      entries = this.trees.get(e.sha) ?? [];
    }
    return null;
  }

  /** A new tree: `base` (or empty) with `changes` applied; intermediate trees are rebuilt. */
  writeTree(base: string | null, changes: readonly PathChange[]): string {
    const files = base ? this.flatten(base) : new Map<string, TreeEntry & { path: string }>();
    const explicitTrees = new Map<string, string>();
    for (const c of changes) {
      if (c.sha === null) {
        files.delete(c.path);
        for (const p of [...files.keys()]) if (p.startsWith(`${c.path}/`)) files.delete(p);
      } else if (c.type === "tree") {
        for (const p of [...files.keys()]) if (p.startsWith(`${c.path}/`)) files.delete(p);
        for (const [p, v] of this.flatten(c.sha, c.path)) files.set(p, v);
        explicitTrees.set(c.path, c.sha);
      } else {
        const name = c.path.split("/").pop() ?? c.path;
        files.set(c.path, { name, mode: c.mode, type: c.type, sha: c.sha, path: c.path });
      }
    }
    return this.#build([...files.values()].map((f) => ({ ...f, parts: f.path.split("/") })), 0);
  }

  #build(files: (TreeEntry & { parts: string[] })[], depth: number): string {
    const entries: TreeEntry[] = [];
    const dirs = new Map<string, (TreeEntry & { parts: string[] })[]>();
    for (const f of files) {
      const name = f.parts[depth] ?? "";
      if (depth === f.parts.length - 1) entries.push({ name, mode: f.mode, type: f.type, sha: f.sha });
      else dirs.set(name, [...(dirs.get(name) ?? []), f]);
    }
    for (const [name, inner] of dirs) entries.push({ name, mode: "040000", type: "tree", sha: this.#build(inner, depth + 1) });
    return this.putTree(entries);
  }

  /** True when `ancestor` is reachable from `sha` through parents. */
  isAncestor(ancestor: string, sha: string): boolean {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length) {
      const s = stack.pop() ?? "";
      if (s === ancestor) return true;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...(this.commits.get(s)?.parents ?? []));
    }
    return false;
  }
}
