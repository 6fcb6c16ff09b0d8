/** Agents-room benchmarks: prompt-cache reuse across a fan-out, and grep on a large tree. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { benchGrep } from "../src/agents/tools/grep-bench.ts";
import { runSiblingScenario } from "../test/support/fake-anthropic/siblings.ts";
import type { Row } from "./run.ts";

/** 50 sibling agents through the real SDK against the fake Messages API (which simulates caching). */
export async function benchCacheShare(): Promise<Row[]> {
  const result = await runSiblingScenario({ agents: 50, concurrency: 16 });
  return [
    {
      what: "Cache-read share of input tokens, 50-agent fan-out (real SDK, fake Messages API simulating prompt caching)",
      measured: `${(result.share * 100).toFixed(1)}% (${result.requests} requests, $${result.totalCostUsd.toFixed(3)})`,
      target: "≥ 80%",
      met: result.share >= 0.8,
    },
  ];
}

/** grep over a generated 20,000-file tree (with node_modules, .git and binary noise to skip). */
export async function benchGrepTree(): Promise<Row[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), "quorum-grep-bench-"));
  try {
    const report = await benchGrep(root, { generate: true });
    return report.cases.map((c) => ({
      what: `grep on ${report.files.toLocaleString("en")} files: ${c.name}`,
      measured: `${c.medianMs.toFixed(0)} ms median (${c.resultLines} lines)`,
      target: "(none set)",
      met: null,
    }));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
