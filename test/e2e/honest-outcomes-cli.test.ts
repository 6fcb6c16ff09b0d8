/**
 * End-to-end: honest outcomes through `quorum run`, the real @anthropic-ai/sdk and the fake
 * Messages API (rule R1, R2). A model API that fails every call, rejects the key, or cannot be
 * reached never ends in "succeeded" with exit 0.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";
import { FakeAnthropic } from "../support/fake-anthropic.ts";

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../examples");
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const d = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(d);
  return d;
}

function vulnerableApi(): string {
  const d = tempDir("quorum-e2e-honest-");
  cpSync(path.join(EXAMPLES, "vulnerable-api"), d, { recursive: true });
  const git = (...args: string[]) => execFileSync("git", args, { cwd: d, stdio: ["pipe", "pipe", "pipe"] });
  git("init", "-q", "--initial-branch=main");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@quorum.invalid", "-c", "commit.gpgsign=false", "commit", "-qm", "fixture");
  return d;
}

type Captured = CliIo & { out(): string; err(): string };
function captureIo(env: NodeJS.ProcessEnv): Captured {
  let out = "";
  let err = "";
  return { stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) }, env, cwd: tempDir("quorum-e2e-cwd-"), out: () => out, err: () => err };
}

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

function runDir(io: Captured, status: string): string {
  const m = new RegExp(`^run (\\S+): ${status}; run directory (.+)$`, "m").exec(io.err());
  if (!m?.[2]) throw new Error(`no "${status}" run in:\n${io.err()}`);
  return m[2];
}

describe("e2e: honest outcomes through quorum run and the real SDK", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  let fake: FakeAnthropic;
  beforeEach(async () => {
    fake = new FakeAnthropic();
    await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
  });
  const env = (baseUrl: string) => ({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: baseUrl, PATH: process.env.PATH });

  it("R1 a model API that fails every call: audit-auth ends incomplete, exits non-zero, and the report says the agents failed to run", async () => {
    fake.handle(() => ({ error: { status: 529, type: "overloaded_error", message: "Overloaded", retryAfterMs: 1 } }));
    const repo = vulnerableApi();
    const io = captureIo(env(fake.url));
    const code = await main(["run", "audit-auth", "--repo", repo, "--args", JSON.stringify({ fix: false })], io);
    expect(code, io.err()).toBe(1);
    expect(io.err()).toMatch(/quorum: the run is incomplete: incomplete: (\d+) of \1 agents failed to run \(api_error ×\1\)/);
    expect(io.err()).not.toMatch(/: succeeded;/);
    const report = readFileSync(path.join(runDir(io, "incomplete"), "report.md"), "utf8");
    expect(report).toContain("**status** incomplete");
    expect(report).toMatch(/## Failed to run: \d+ of \d+ agents failed to run \(api_error ×\d+\)/);
    expect(report).toMatch(/529 overloaded_error/);
  });

  it("R2 a rejected API key (401) stops the run at the first model call with one clear message", async () => {
    fake.handle(() => ({ error: { status: 401, type: "authentication_error", message: "invalid x-api-key" } }));
    const repo = vulnerableApi();
    const io = captureIo(env(fake.url));
    const code = await main(["run", "audit-auth", "--repo", repo, "--max-concurrency", "2"], io);
    expect(code, io.err()).toBe(1);
    expect(io.err()).toMatch(/quorum: the run failed: the model provider rejected the credentials: Anthropic rejected the API key \(401 authentication_error: invalid x-api-key[^\n]*\)\. Check ANTHROPIC_API_KEY\./);
    // 401 is not retried, and no agent is started after it: at most the two that had a slot.
    expect(fake.requests.length).toBeLessThanOrEqual(2);
    runDir(io, "failed");
  });

  it("R2 an unreachable API base URL stops the run after the first agent's retries, not after every agent's", async () => {
    const port = await closedPort();
    const repo = vulnerableApi();
    const io = captureIo(env(`http://127.0.0.1:${port}`));
    const code = await main(["run", "audit-auth", "--repo", repo, "--max-concurrency", "1"], io);
    expect(code, io.err()).toBe(1);
    expect(io.err()).toMatch(new RegExp(`quorum: the run failed: the model provider cannot be reached: could not reach http://127\\.0\\.0\\.1:${port} after \\d+ retries`));
    const events = readFileSync(path.join(runDir(io, "failed"), "events.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { type: string; reason?: string });
    // One agent tried and failed; nothing started after it.
    expect(events.filter((e) => e.type === "agent.started")).toHaveLength(1);
  });

  it("R1 --agent-timeout 1 with a model slower than that: every agent is null, and the run does not end succeeded", async () => {
    fake.handle(() => ({ delayMs: 30_000, text: "too late" }));
    const repo = vulnerableApi();
    const io = captureIo(env(fake.url));
    const code = await main(["run", "audit-auth", "--repo", repo, "--agent-timeout", "1", "--args", JSON.stringify({ fix: false })], io);
    expect(code, io.err() + io.out()).toBe(1);
    expect(io.err()).toMatch(/the run is incomplete: incomplete: (\d+) of \1 agents failed to run \(time_limit ×\1\)/);
  });
});
