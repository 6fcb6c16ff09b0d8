import assert from "node:assert/strict";
import { test } from "node:test";
import { TtlCache } from "../src/cache.js";

test("cache returns a value before it expires", () => {
  let now = 1_000;
  const cache = new TtlCache({ ttlMs: 100, now: () => now });
  cache.set("a", 1);
  now += 99;
  assert.equal(cache.get("a"), 1);
});

test("cache forgets a value once it expires", () => {
  let now = 1_000;
  const cache = new TtlCache({ ttlMs: 100, now: () => now });
  cache.set("a", 1);
  now += 100;
  assert.equal(cache.get("a"), undefined);
  assert.equal(cache.size, 0);
});

test("cache refresh replaces the value in the background", async () => {
  const cache = new TtlCache({ ttlMs: 60_000 });
  cache.set("user", "old");
  // The loader answers like a network call: fast (2 ms) or slow (40 ms).
  const load = () => new Promise((resolve) => setTimeout(() => resolve("new"), Math.random() < 0.5 ? 2 : 40));
  cache.refresh("user", load);
  // Give the background refresh time to land.
  await new Promise((resolve) => setTimeout(resolve, 15));
  assert.equal(cache.get("user"), "new");
});
