/**
 * Rule X10: a saved run comes back only as the files a run directory is made of — allowlisted
 * names, regular files, within size caps — into a run directory created exclusively in a runs
 * folder outside the checkout.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RunDirectoryError } from "../../src/engine/rundir.ts";
import { createRunsRoot, DirectoryRunStore, importRunFiles, restoreRun, RunImportError, RunsRootError } from "../../src/github/persist/index.ts";

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

function savedCopy(files: Record<string, string>): string {
  const dir = temp("quorum-saved-");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("X10 restoring saved runs", () => {
  it("X10 only allowlisted regular files are taken; stray names, folders and path tricks are left behind", () => {
    const source = savedCopy({ "run.json": "{}", "journal.jsonl": "", "script.js": "return 1;", "patches/01-x.patch": "p", "index.js": "evil", ".git/config": "x" });
    const runs = temp("quorum-runs-");
    const imported = importRunFiles(source, runs, "gh-1-audit");
    expect(imported?.skipped).toEqual([".git", "index.js", "patches"]);
    expect(readdirSync(join(runs, "gh-1-audit")).sort()).toEqual(["journal.jsonl", "run.json", "script.js"]);
  });

  it("X10 a symlink under an allowed name is refused, whatever it points at", () => {
    const source = savedCopy({ "run.json": "{}" });
    symlinkSync("/etc/passwd", join(source, "journal.jsonl"));
    expect(() => importRunFiles(source, temp("quorum-runs-"), "gh-1-audit")).toThrow(RunImportError);
  });

  it("X10 a file above its size cap is refused", () => {
    const source = savedCopy({ "run.json": "x".repeat(1024 * 1024 + 1) });
    expect(() => importRunFiles(source, temp("quorum-runs-"), "gh-1-audit")).toThrow(/more than the 1048576 a run keeps/);
  });

  it("X10 the run directory is created exclusively: an existing entry of that name, a symlink included, is an error", () => {
    const runs = temp("quorum-runs-");
    symlinkSync(temp("quorum-victim-"), join(runs, "gh-1-audit"));
    expect(() => importRunFiles(savedCopy({ "run.json": "{}" }), runs, "gh-1-audit")).toThrow(RunDirectoryError);
    mkdirSync(join(runs, "gh-2-audit"));
    expect(() => importRunFiles(savedCopy({ "run.json": "{}" }), runs, "gh-2-audit")).toThrow(/exists already/);
  });

  it("X10 run ids that are paths are refused before anything is read", async () => {
    const store = new DirectoryRunStore(temp("quorum-store-"));
    for (const id of ["..", "../x", "a/b", "."]) await expect(restoreRun(store, id, temp("quorum-runs-"))).rejects.toThrow(/is not a run id/);
  });

  it("X10 a copy restored through a store arrives in a fresh directory; a copy without run.json is nothing saved", async () => {
    const storeRoot = temp("quorum-store-");
    mkdirSync(join(storeRoot, "gh-1-audit"));
    writeFileSync(join(storeRoot, "gh-1-audit", "run.json"), '{"id":"gh-1-audit"}');
    mkdirSync(join(storeRoot, "gh-2-audit"));
    writeFileSync(join(storeRoot, "gh-2-audit", "journal.jsonl"), "");
    const store = new DirectoryRunStore(storeRoot);
    const runs = createRunsRoot({ checkout: temp("quorum-checkout-") });
    const restored = await restoreRun(store, "gh-1-audit", runs);
    expect(readFileSync(join(restored!.dir, "run.json"), "utf8")).toBe('{"id":"gh-1-audit"}');
    expect(await restoreRun(store, "gh-2-audit", runs)).toBeNull();
  });

  it("X10 the runs folder is a fresh folder under RUNNER_TEMP, never inside the checkout", () => {
    const runnerTemp = temp("quorum-runner-temp-");
    const checkout = temp("quorum-checkout-");
    const a = createRunsRoot({ runnerTemp, checkout });
    const b = createRunsRoot({ runnerTemp, checkout });
    expect(a).not.toBe(b);
    expect(a.startsWith(runnerTemp)).toBe(true);
    mkdirSync(join(checkout, "_temp"));
    expect(() => createRunsRoot({ runnerTemp: join(checkout, "_temp"), checkout })).toThrow(RunsRootError);
  });
});
