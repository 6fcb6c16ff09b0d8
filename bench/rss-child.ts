/** Child process for the RSS benchmark: one 1000-agent run in a fresh process, then its peak RSS. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRun } from "../src/engine/run.ts";
import { createScriptedRunner } from "../test/support/scripted-runner.ts";

const n = Number(process.argv[2] ?? 1000);
const repo = mkdtempSync(join(tmpdir(), "quorum-rss-"));
const runner = createScriptedRunner({ respond: ({ request }) => ({ answer: request.prompt, items: [1, 2, 3] }), latencyMs: 1 });
const before = process.memoryUsage().rss;
const outcome = await startRun({
  workflow: {
    name: "bench-rss",
    source: `const r = await parallel(Array.from({ length: ${n} }, (_, i) => () => agent("task " + i))); return r.length;`,
    filename: "bench-rss.js",
  },
  repo,
  runner,
  limits: { maxAgents: n },
  resolveWorkflow: () => {
    throw new Error("no nested workflows");
  },
});
rmSync(repo, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ status: outcome.status, maxRssMb: process.resourceUsage().maxRSS / 1024, beforeRunMb: before / 2 ** 20 }));
