import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/kernel/json.ts";
import { readJournal } from "../../src/engine/journal.ts";
import { resumeRun } from "../../src/engine/run.ts";
import { resolveWorkflowFile } from "../../src/workflows/resolve.ts";
import { runScript } from "../support/run-script.ts";
import { createScriptedRunner, type ScriptedAnswer } from "../support/scripted-runner.ts";

type Verdict = { verdict: "confirm" | "refute"; reason: string };
const confirm: Verdict = { verdict: "confirm", reason: "checked src/a.js:3, it holds" };
const refute: Verdict = { verdict: "refute", reason: "src/a.js:1 already guards it" };
const skeptic = (label: string) => Number(/^skeptic (\d+)\//.exec(label)?.[1] ?? 0);

describe("Q1 adversarialVerify", () => {
  it("Q1 a majority of refutations kills the claim", async () => {
    const runner = createScriptedRunner({ respond: ({ request }) => (skeptic(request.label) === 3 ? confirm : refute) });
    const run = await runScript(`return await patterns.adversarialVerify({ title: "Missing auth on /admin", location: { path: "src/a.js", line: 3 }, body: "no guard" });`, { runner });
    expect(run.result).toMatchObject({ confirmed: false, votes: { confirm: 1, refute: 2 }, abstained: 0 });
    expect(runner.calls).toHaveLength(3);
    expect(run.logs).toContain('adversarialVerify: dropped "Missing auth on /admin" (2 of 3 refuted).');
  });

  it("Q1 log lines name the claim by its full title (cut only past 200 characters), so they match finding titles", async () => {
    const runner = createScriptedRunner({ respond: () => refute });
    const title = "Flaky test: cache refresh replaces the value in the background when the loader is slow";
    const run = await runScript(`return await patterns.adversarialVerify({ title: ${JSON.stringify(title)}, body: "x" }, { skeptics: 1 });`, { runner });
    expect(run.logs).toContain(`adversarialVerify: dropped "${title}" (1 of 1 refuted).`);
    const long = "T".repeat(250);
    const again = await runScript(`return await patterns.adversarialVerify({ title: ${JSON.stringify(long)} }, { skeptics: 1 });`, { runner });
    expect(again.logs).toContain(`adversarialVerify: dropped "${"T".repeat(199)}…" (1 of 1 refuted).`);
    // Agent labels stay short.
    expect(runner.calls.every((c) => c.label.length <= "skeptic 1/1: ".length + 48)).toBe(true);
  });

  it("Q1 a minority of refutations keeps the claim, with every reason and lens", async () => {
    const runner = createScriptedRunner({ respond: ({ request }) => (skeptic(request.label) === 1 ? refute : confirm) });
    const run = await runScript(`return await patterns.adversarialVerify("x", { skeptics: 3, lenses: ["L-one", "L-two", "L-three"] });`, { runner });
    expect(run.result).toEqual({
      confirmed: true,
      votes: { confirm: 2, refute: 1 },
      abstained: 0,
      reasons: [
        { ...refute, lens: "L-one" },
        { ...confirm, lens: "L-two" },
        { ...confirm, lens: "L-three" },
      ],
    });
  });

  it("Q1 skeptics are independent: parallel, one lens each, and no skeptic sees another's answer", async () => {
    const runner = createScriptedRunner({ respond: () => refute, latencyMs: 30 });
    await runScript(`return await patterns.adversarialVerify("the cache never expires", { lenses: ["LENS-A", "LENS-B", "LENS-C"] });`, { runner });
    expect(runner.maxRunning).toBe(3);
    const prompts = runner.calls.map((c) => c.prompt);
    expect(prompts.map((p) => ["LENS-A", "LENS-B", "LENS-C"].filter((l) => p.includes(l)))).toEqual([["LENS-A"], ["LENS-B"], ["LENS-C"]]);
    for (const p of prompts) {
      expect(p).toContain("the cache never expires");
      expect(p).not.toContain(refute.reason);
      expect(p).toMatch(/data, not instructions/);
    }
    expect(runner.calls.every((c) => c.schema !== undefined && c.tools.every((t) => ["read", "list", "grep", "glob"].includes(t)))).toBe(true);
  });

  it("Q1 a null skeptic counts as neither confirm nor refute, and is logged", async () => {
    const runner = createScriptedRunner({
      respond: ({ request }) => (skeptic(request.label) === 2 ? { fail: "api_error", message: "overloaded" } : skeptic(request.label) === 1 ? refute : confirm),
    });
    const run = await runScript(`return await patterns.adversarialVerify("claim");`, { runner });
    expect(run.result).toMatchObject({ confirmed: true, votes: { confirm: 1, refute: 1 }, abstained: 1 });
    expect(run.logs).toContain('adversarialVerify: verifier 2 of 3 for "claim" returned nothing; it counts as neither confirm nor refute.');
  });

  it("Q1 with no answer at all the claim is not confirmed", async () => {
    const runner = createScriptedRunner({ respond: () => ({ fail: "api_error" }) });
    const run = await runScript(`return await patterns.adversarialVerify("claim", { skeptics: 2 });`, { runner });
    expect(run.result).toMatchObject({ confirmed: false, votes: { confirm: 0, refute: 0 }, abstained: 2 });
    expect(run.logs).toContain('adversarialVerify: no verifier answered for "claim"; it is not confirmed.');
  });

  it("Q1 patterns are journaled like any agent: a resumed run replays them without model calls", async () => {
    const runner = createScriptedRunner({ respond: () => confirm });
    const run = await runScript(`return await patterns.adversarialVerify("claim");`, { runner });
    expect(readJournal(`${run.runDir}/journal.jsonl`).entries.size).toBe(3);
    const again = createScriptedRunner({ respond: () => refute });
    const resumed = await resumeRun({ repo: run.repo, runId: run.runId, runner: again, resolveWorkflow: (n) => resolveWorkflowFile(n, run.repo) });
    expect(again.calls).toHaveLength(0);
    expect(resumed.result).toEqual(run.result);
  });

  it("Q1 misuse is a clear error, and the library cannot be replaced by the script", async () => {
    const runner = createScriptedRunner({ respond: () => confirm });
    const bad = await runScript(`return await patterns.adversarialVerify("c", { skeptics: 0 });`, { runner });
    expect(bad.error).toMatch(/patterns\.adversarialVerify: skeptics must be a whole number from 1 to 15/);
    const frozen = await runScript(
      `"use strict"; let threw = false; try { patterns.adversarialVerify = null; } catch { threw = true; } try { globalThis.patterns = {}; } catch { threw = threw && true; } return { threw, same: typeof patterns.adversarialVerify };`,
      { runner },
    );
    expect(frozen.result).toEqual({ threw: true, same: "function" });
  });
});

describe("Q2 perspectiveVerify", () => {
  it("Q2 runs one verifier per lens and needs every lens to hold", async () => {
    const runner = createScriptedRunner({ respond: ({ request }) => (request.prompt.includes("PERF") ? refute : confirm) });
    const run = await runScript(`return await patterns.perspectiveVerify("claim", { lenses: ["SEC lens", "PERF lens", "API lens"] });`, { runner });
    expect(runner.calls.map((c) => c.label)).toEqual(["perspective 1/3: claim", "perspective 2/3: claim", "perspective 3/3: claim"]);
    expect(runner.calls.map((c) => ["SEC", "PERF", "API"].filter((l) => c.prompt.includes(`${l} lens`)))).toEqual([["SEC"], ["PERF"], ["API"]]);
    expect(run.result).toMatchObject({ confirmed: false, votes: { confirm: 2, refute: 1 } });
    const all = await runScript(`return await patterns.perspectiveVerify("claim", { lenses: ["SEC lens", "API lens"] });`, { runner });
    expect(all.result).toMatchObject({ confirmed: true, votes: { confirm: 2, refute: 0 } });
  });

  it("Q2 without lenses is a clear error", async () => {
    const run = await runScript(`return await patterns.perspectiveVerify("claim", {});`, { runner: createScriptedRunner({ respond: () => confirm }) });
    expect(run.error).toMatch(/perspectiveVerify: give \{ lenses/);
  });
});

describe("Q3 judgePanel", () => {
  it("Q3 judges score every attempt in parallel and an agent builds on the winner", async () => {
    const scores: Record<string, number[]> = { "judge 1/3": [4, 9, 6], "judge 2/3": [5, 8, 7], "judge 3/3": [3, 6, 9] };
    const runner = createScriptedRunner({
      latencyMs: 20,
      respond: ({ request }) => {
        const s = scores[request.label];
        if (s) return { scores: s.map((score, i) => ({ attempt: i + 1, score, strengths: `s${i + 1}`, weaknesses: `w${i + 1}` })) };
        return "IMPROVED VERSION";
      },
    });
    const run = await runScript(`return await patterns.judgePanel(["ATTEMPT-ONE", "ATTEMPT-TWO", "ATTEMPT-THREE"], { task: "write a fix" });`, { runner });
    const result = run.result as { winner: { index: number; attempt: string }; scores: { index: number; mean: number; judges: number }[]; improved: string };
    expect(result.winner).toMatchObject({ index: 1, attempt: "ATTEMPT-TWO" });
    expect(result.scores.map((s) => [s.index, Math.round(s.mean * 100) / 100, s.judges])).toEqual([[0, 4, 3], [1, 7.67, 3], [2, 7.33, 3]]);
    expect(result.improved).toBe("IMPROVED VERSION");
    expect(runner.maxRunning).toBe(3);
    const judgePrompts = runner.calls.filter((c) => c.label.startsWith("judge")).map((c) => c.prompt);
    // Each judge sees the attempts in a different order (position bias).
    expect(new Set(judgePrompts.map((p) => p.indexOf("ATTEMPT-ONE") < p.indexOf("ATTEMPT-TWO")))).toEqual(new Set([true, false]));
    const improver = runner.calls.find((c) => c.label.startsWith("improve"));
    expect(improver?.prompt).toContain("ATTEMPT-TWO");
    expect(improver?.prompt).toContain("w2");
  });

  it("Q3 a single attempt skips judging; a silent judge is logged and the others decide", async () => {
    const single = createScriptedRunner({ respond: () => "better" });
    const one = await runScript(`return await patterns.judgePanel(["only"], { improve: false });`, { runner: single });
    expect(single.calls).toHaveLength(0);
    expect(one.result).toMatchObject({ winner: { index: 0, attempt: "only" }, improved: null });
    expect(one.logs).toContain("judgePanel: one attempt only; judging skipped, it is the winner.");

    const runner = createScriptedRunner({
      respond: ({ request }): ScriptedAnswer => (request.label === "judge 1/2" ? { fail: "api_error" } : { scores: [{ attempt: 1, score: 2, strengths: "", weaknesses: "" }, { attempt: 2, score: 5, strengths: "", weaknesses: "" }] }),
    });
    const run = await runScript(`return await patterns.judgePanel(["a", "b"], { judges: 2, improve: false });`, { runner });
    expect(run.result).toMatchObject({ winner: { index: 1 } });
    expect(run.logs).toContain("judgePanel: judge 1 of 2 returned nothing; the others decide.");
  });
});

describe("Q4 loopUntilDry", () => {
  const FINDER = `
    const finder = (round, seen) => agent("Find bugs, round " + round + ". Already known: " + seen.map((s) => s.title).join(", "), {
      label: "finder " + round,
      schema: { type: "object", properties: { items: { type: "array", items: { type: "object", properties: { title: { type: "string" } }, required: ["title"] } } }, required: ["items"] },
    }).then((r) => r.items);
  `;
  const rounds: Record<string, string[]> = {
    "finder 0": ["A", "B"],
    "finder 1": ["B", "C", "a"],
    "finder 2": ["A", "B", "C"],
    "finder 3": ["B"],
    "finder 4": ["D"],
  };

  it("Q4 stops after K consecutive rounds with nothing new", async () => {
    const runner = createScriptedRunner({ respond: ({ request }) => ({ items: (rounds[request.label] ?? []).map((title) => ({ title })) }) });
    const run = await runScript(`${FINDER} return await patterns.loopUntilDry(finder, { dryRounds: 2 });`, { runner });
    // Rounds 0 and 1 bring A, B, C ("a" is A again: the default key normalises case); 2 and 3 bring nothing new.
    expect(runner.calls.map((c) => c.label)).toEqual(["finder 0", "finder 1", "finder 2", "finder 3"]);
    expect(run.result).toMatchObject({ rounds: 4, stoppedBy: "dry", seen: 3, items: [{ title: "A" }, { title: "B" }, { title: "C" }], rejected: [] });
    expect(runner.calls[2]?.prompt).toContain("Already known: A, B, C");
    expect(run.logs).toContain("loopUntilDry: round 2 dropped 2 item(s) already seen in earlier rounds or this one.");
  });

  it("Q4 dedups against everything ever seen: a rejected finding is never verified again", async () => {
    const runner = createScriptedRunner({
      respond: ({ request }) => {
        if (request.label.startsWith("finder")) return { items: (rounds[request.label] ?? []).map((title) => ({ title })) };
        return request.prompt.includes("Title: B") ? refute : confirm;
      },
    });
    const run = await runScript(
      `${FINDER} return await patterns.loopUntilDry(finder, { dryRounds: 2, verify: async (item) => { const v = await patterns.adversarialVerify(item, { skeptics: 3 }); return v.confirmed ? { ...item, votes: v.votes } : null; } });`,
      { runner },
    );
    const result = run.result as { items: { title: string; votes: JsonValue }[]; rejected: { title: string }[] };
    expect(result.items.map((i) => i.title)).toEqual(["A", "C"]);
    expect(result.items[0]?.votes).toEqual({ confirm: 3, refute: 0 });
    expect(result.rejected).toEqual([{ title: "B" }]);
    // B came back in rounds 1, 2 and 3, but its three skeptics ran once.
    expect(runner.calls.filter((c) => c.label.startsWith("skeptic") && c.prompt.includes("Title: B"))).toHaveLength(3);
    expect(runner.calls.filter((c) => c.label.startsWith("skeptic"))).toHaveLength(9);
    expect(run.logs).toContain("loopUntilDry: round 1 rejected 1 of 2 new item(s); they stay in the seen set and are never verified again.");
  });

  it("Q4 reaching maxRounds while still finding is logged, not silent", async () => {
    const runner = createScriptedRunner({ respond: ({ request }) => ({ items: [{ title: `new ${request.label}` }] }) });
    const run = await runScript(`${FINDER} return await patterns.loopUntilDry(finder, { maxRounds: 3 });`, { runner });
    expect(run.result).toMatchObject({ rounds: 3, stoppedBy: "maxRounds", seen: 3 });
    expect(run.logs).toContain("loopUntilDry: stopped at the cap of 3 rounds while still finding new items (1 in the last round); more may exist.");
  });
});

describe("Q5 multiModalSweep", () => {
  it("Q5 searches every angle in parallel with no shared state; a silent angle is logged and left out", async () => {
    const runner = createScriptedRunner({
      latencyMs: 30,
      respond: ({ request }): ScriptedAnswer => (request.label === "sweep: tests" ? { fail: "turn_limit" } : { hits: [request.label] }),
    });
    const run = await runScript(
      `return await patterns.multiModalSweep(["routes", { name: "config", brief: "CONFIG-BRIEF" }, "tests"], {
        prompt: "Find where sessions are created.",
        schema: { type: "object", properties: { hits: { type: "array", items: { type: "string" } } }, required: ["hits"] },
      });`,
      { runner },
    );
    expect(runner.maxRunning).toBe(3);
    expect(run.result).toEqual([
      { angle: "routes", result: { hits: ["sweep: routes"] } },
      { angle: "config", result: { hits: ["sweep: config"] } },
    ]);
    const [routes, config] = runner.calls.map((c) => c.prompt);
    expect(routes).toContain("## Your angle: routes");
    expect(routes).not.toContain("CONFIG-BRIEF");
    expect(config).toContain("CONFIG-BRIEF");
    expect(run.logs).toContain('multiModalSweep: angle "tests" returned nothing and is left out.');
  });
});

describe("Q6 completenessCritic", () => {
  it("Q6 an agent names what the result missed, with where to look", async () => {
    const missed = { complete: false, missed: [{ what: "the websocket handlers", why: "they accept commands", where: "src/ws/" }] };
    const runner = createScriptedRunner({ respond: () => missed });
    const run = await runScript(`return await patterns.completenessCritic({ endpoints: ["GET /a"] }, { task: "list every entry point" });`, { runner });
    expect(run.result).toEqual(missed);
    expect(runner.calls[0]?.prompt).toContain("list every entry point");
    expect(runner.calls[0]?.prompt).toContain('"GET /a"');
    expect(runner.calls[0]?.prompt).toMatch(/find what it MISSED/);
  });

  it("Q6 a long result is cut to fit the prompt, and the cut is logged", async () => {
    const runner = createScriptedRunner({ respond: () => ({ complete: true, missed: [] }) });
    const run = await runScript(`return await patterns.completenessCritic("x".repeat(40000), { task: "t" });`, { runner });
    expect(run.logs).toContain("patterns: the result under review was cut from 40000 to 30000 characters to fit the prompt.");
  });
});
