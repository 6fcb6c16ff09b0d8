import { describe, expect, it } from "vitest";
import { createScriptedRunner, type ScriptedAnswer } from "../support/scripted-runner.ts";
import { eventsOf, runScript } from "../support/run-script.ts";

const echo = () => createScriptedRunner({ respond: ({ request }) => `answer to ${request.prompt}` });

describe("agent()", () => {
  it("A1 without a schema resolves to the agent's final text", async () => {
    const run = await runScript(`return await agent("hello");`, { runner: echo() });
    expect(run.status).toBe("succeeded");
    expect(run.result).toBe("answer to hello");
  });

  it("A2 with a schema resolves to a validated object; invalid output is retried with the errors", async () => {
    const runner = createScriptedRunner({
      respond: ({ attempt, feedback }): ScriptedAnswer => (attempt === 0 ? { count: "three" } : { count: 3, sawErrors: feedback !== undefined }),
    });
    const schema = { type: "object", properties: { count: { type: "integer" }, sawErrors: { type: "boolean" } }, required: ["count"] };
    const run = await runScript(`return await agent("count", { schema: ${JSON.stringify(schema)} });`, { runner });
    expect(run.result).toEqual({ count: 3, sawErrors: true });
  });

  it("A2 after 3 failed retries the call throws an error quoting the last errors", async () => {
    const runner = createScriptedRunner({ respond: () => ({ count: "never a number" }) });
    const run = await runScript(
      `try { await agent("count", { schema: { type: "object", properties: { count: { type: "integer" } }, required: ["count"] } }); return "no"; }
       catch (e) { return e.message; }`,
      { runner },
    );
    expect(run.result).toMatch(/still invalid after 3 retries/);
    expect(run.result).toMatch(/count/);
    expect(run.result).toMatch(/integer/);
  });

  it("A3 a schema ajv rejects, a non-object root, or a forbidden required property throws before any model call", async () => {
    const runner = echo();
    const run = await runScript(
      `const bad = [
         { type: "object", properties: { a: { type: "nonsense" } } },
         { type: "array", items: { type: "string" } },
         { type: "object", properties: { a: { type: "string" } }, required: ["b"], additionalProperties: false },
       ];
       const messages = [];
       for (const schema of bad) { try { await agent("x", { schema }); messages.push("ran"); } catch (e) { messages.push(e.message); } }
       return messages;`,
      { runner },
    );
    expect(runner.calls).toHaveLength(0);
    const messages = run.result as string[];
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m).not.toBe("ran");
  });

  it("A5 an agent that fails for good resolves to null, with the reason in the events and the log", async () => {
    const runner = createScriptedRunner({ respond: ({ request }) => (request.prompt === "bad" ? { fail: "api_error", message: "529 overloaded after 4 retries" } : "fine") });
    const run = await runScript(`return [await agent("good"), await agent("bad", { label: "the bad one" })];`, { runner });
    expect(run.result).toEqual(["fine", null]);
    const failed = eventsOf(run.events, "agent.finished").filter((e) => e.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.reason).toBe("api_error");
    expect(failed[0]?.message).toMatch(/529/);
    expect(run.logs.join("\n")).toMatch(/the bad one.*null \(api_error\)/);
    expect(run.totals.failed).toBe(1);
  });

  it("A5 an agent past its wall-time limit resolves to null with reason time_limit", async () => {
    const runner = createScriptedRunner({ respond: () => "late", latencyMs: 2_000 });
    const run = await runScript(`return await agent("slow");`, { runner, limits: { agentTimeoutMs: 50 } });
    expect(run.result).toBeNull();
    expect(eventsOf(run.events, "agent.finished")[0]?.reason).toBe("time_limit");
  });

  it("A6 opts.label names the agent, opts.phase places it, otherwise it joins the current phase", async () => {
    const run = await runScript(
      `phase("Map"); await agent("one", { label: "mapper" }); await agent("two", { phase: "Verify" }); phase("Fix"); await agent("three");`,
      { runner: echo() },
    );
    const queued = eventsOf(run.events, "agent.queued");
    expect(queued.map((e) => [e.label, e.phase])).toEqual([
      ["mapper", "Map"],
      ["two", "Verify"],
      ["three", "Fix"],
    ]);
  });

  it("A7 the model comes from opts.model, then the phase's meta model, then the default", async () => {
    const runner = echo();
    await runScript(
      `export const meta = { name: "m", description: "d", phases: [{ title: "Cheap", model: "haiku" }] };
       phase("Cheap"); await agent("a"); await agent("b", { model: "opus" }); phase("Other"); await agent("c");`,
      { runner, defaultModel: "sonnet" },
    );
    expect(runner.calls.map((c) => c.model)).toEqual(["haiku", "opus", "sonnet"]);
  });
});

describe("worktree agents", () => {
  it("A8 a worktree agent's result carries the diff it produced (object answers get `diff`, text becomes { text, diff })", async () => {
    const patch = "--- a/x.js\n+++ b/x.js\n@@ -1 +1 @@\n-a\n+b\n";
    const runner = createScriptedRunner({ respond: ({ request }): ScriptedAnswer => (request.prompt === "obj" ? { summary: "fixed", diff: patch } : { diff: patch }) });
    const run = await runScript(
      `const o = await agent("obj", { isolation: "worktree", schema: { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] } });
       const t = await agent("text", { isolation: "worktree" });
       const plain = await agent("plain");
       return { o, t, plain };`,
      { runner },
    );
    const r = run.result as { o: { summary: string; diff: string }; t: { text: unknown; diff: string }; plain: unknown };
    expect(r.o).toEqual({ summary: "fixed", diff: patch });
    expect(r.t.diff).toBe(patch);
    expect(runner.calls.map((c) => c.isolation)).toEqual(["worktree", "worktree", "none"]);
    expect(runner.calls[0]?.tools).toEqual(expect.arrayContaining(["edit", "write"]));
    expect(runner.calls[2]?.tools).not.toContain("edit");
  });

  it("A8 S7 agents without isolation never get edit or write on the checkout: they run in a worktree of their own", async () => {
    const runner = createScriptedRunner({ respond: () => "no" });
    const run = await runScript(`return await agent("x", { tools: ["read", "edit"] })`, { runner });
    expect(run.status).toBe("succeeded");
    expect(runner.calls[0]).toMatchObject({ tools: ["read", "edit"], isolation: "worktree" });
  });
});

describe("model per phase from configuration", () => {
  it("A7 a configured phase model comes after opts.model and meta.phases[].model, before the default", async () => {
    const runner = createScriptedRunner({ respond: () => "ok" });
    const { startRun } = await import("../../src/engine/run.ts");
    const { tempDir } = await import("../support/run-script.ts");
    await startRun({
      workflow: {
        name: "m",
        filename: "m.js",
        source: `export const meta = { name: "m", description: "d", phases: [{ title: "Map", model: "haiku" }] };
                 phase("Map"); await agent("a");
                 phase("Verify"); await agent("b"); await agent("c", { model: "opus" });
                 phase("Other"); await agent("d");`,
      },
      repo: tempDir(),
      runner,
      defaultModel: "sonnet",
      phaseModels: { Map: "should-not-win", Verify: "openai/gpt-5.5" },
      resolveWorkflow: () => {
        throw new Error("none");
      },
    });
    expect(runner.calls.map((c) => c.model)).toEqual(["haiku", "openai/gpt-5.5", "opus", "sonnet"]);
  });
});
