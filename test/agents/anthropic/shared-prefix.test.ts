import { describe, expect, it } from "vitest";
import { CacheWarmup } from "../../../src/agents/anthropic/cache-warmup.ts";
import { MIN_SHARED_PREFIX_CHARS, SharedPrefixLearner } from "../../../src/agents/anthropic/shared-prefix.ts";

const head = `${"Check every handler for a missing authorization check.\n".repeat(8)}\n`;

describe("SharedPrefixLearner", () => {
  it("L3 learns the siblings' common prefix at a line break and splits later prompts at the same place", () => {
    const learner = new SharedPrefixLearner();
    expect(learner.split(`${head}File: src/a.ts`)).toBeNull(); // the first sibling has no one to compare with
    expect(learner.split(`${head}File: src/b.ts`)).toEqual({ shared: head, rest: "File: src/b.ts" });
    // "File: src/" is common to all three, but the learned split point is kept.
    expect(learner.split(`${head}File: src/c.ts`)).toEqual({ shared: head, rest: "File: src/c.ts" });
  });

  it("L3 shares a repeated prompt whole and ignores short common prefixes", () => {
    const learner = new SharedPrefixLearner();
    learner.split(`${head}same`);
    expect(learner.split(`${head}same`)).toEqual({ shared: `${head}same`, rest: null });
    const short = new SharedPrefixLearner();
    short.split("Short intro\nA");
    expect(short.split("Short intro\nB")).toBeNull();
    expect("Short intro\n".length).toBeLessThan(MIN_SHARED_PREFIX_CHARS);
  });

  it("L3 never splits off an empty rest", () => {
    const learner = new SharedPrefixLearner();
    learner.split(`${head}tail one`);
    learner.split(`${head}tail two`);
    expect(learner.split(head)).toBeNull();
  });
});

describe("CacheWarmup", () => {
  it("L3 lets the first agent write a prefix while the others wait, then lets them through", async () => {
    const warmup = new CacheWarmup(5_000);
    const signal = new AbortController().signal;
    const order: string[] = [];
    const settleFirst = await warmup.claim(["k"], signal);
    const second = warmup.claim(["k"], signal).then((settle) => {
      order.push("second sends");
      settle(true);
    });
    await new Promise((r) => setTimeout(r, 20));
    order.push("first answered");
    settleFirst(true);
    await second;
    expect(order).toEqual(["first answered", "second sends"]);
  });

  it("L3 stops waiting after maxWaitMs or on abort, and a failed writer leaves the key cold", async () => {
    const warmup = new CacheWarmup(30);
    const settle = await warmup.claim(["k"], new AbortController().signal);
    const started = Date.now();
    await warmup.claim(["k"], new AbortController().signal);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    controller.abort();
    await warmup.claim(["k"], controller.signal);
    settle(false);
    const next = await warmup.claim(["k"], new AbortController().signal); // claims the cold key again
    next(true);
    // A warm key lets the next caller through at once: with a 10-minute wait this would time out.
    const patient = new CacheWarmup(600_000);
    const writer = await patient.claim(["w"], new AbortController().signal);
    const order: string[] = [];
    const third = patient.claim(["w"], new AbortController().signal).then(() => order.push("third through"));
    order.push("writer done");
    writer(true);
    await third;
    expect(order).toEqual(["writer done", "third through"]);
  });
});
