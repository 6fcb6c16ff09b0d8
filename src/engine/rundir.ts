/**
 * The run directory (rule J1): `<repo>/.quorum/runs/<id>/` with `run.json`, `script.js`,
 * `args.json`, `journal.jsonl`, `events.jsonl`, `result.json`, `findings.json`, `report.md`.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { JsonValue } from "../agents/contract.ts";
import type { RunStatus } from "./events.ts";

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

export class UnknownRunError extends Error {
  override name = "UnknownRunError";
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

  static create(repo: string, id: string): RunDirectory {
    const path = join(runsRoot(repo), id);
    mkdirSync(path, { recursive: true });
    // Runs are local state, never part of the repository: keep `git status` and `git add -A` clean.
    const ignore = join(repo, ".quorum", ".gitignore");
    if (!existsSync(ignore)) writeFileSync(ignore, "# Quorum run directories (journals, events, results): local state.\n*\n");
    return new RunDirectory(path);
  }

  /** Opens an existing run; an unknown id says so and suggests `quorum list`. */
  static open(repo: string, id: string): RunDirectory {
    if (!/^[A-Za-z0-9._-]+$/.test(id)) throw new UnknownRunError(`"${id}" is not a run id (ids look like 20261122-031502-review-7f3a).`);
    const path = join(runsRoot(repo), id);
    if (!existsSync(join(path, "run.json"))) {
      throw new UnknownRunError(`no run "${id}" in ${runsRoot(repo)}; \`quorum list\` shows the runs there.`);
    }
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
    return JSON.parse(readFileSync(this.file("run.json"), "utf8")) as RunRecord;
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

/** Run records below a repository, newest first. Unreadable folders are skipped. */
export function listRuns(repo: string): RunRecord[] {
  const root = runsRoot(repo);
  if (!existsSync(root)) return [];
  const records: RunRecord[] = [];
  for (const name of readdirSync(root)) {
    try {
      records.push(new RunDirectory(join(root, name)).readRecord());
    } catch {
      // not a run folder (or a half-created one): skip
    }
  }
  return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
