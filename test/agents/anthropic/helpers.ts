/**
 * Shared setup of the Anthropic provider tests: a fake API server, a runner pointed at it, an
 * in-memory toolbox, and a request builder.
 */
import { afterEach, beforeEach } from "vitest";
import { createAnthropicRunner, type AnthropicRunnerOptions } from "../../../src/agents/anthropic/index.ts";
import type { AgentOutcome, AgentProgress, AgentRequest, AgentRunner, Toolbox, ToolDefinition, ToolName, ToolResult } from "../../../src/agents/contract.ts";
import { FakeAnthropic } from "../../support/fake-anthropic.ts";

export const FRAMING = "You are a test subagent. Nobody answers questions. Your final message is data.";

/** A toolbox whose tools answer from a function; records every call. */
export function memoryToolbox(
  impl: Partial<Record<ToolName, (input: Record<string, unknown>) => ToolResult | Promise<ToolResult>>>,
): Toolbox & { calls: { name: string; input: unknown }[] } {
  const calls: { name: string; input: unknown }[] = [];
  const definitions: ToolDefinition[] = Object.keys(impl).map((name) => ({
    name: name as ToolName,
    description: `The ${name} tool.`,
    inputSchema: { type: "object", properties: { path: { type: "string" }, pattern: { type: "string" } } },
  }));
  return {
    definitions,
    calls,
    async call(name: string, input: unknown): Promise<ToolResult> {
      calls.push({ name, input });
      const fn = impl[name as ToolName];
      if (!fn) return { content: `no tool ${name}`, isError: true };
      return fn(input as Record<string, unknown>);
    },
  };
}

export function makeRequest(overrides: Partial<AgentRequest> = {}): AgentRequest {
  return {
    id: "a1",
    prompt: "Summarise the repository.",
    label: "summary",
    phase: null,
    model: "sonnet",
    schema: undefined,
    tools: ["read", "grep"],
    isolation: "none",
    cwd: process.cwd(),
    maxTurns: 40,
    timeoutMs: 60_000,
    hints: {},
    ...overrides,
  };
}

/** Starts a fresh fake server before each test and stops it after. */
export function useHarness() {
  const harness = {
    fake: new FakeAnthropic(),
    notices: [] as string[],
    progress: [] as AgentProgress[],
    runner(options: Partial<AnthropicRunnerOptions> = {}, toolbox: Toolbox = memoryToolbox({ read: () => ({ content: "file text", isError: false }) })): AgentRunner {
      return createAnthropicRunner({
        apiKey: "test-key",
        baseURL: harness.fake.url,
        maxRetries: 2,
        cacheWarmupMaxWaitMs: 0,
        systemPrompt: () => FRAMING,
        toolboxFactory: () => toolbox,
        onNotice: (m) => harness.notices.push(m),
        env: {},
        ...options,
      });
    },
    run(request: AgentRequest, options: { toolbox?: Toolbox; signal?: AbortSignal; runner?: AgentRunner } = {}): Promise<AgentOutcome> {
      const runner = options.runner ?? harness.runner({}, options.toolbox);
      return runner.runAgent(request, options.signal ?? new AbortController().signal, (p) => harness.progress.push(p));
    },
  };
  beforeEach(async () => {
    harness.fake = new FakeAnthropic();
    harness.notices = [];
    harness.progress = [];
    await harness.fake.start();
  });
  afterEach(async () => {
    await harness.fake.stop();
  });
  return harness;
}
