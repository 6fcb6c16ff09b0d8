/**
 * A {@link RunStore} that keeps copies in a local folder (`<root>/<run id>/`): the test double of
 * the artifact store, and a way to carry runs between local jobs.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { listRunFiles } from "./files.ts";
import type { RunStore } from "./store.ts";

export class DirectoryRunStore implements RunStore {
  readonly root: string;
  /** Saves made, for tests. */
  saves = 0;

  constructor(root: string) {
    this.root = root;
  }

  get description(): string {
    return `the folder ${this.root}`;
  }

  async save(runId: string, dir: string): Promise<void> {
    const target = join(this.root, runId);
    const staging = `${target}.partial`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    for (const file of listRunFiles(dir)) cpSync(file, join(staging, relative(dir, file)), { recursive: true });
    rmSync(target, { recursive: true, force: true });
    cpSync(staging, target, { recursive: true });
    rmSync(staging, { recursive: true, force: true });
    this.saves++;
  }

  async restore(runId: string, dir: string): Promise<boolean> {
    const source = join(this.root, runId);
    if (!existsSync(source)) return false;
    mkdirSync(dir, { recursive: true });
    cpSync(source, dir, { recursive: true });
    return true;
  }
}
