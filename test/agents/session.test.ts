import { describe, expect, it } from "vitest";
import type { AgentRequest, Toolbox } from "../../src/agents/contract.ts";
import type { Worktree } from "../../src/agents/hooks.ts";
import { runAgentSession, type AgentSession } from "../../src/agents/session.ts";
import { ZERO_USAGE } from "../../src/kernel/usage.ts";

const request: AgentRequest = {
  id: "a1",
  prompt: "p",
  label: "l",
  phase: null,
  model: undefined,
  schema: undefined,
  tools: [],
  isolation: "worktree",
  cwd: "/checkout",
  maxTurns: 5,
  timeoutMs: 60_000,
  hints: {},
};
const toolbox: Toolbox = { definitions: [], call: async () => ({ content: "", isError: false }) };
const spent = { usage: { ...ZERO_USAGE, outputTokens: 7 }, costUsd: 0.5, model: "m", turns: 2 };

function session(worktree: Worktree, overrides: Partial<AgentSession> = {}): { session: AgentSession; notices: string[] } {
  const notices: string[] = [];
  return {
    notices,
    session: {
      request,
      runSignal: new AbortController().signal,
      timeoutMs: 60_000,
      worktreeFactory: async () => worktree,
      toolboxFactory: () => toolbox,
      notice: (message) => notices.push(message),
      converse: async () => ({ ok: true, output: "done", ...spent }),
      failure: (error, stage) => ({ ok: false, reason: "error", message: `${stage}: ${String(error)}`, ...spent, usage: ZERO_USAGE, costUsd: 0 }),
      ...overrides,
    },
  };
}

function fakeWorktree(diff: () => Promise<string>, removed: string[]): Worktree {
  return { path: "/worktrees/a1", diff, remove: async () => void removed.push("removed") };
}

describe("the provider session shell", () => {
  it("A8 a worktree agent's success carries its diff and the worktree is removed", async () => {
    const removed: string[] = [];
    const { session: s } = session(fakeWorktree(async () => "diff --git a/x b/x\n", removed));
    expect(await runAgentSession(s)).toEqual({ ok: true, output: "done", ...spent, diff: "diff --git a/x b/x\n" });
    expect(removed).toEqual(["removed"]);
  });

  it("A5 a diff that cannot be read fails the agent with what it spent, and the worktree is still removed", async () => {
    const removed: string[] = [];
    const { session: s } = session(fakeWorktree(() => Promise.reject(new Error("git broke")), removed));
    const outcome = await runAgentSession(s);
    expect(outcome).toMatchObject({ ok: false, reason: "error", ...spent });
    expect(outcome.ok ? "" : outcome.message).toMatch(/worktree diff could not be read: git broke/);
    expect(removed).toEqual(["removed"]);
  });

  it("A5 an error in the conversation is the provider's to read, with the stage; a worktree that will not go away is a notice", async () => {
    const worktree: Worktree = { path: "/worktrees/a1", diff: async () => "", remove: () => Promise.reject(new Error("busy")) };
    const { session: s, notices } = session(worktree, { converse: () => Promise.reject(new Error("boom")) });
    expect(await runAgentSession(s)).toMatchObject({ ok: false, message: "conversation: Error: boom" });
    expect(notices).toEqual(["could not remove the worktree of agent a1 (/worktrees/a1): busy"]);
  });
});
