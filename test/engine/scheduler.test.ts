import { describe, expect, it } from "vitest";
import { Budget } from "../../src/engine/budget.ts";
import { LimitConfigError, resolveLimits } from "../../src/engine/limits.ts";
import { Scheduler } from "../../src/engine/scheduler.ts";

describe("scheduler and limits", () => {
  it("L1 grants at most `limit` slots and hands them on in FIFO order", async () => {
    const s = new Scheduler(2);
    const order: number[] = [];
    const r1 = await s.acquire();
    const r2 = await s.acquire();
    const p3 = s.acquire().then((r) => (order.push(3), r));
    const p4 = s.acquire().then((r) => (order.push(4), r));
    expect(s.active).toBe(2);
    expect(s.waiting).toBe(2);
    r1();
    r1(); // a second release is a no-op
    const r3 = await p3;
    expect(s.active).toBe(2);
    r2();
    const r4 = await p4;
    r3();
    r4();
    expect(order).toEqual([3, 4]);
    expect(s.active).toBe(0);
  });

  it("L1 a waiter whose signal aborts leaves the queue without a slot", async () => {
    const s = new Scheduler(1);
    const release = await s.acquire();
    const controller = new AbortController();
    const waiting = s.acquire(controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    expect(s.waiting).toBe(0);
    release();
    expect(s.active).toBe(0);
  });

  it("L1 maxConcurrency is range-checked (1-256) with a clear error", () => {
    expect(resolveLimits({}).maxConcurrency).toBe(16);
    expect(() => resolveLimits({ maxConcurrency: 0 })).toThrow(LimitConfigError);
    expect(() => resolveLimits({ maxConcurrency: 257 })).toThrow(/1 to 256/);
    expect(resolveLimits({ maxConcurrency: 256 }).maxConcurrency).toBe(256);
  });

  it("L3 budget: remaining is max(0, total - spent) or Infinity; caps stop new starts", () => {
    const open = new Budget(null, null);
    expect(open.remainingTokens()).toBe(Infinity);
    const b = new Budget(1000, 0.5);
    b.record({ inputTokens: 10, outputTokens: 600, cacheReadTokens: 0, cacheWriteTokens: 0 }, 0.1);
    expect(b.remainingTokens()).toBe(400);
    expect(() => b.assertCanStart()).not.toThrow();
    b.record({ inputTokens: 10, outputTokens: 700, cacheReadTokens: 0, cacheWriteTokens: 0 }, 0.1);
    expect(b.remainingTokens()).toBe(0);
    expect(b.exceeded()).toBe("tokens");
    expect(() => b.assertCanStart()).toThrow(/budget exhausted: 1300 of 1000/);
    expect(b.overshoot().tokens).toBe(300);
    const c = new Budget(null, 0.15);
    c.record({ inputTokens: 0, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 }, 0.2);
    expect(() => c.assertCanStart()).toThrow(/cost cap reached/);
  });

  it("L4 limits have the documented defaults: 40 turns, 10 min per agent, 60 min per run", () => {
    const l = resolveLimits();
    expect(l.agentMaxTurns).toBe(40);
    expect(l.agentTimeoutMs).toBe(600_000);
    expect(l.runTimeoutMs).toBe(3_600_000);
    expect(l.maxAgents).toBe(1000);
  });
});
