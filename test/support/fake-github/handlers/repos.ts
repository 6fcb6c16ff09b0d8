/** `repos/*`: the repository, file contents, branches, collaborator permissions. */
import { notFound } from "../http.ts";
import { repoJson, userJson } from "../shapes.ts";
import type { Role } from "../state.ts";
import type { Handlers } from "./types.ts";

/** What the legacy `permission` field says for each role. */
const LEGACY_PERMISSION: Record<Role, string> = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read" };

export const repoHandlers: Handlers = {
  "repos/get": (c) => ({ body: repoJson(c.api, c.repo()) }),

  "repos/get-content": (c) => {
    const r = c.repo();
    const ref = c.url.searchParams.get("ref") ?? r.defaultBranch;
    const sha = r.resolve(ref);
    if (!sha) throw notFound(`No commit found for the ref ${ref}`);
    const commit = r.git.commits.get(sha);
    const path = c.params.path ?? "";
    const entry = commit ? r.git.lookup(commit.tree, path) : null;
    if (!entry) throw notFound();
    const base = `${c.api}/repos/${r.fullName}/contents/${path}`;
    if (entry.type === "tree") {
      return {
        body: (r.git.trees.get(entry.sha) ?? []).map((e) => ({
          type: e.type === "tree" ? "dir" : e.type === "commit" ? "submodule" : e.mode === "120000" ? "symlink" : "file",
          name: e.name,
          path: `${path}/${e.name}`,
          sha: e.sha,
          size: r.git.blobs.get(e.sha)?.length ?? 0,
          url: `${base}/${e.name}?ref=${ref}`,
        })),
      };
    }
    const blob = r.git.blobs.get(entry.sha) ?? Buffer.alloc(0);
    const tooLarge = blob.length > 1024 * 1024;
    return {
      body: {
        type: entry.mode === "120000" ? "symlink" : entry.type === "commit" ? "submodule" : "file",
        encoding: tooLarge ? "none" : "base64",
        size: blob.length,
        name: path.split("/").pop(),
        path,
        content: tooLarge ? "" : (blob.toString("base64").match(/.{1,60}/g) ?? []).join("\n"),
        sha: entry.sha,
        url: `${base}?ref=${ref}`,
        git_url: `${c.api}/repos/${r.fullName}/git/blobs/${entry.sha}`,
        html_url: `https://github.com/${r.fullName}/blob/${ref}/${path}`,
        download_url: null,
      },
    };
  },

  "repos/get-branch": (c) => {
    const r = c.repo();
    const branch = c.params.branch ?? "";
    const sha = r.refs.get(`refs/heads/${branch}`);
    if (!sha) throw notFound("Branch not found");
    return {
      body: {
        name: branch,
        commit: { sha, url: `${c.api}/repos/${r.fullName}/commits/${sha}` },
        protected: branch === r.defaultBranch,
        _links: { self: `${c.api}/repos/${r.fullName}/branches/${branch}`, html: `https://github.com/${r.fullName}/tree/${branch}` },
      },
    };
  },

  "repos/get-collaborator-permission-level": (c) => {
    const r = c.repo();
    const login = c.params.username ?? "";
    const role: Role | undefined = r.collaborators.get(login.toLowerCase()) ?? (r.isPrivate ? undefined : "read");
    if (!role) throw notFound(`${login} is not a user`);
    const custom = r.customRoles.get(login.toLowerCase());
    return {
      body: {
        permission: LEGACY_PERMISSION[role],
        role_name: custom ?? role,
        user: {
          ...userJson(c.api, { login, id: login.length * 7919, type: login.endsWith("[bot]") ? "Bot" : "User" }),
          permissions: {
            admin: role === "admin",
            maintain: role === "admin" || role === "maintain",
            push: role === "admin" || role === "maintain" || role === "write",
            triage: role !== "read",
            pull: true,
          },
          role_name: custom ?? role,
        },
      },
    };
  },
};
