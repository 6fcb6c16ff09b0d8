import { describe, expect, it } from "vitest";
import { createTerminalView, renderTree } from "../../src/cli/terminal-view.ts";
import type { RunEvent } from "../../src/engine/events.ts";
import { applyEvent, initialProgress } from "../../src/engine/progress.ts";

const usage = { inputTokens: 1000, outputTokens: 250, cacheReadTokens: 0, cacheWriteTokens: 0 };
const at = 1_000_000;
const events: RunEvent[] = [
  { type: "run.started", at, runId: "r1", workflow: "audit-auth", args: undefined, resumed: false, commit: null, phases: [{ title: "Map" }, { title: "Verify" }] },
  { type: "phase.started", at, title: "Map" },
  { type: "agent.queued", at, agentId: "a1", label: "map: routes", phase: "Map" },
  { type: "agent.queued", at, agentId: "a2", label: "map: middleware", phase: "Map" },
  { type: "agent.started", at, agentId: "a1", model: "sonnet" },
  { type: "agent.started", at, agentId: "a2", model: "sonnet" },
  { type: "agent.tool", at, agentId: "a2", tool: "grep", detail: "requireAuth" },
  { type: "agent.finished", at: at + 2000, agentId: "a1", label: "map: routes", phase: "Map", status: "ok", usage, costUsd: 0.01, durationMs: 2000 },
  { type: "log", at: at + 2000, level: "info", phase: "Map", message: "mapped 14 entry points" },
];

describe("the terminal view", () => {
  it("C5 the phase tree shows agents done/running/total, tokens, cost, running agents and recent log lines", () => {
    const state = initialProgress();
    for (const e of events) applyEvent(state, e);
    const lines = renderTree(state, at + 5000, 200);
    expect(lines[0]).toMatch(/audit-auth · r1 · running · 2 agents · 250 out · \$0\.0100 · 5s/);
    expect(lines).toContainEqual(expect.stringMatching(/▶ Map {2}1\/2 done, 1 running · 250 out · \$0\.0100/));
    expect(lines).toContainEqual(expect.stringMatching(/· map: middleware — grep requireAuth/));
    expect(lines).toContainEqual("  ○ Verify");
    expect(lines.at(-1)).toBe("  › mapped 14 entry points");
  });

  it("C5 on a TTY the view redraws in place; otherwise it prints plain lines", async () => {
    let tty = "";
    const view = createTerminalView({ write: (s) => void (tty += s), isTTY: true, columns: 120 });
    for (const e of events) view.sink(e);
    await new Promise((r) => setTimeout(r, 300));
    view.sink({ type: "agent.finished", at: at + 3000, agentId: "a2", label: "map: middleware", phase: "Map", status: "failed", reason: "time_limit", message: "slow", usage, costUsd: 0, durationMs: 3000 });
    view.close();
    expect(tty).toContain("\x1b[");
    expect(tty.split("audit-auth · r1").length - 1).toBe(2); // drawn, then redrawn over itself

    let plain = "";
    const pv = createTerminalView({ write: (s) => void (plain += s), isTTY: false });
    for (const e of events) pv.sink(e);
    pv.sink({ type: "agent.finished", at: at + 3000, agentId: "a2", label: "map: middleware", phase: "Map", status: "failed", reason: "time_limit", message: "slow", usage, costUsd: 0, durationMs: 3000 });
    expect(plain).not.toContain("\x1b[");
    expect(plain).toContain("quorum: running audit-auth (run r1)");
    expect(plain).toContain("▶ Map");
    expect(plain).toContain("✗ map: middleware: null (time_limit) slow");
  });
});
