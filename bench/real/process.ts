/**
 * Runs one command as a fresh process under GNU time (`/usr/bin/time`), which reports the CPU
 * time and peak RSS the kernel counted for it (children it waited for included), and measures
 * the wall time from spawn to exit here.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const GNU_TIME = "/usr/bin/time";

export interface Measured {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

export function gnuTimeAvailable(): boolean {
  return existsSync(GNU_TIME);
}

export async function measure(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Measured> {
  const scratch = mkdtempSync(join(tmpdir(), "quorum-bench-time-"));
  const report = join(scratch, "time.txt");
  try {
    const started = performance.now();
    const child = spawn(GNU_TIME, ["-o", report, "-f", "%U %S %M", command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 10 * 60_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    const wallMs = performance.now() - started;
    clearTimeout(timer);
    const last = readFileSync(report, "utf8").trim().split("\n").at(-1) ?? "";
    const [user, system, rssKb] = last.split(" ").map(Number);
    if (user === undefined || system === undefined || rssKb === undefined || [user, system, rssKb].some(Number.isNaN)) {
      throw new Error(`GNU time reported nothing usable for ${command} ${args.join(" ")}: "${last}"\n${stderr.slice(-2000)}`);
    }
    return { code, stdout, stderr, wallMs, cpuMs: (user + system) * 1000, maxRssMb: rssKb / 1024 };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Median and range of a list of numbers. */
export function spread(values: readonly number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}
