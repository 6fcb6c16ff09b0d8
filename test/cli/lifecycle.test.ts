/**
 * The run lifecycle through the real `quorum` process: one executor per run (rule R3), dead runs
 * shown as interrupted, and closed pipes, hang-ups and Ctrl-C that never leave a run directory
 * half-written (rule K1).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { FakeAnthropic, firstUserText } from "../support/fake-anthropic.ts";
import { tempDir } from "../support/run-script.ts";

const BIN = join(process.cwd(), "bin/quorum.js");

function captureIo(cwd: string, env: NodeJS.ProcessEnv): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) }, env, cwd, out: () => out, err: () => err };
}

const SCRIPT = `export const meta = { name: "slow", description: "three agents, one at a time" };
const out = [];
for (const p of ["first", "second", "third"]) out.push(await agent(p, { label: p }));
return { out };
`;

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 10));
}

function onlyRun(repo: string): { id: string; dir: string } {
  const ids = readdirSync(join(repo, ".quorum/runs"));
  expect(ids).toHaveLength(1);
  const id = ids[0] ?? "";
  return { id, dir: join(repo, ".quorum/runs", id) };
}

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;

describe("run lifecycle through the quorum process", () => {
  const fake = new FakeAnthropic();
  /** While set, the fake holds every "second" request until it is released. */
  let hold: Promise<void> | null = null;
  let release: () => void = () => undefined;
  let env: NodeJS.ProcessEnv;
  const holdSecond = () => {
    hold = new Promise((r) => (release = r));
  };
  beforeAll(async () => {
    await fake.start();
    fake.handle(async ({ body }) => {
      const prompt = firstUserText(body);
      if (prompt.includes("second") && hold) await hold;
      return { text: `done: ${prompt}` };
    });
    env = { PATH: process.env.PATH, ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: fake.url, CI: "1" };
  });
  afterEach(() => {
    release();
    hold = null;
  });
  afterAll(async () => {
    release();
    await fake.stop();
  });

  const asked = (word: string) => fake.requests.filter((r) => firstUserText(r.body).includes(word)).length;

  it("R3 a second executor is refused while the run goes on; after kill -9 the run shows as interrupted and resumes", async () => {
    const repo = tempDir("quorum-lock-");
    writeFileSync(join(repo, "wf.js"), SCRIPT);
    holdSecond();
    const before = asked("second");
    const child = spawn(process.execPath, [BIN, "run", "wf.js"], { cwd: repo, env, stdio: ["ignore", "ignore", "ignore"] });
    const done = exited(child);
    await until(() => asked("second") > before);
    const { id, dir } = onlyRun(repo);
    expect(readJson(join(dir, "lock.json"))).toMatchObject({ pid: child.pid });

    const second = captureIo(repo, env);
    expect(await main(["resume", id], second)).toBe(2);
    expect(second.err()).toMatch(new RegExp(`^quorum: run ${id} is being executed by another process \\(pid ${child.pid} on .+\\); one run has one executor at a time\\. Wait for it to finish or stop it`));
    expect(second.err().trim().split("\n")).toHaveLength(1);
    expect(asked("first")).toBe(asked("second")); // the refused resume asked the model nothing

    const listed = captureIo(repo, env);
    await main(["list"], listed);
    expect(listed.out()).toMatch(new RegExp(`${id}\\s+running`));

    child.kill("SIGKILL");
    expect((await done).signal).toBe("SIGKILL");
    release();
    hold = null;

    const list = captureIo(repo, env);
    expect(await main(["list"], list)).toBe(0);
    expect(list.out()).toMatch(new RegExp(`${id}\\s+interrupted\\s+slow`));
    const show = captureIo(repo, env);
    expect(await main(["show", id], show)).toBe(0);
    expect(show.out()).toMatch(new RegExp(`Status: interrupted — the process running it is gone\\. Resume it with: quorum resume ${id}`));

    const resumed = captureIo(repo, env);
    expect(await main(["resume", id, "--json"], resumed)).toBe(0);
    expect(JSON.parse(resumed.out())).toMatchObject({ status: "succeeded", totals: { cached: 1 } });
    expect(existsSync(join(dir, "lock.json"))).toBe(false);
    const after = captureIo(repo, env);
    await main(["list"], after);
    expect(after.out()).toMatch(new RegExp(`${id}\\s+succeeded`));
  });

  it("R3 a lock left by a process that no longer exists is stale: resume takes it over", async () => {
    const repo = tempDir("quorum-lock-");
    writeFileSync(join(repo, "wf.js"), SCRIPT);
    const first = captureIo(repo, env);
    expect(await main(["run", "wf.js"], first)).toBe(0);
    const { id, dir } = onlyRun(repo);
    // A pid that is not running (the kernel's pid_max is far below this), and one whose start time does not match.
    writeFileSync(join(dir, "lock.json"), JSON.stringify({ pid: 2 ** 30, host: (await import("node:os")).hostname(), processStart: "1", lockedAt: "then" }));
    const resumed = captureIo(repo, env);
    expect(await main(["resume", id], resumed)).toBe(0);
    writeFileSync(join(dir, "lock.json"), JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname(), processStart: "not-this-process", lockedAt: "then" }));
    const recycled = captureIo(repo, env);
    expect(await main(["resume", id], recycled)).toBe(0);
  });

  it("K1 closed output pipes (`| head`, a killed `tee`) never kill a run: it finishes and its run directory is complete", async () => {
    const repo = tempDir("quorum-pipe-");
    writeFileSync(join(repo, "wf.js"), SCRIPT);
    const child = spawn(process.execPath, [BIN, "run", "wf.js"], { cwd: repo, env, stdio: ["ignore", "pipe", "pipe"] });
    const done = exited(child);
    // Nobody reads either stream any more: every write the run makes now meets EPIPE.
    child.stdout?.destroy();
    child.stderr?.destroy();
    expect((await done).code).toBe(0);
    const { dir } = onlyRun(repo);
    expect(readJson(join(dir, "run.json")).status).toBe("succeeded");
    expect(readJson(join(dir, "result.json"))).toMatchObject({ status: "succeeded", result: { out: ["done: first", "done: second", "done: third"] } });
    expect(readFileSync(join(dir, "report.md"), "utf8")).toMatch(/# Quorum: slow/);
    expect(existsSync(join(dir, "lock.json"))).toBe(false);
  });

  for (const signal of ["SIGHUP", "SIGINT"] as const) {
    it(`K1 ${signal} (${signal === "SIGHUP" ? "a closed terminal" : "Ctrl-C"}) stops the run gracefully: journal saved, run.json final, result and report written`, async () => {
      const repo = tempDir("quorum-signal-");
      writeFileSync(join(repo, "wf.js"), SCRIPT);
      holdSecond();
      const before = asked("second");
      const child = spawn(process.execPath, [BIN, "run", "wf.js"], { cwd: repo, env, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr?.setEncoding("utf8").on("data", (s: string) => (stderr += s));
      const done = exited(child);
      await until(() => asked("second") > before);
      child.kill(signal);
      const { code } = await done;
      release();
      hold = null;
      expect(code).toBe(130);
      expect(stderr).toMatch(new RegExp(`${signal} received; stopping the run gracefully`));
      expect(stderr).not.toMatch(/\n\s+at /);
      const { id, dir } = onlyRun(repo);
      expect(readJson(join(dir, "run.json")).status).toBe("cancelled");
      expect(readJson(join(dir, "result.json")).status).toBe("cancelled");
      expect(readFileSync(join(dir, "report.md"), "utf8")).toMatch(/# Quorum: slow/);
      expect(readFileSync(join(dir, "journal.jsonl"), "utf8")).toContain("done: first");
      expect(stderr).toContain(`resume it with: quorum resume ${id}`);
    });
  }
});
