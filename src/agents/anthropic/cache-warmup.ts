/**
 * Lets one fan-out sibling write a shared prompt prefix into the cache before the others send.
 *
 * A cache entry exists only once the request that writes it is answered; siblings that start
 * together would otherwise all miss and all pay for a cache write. So the first agent to need an
 * unknown prefix "owns" it and sends at once; agents that need the same prefix meanwhile wait
 * (bounded) until the owner's first response arrives, then read it from the cache.
 *
 * Keys are hashes of everything up to a cache breakpoint (model, tools, system, shared task).
 * A warmed key counts as cached for {@link CACHE_TTL_MS}, the API's default cache lifetime.
 */

/** The default (5-minute) lifetime of an Anthropic prompt-cache entry, refreshed on every hit. */
export const CACHE_TTL_MS = 5 * 60_000;
/** Keys remembered at most; the oldest are forgotten first. */
export const MAX_WARM_KEYS = 4096;

export class CacheWarmup {
  readonly #pending = new Map<string, Promise<void>>();
  readonly #warmedAt = new Map<string, number>();
  readonly #maxWaitMs: number;
  readonly #now: () => number;

  constructor(maxWaitMs: number, now: () => number = Date.now) {
    this.#maxWaitMs = maxWaitMs;
    this.#now = now;
  }

  /**
   * Waits until none of `keys` is being written by another agent (or `maxWaitMs` passed, or
   * `signal` aborted), then claims the keys nobody has warmed. Returns the function to call once
   * this agent's first response arrived (`ok: true`: every key counts as cached from then on) or
   * its request failed (`ok: false`: claimed keys stay cold and the next agent claims them).
   *
   * Edge cases: with `maxWaitMs` 0 nothing waits or is claimed; abort ends the wait early without
   * throwing (the request that follows sees the aborted signal); calling the returned function
   * twice is harmless.
   */
  async claim(keys: readonly string[], signal: AbortSignal): Promise<(ok: boolean) => void> {
    if (this.#maxWaitMs <= 0 || keys.length === 0) return () => {};
    const deadline = this.#now() + this.#maxWaitMs;
    for (;;) {
      const busy = keys.map((k) => this.#pending.get(k)).filter((p): p is Promise<void> => p !== undefined);
      const left = deadline - this.#now();
      if (busy.length === 0 || left <= 0 || signal.aborted) break;
      await waitForAny(busy, left, signal);
    }
    const claimed = keys.filter((k) => !this.#pending.has(k) && !this.#isWarm(k));
    let settle: () => void = () => {};
    const done = new Promise<void>((resolve) => (settle = resolve));
    for (const k of claimed) this.#pending.set(k, done);
    let finished = false;
    return (ok: boolean) => {
      if (finished) return;
      finished = true;
      for (const k of claimed) if (this.#pending.get(k) === done) this.#pending.delete(k);
      // A successful request wrote or read every key: either way the entry lives on (TTL refresh).
      if (ok) for (const k of keys) this.#markWarm(k);
      settle();
    };
  }

  #isWarm(key: string): boolean {
    const at = this.#warmedAt.get(key);
    return at !== undefined && this.#now() - at < CACHE_TTL_MS;
  }

  #markWarm(key: string): void {
    this.#warmedAt.delete(key);
    this.#warmedAt.set(key, this.#now());
    if (this.#warmedAt.size > MAX_WARM_KEYS) {
      const oldest = this.#warmedAt.keys().next();
      if (!oldest.done) this.#warmedAt.delete(oldest.value);
    }
  }
}

function waitForAny(promises: Promise<void>[], ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(finish, ms);
    signal.addEventListener("abort", finish, { once: true });
    for (const p of promises) void p.then(finish);
    function finish(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", finish);
      resolve();
    }
  });
}
