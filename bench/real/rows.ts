/** The real-path measurements as table rows: the median of the repeated runs, with their range. */
import type { Row } from "../run.ts";
import type { ActionStartup } from "./action.ts";
import { AGENTS, CONCURRENCY, type RealPathReport } from "./cli.ts";
import { spread } from "./process.ts";

const range = (values: number[], digits: number, unit = ""): string => {
  const s = spread(values);
  return values.length > 1 ? `${s.median.toFixed(digits)}${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)}${unit})` : `${s.median.toFixed(digits)}${unit}`;
};

export function realPathRows(report: RealPathReport, action: ActionStartup | null): Row[] {
  const runs = report.runs;
  const n = runs.length;
  const efficiency = runs.map((r) => r.efficiency.efficiency);
  const cliCpu = runs.map((r) => r.run.cpuMs / AGENTS);
  const bareCpu = runs.map((r) => r.bare.cpuMs / r.bare.requests);
  const ratio = runs.map((r) => r.run.cpuMs / AGENTS / (r.bare.cpuMs / r.bare.requests));
  const rss = runs.map((r) => r.run.maxRssMb);
  const resume = runs.map((r) => r.resume.wallMs / 1000);
  const resumeCalls = Math.max(0, ...runs.map((r) => r.resume.modelCalls));
  const helpWall = report.help.map((h) => h.wallMs);
  const helpRss = report.help.map((h) => h.maxRssMb);
  const e = runs[0]?.efficiency;
  const rows: Row[] = [
    {
      what: `Scheduler efficiency: ${AGENTS} agents (250 finders → 3 skeptics each, pipeline), ${CONCURRENCY} in flight, latency 50–500 ms; max(Σ latency / ${CONCURRENCY}, longest chain) ÷ span of model requests`,
      measured: `${range(efficiency, 3)} over ${n} runs${e ? ` (bound ${(e.boundMs / 1000).toFixed(2)} s, span ${(e.spanMs / 1000).toFixed(2)} s in run 1)` : ""}`,
      target: "≥ 0.98",
      met: spread(efficiency).median >= 0.98,
    },
    {
      what: "CPU per agent of the `quorum run` process ÷ CPU per request of the bare SDK (same requests, same fake, same run)",
      measured: `${range(ratio, 2, "×")}: ${range(cliCpu, 2, " ms")} vs ${range(bareCpu, 2, " ms")}`,
      target: "≤ 1.3×",
      met: spread(ratio).median <= 1.3,
    },
    {
      what: `Peak RSS of the ${AGENTS}-agent \`quorum run\` process`,
      measured: `${range(rss, 0, " MB")} (bare SDK: ${range(runs.map((r) => r.bare.maxRssMb), 0, " MB")})`,
      target: "≤ 150 MB",
      met: spread(rss).median <= 150,
    },
    {
      what: `\`quorum resume\` of the finished ${AGENTS}-agent run (all from the journal), wall`,
      measured: `${range(resume, 2, " s")}, ${resumeCalls} model calls`,
      target: "≤ 0.5 s, 0 calls",
      met: spread(resume).median <= 0.5 && resumeCalls === 0,
    },
    {
      what: "`quorum --help`, wall and peak RSS",
      measured: `${range(helpWall, 0, " ms")}, ${range(helpRss, 0, " MB")} (${report.help.length} runs)`,
      target: "≤ 150 ms, ≤ 60 MB",
      met: spread(helpWall).median <= 150 && spread(helpRss).median <= 60,
    },
  ];
  if (action) {
    rows.push({
      what: "Action bundle: process start → check-run creation request (fake GitHub on loopback, a writer's `/workflow` comment)",
      measured: `${range(action.samples, 0, " ms")} (${action.samples.length} runs)${action.cpuSamples.length > 0 ? `; CPU used by then ${range(action.cpuSamples, 0, " ms")}` : ""}`,
      target: "≤ 300 ms",
      met: action.median <= 300,
    });
  }
  return rows;
}
