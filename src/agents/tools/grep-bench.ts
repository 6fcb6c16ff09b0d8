/**
 * A micro-benchmark of the grep tool for `bench/`: generates a synthetic repository (default
 * 20,000 source files in 400 folders, plus node_modules and .git noise that grep must skip) and
 * times a few typical searches through the real toolbox.
 *
 * ```ts
 * import { benchGrep } from "../src/agents/tools/grep-bench.ts";
 * const report = await benchGrep("/tmp/quorum-grep-bench");
 * console.table(report.cases);
 * ```
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createToolbox } from "./index.ts";

export const BENCH_FILE_COUNT = 20_000;
const FILES_PER_FOLDER = 50;
/** Files that contain the rare needle, so a full scan has a few results. */
const RARE_NEEDLE = "QUORUM_RARE_NEEDLE";
const RARE_EVERY = 5000;
const WRITE_CONCURRENCY = 64;
const RUNS_PER_CASE = 5;

export interface GrepBenchCase {
  name: string;
  input: Record<string, string | number | boolean>;
  /** Median wall time of the runs, in milliseconds. */
  medianMs: number;
  /** First run (cold for grep's own caches; the OS page cache is warm after generation). */
  firstMs: number;
  /** Median CPU time (user + system, all threads) of the runs: steadier than wall time on a busy machine. */
  medianCpuMs: number;
  resultLines: number;
}

export interface GrepBenchReport {
  root: string;
  files: number;
  generateMs: number;
  cases: GrepBenchCase[];
}

function sourceFile(index: number): string {
  const lines = [`// module ${index}`, `import { helper${index % 97} } from "./helper.ts";`, ""];
  for (let fn = 0; fn < 40; fn += 1) {
    lines.push(`export function compute${index}_${fn}(input: number): number {`);
    lines.push(`  const value = helper${index % 97}(input) * ${fn};`);
    lines.push(`  return value > ${fn * 3} ? value : input; // keep ${index}`);
    lines.push("}");
  }
  if (index % RARE_EVERY === 0) lines.push(`export const marker = "${RARE_NEEDLE}";`);
  return lines.join("\n") + "\n";
}

async function runLimited(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]?.();
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** Writes the synthetic tree under `root` (which must be empty or missing). */
export async function generateBenchTree(root: string, fileCount = BENCH_FILE_COUNT): Promise<void> {
  await mkdir(root, { recursive: true });
  if ((await readdir(root)).length > 0) throw new Error(`benchGrep needs an empty folder; "${root}" has files in it.`);
  const jobs: (() => Promise<void>)[] = [];
  for (let index = 0; index < fileCount; index += 1) {
    const folder = path.join(root, "src", `pkg${Math.floor(index / (FILES_PER_FOLDER * 10))}`, `mod${Math.floor(index / FILES_PER_FOLDER)}`);
    const extension = index % 4 === 0 ? "js" : "ts";
    jobs.push(async () => {
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, `file${index}.${extension}`), sourceFile(index));
    });
  }
  for (let index = 0; index < 2000; index += 1) {
    jobs.push(async () => {
      const folder = path.join(root, "node_modules", `dep${index % 100}`);
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, `f${index}.js`), `module.exports = "${RARE_NEEDLE}";\n`);
    });
  }
  jobs.push(async () => {
    await mkdir(path.join(root, ".git", "objects"), { recursive: true });
    await writeFile(path.join(root, ".git", "objects", "pack"), RARE_NEEDLE);
  });
  jobs.push(() => writeFile(path.join(root, "logo.png"), new Uint8Array([137, 80, 78, 71, 0, 0, 0, 13])));
  // mkdir races are fine: recursive mkdir tolerates existing folders.
  await runLimited(jobs, WRITE_CONCURRENCY);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Generates the tree under `root` (unless `options.generate` is false and the tree exists) and
 * times: a rare literal (a full scan), a common word (early stop at the cap), and a
 * case-insensitive regex limited by glob. Returns the timings; `root` is left in place.
 */
export async function benchGrep(root: string, options: { files?: number; generate?: boolean } = {}): Promise<GrepBenchReport> {
  const files = options.files ?? BENCH_FILE_COUNT;
  const generateStart = performance.now();
  if (options.generate ?? true) await generateBenchTree(root, files);
  const generateMs = Math.round(performance.now() - generateStart);

  const toolbox = createToolbox({ root, tools: ["grep"], isolation: "none", runAllowlist: [] });
  const signal = new AbortController().signal;
  const inputs: { name: string; input: Record<string, string | number | boolean> }[] = [
    { name: "rare literal, full scan", input: { pattern: RARE_NEEDLE } },
    { name: "common word, stops at 200", input: { pattern: "return value" } },
    { name: "regex -i, glob *.js", input: { pattern: "export function compute\\d+_39\\b", ignoreCase: true, glob: "*.js", maxResults: 2000 } },
  ];
  const cases: GrepBenchCase[] = [];
  for (const { name, input } of inputs) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let resultLines = 0;
    for (let run = 0; run < RUNS_PER_CASE; run += 1) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const result = await toolbox.call("grep", input, signal);
      times.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuStarted);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      if (result.isError) throw new Error(`benchGrep case "${name}" failed: ${result.content}`);
      resultLines = result.content.split("\n").filter((line) => /^[^\s:]+:\d+: /.test(line)).length;
    }
    cases.push({
      name,
      input,
      medianMs: Math.round(median(times)),
      firstMs: Math.round(times[0] ?? 0),
      medianCpuMs: Math.round(median(cpuTimes)),
      resultLines,
    });
  }
  return { root, files, generateMs, cases };
}
