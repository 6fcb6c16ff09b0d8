import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { FakeAnthropic, firstUserText } from "../support/fake-anthropic.ts";
import { tempDir } from "../support/run-script.ts";

const run = promisify(execFile);

function captureIo(cwd: string, env: NodeJS.ProcessEnv): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s) => void (out += s) },
    stderr: { write: (s) => void (err += s) },
    env,
    cwd,
    out: () => out,
    err: () => err,
  };
}

const SCRIPT = `export const meta = { name: "two-step", description: "find then verify", phases: [{ title: "Find" }, { title: "Verify" }] };
phase("Find");
const found = await agent("Find one issue", { label: "finder", schema: { type: "object", properties: { title: { type: "string" } }, required: ["title"] } });
phase("Verify");
const verdict = await agent("Verify: " + found.title, { label: "skeptic" });
return { findings: [{ title: found.title, severity: "high", body: verdict }] };
`;

describe("the quorum command", () => {
  const fake = new FakeAnthropic();
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    await fake.start();
    fake.handle(({ body }) => {
      const prompt = firstUserText(body);
      if (prompt.includes("Find one issue")) return { json: { title: "Admin route lacks auth" } };
      return { text: "confirmed: no middleware guards /admin" };
    });
    env = { ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: fake.url, PATH: process.env.PATH };
  });
  afterAll(() => fake.stop());

  it("K1 quorum run runs a script through the real SDK, writes the run directory, prints result and findings", async () => {
    const repo = tempDir("quorum-cli-");
    writeFileSync(join(repo, "wf.js"), SCRIPT);
    const io = captureIo(repo, env);
    const code = await main(["run", "wf.js", "--repo", "."], io);
    expect(io.err()).not.toMatch(/failed/);
    expect(code).toBe(0);
    const result = JSON.parse(io.out()) as { findings: { title: string; body: string }[] };
    expect(result.findings[0]?.title).toBe("Admin route lacks auth");
    expect(result.findings[0]?.body).toMatch(/confirmed/);
    expect(io.err()).toMatch(/1 finding\(s\) in .*findings\.json/);
    expect(io.err()).toMatch(/Find\s+1\/1 done/);
    const runId = /run (\S+): succeeded/.exec(io.err())?.[1] ?? "";
    expect(existsSync(join(repo, ".quorum/runs", runId, "findings.json"))).toBe(true);
  });

  it("K1 a failing workflow exits non-zero and says how to resume", async () => {
    const repo = tempDir("quorum-cli-");
    writeFileSync(join(repo, "bad.js"), `await agent("x"); throw new Error("the workflow gave up");`);
    const io = captureIo(repo, env);
    const code = await main(["run", "./bad.js"], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/the workflow gave up/);
    expect(io.err()).toMatch(/quorum resume \S+/);
  });

  it("K2 list, show, resume and validate work on the run directory", async () => {
    const repo = tempDir("quorum-cli-");
    writeFileSync(join(repo, "wf.js"), SCRIPT);
    const first = captureIo(repo, env);
    expect(await main(["run", "wf.js"], first)).toBe(0);
    const runId = /run (\S+): succeeded/.exec(first.err())?.[1] ?? "";

    const list = captureIo(repo, env);
    expect(await main(["list"], list)).toBe(0);
    expect(list.out()).toContain(runId);
    expect(list.out()).toMatch(/succeeded\s+two-step/);

    const show = captureIo(repo, env);
    expect(await main(["show", runId], show)).toBe(0);
    expect(show.out()).toMatch(/# Quorum: two-step/);
    expect(show.out()).toMatch(/\*\*\[high\]\*\* Admin route lacks auth/);

    const before = fake.requests.length;
    const resume = captureIo(repo, {});
    expect(await main(["resume", runId], resume)).toBe(0); // no API key needed: everything is journaled
    expect(fake.requests.length).toBe(before);
    expect(resume.err()).toMatch(/2 from journal|1 from journal/);

    const validate = captureIo(repo, env);
    expect(await main(["validate", "wf.js"], validate)).toBe(0);
    expect(validate.out()).toMatch(/name: two-step/);
    expect(validate.out()).toMatch(/phases: Find → Verify/);
  });

  it("K2 validate prints each problem with its line and exits non-zero", async () => {
    const repo = tempDir("quorum-cli-");
    writeFileSync(join(repo, "broken.js"), `export const meta = { name: "x", description: "y" };\nconst fs = require("fs");\n`);
    const io = captureIo(repo, env);
    expect(await main(["validate", "broken.js"], io)).toBe(1);
    expect(io.err()).toMatch(/broken\.js:2:\d+: .*require/);
  });

  it("K3 a missing API key, an unknown workflow, a script error and invalid args each name the fix", async () => {
    const repo = tempDir("quorum-cli-");
    writeFileSync(join(repo, "wf.js"), SCRIPT);
    // Without a key the run starts (model-free work still runs) and the first agent() fails saying what to set.
    const noKey = captureIo(repo, { PATH: process.env.PATH });
    expect(await main(["run", "wf.js"], noKey)).toBe(1);
    expect(noKey.err()).toMatch(/warning: No model provider is configured\. Set ANTHROPIC_API_KEY/);
    expect(noKey.err()).toMatch(/agent "finder" cannot run: No model provider is configured \(see the warning at the start of the run: set ANTHROPIC_API_KEY/);
    // The full explanation is printed once, not once per failing agent and again in the summary.
    expect(noKey.err().split("Set ANTHROPIC_API_KEY to run agents on Claude")).toHaveLength(2);

    const unknown = captureIo(repo, env);
    expect(await main(["run", "no-such-workflow"], unknown)).toBe(2);
    expect(unknown.err()).toMatch(/unknown workflow "no-such-workflow"\. Known workflows:/);

    writeFileSync(join(repo, "ts.js"), `export const meta = { name: "t", description: "d" };\nconst n: number = 1;\n`);
    const ts = captureIo(repo, env);
    expect(await main(["run", "ts.js"], ts)).toBe(2);
    expect(ts.err()).toMatch(/ts\.js:2:\d+/);
    expect(ts.err()).toMatch(/TypeScript/);

    mkdirSync(join(repo, "wfs"));
    writeFileSync(join(repo, "wfs/args.js"), `export const meta = { name: "a", description: "d", args: { type: "object", properties: { runs: { type: "integer" } }, required: ["runs"] } };\nreturn args;`);
    const badArgs = captureIo(repo, env);
    expect(await main(["run", "wfs/args.js", "--args", '{"runs":"many"}'], badArgs)).toBe(2);
    expect(badArgs.err()).toMatch(/args\/runs: must be integer \(schema #\/properties\/runs\/type\)/);

    const notJson = captureIo(repo, env);
    expect(await main(["run", "wfs/args.js", "--args", "runs=3"], notJson)).toBe(2);
    expect(notJson.err()).toMatch(/--args must be JSON/);
  });

  it("K1 the installed bin runs end to end as a process: ANTHROPIC_BASE_URL=… quorum run <script>", async () => {
    const repo = tempDir("quorum-cli-");
    writeFileSync(join(repo, "wf.js"), SCRIPT);
    const bin = join(process.cwd(), "bin/quorum.js");
    const { stdout, stderr } = await run(process.execPath, [bin, "run", "wf.js", "--json"], { cwd: repo, env: { ...env, CI: "1" } });
    const parsed = JSON.parse(stdout) as { status: string; result: { findings: unknown[] }; totals: { agents: number; costUsd: number } };
    expect(parsed.status).toBe("succeeded");
    expect(parsed.totals.agents).toBe(2);
    expect(parsed.totals.costUsd).toBeGreaterThan(0);
    expect(stderr).toMatch(/▶ Find/);
    expect(readFileSync(join(repo, ".quorum/runs", JSON.parse(stdout).runId as string, "report.md"), "utf8")).toMatch(/Findings \(1\)/);
  });
});
