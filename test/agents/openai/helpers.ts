/**
 * Shared setup for the OpenAI provider tests: a fake Chat Completions server, a runner pointed at
 * it through the real `openai` SDK, an in-memory toolbox and a request builder.
 */
import type { AgentProgress, AgentRequest, Toolbox, ToolResult } from "../../../src/agents/contract.ts";
import { createOpenAIRunner, type OpenAIRunnerOptions } from "../../../src/agents/openai/index.ts";
import { startFakeOpenAI, type FakeOpenAI } from "../../support/fake-openai.ts";

export const TEST_SYSTEM_PROMPT = "You run unattended inside a test workflow.";

/** A toolbox over an in-memory file map; `grep` always throws (to test failing tools). */
export function memoryToolbox(files: Record<string, string> = {}): Toolbox & { calls: { name: string; input: unknown }[] } {
  const calls: { name: string; input: unknown }[] = [];
  return {
    calls,
    definitions: [
      {
        name: "read",
        description: "Read a file of the checkout.",
        inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
      },
      {
        name: "grep",
        description: "Search the checkout.",
        inputSchema: { type: "object", properties: { pattern: { type: "string" } }, required: ["pattern"] },
      },
    ],
    async call(name: string, input: unknown): Promise<ToolResult> {
      calls.push({ name, input });
      if (name === "grep") throw new Error("grep exploded");
      const path = (input as { path?: string }).path ?? "";
      const content = files[path];
      return content === undefined ? { content: `no such file: ${path}`, isError: true } : { content, isError: false };
    },
  };
}

export function agentRequest(overrides: Partial<AgentRequest> = {}): AgentRequest {
  return {
    id: "a1",
    prompt: "Find the bug in src/a.ts.",
    label: "finder",
    phase: null,
    model: "gpt-test",
    schema: undefined,
    tools: ["read", "grep"],
    isolation: "none",
    cwd: "/nonexistent-checkout",
    maxTurns: 10,
    timeoutMs: 30_000,
    hints: {},
    ...overrides,
  };
}

export interface Harness {
  fake: FakeOpenAI;
  notes: string[];
  progress: AgentProgress[];
  toolbox: ReturnType<typeof memoryToolbox>;
  runner(options?: OpenAIRunnerOptions): ReturnType<typeof createOpenAIRunner>;
  run(request?: Partial<AgentRequest>, options?: OpenAIRunnerOptions, signal?: AbortSignal): ReturnType<ReturnType<typeof createOpenAIRunner>["runAgent"]>;
}

/** Starts a fake server; the runner retries fast (2 retries) unless options say otherwise. */
export async function harness(files: Record<string, string> = {}, fakeOptions: Parameters<typeof startFakeOpenAI>[0] = {}): Promise<Harness> {
  const fake = await startFakeOpenAI(fakeOptions);
  const notes: string[] = [];
  const progress: AgentProgress[] = [];
  const toolbox = memoryToolbox(files);
  const runner = (options: OpenAIRunnerOptions = {}) =>
    createOpenAIRunner({
      baseURL: fake.baseURL,
      apiKey: "sk-test",
      maxRetries: 2,
      env: {},
      toolboxFactory: () => toolbox,
      worktreeFactory: () => Promise.reject(new Error("no worktrees in these tests")),
      systemPrompt: () => TEST_SYSTEM_PROMPT,
      onNotice: (message) => notes.push(message),
      ...options,
    });
  return {
    fake,
    notes,
    progress,
    toolbox,
    runner,
    run: (request = {}, options = {}, signal = new AbortController().signal) =>
      runner(options).runAgent(agentRequest(request), signal, (p) => progress.push(p)),
  };
}
