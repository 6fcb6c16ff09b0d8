/**
 * Git objects read from a local clone (the Action's checkout) instead of through the API, so
 * publishing does not spend a request per tree and per file it patches (rule P4, issue 4's
 * request budget).
 *
 * Trust: the local object store is not trusted. Every object read is re-hashed and must match the
 * sha asked for, and the shas come from GitHub (the base commit) or from objects verified this
 * way, so what is read is exactly what GitHub holds, or nothing.
 *
 * Edge cases:
 * - No git, not a repository, a shallow clone without the object, a corrupt or forged object, a
 *   sha that is not 40 hex digits: `null`; the caller asks the API instead.
 * - Objects larger than {@link MAX_LOCAL_OBJECT_BYTES} are `null` (the API is asked).
 * - `GIT_DIR` and friends in the environment are ignored: only the folder given is read. Reading
 *   is `git cat-file --batch`, which runs no hooks, filters or textconv drivers.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";

/** Largest object read locally. */
export const MAX_LOCAL_OBJECT_BYTES = 32 * 1024 * 1024;
/** Git variables that would point git somewhere other than the folder given. */
const GIT_LOCATION_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE"];
const SHA1 = /^[0-9a-f]{40}$/;

export type GitObjectType = "blob" | "tree" | "commit" | "tag";

export interface GitObject {
  type: GitObjectType;
  body: Buffer;
}

export interface LocalTreeEntry {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
}

function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
  for (const name of GIT_LOCATION_VARIABLES) delete env[name];
  return env;
}

/** `git cat-file --batch` for one sha: the raw answer, or null when git could not run. */
function catFile(dir: string, sha: string): Promise<Buffer | null> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn("git", ["cat-file", "--batch"], { cwd: dir, env: gitEnvironment(), stdio: ["pipe", "pipe", "ignore"], windowsHide: true });
    } catch {
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_LOCAL_OBJECT_BYTES + 200) child.kill();
      else chunks.push(chunk);
    });
    child.on("error", () => resolve(null));
    child.on("close", (code) => resolve(code === 0 && size <= MAX_LOCAL_OBJECT_BYTES + 200 ? Buffer.concat(chunks) : null));
    child.stdin.on("error", () => undefined);
    child.stdin.end(`${sha}\n`);
  });
}

/** Reads and verifies objects of the repository at `dir`. */
export class LocalGitObjects {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The object `sha`, verified by hash, or null. */
  async read(sha: string): Promise<GitObject | null> {
    if (!SHA1.test(sha)) return null;
    const raw = await catFile(this.dir, sha);
    if (!raw) return null;
    const eol = raw.indexOf(0x0a);
    if (eol === -1) return null;
    const header = raw.subarray(0, eol).toString("utf8").split(" ");
    const [name, type, sizeText] = header;
    if (header.length !== 3 || name !== sha || (type !== "blob" && type !== "tree" && type !== "commit" && type !== "tag")) return null;
    const size = Number(sizeText);
    if (!Number.isSafeInteger(size) || size > MAX_LOCAL_OBJECT_BYTES || raw.length < eol + 1 + size) return null;
    const body = raw.subarray(eol + 1, eol + 1 + size);
    const actual = createHash("sha1").update(`${type} ${size}\0`).update(body).digest("hex");
    return actual === sha ? { type, body } : null;
  }

  /** The tree sha of commit `sha`, or null. */
  async commitTree(sha: string): Promise<string | null> {
    const object = await this.read(sha);
    if (object?.type !== "commit") return null;
    const m = /^tree ([0-9a-f]{40})\n/.exec(object.body.toString("utf8"));
    return m?.[1] ?? null;
  }

  /** The entries of tree `sha` (one level), or null. */
  async tree(sha: string): Promise<LocalTreeEntry[] | null> {
    const object = await this.read(sha);
    if (object?.type !== "tree") return null;
    return parseTree(object.body);
  }

  /** The content of blob `sha`, or null. */
  async blob(sha: string): Promise<Buffer | null> {
    const object = await this.read(sha);
    return object?.type === "blob" ? object.body : null;
  }
}

/** Parses a raw tree object (`<mode> <name>\0<20-byte sha>` repeated); null when malformed. */
export function parseTree(body: Buffer): LocalTreeEntry[] | null {
  const entries: LocalTreeEntry[] = [];
  let i = 0;
  while (i < body.length) {
    const space = body.indexOf(0x20, i);
    const nul = space === -1 ? -1 : body.indexOf(0x00, space);
    if (space === -1 || nul === -1 || nul + 21 > body.length) return null;
    const rawMode = body.subarray(i, space).toString("ascii");
    const mode = rawMode === "40000" ? "040000" : rawMode;
    const type = mode === "040000" ? "tree" : mode === "160000" ? "commit" : "blob";
    entries.push({ path: body.subarray(space + 1, nul).toString("utf8"), mode, type, sha: body.subarray(nul + 1, nul + 21).toString("hex") });
    i = nul + 21;
  }
  return entries;
}
