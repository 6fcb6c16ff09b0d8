/**
 * The run directory (rule J1): `<repo>/.quorum/runs/<id>/` with `run.json`, `script.js`,
 * `args.json`, `journal.jsonl`, `events.jsonl`, `result.json`, `findings.json`, `report.md`.
 *
 * A caller that does not trust the checkout (GitHub, rule X10) passes `runsDir`: a folder outside
 * the checkout that it made itself. The run directory is then created exclusively below it (an
 * existing entry of that name, a symlink included, is an error) and nothing is written into the
 * checkout, not even `.quorum/.gitignore`.
 */
import { randomBytes } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { JsonValue } from "../kernel/json.ts";
import type { RunStatus } from "./events.ts";
import { runIsLive } from "./run-lock.ts";
import { errorMessage, QuorumError } from "../kernel/errors.ts";

export const RUNS_FOLDER = join(".quorum", "runs");

/** What `run.json` records about a run. */
export interface RunRecord {
  id: string;
  workflow: string;
  /** Where the script came from: a built-in name or a path. */
  source: string;
  repo: string;
  commit: string | null;
  createdAt: string;
  updatedAt: string;
  status: RunStatus | "running";
  /** Options the run was started with, reused on resume. */
  options: { [key: string]: JsonValue };
}

export class UnknownRunError extends QuorumError {
  override name = "UnknownRunError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("unknown_run", message, options);
  }
}

/** A run directory whose files are damaged (truncated or garbled JSON); the message says which and what to do. */
export class CorruptRunError extends QuorumError {
  override name = "CorruptRunError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("corrupt_run", message, options);
  }
}

/** A run directory that must be new exists already, or is not a plain directory (rule X10). */
export class RunDirectoryError extends QuorumError {
  override name = "RunDirectoryError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("run_directory_refused", message, options);
  }
}

const RUN_ID = /^[A-Za-z0-9._-]+$/;

/** Whether `id` can name a run directory: letters, digits, `.`, `_`, `-`, and not `.` or `..`. */
export function isRunId(id: string): boolean {
  return RUN_ID.test(id) && id !== "." && id !== ".." && id.length <= 200;
}

/** Where runs are kept: `runsDir` when given (outside the checkout), else `<repo>/.quorum/runs`. */
export interface RunsLocation {
  runsDir?: string;
}

/**
 * Creates `<runsDir>/<id>` exclusively (rule X10): `mkdir` without `recursive` fails on any
 * existing entry, a symlink included, and the result is checked to be a real directory.
 */
export function createRunDirectoryExclusively(runsDir: string, id: string): string {
  if (!isRunId(id)) throw new RunDirectoryError(`"${id}" is not a run id (letters, digits, ".", "_" and "-" only).`);
  const path = join(runsDir, id);
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new RunDirectoryError(`The run directory ${path} exists already; a run never reuses one. Start the run in a fresh job.`);
    }
    throw error;
  }
  const stat = lstatSync(path);
  if (!stat.isDirectory() || stat.isSymbolicLink()) throw new RunDirectoryError(`${path} is not a plain directory; refusing to use it as a run directory.`);
  return path;
}

export function runsRoot(repo: string): string {
  return resolve(repo, RUNS_FOLDER);
}

/** A sortable, unique id such as `20261122-031502-audit-auth-7f3a`. */
export function newRunId(workflow: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const slug = workflow.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "run";
  return `${stamp}-${slug}-${randomBytes(2).toString("hex")}`;
}

