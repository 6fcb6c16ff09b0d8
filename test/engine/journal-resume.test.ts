/**
 * Rule J6 end to end: a garbled journal line costs only its own agent on resume, and what the
 * journal says was spent counts against the budget and cost cap of the resumed run (through the
 * CLI, the real SDK and the fake Messages API).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { resumeRun } from "../../src/engine/run.ts";
import { FakeAnthropic, firstUserText } from "../support/fake-anthropic.ts";
import { createScriptedRunner } from "../support/scripted-runner.ts";
import { runScript, tempDir } from "../support/run-script.ts";

function captureIo(cwd: string, env: NodeJS.ProcessEnv): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) }, env, cwd, out: () => out, err: () => err };
}

const noNested = () => {
  throw new Error("no nested workflows");
};

describe("J6 journal corruption and budget across resumes", () => {
  it("J6 a garbled line early in the journal re-runs only that agent; the rest are replayed and kept", async () => {
    const runner = createScriptedRunner({ respond: ({ request }) => `live ${request.prompt}` });
    const first = await runScript(`const out = []; for (const p of ["a", "b", "c", "d"]) out.push(await agent(p)); return out;`, { runner });
    expect(runner.calls).toHaveLength(4);
    const journal = join(first.runDir, "journal.jsonl");
    const lines = readFileSync(journal, "utf8").trimEnd().split("\n");
    lines[0] = `${lines[0]?.slice(0, 30)}\u0000garbled`;
    writeFileSync(journal, `${lines.join("\n")}\n`);

    const logs: string[] = [];
    const again = createScriptedRunner({ respond: ({ request }) => `again ${request.prompt}` });
    const resumed = await resumeRun({
      repo: first.repo,
      runId: first.runId,
      runner: again,
      resolveWorkflow: noNested,
      sinks: [(e) => void (e.type === "log" && logs.push(e.message))],
    });
    expect(resumed.status).toBe("succeeded");
    expect(again.calls.map((c) => c.prompt)).toEqual(["a"]);
    expect(resumed.result).toEqual(["again a", "live b", "live c", "live d"]);
    expect(logs.join("\n")).toMatch(/journal: 1 corrupt line\(s\) \(line 1 of .*journal\.jsonl\) set aside in .*journal\.corrupt\.jsonl; the 3 intact entries are kept/);
    expect(readFileSync(join(first.runDir, "journal.corrupt.jsonl"), "utf8")).toContain("garbled");
    expect(readFileSync(journal, "utf8").trimEnd().split("\n")).toHaveLength(4);
  });

  describe("J6 cost cap across a run and its resume (real SDK, fake Messages API)", () => {
    const fake = new FakeAnthropic();
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      await fake.start();
      // Each answer is expensive: a large output-token count makes one agent cost well over a dollar.
      fake.handle(({ body }) => ({ text: `answer to ${firstUserText(body)}`, usage: { output_tokens: 100_000 } }));
      env = { ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: fake.url, PATH: process.env.PATH };
    });
    afterAll(() => fake.stop());

    const SCRIPT = `const out = [];\nfor (let i = 0; i < 8; i++) out.push(await agent("step " + i, { label: "step" + i }));\nreturn out;\n`;

    it("J6 journaled costs count against --max-cost-usd after a resume: the resume starts no agent past the cap", async () => {
      const repo = tempDir("quorum-budget-");
      writeFileSync(join(repo, "wf.js"), SCRIPT);
      const first = captureIo(repo, env);
      expect(await main(["run", "wf.js", "--max-cost-usd", "2.5", "--json"], first)).toBe(1);
      const firstRun = JSON.parse(first.out()) as { runId: string; totals: { costUsd: number; agents: number }; error: string };
      expect(firstRun.error).toMatch(/cost cap reached/);
      const perAgent = firstRun.totals.costUsd / firstRun.totals.agents;
      expect(perAgent).toBeGreaterThan(0);
      expect(perAgent).toBeLessThan(2.5);
      const callsAfterFirst = fake.requests.length;
      expect(firstRun.totals.costUsd).toBeGreaterThanOrEqual(2.5);

      const resumed = captureIo(repo, env);
      expect(await main(["resume", firstRun.runId, "--json"], resumed)).toBe(1);
      const second = JSON.parse(resumed.out()) as { error: string };
      expect(second.error).toMatch(/cost cap reached: \$\d+\.\d+ of \$2\.50 spent/);
      expect(fake.requests.length).toBe(callsAfterFirst); // nothing paid twice, nothing past the cap

      // Raising the cap on resume buys exactly the agents the new cap allows, not a fresh $2.50.
      const raised = captureIo(repo, env);
      const cap = firstRun.totals.costUsd + perAgent / 2;
      expect(await main(["resume", firstRun.runId, "--json", "--max-cost-usd", cap.toFixed(6)], raised)).toBe(1);
      expect(fake.requests.length).toBe(callsAfterFirst + 1);
      expect(existsSync(join(repo, ".quorum/runs", firstRun.runId, "journal.jsonl"))).toBe(true);
    });
  });
});
