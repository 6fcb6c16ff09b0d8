/**
 * J5: run directories saved as Actions artifacts through `@actions/artifact`, against a fake of
 * the runner's artifact service (Twirp + blob storage) at the HTTP boundary.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArtifactRunStore, actionsRunIdFor, actionsRunIdOf, artifactStoreAvailable } from "../../src/github/persist/artifact-store.ts";
import { DirectoryRunStore } from "../../src/github/persist/directory-store.ts";
import { RunPersister } from "../../src/github/persist/persister.ts";
import type { RunStore } from "../../src/github/persist/store.ts";
import { FakeResults } from "../e2e/support/fake-results.ts";

function runDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "quorum-persist-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("J5 run directories as Actions artifacts", () => {
  const fake = new FakeResults();
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    await fake.start();
    for (const name of ["ACTIONS_RESULTS_URL", "ACTIONS_RUNTIME_TOKEN"]) saved[name] = process.env[name];
    process.env.ACTIONS_RESULTS_URL = `${fake.url}/`;
    process.env.ACTIONS_RUNTIME_TOKEN = FakeResults.runtimeToken("run-42", "job-1");
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await fake.stop();
  });

  it("J5 run ids made by the Action name their Actions run; the store needs the runner's artifact service", () => {
    expect(actionsRunIdFor("42", "audit-auth")).toBe("gh-42-audit-auth");
    expect(actionsRunIdOf("gh-42-audit-auth")).toBe(42);
    expect(actionsRunIdOf("20261122-031502-review-7f3a")).toBeNull();
    expect(artifactStoreAvailable({})).toBe(false);
    expect(artifactStoreAvailable({ ACTIONS_RUNTIME_TOKEN: "t", ACTIONS_RESULTS_URL: "u" })).toBe(true);
  });

  it("J5 each save uploads a new artifact and deletes this job's previous one; a later attempt restores the newest", async () => {
    const dir = runDir({ "journal.jsonl": '{"key":"a"}\n', "run.json": "{}", "patches/1.diff": "diff", "result.json.tmp-123": "half" });
    const job1 = new ArtifactRunStore({ workflowRunId: 42, attempt: 1, owner: "acme", repo: "app", token: "t" });
    await job1.save("gh-42-audit-auth", dir);
    writeFileSync(join(dir, "journal.jsonl"), '{"key":"a"}\n{"key":"b"}\n');
    await job1.save("gh-42-audit-auth", dir);
    expect(fake.live().map((a) => a.name)).toEqual(["quorum-run-gh-42-audit-auth-a1-2"]);

    const job2 = new ArtifactRunStore({ workflowRunId: 42, attempt: 2, owner: "acme", repo: "app", token: "t" });
    const target = mkdtempSync(join(tmpdir(), "quorum-restore-"));
    expect(await job2.restore("gh-42-audit-auth", target)).toBe(true);
    expect(readFileSync(join(target, "journal.jsonl"), "utf8")).toBe('{"key":"a"}\n{"key":"b"}\n');
    expect(readFileSync(join(target, "patches/1.diff"), "utf8")).toBe("diff");
    expect(() => readFileSync(join(target, "result.json.tmp-123"))).toThrow(); // half-written files stay behind
    expect(await job2.restore("gh-42-other", target)).toBe(false);
    // The re-run's own saves never collide with the earlier attempt's names.
    await job2.save("gh-42-audit-auth", target);
    expect(fake.live().map((a) => a.name)).toContain("quorum-run-gh-42-audit-auth-a2-1");
  });

  it("J5 the persister saves on demand, skips unchanged periodic saves, and never throws", async () => {
    const dir = runDir({ "journal.jsonl": "{}\n" });
    const store = new DirectoryRunStore(mkdtempSync(join(tmpdir(), "quorum-store-")));
    const persister = new RunPersister(store, "gh-1-x", dir);
    await persister.saveNow("cancellation");
    await persister.saveIfChanged();
    expect(store.saves).toBe(1);
    writeFileSync(join(dir, "journal.jsonl"), "{}\n{}\n");
    await persister.saveIfChanged();
    expect(store.saves).toBe(2);
    // Overlapping requests: one in flight, one more after it.
    await Promise.all([persister.saveNow("a"), persister.saveNow("b"), persister.saveNow("c")]);
    expect(store.saves).toBe(4);

    const warnings: string[] = [];
    const broken: RunStore = { description: "a broken store", save: () => Promise.reject(new Error("503 from blob storage")), restore: () => Promise.resolve(false) };
    await expect(new RunPersister(broken, "gh-1-x", dir, { warn: (m) => warnings.push(m) }).saveNow("end")).resolves.toBeUndefined();
    expect(warnings[0]).toMatch(/Could not save run gh-1-x to a broken store \(end\): 503 from blob storage\. The run goes on/);
  });
});
