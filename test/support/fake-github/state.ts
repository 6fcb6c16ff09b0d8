/**
 * The fake's state: repositories with their Git objects and refs, pull requests, reviews,
 * issues and comments, check runs and collaborator permissions.
 */
import { createPatch } from "diff";
import { GitStore } from "./git.ts";
import { notFound } from "./http.ts";

export type Role = "admin" | "maintain" | "write" | "triage" | "read";

export interface FakeUser {
  login: string;
  id: number;
  type: "User" | "Bot";
}

export interface FakePullFile {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed";
  additions: number;
  deletions: number;
  changes: number;
  sha: string | null;
  patch?: string;
  previous_filename?: string;
}

export interface FakePull {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  draft: boolean;
  merged: boolean;
  user: FakeUser;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  createdAt: string;
  /** When set, `pulls.listFiles` answers this instead of computing the diff. */
  files?: FakePullFile[];
}

export interface FakeReview {
  id: number;
  pullNumber: number;
  user: FakeUser;
  body: string;
  state: "COMMENTED" | "APPROVED" | "CHANGES_REQUESTED" | "PENDING";
  commitId: string;
  submittedAt: string;
}

export interface FakeReviewComment {
  id: number;
  pullNumber: number;
  reviewId: number;
  user: FakeUser;
  path: string;
  body: string;
  line: number | null;
  side: "LEFT" | "RIGHT";
  startLine: number | null;
  startSide: "LEFT" | "RIGHT" | null;
  commitId: string;
  createdAt: string;
}

export interface FakeIssue {
  number: number;
  id: number;
  title: string;
  body: string | null;
  user: FakeUser;
  state: "open" | "closed";
  isPull: boolean;
  labels: string[];
}

export interface FakeIssueComment {
  id: number;
  issueNumber: number;
  user: FakeUser;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title?: string; summary?: string; text?: string } | null;
  startedAt: string | null;
  completedAt: string | null;
  /** Every update body received, in order. */
  history: Record<string, unknown>[];
  /** The GitHub App that made it (a bot actor's app; null for a user token). */
  app?: FakeApp | null;
}

/** A GitHub App as check runs name it. */
export interface FakeApp {
  id: number;
  slug: string;
}

/** The app behind a bot account (`github-actions[bot]` → `github-actions`), null for users. */
export function appOfActor(actor: FakeUser): FakeApp | null {
  const m = /^(.+)\[bot\]$/.exec(actor.login);
  return actor.type === "Bot" && m?.[1] ? { id: actor.id, slug: m[1] } : null;
}

/** A GitHub Actions workflow run: what `cancel` acts on and artifacts belong to. */
export interface FakeWorkflowRun {
  id: number;
  name: string;
  event: string;
  headBranch: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  runAttempt: number;
  createdAt: string;
  updatedAt: string;
  /** The workflow file the run ran (`.github/workflows/quorum.yml` unless said otherwise). */
  path: string;
  workflowId: number;
  /** Set when the run's head is another repository (a fork's `pull_request` run). */
  headRepository?: { id: number; fullName: string };
  /**
   * Called (after the answer is sent) when the run is cancelled through the API: a test plays the
   * runner and stops the job's process, as GitHub does with SIGINT.
   */
  onCancel?: () => void;
}

/** An Actions artifact as the REST API shows it; `content` is the zip a download serves. */
export interface FakeArtifact {
  id: number;
  name: string;
  workflowRunId: number;
  content: Buffer;
  /** `sha256:<hex>` of `content`. */
  digest: string;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  /** Secret part of the signed download URL. */
  signature: string;
}

let nextId = 1000;
export const newId = (): number => ++nextId;
const now = (): string => new Date().toISOString();

/** Hunk-only patch text, as GitHub's `files[].patch` shows it. */
export function hunkPatch(path: string, before: string, after: string): string {
  const full = createPatch(path, before, after, "", "", { context: 3 });
  const lines = full.split("\n");
  const first = lines.findIndex((l) => l.startsWith("@@"));
  return first === -1 ? "" : lines.slice(first).join("\n").replace(/\n$/, "");
}

