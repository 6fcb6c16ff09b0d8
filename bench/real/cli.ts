/**
 * The command users run, measured as they run it: `node bin/quorum.js …` in a fresh process, the
 * real `@anthropic-ai/sdk` over HTTP to a loopback fake Messages API with latency uniform in
 * 50–500 ms, and the bare SDK sending the same requests in the same bench run as the baseline.
 *
 * - run: 250 finders, each claim attacked by 3 skeptics in a pipeline (1000 agents), concurrency 16
 *   → scheduler efficiency (at the fake), CPU per agent, peak RSS;
 * - bare SDK: the same 1000 request bodies through `messages.create`, 16 in flight → CPU per request;
 * - resume of the finished run: every agent from the journal, no model call → wall time;
 * - `quorum --help` → wall time and peak RSS.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LatencyModel, schedulerEfficiency, type Efficiency } from "./model.ts";
import { measure, type Measured } from "./process.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const QUORUM = join(ROOT, "bin", "quorum.js");
const WORKFLOW = join(ROOT, "bench", "real", "workflow.js");
const BARE_SDK = join(ROOT, "bench", "real", "bare-sdk.ts");
export const CONCURRENCY = 16;
export const AGENTS = 1000;

export interface RealRun {
  run: Measured;
  efficiency: Efficiency;
  bare: Measured & { requests: number; failed: number };
  resume: Measured & { modelCalls: number };
}

export interface RealPathReport {
  runs: RealRun[];
  help: Measured[];
}

function benchRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "quorum-bench-repo-"));
  writeFileSync(join(dir, "README.md"), "# bench\n");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qm", "bench");
  return dir;
}

/** Which finder a prompt belongs to, and whether it is the finder itself (its chain's first step). */
function chainOf(prompt: string): { chain: string; first: boolean } {
  return { chain: /src\/module-(\d+)\.ts/.exec(prompt)?.[1] ?? prompt, first: prompt.includes("Find one authentication weakness") };
}

function cliEnv(modelUrl: string): NodeJS.ProcessEnv {
  const { ANTHROPIC_API_KEY: _k, ANTHROPIC_BASE_URL: _u, OPENAI_API_KEY: _o, ...rest } = process.env;
  return { ...rest, ANTHROPIC_API_KEY: "sk-ant-bench-0000000000000000", ANTHROPIC_BASE_URL: modelUrl, NO_COLOR: "1" };
}

function lastJson(stdout: string): Record<string, unknown> {
  const start = stdout.indexOf("{");
  if (start === -1) throw new Error(`no JSON on stdout:\n${stdout.slice(-2000)}`);
  return JSON.parse(stdout.slice(start)) as Record<string, unknown>;
}

export async function benchRealPath(options: { repeats?: number; helpRepeats?: number; log?: (line: string) => void } = {}): Promise<RealPathReport> {
  const log = options.log ?? (() => undefined);
  const model = new LatencyModel();
  const url = await model.start();
  const repo = benchRepo();
  const scratch = mkdtempSync(join(tmpdir(), "quorum-bench-real-"));
  const env = cliEnv(url);
  const runs: RealRun[] = [];
  try {
    for (let i = 0; i < (options.repeats ?? 3); i++) {
      model.reset();
      const run = await measure(process.execPath, [QUORUM, "run", WORKFLOW, "--repo", repo, "--max-concurrency", String(CONCURRENCY), "--json"], { cwd: repo, env });
      if (run.code !== 0) throw new Error(`quorum run exited ${run.code}:\n${run.stderr.slice(-3000)}`);
      const outcome = lastJson(run.stdout);
      const runId = String(outcome.runId);
      const agents = (outcome.totals as { agents?: number } | undefined)?.agents;
      if (agents !== AGENTS) throw new Error(`the bench run started ${String(agents)} agents, not ${AGENTS}`);
      const efficiency = schedulerEfficiency(model.timed, CONCURRENCY, chainOf);
      const bodiesPath = join(scratch, `bodies-${i}.json`);
      writeFileSync(bodiesPath, JSON.stringify(model.fake.requests.map((r) => r.body)));
      log(`run ${i + 1}: ${(run.wallMs / 1000).toFixed(1)} s, ${(run.cpuMs / AGENTS).toFixed(2)} ms CPU/agent, ${run.maxRssMb.toFixed(0)} MB, efficiency ${efficiency.efficiency.toFixed(3)}`);

      model.reset();
      const bareRun = await measure(process.execPath, [BARE_SDK, url, bodiesPath, String(CONCURRENCY)], { env });
      if (bareRun.code !== 0) throw new Error(`bare SDK exited ${bareRun.code}:\n${bareRun.stderr.slice(-3000)}`);
      const bareOut = lastJson(bareRun.stdout) as { requests: number; failed: number };
      log(`bare SDK ${i + 1}: ${(bareRun.cpuMs / bareOut.requests).toFixed(2)} ms CPU/request, ${bareRun.maxRssMb.toFixed(0)} MB`);

      model.reset();
      const resumed = await measure(process.execPath, [QUORUM, "resume", runId, "--repo", repo, "--json"], { cwd: repo, env });
      if (resumed.code !== 0) throw new Error(`quorum resume exited ${resumed.code}:\n${resumed.stderr.slice(-3000)}`);
      log(`resume ${i + 1}: ${resumed.wallMs.toFixed(0)} ms, ${model.timed.length} model calls`);
      runs.push({ run, efficiency, bare: { ...bareRun, ...bareOut }, resume: { ...resumed, modelCalls: model.timed.length } });
    }
    const help: Measured[] = [];
    for (let i = 0; i < (options.helpRepeats ?? 7); i++) {
      const h = await measure(process.execPath, [QUORUM, "--help"], { cwd: repo, env });
      if (h.code !== 0) throw new Error(`quorum --help exited ${h.code}:\n${h.stderr}`);
      help.push(h);
    }
    log(`--help: ${help.map((h) => h.wallMs.toFixed(0)).join(", ")} ms`);
    return { runs, help };
  } finally {
    await model.stop();
    rmSync(repo, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}
