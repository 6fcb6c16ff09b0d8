import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { readJournal } from "../../src/engine/journal.ts";
import { ResumeRefusedError, resumeRun } from "../../src/engine/run.ts";
import { UnknownRunError } from "../../src/engine/rundir.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";
import { createScriptedRunner } from "../support/scripted-runner.ts";
import { eventsOf, runScript, tempDir } from "../support/run-script.ts";

const noNested = () => {
  throw new Error("no nested workflows");
};

function gitRepo(): string {
  const repo = tempDir("quorum-git-");
  const git = (...a: string[]) => execFileSync("git", a, { cwd: repo, stdio: "ignore" });
  git("init", "-q");
  git("config", "user.email", "t@example.com");
  git("config", "user.name", "t");
  writeFileSync(join(repo, "a.txt"), "one\n");
  git("add", ".");
  git("commit", "-qm", "one");
  return repo;
}

describe("journal and resume", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  it("J1 a run has an id and a run directory with script, args, journal, events and result", async () => {
    const runner = createScriptedRunner({ respond: () => "ok" });
    const run = await runScript(`await agent("one", { label: "first" }); return { findings: [{ title: "t", severity: "low", body: "b" }, { title: "Fix: admin guard", severity: "high", body: "b", patch: "--- a/x\\n+++ b/x\\n" }] };`, {
      runner,
      args: { x: 1 },
    });
    expect(run.runId).toMatch(/^\d{8}-\d{6}-test-workflow-[0-9a-f]{4}$/);
    for (const f of ["run.json", "script.js", "args.json", "journal.jsonl", "events.jsonl", "result.json", "findings.json", "report.md"]) {
      expect(existsSync(join(run.runDir, f)), f).toBe(true);
    }
    const entry = [...readJournal(join(run.runDir, "journal.jsonl")).entries.values()][0];
    expect(entry).toMatchObject({ label: "first", phase: null, result: "ok", usage: { outputTokens: 100 } });
    expect(typeof entry?.durationMs).toBe("number");
    expect(JSON.parse(readFileSync(join(run.runDir, "args.json"), "utf8"))).toEqual({ x: 1 });
    expect(readdirSync(join(run.runDir, "patches"))).toEqual(["02-fix-admin-guard.patch"]);
    expect(JSON.parse(readFileSync(join(run.runDir, "result.json"), "utf8")).status).toBe("succeeded");
    const events = readFileSync(join(run.runDir, "events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { type: string });
    expect(events[0]?.type).toBe("run.started");
    expect(events.at(-1)?.type).toBe("run.finished");
  });

  it("J2 resume answers matching agent() calls from the journal (occurrence numbers included) and never caches failures", async () => {
    let failB = true;
    const runner = createScriptedRunner({
      respond: ({ request }) => (request.prompt === "b" && failB ? { fail: "api_error", message: "down" } : `live ${request.prompt}`),
    });
    const script = `return await parallel([() => agent("a"), () => agent("a"), () => agent("b"), () => agent("c", { label: "x" })]);`;
    const first = await runScript(script, { runner });
    expect(first.result).toEqual(["live a", "live a", null, "live c"]);
    expect(runner.calls).toHaveLength(4);

    failB = false;
    const again = createScriptedRunner({ respond: ({ request }) => `second ${request.prompt}` });
    const events: { type: string; status?: string }[] = [];
    const resumed = await resumeRun({ repo: first.repo, runId: first.runId, runner: again, resolveWorkflow: noNested, sinks: [(e) => events.push(e)] });
    expect(resumed.result).toEqual(["live a", "live a", "second b", "live c"]);
    expect(again.calls.map((c) => c.prompt)).toEqual(["b"]);
    expect(events.filter((e) => e.type === "agent.finished" && e.status === "cached")).toHaveLength(3);
  });

  it("J2 a changed prompt, schema or model runs live; unchanged calls stay cached", async () => {
    const runner = createScriptedRunner({ respond: ({ request }) => request.prompt });
    const first = await runScript(`return [await agent("keep"), await agent("change me", { model: "haiku" })];`, { runner });
    writeFileSync(join(first.runDir, "script.js"), `return [await agent("keep", { label: "renamed label" }), await agent("change me", { model: "opus" })];`);
    const again = createScriptedRunner({ respond: ({ request }) => `new ${request.prompt}` });
    const resumed = await resumeRun({ repo: first.repo, runId: first.runId, runner: again, resolveWorkflow: noNested });
    expect(resumed.result).toEqual(["keep", "new change me"]);
    expect(again.calls).toHaveLength(1);
  });

  it("J3 kill -9 in the middle of a 200-agent run, then resume, re-runs none of the journaled agents", async () => {
    const repo = tempDir("quorum-crash-");
    const script = join(repo, "crash.js");
    writeFileSync(script, `const out = await parallel(Array.from({ length: 200 }, (_, i) => () => agent("item " + i))); return out.filter(Boolean).length;`);
    const child = spawn(process.execPath, ["test/support/child-run.ts", "start", repo, script, "30"], { stdio: ["ignore", "pipe", "inherit"] });
    let runId = "";
    let calls = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding("utf8");
      let buffer = "";
      child.stdout.on("data", (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.startsWith("started ")) runId = line.slice(8);
          if (line === "call") calls++;
          if (calls === 100 && child.exitCode === null) {
            child.kill("SIGKILL");
          }
        }
      });
      child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`child ended without being killed (${String(signal)})`))));
    });
    expect(runId).not.toBe("");
    const runDir = join(repo, ".quorum/runs", runId);
    const journaled = readJournal(join(runDir, "journal.jsonl"));
    const done = journaled.entries.size;
    expect(done).toBeGreaterThan(50);
    expect(done).toBeLessThan(200);
    const doneResults = new Set([...journaled.entries.values()].map((e) => String(e.result)));

    const resumedOut = execFileSync(process.execPath, ["test/support/child-run.ts", "resume", repo, runId, "1"], { encoding: "utf8" });
    expect(resumedOut).toMatch(/finished succeeded calls=(\d+)/);
    const liveCalls = Number(/calls=(\d+)/.exec(resumedOut)?.[1]);
    expect(liveCalls).toBe(200 - done);
    const result = JSON.parse(readFileSync(join(runDir, "result.json"), "utf8")) as { result: number };
    expect(result.result).toBe(200);
    // Every agent the journal had finished was answered from it, not run again.
    const after = readJournal(join(runDir, "journal.jsonl"));
    expect(after.entries.size).toBe(200);
    for (const entry of after.entries.values()) if (doneResults.has(String(entry.result))) expect(entry.result).toMatch(/^done: item \d+$/);
    expect(readdirSync(runDir)).toContain("report.md");
  });

  it("J4 resume refuses another commit unless forced, and an unknown run id starts nothing", async () => {
    const repo = gitRepo();
    const runner = createScriptedRunner({ respond: () => "ok" });
    const first = await runScript(`return await agent("a");`, { runner, repo });
    writeFileSync(join(repo, "a.txt"), "two\n");
    execFileSync("git", ["commit", "-qam", "two"], { cwd: repo });
    const again = createScriptedRunner({ respond: () => "live" });
    await expect(resumeRun({ repo, runId: first.runId, runner: again, resolveWorkflow: noNested })).rejects.toThrow(ResumeRefusedError);
    const forced = await resumeRun({ repo, runId: first.runId, runner: again, resolveWorkflow: noNested, force: true });
    expect(forced.result).toBe("ok");
    expect(again.calls).toHaveLength(0);
    await expect(resumeRun({ repo, runId: "20990101-000000-nope-0000", runner: again, resolveWorkflow: noNested })).rejects.toThrow(UnknownRunError);
    await expect(resumeRun({ repo, runId: "20990101-000000-nope-0000", runner: again, resolveWorkflow: noNested })).rejects.toThrow(/quorum list/);
  });

  it("J2 a resumed run reports cached agents with no new cost", async () => {
    const runner = createScriptedRunner({ respond: () => "ok", costUsd: 0.01 });
    const first = await runScript(`return await agent("a");`, { runner });
    expect(first.totals.costUsd).toBeCloseTo(0.01);
    const events: Parameters<Parameters<typeof eventsOf>[0]["push"]>[0][] = [];
    const resumed = await resumeRun({ repo: first.repo, runId: first.runId, runner, resolveWorkflow: noNested, sinks: [(e) => events.push(e)] });
    expect(resumed.totals.cached).toBe(1);
    expect(resumed.totals.costUsd).toBe(0);
  });
});

describe("run directory hygiene", () => {
  it("J1 run directories are ignored by git (a .gitignore inside .quorum/)", async () => {
    const repo = gitRepo();
    await runScript(`return 1;`, { repo });
    const status = execFileSync("git", ["status", "--porcelain"], { cwd: repo, encoding: "utf8" });
    expect(status).toBe("");
  });
});