export class FakeRepo {
  readonly owner: string;
  readonly name: string;
  readonly id = newId();
  defaultBranch: string;
  isPrivate: boolean;
  readonly git = new GitStore();
  /** Full ref name (`refs/heads/main`) → commit sha. */
  readonly refs = new Map<string, string>();
  readonly pulls: FakePull[] = [];
  readonly issues = new Map<number, FakeIssue>();
  readonly issueComments: FakeIssueComment[] = [];
  readonly reviews: FakeReview[] = [];
  readonly reviewComments: FakeReviewComment[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  /** Actions workflow runs by id. */
  readonly workflowRuns = new Map<number, FakeWorkflowRun>();
  readonly artifacts: FakeArtifact[] = [];
  /** login (lowercase) → role. Unknown users of a public repository read; of a private one, 404. */
  readonly collaborators = new Map<string, Role>();
  /** login (lowercase) → custom role name, answered as `role_name` with the base role as `permission`. */
  readonly customRoles = new Map<string, string>();
  #nextNumber = 1;

  constructor(owner: string, name: string, defaultBranch: string, isPrivate: boolean) {
    this.owner = owner;
    this.name = name;
    this.defaultBranch = defaultBranch;
    this.isPrivate = isPrivate;
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  nextNumber(): number {
    return this.#nextNumber++;
  }

  /** Commits `files` (path → content, `null` deletes) on top of `branch` (created if missing). */
  commit(branch: string, files: Record<string, string | null>, message = "commit", from?: string): string {
    const ref = `refs/heads/${branch}`;
    const parent = this.refs.get(ref) ?? (from ? this.branchSha(from) : undefined);
    const baseTree = parent ? (this.git.commits.get(parent)?.tree ?? null) : null;
    const changes = Object.entries(files).map(([path, content]) => ({
      path,
      mode: "100644",
      type: "blob" as const,
      sha: content === null ? null : this.git.putBlob(content),
    }));
    const tree = this.git.writeTree(baseTree, changes);
    const sha = this.git.putCommit({ tree, parents: parent ? [parent] : [], message });
    this.refs.set(ref, sha);
    return sha;
  }

  branchSha(branch: string): string {
    const sha = this.refs.get(`refs/heads/${branch}`);
    if (!sha) throw notFound(`Branch not found: ${branch}`);
    return sha;
  }

  /** Resolves a branch, tag, full ref or commit sha to a commit sha; null when unknown. */
  resolve(ref: string): string | null {
    if (/^[0-9a-f]{40}$/.test(ref) && this.git.commits.has(ref)) return ref;
    for (const candidate of [ref, `refs/${ref}`, `refs/heads/${ref}`, `refs/tags/${ref}`]) {
      const sha = this.refs.get(candidate);
      if (sha) return sha;
    }
    return null;
  }

  /** Text of `path` at a commit, or null. */
  fileAt(commitSha: string, path: string): string | null {
    const commit = this.git.commits.get(commitSha);
    const entry = commit ? this.git.lookup(commit.tree, path) : null;
    if (!entry || entry.type !== "blob") return null;
    return this.git.blobs.get(entry.sha)?.toString("utf8") ?? null;
  }

  /** Text of `path` on a branch, or null. */
  file(branch: string, path: string): string | null {
    return this.fileAt(this.branchSha(branch), path);
  }

  /** Current head sha of a pull request (follows its branch while the branch exists). */
  headSha(pull: FakePull): string {
    return this.refs.get(`refs/heads/${pull.head.ref}`) ?? pull.head.sha;
  }

  /** Files changed by a pull request, with GitHub-style hunk patches. */
  pullFiles(pull: FakePull): FakePullFile[] {
    if (pull.files) return pull.files;
    const baseTree = this.git.commits.get(pull.base.sha)?.tree;
    const headTree = this.git.commits.get(this.headSha(pull))?.tree;
    const before = baseTree ? this.git.flatten(baseTree) : new Map();
    const after = headTree ? this.git.flatten(headTree) : new Map();
    const out: FakePullFile[] = [];
    for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const a = before.get(path);
      const b = after.get(path);
      if (a && b && a.sha === b.sha && a.mode === b.mode) continue;
      const oldText = a ? (this.git.blobs.get(a.sha)?.toString("utf8") ?? "") : "";
      const newText = b ? (this.git.blobs.get(b.sha)?.toString("utf8") ?? "") : "";
      const patch = hunkPatch(path, oldText, newText);
      const additions = patch.split("\n").filter((l) => l.startsWith("+")).length;
      const deletions = patch.split("\n").filter((l) => l.startsWith("-")).length;
      out.push({
        filename: path,
        status: !a ? "added" : !b ? "removed" : "modified",
        additions,
        deletions,
        changes: additions + deletions,
        sha: b?.sha ?? null,
        patch,
      });
    }
    return out;
  }

  pull(number: number): FakePull {
    const pull = this.pulls.find((p) => p.number === number);
    if (!pull) throw notFound();
    return pull;
  }

  addIssueComment(issueNumber: number, user: FakeUser, body: string): FakeIssueComment {
    const comment = { id: newId(), issueNumber, user, body, createdAt: now(), updatedAt: now() };
    this.issueComments.push(comment);
    return comment;
  }
}

export { now };
