import { describe, expect, it, vi } from "vitest";
import { createScriptedRunner } from "../support/scripted-runner.ts";
import { eventsOf, runScript } from "../support/run-script.ts";

describe("limits and budget", () => {
  it("L1 at most maxConcurrency agents run at once; nested parallel/pipeline never deadlock", async () => {
    const runner = createScriptedRunner({ respond: () => "ok", latencyMs: 10 });
    const run = await runScript(
      `const inner = (o) => parallel(Array.from({ length: 4 }, (_, i) => () => agent("leaf " + o + "/" + i)));
       const out = await parallel(Array.from({ length: 6 }, (_, o) => () => pipeline([o], (x) => inner(x), (leaves) => parallel(leaves.map((l, i) => () => agent("again " + o + "/" + i))))));
       return out.flat(2).length;`,
      { runner, limits: { maxConcurrency: 3 } },
    );
    expect(run.status).toBe("succeeded");
    expect(run.result).toBe(24);
    expect(runner.calls).toHaveLength(48);
    expect(runner.maxRunning).toBe(3);
  });

  it("L2 the agent() call past maxAgents throws at once", async () => {
    const runner = createScriptedRunner({ respond: () => "ok" });
    const run = await runScript(
      `const got = [];
       for (let i = 0; i < 5; i++) { try { got.push(await agent("n" + i)); } catch (e) { got.push(e.message); break; } }
       return got;`,
      { runner, limits: { maxAgents: 3 } },
    );
    const got = run.result as string[];
    expect(got.slice(0, 3)).toEqual(["ok", "ok", "ok"]);
    expect(got[3]).toMatch(/cap of 3 agents \(maxAgents\)/);
    expect(runner.calls).toHaveLength(3);
  });

  it("L3 budget.total/spent/remaining; once the cap is reached new agents throw and the overshoot is reported", async () => {
    const runner = createScriptedRunner({ respond: () => "ok", outputTokens: 400, latencyMs: 20 });
    const run = await runScript(
      `const seen = [budget.total, budget.spent(), budget.remaining()];
       // three start together: all run (running agents finish), then the cap is reached
       await parallel([() => agent("a"), () => agent("b"), () => agent("c")]);
       seen.push(budget.spent(), budget.remaining());
       let error = null;
       try { await agent("d"); } catch (e) { error = e.message; }
       return { seen, error };`,
      { runner, limits: { budgetTokens: 1000 } },
    );
    const result = run.result as { seen: number[]; error: string };
    expect(result.seen).toEqual([1000, 0, 1000, 1200, 0]);
    expect(result.error).toMatch(/budget exhausted: 1200 of 1000 output tokens/);
    expect(runner.calls).toHaveLength(3);
    expect(run.logs.some((l) => /overshoot.*200 output tokens/.test(l))).toBe(true);
    const budgetEvents = eventsOf(run.events, "budget");
    expect(budgetEvents.at(-1)?.exceeded).toBe("tokens");
  });

  it("L3 without a budget, total is null and remaining() is Infinity; a USD cap stops new agents", async () => {
    const open = await runScript(`return [budget.total, budget.remaining() === Infinity];`);
    expect(open.result).toEqual([null, true]);
    const runner = createScriptedRunner({ respond: () => "ok", costUsd: 0.3 });
    const capped = await runScript(`await agent("a"); await agent("b"); try { await agent("c"); } catch (e) { return e.message; }`, {
      runner,
      limits: { maxCostUsd: 0.5 },
    });
    expect(capped.result).toMatch(/cost cap reached: \$0\.6000 of \$0\.50/);
  });

  it("L4 a run that hits its wall time stops gracefully: agents stop, the partial result is kept", async () => {
    // The wall-time timer is a fake one, moved on only once the slow agent has started: the test
    // does not depend on how fast the machine starts the sandbox or answers the fast agent.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const runner = createScriptedRunner({
        respond: ({ request }) => request.prompt,
        latencyMs: (r) => {
          if (r.prompt !== "slow") return 0;
          queueMicrotask(() => vi.advanceTimersByTime(300)); // the run's wall time passes while "slow" works
          return 10_000;
        },
      });
      const run = await runScript(
        `const fast = await agent("fast");
         const slow = await agent("slow");
         return { fast, slow };`,
        { runner, limits: { runTimeoutMs: 300 } },
      );
      expect(run.status).toBe("timed_out");
      expect(run.result).toEqual({ fast: "fast", slow: null });
      expect(run.logs.some((l) => /wall-time limit/.test(l))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("L4 the per-agent turn limit is passed to the runner (default 40)", async () => {
    const runner = createScriptedRunner({ respond: () => "ok" });
    await runScript(`await agent("a");`, { runner });
    expect(runner.calls[0]?.maxTurns).toBe(40);
    expect(runner.calls[0]?.timeoutMs).toBe(600_000);
  });

  it("L5 dropped work is logged: failed parallel items and pipeline stages say what was dropped", async () => {
    const run = await runScript(`await parallel([() => 1, () => { throw new Error("x"); }]); await pipeline([1], () => { throw new Error("y"); }, (p) => p);`);
    expect(run.logs.filter((l) => /resolves to null/.test(l))).toHaveLength(2);
    expect(run.logs.some((l) => /1 later stage\(s\) skipped/.test(l))).toBe(true);
  });
});