export class RunDirectory {
  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }

  static create(repo: string, id: string, where: RunsLocation = {}): RunDirectory {
    if (where.runsDir !== undefined) return new RunDirectory(createRunDirectoryExclusively(where.runsDir, id));
    const path = join(runsRoot(repo), id);
    mkdirSync(path, { recursive: true });
    // Runs are local state, never part of the repository: keep `git status` and `git add -A` clean.
    const ignore = join(repo, ".quorum", ".gitignore");
    if (!existsSync(ignore)) writeFileSync(ignore, "# Quorum run directories (journals, events, results): local state.\n*\n");
    return new RunDirectory(path);
  }

  /** Opens an existing run; an unknown id says so and suggests `quorum list`. */
  static open(repo: string, id: string, where: RunsLocation = {}): RunDirectory {
    if (!isRunId(id)) throw new UnknownRunError(`"${id}" is not a run id (ids look like 20261122-031502-review-7f3a).`);
    const root = where.runsDir ?? runsRoot(repo);
    const path = join(root, id);
    if (!existsSync(join(path, "run.json"))) {
      throw new UnknownRunError(`no run "${id}" in ${root}; \`quorum list\` shows the runs there.`);
    }
    if (where.runsDir !== undefined && lstatSync(path).isSymbolicLink()) throw new RunDirectoryError(`${path} is a symlink; refusing to use it as a run directory.`);
    return new RunDirectory(path);
  }

  file(name: string): string {
    return join(this.path, name);
  }

  get journalPath(): string {
    return this.file("journal.jsonl");
  }

  get eventsPath(): string {
    return this.file("events.jsonl");
  }

  readRecord(): RunRecord {
    const value = this.readJson("run.json");
    const record = value as Partial<RunRecord> | null;
    const fields = ["id", "workflow", "source", "createdAt", "status"] as const;
    const missing = typeof value !== "object" || value === null || Array.isArray(value) ? ["all"] : fields.filter((f) => typeof record?.[f] !== "string");
    if (missing.length > 0) {
      throw new CorruptRunError(`${this.file("run.json")} is not a run record (missing ${missing.join(", ")}); the run directory is damaged. Start a new run, or move ${this.path} away.`);
    }
    const r = value as unknown as RunRecord;
    return { ...r, options: typeof r.options === "object" && r.options !== null && !Array.isArray(r.options) ? r.options : {} };
  }

  /** A JSON file of the run; garbled or truncated JSON is a {@link CorruptRunError} naming the file. */
  readJson(name: string): JsonValue {
    const path = this.file(name);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      throw new CorruptRunError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}); the run directory is incomplete.`);
    }
    try {
      return JSON.parse(text) as JsonValue;
    } catch (error) {
      throw new CorruptRunError(`${path} is not valid JSON (${(error as Error).message}); the run directory is damaged. Start a new run, or move ${this.path} away.`);
    }
  }

  /** Writes a JSON file atomically (temp file + rename), so a crash never leaves half a file. */
  writeJson(name: string, value: unknown): void {
    this.writeText(name, `${JSON.stringify(value, null, 2)}\n`);
  }

  writeText(name: string, text: string): void {
    const target = this.file(name);
    const temp = `${target}.tmp-${process.pid}`;
    writeFileSync(temp, text);
    renameSync(temp, target);
  }

  readText(name: string): string | null {
    const path = this.file(name);
    return existsSync(path) ? readFileSync(path, "utf8") : null;
  }
}

/**
 * The status to show for a run (rule R3): `interrupted` when its record says `running` but no
 * live process holds its lock (the owner was killed or the machine went down).
 */
export function shownStatus(dir: RunDirectory, record: RunRecord): RunRecord["status"] | "interrupted" {
  return record.status === "running" && !runIsLive(dir.path) ? "interrupted" : record.status;
}

export interface RunListing {
  runs: { record: RunRecord; dir: RunDirectory; status: RunRecord["status"] | "interrupted" }[];
  /** Folders below the runs root whose run.json is missing or damaged, with why. */
  damaged: { path: string; reason: string }[];
}

/** Runs below a repository, newest first, and the folders that are not readable runs. */
export function listRunDirectories(repo: string): RunListing {
  const root = runsRoot(repo);
  const listing: RunListing = { runs: [], damaged: [] };
  if (!existsSync(root)) return listing;
  for (const name of readdirSync(root)) {
    const dir = new RunDirectory(join(root, name));
    if (!existsSync(dir.file("run.json"))) continue; // not a run folder (or one being created)
    try {
      const record = dir.readRecord();
      listing.runs.push({ record, dir, status: shownStatus(dir, record) });
    } catch (error) {
      listing.damaged.push({ path: dir.path, reason: errorMessage(error) });
    }
  }
  listing.runs.sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt));
  return listing;
}

/** Run records below a repository, newest first. Unreadable folders are skipped. */
export function listRuns(repo: string): RunRecord[] {
  return listRunDirectories(repo).runs.map((r) => r.record);
}
