import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createScriptedRunner } from "../support/scripted-runner.ts";
import { eventsOf, runScript, tempDir } from "../support/run-script.ts";

const echo = () => createScriptedRunner({ respond: ({ request }) => request.prompt.toUpperCase(), latencyMs: 5 });

describe("composition", () => {
  it("C1 parallel is a barrier that never rejects: a throwing thunk gives null at its position, reason logged", async () => {
    const run = await runScript(
      `return await parallel([
         () => agent("a"),
         () => { throw new Error("boom in thunk 1"); },
         () => agent("c"),
         async () => { await agent("d"); throw new TypeError("late boom"); },
       ]);`,
      { runner: echo() },
    );
    expect(run.result).toEqual(["A", null, "C", null]);
    expect(run.logs.some((l) => /parallel: item 1 failed.*boom in thunk 1/.test(l))).toBe(true);
    expect(run.logs.some((l) => /parallel: item 3 failed.*late boom/.test(l))).toBe(true);
  });

  it("C2 pipeline moves each item through all stages independently, with (previous, item, index)", async () => {
    // Item 0's first stage is slow; item 1 must reach stage 2 before item 0 finishes stage 1 (no barrier).
    const order: string[] = [];
    const runner = createScriptedRunner({
      respond: ({ request }) => {
        order.push(request.prompt);
        return request.prompt;
      },
      latencyMs: (r) => (r.prompt === "s1 0" ? 300 : 5),
    });
    const run = await runScript(
      `return await pipeline(["x", "y"],
         (prev, item, i) => agent("s1 " + i),
         (prev, item, i) => agent("s2 " + i + " " + prev + " " + item),
       );`,
      { runner },
    );
    expect(run.result).toEqual(["s2 0 s1 0 x", "s2 1 s1 1 y"]);
    expect(order.indexOf("s2 1 s1 1 y")).toBeLessThan(order.indexOf("s1 0"));
  });

  it("C2 a throwing stage gives null for that item and skips its later stages; order is kept", async () => {
    const runner = echo();
    const run = await runScript(
      `return await pipeline([1, 2, 3],
         (prev) => { if (prev === 2) throw new Error("two is bad"); return prev * 10; },
         (prev) => agent("v" + prev),
       );`,
      { runner },
    );
    expect(run.result).toEqual(["V10", null, "V30"]);
    expect(runner.calls.map((c) => c.prompt).sort()).toEqual(["v10", "v30"]);
    expect(run.logs.some((l) => /pipeline: item 1 failed in stage 1 of 2.*1 later stage\(s\) skipped.*two is bad/.test(l))).toBe(true);
  });

  it("C3 parallel and pipeline refuse more than 4096 items with an explicit error", async () => {
    const run = await runScript(
      `const many = Array.from({ length: 4097 }, (_, i) => i);
       const errors = [];
       try { await parallel(many.map((i) => () => i)); } catch (e) { errors.push(e.message); }
       try { await pipeline(many, (x) => x); } catch (e) { errors.push(e.message); }
       const ok = await parallel(many.slice(0, 4096).map((i) => () => i));
       return { errors, ok: ok.length };`,
    );
    const result = run.result as { errors: string[]; ok: number };
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatch(/at most 4096 items; got 4097/);
    expect(result.errors[1]).toMatch(/pipeline\(\) takes at most 4096/);
    expect(result.ok).toBe(4096);
  });

  it("C4 workflow() runs another workflow inline, sharing the agent count and budget", async () => {
    const repo = tempDir();
    mkdirSync(join(repo, ".github/quorum/workflows"), { recursive: true });
    writeFileSync(
      join(repo, ".github/quorum/workflows/child.js"),
      `export const meta = { name: "child", description: "c", args: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] } };
       const r = await agent("child " + args.n);
       return { r, spent: budget.spent() };`,
    );
    const runner = echo();
    const run = await runScript(`await agent("parent"); const c = await workflow("child", { n: 7 }); return { c, spent: budget.spent() };`, {
      runner,
      repo,
      limits: { budgetTokens: 10_000 },
    });
    expect(run.status).toBe("succeeded");
    expect(run.result).toEqual({ c: { r: "CHILD 7", spent: 200 }, spent: 200 });
    expect(run.totals.agents).toBe(2);
  });

  it("C4 nesting deeper than one level, or an unknown name, throws", async () => {
    const repo = tempDir();
    mkdirSync(join(repo, ".github/quorum/workflows"), { recursive: true });
    writeFileSync(join(repo, ".github/quorum/workflows/middle.js"), `return await workflow("leaf");`);
    writeFileSync(join(repo, ".github/quorum/workflows/leaf.js"), `return "leaf";`);
    const run = await runScript(
      `const out = [];
       try { out.push(await workflow("middle")); } catch (e) { out.push(e.message); }
       try { out.push(await workflow("no-such-workflow")); } catch (e) { out.push(e.message); }
       return out;`,
      { repo },
    );
    const [deep, unknown] = run.result as string[];
    expect(deep).toMatch(/one level only/);
    expect(unknown).toMatch(/unknown workflow "no-such-workflow"/);
  });

  it("C4 a nested workflow shares cancellation: its agents stop when the run is cancelled", async () => {
    const repo = tempDir();
    mkdirSync(join(repo, ".github/quorum/workflows"), { recursive: true });
    writeFileSync(join(repo, ".github/quorum/workflows/slow.js"), `return await agent("slow child");`);
    const controller = new AbortController();
    // Cancel once the nested workflow's agent is running (not on a timer: a loaded machine is slow).
    const runner = createScriptedRunner({ respond: () => "done", latencyMs: () => (setTimeout(() => controller.abort(new Error("cancelled")), 10), 5_000) });
    const run = await runScript(`return { child: await workflow("slow") };`, { repo, runner, signal: controller.signal });
    expect(run.status).toBe("cancelled");
    expect(run.result).toEqual({ child: null });
    expect(eventsOf(run.events, "agent.finished")[0]?.reason).toBe("stopped");
  });

  it("C5 phase() and log() reach the event stream that every view consumes", async () => {
    const run = await runScript(`phase("Map"); log("mapped 3 routes"); phase("Verify"); log({ n: 1 });`);
    expect(eventsOf(run.events, "phase.started").map((e) => e.title)).toEqual(["Map", "Verify"]);
    const logs = eventsOf(run.events, "log").filter((l) => l.level === "info");
    expect(logs.map((l) => [l.phase, l.message])).toEqual([
      ["Map", "mapped 3 routes"],
      ["Verify", '{"n":1}'],
    ]);
  });

  it("C6 args are the run's JSON arguments, undefined when none", async () => {
    const none = await runScript(`return typeof args;`);
    expect(none.result).toBe("undefined");
    const some = await runScript(`return args;`, { args: { path: "src", deep: true, n: [1, 2] } });
    expect(some.result).toEqual({ path: "src", deep: true, n: [1, 2] });
  });

  it("C6 args are validated against meta.args before the run starts; a mismatch names the schema path", async () => {
    const runner = echo();
    const source = `export const meta = { name: "a", description: "d", args: { type: "object", properties: { runs: { type: "integer", minimum: 1 } }, required: ["runs"] } };
       await agent("should not run"); return args;`;
    await expect(runScript(source, { runner, args: { runs: "ten" } })).rejects.toThrow(/args\/runs: must be integer \(schema #\/properties\/runs\/type\)/);
    await expect(runScript(source, { runner })).rejects.toThrow(/must have required property 'runs'/);
    expect(runner.calls).toHaveLength(0);
  });
});

describe("Claude Code compatibility", () => {
  it("S7 console.log/warn in a script go to the log, and effort/agentType reach the runner (Explore is a built-in type)", async () => {
    const runner = createScriptedRunner({ respond: () => "ok" });
    const run = await runScript(
      `console.log("mapped", 3, { routes: ["/a"] }); console.warn("careful");
       await agent("a", { effort: "high", agentType: "Explore" }); await agent("b", { effort: "low" });
       return [typeof WeakRef, typeof FinalizationRegistry];`,
      { runner },
    );
    expect(run.status).toBe("succeeded");
    expect(run.result).toEqual(["undefined", "undefined"]);
    const logs = eventsOf(run.events, "log");
    expect(logs.some((l) => l.message === 'mapped 3 {"routes":["/a"]}' && l.level === "info")).toBe(true);
    expect(logs.some((l) => l.message === "careful" && l.level === "warn")).toBe(true);
    expect(logs.filter((l) => /not known to Quorum/.test(l.message))).toHaveLength(0);
    expect(runner.calls[0]?.hints).toEqual({ effort: "high", agentType: "Explore" });
    expect(runner.calls[0]).toMatchObject({ effort: "high", tools: ["read", "grep", "glob", "list"], instructions: expect.stringMatching(/explore/i) });
    expect(runner.calls[1]).toMatchObject({ effort: "low" });
    expect(runner.calls[1]?.instructions).toBeUndefined();
  });
});
