/**
 * A tiny in-memory cache whose entries expire after a time-to-live, and whose `refresh()` reloads
 * a value in the background, the way many real caches do.
 */
export class TtlCache {
  #entries = new Map();
  #ttlMs;
  #now;

  constructor({ ttlMs, now = () => Date.now() }) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  set(key, value) {
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
  }

  get(key) {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.#now() >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Reloads `key` with `load()` without waiting for it; the new value lands when `load` settles. */
  refresh(key, load) {
    void Promise.resolve()
      .then(load)
      .then((value) => this.set(key, value));
  }

  get size() {
    return this.#entries.size;
  }
}
