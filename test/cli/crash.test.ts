import { execFile, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJournal } from "../../src/engine/journal.ts";
import { FakeAnthropic, firstUserText } from "../support/fake-anthropic.ts";
import { tempDir } from "../support/run-script.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

const exec = promisify(execFile);
const BIN = join(process.cwd(), "bin/quorum.js");

describe("crash and resume through the quorum command", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  const fake = new FakeAnthropic();
  beforeAll(async () => {
    await fake.start();
    fake.handle(({ body }) => ({ text: `done: ${firstUserText(body)}`, delayMs: 40 }));
  });
  afterAll(() => fake.stop());

  it("J3 kill -9 during `quorum run` of 200 agents, then `quorum resume`: no journaled agent is asked of the model again", async () => {
    const repo = tempDir("quorum-kill-");
    writeFileSync(
      join(repo, "crash.js"),
      `export const meta = { name: "crash", description: "200 independent agents" };
       const out = await parallel(Array.from({ length: 200 }, (_, i) => () => agent("item " + i, { label: "item " + i })));
       return { done: out.filter(Boolean).length };`,
    );
    const env = { PATH: process.env.PATH, ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: fake.url };
    const child = spawn(process.execPath, [BIN, "run", "crash.js", "--max-concurrency", "8"], { cwd: repo, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (s: string) => (stderr += s));
    const killed = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_c, signal) => resolve(signal)));
    while (fake.requests.length < 100) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    expect(await killed).toBe("SIGKILL");

    const runId = /\(run (\S+)\)/.exec(stderr)?.[1] ?? "";
    expect(runId).not.toBe("");
    const journal = readJournal(join(repo, ".quorum/runs", runId, "journal.jsonl"));
    const finished = [...journal.entries.values()].map((e) => e.label);
    expect(finished.length).toBeGreaterThan(50);
    expect(finished.length).toBeLessThan(200);

    const before = fake.requests.length;
    const { stdout } = await exec(process.execPath, [BIN, "resume", runId, "--json"], { cwd: repo, env });
    const resumed = JSON.parse(stdout) as { status: string; result: { done: number }; totals: { cached: number; succeeded: number } };
    expect(resumed.status).toBe("succeeded");
    expect(resumed.result.done).toBe(200);
    expect(resumed.totals.cached).toBe(finished.length);
    const askedAgain = fake.requests.slice(before).map((r) => firstUserText(r.body));
    expect(askedAgain).toHaveLength(200 - finished.length);
    for (const label of finished) expect(askedAgain.some((p) => p.includes(`${label}`) && p.trim() === label)).toBe(false);
  });
});
