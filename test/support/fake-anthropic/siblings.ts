/**
 * The fan-out cache scenario, shared by the test and the benchmark: N sibling agents with the same
 * tools and system prompt and a long shared task prefix, each with its own tail, run through the
 * real Anthropic runner against the fake API with bounded concurrency (like the engine's
 * scheduler). Each agent reads one file, then answers a schema-validated object.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createAnthropicRunner } from "../../../src/agents/anthropic/index.ts";
import type { AgentOutcome, AgentRequest } from "../../../src/agents/contract.ts";
import type { Usage } from "../../../src/kernel/usage.ts";
import { createToolbox } from "../../../src/agents/tools/index.ts";
import { FakeAnthropic, assistantTurns, firstUserText } from "../fake-anthropic.ts";

/**
 * Share of prompt tokens served from the cache: cache reads / (input + cache reads + cache writes),
 * over all usages. 0 when there were no prompt tokens.
 */
export function cacheReadShare(usages: readonly Usage[]): number {
  let read = 0;
  let prompt = 0;
  for (const u of usages) {
    read += u.cacheReadTokens;
    prompt += u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  }
  return prompt === 0 ? 0 : read / prompt;
}

export interface SiblingScenario {
  agents?: number;
  concurrency?: number;
  /** Characters of task text every sibling shares (≈ chars / 4 tokens). */
  sharedChars?: number;
  /** Simulated latency of each model call. */
  latencyMs?: number;
  /** Passed to the runner; 0 turns off waiting for the first sibling's cache write. */
  cacheWarmupMaxWaitMs?: number;
}

export interface SiblingResult {
  share: number;
  outcomes: AgentOutcome[];
  requests: number;
  totalCostUsd: number;
  elapsedMs: number;
}

export const SCHEMA = {
  type: "object",
  properties: { file: { type: "string" }, issues: { type: "array", items: { type: "string" } } },
  required: ["file", "issues"],
  additionalProperties: false,
} as const;

export async function runSiblingScenario(options: SiblingScenario = {}): Promise<SiblingResult> {
  const agents = options.agents ?? 50;
  const concurrency = options.concurrency ?? 16;
  const sharedChars = options.sharedChars ?? 6000;
  const latencyMs = options.latencyMs ?? 20;
  const root = await mkdtemp(path.join(os.tmpdir(), "quorum-siblings-"));
  const fake = new FakeAnthropic({
    handler: ({ body }) => {
      const file = /File: (\S+)/.exec(firstUserText(body))?.[1] ?? "unknown";
      return assistantTurns(body) === 0
        ? { delayMs: latencyMs, toolCalls: [{ name: "read", input: { path: file } }] }
        : { delayMs: latencyMs, json: { file, issues: [] } };
    },
  });
  try {
    await fake.start();
    for (let i = 0; i < agents; i++) await writeFile(path.join(root, `module-${i}.ts`), `export const value${i} = ${i};\n`);
    const runner = createAnthropicRunner({
      apiKey: "test-key",
      baseURL: fake.url,
      maxRetries: 0,
      onNotice: () => {},
      toolboxFactory: ({ root: dir, tools, isolation }) => createToolbox({ root: dir, tools, isolation, runAllowlist: [] }),
      ...(options.cacheWarmupMaxWaitMs !== undefined ? { cacheWarmupMaxWaitMs: options.cacheWarmupMaxWaitMs } : {}),
    });
    const shared = sharedInstructions(sharedChars);
    const started = Date.now();
    const outcomes = await mapLimit(agents, concurrency, (i) => {
      const request: AgentRequest = {
        id: `a${i + 1}`,
        prompt: `${shared}File: module-${i}.ts\nFocus on how value${i} is used.`,
        label: `review module-${i}.ts`,
        phase: "Find",
        model: "sonnet",
        schema: SCHEMA as unknown as AgentRequest["schema"],
        tools: ["read", "grep"],
        isolation: "none",
        cwd: root,
        maxTurns: 10,
        timeoutMs: 60_000,
        hints: {},
      };
      return runner.runAgent(request, new AbortController().signal);
    });
    return {
      share: cacheReadShare(outcomes.map((o) => o.usage)),
      outcomes,
      requests: fake.requests.length,
      totalCostUsd: outcomes.reduce((sum, o) => sum + o.costUsd, 0),
      elapsedMs: Date.now() - started,
    };
  } finally {
    await fake.stop();
    await rm(root, { recursive: true, force: true });
  }
}

/** Review instructions of about `chars` characters, in lines, ending with a line break. */
function sharedInstructions(chars: number): string {
  const lines = ["Review the file named below for correctness problems. Report each problem with its line number."];
  for (let i = 1; lines.join("\n").length < chars; i++) {
    lines.push(`Rule ${i}: check that every branch handles errors, that inputs are validated, and that resources are released on all paths.`);
  }
  return `${lines.join("\n")}\n\n`;
}

async function mapLimit<T>(count: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await fn(i);
    }
  });
  await Promise.all(workers);
  return results;
}
