/**
 * A FIFO counting semaphore: at most `limit` agents hold a slot at once (rule L1).
 *
 * Only agent() calls take slots; `parallel`/`pipeline` themselves never do, so nesting them can
 * never deadlock. A waiter whose signal aborts leaves the queue without taking a slot.
 */
export class Scheduler {
  readonly limit: number;
  #active = 0;
  readonly #queue: { grant: () => void; reject: (error: Error) => void; signal: AbortSignal | undefined; onAbort: () => void }[] = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  /** Waits for a slot. Resolves to a release function that must be called exactly once. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener("abort", entry.onAbort);
          resolve(this.#releaser());
        },
        reject,
        signal,
        onAbort: () => {
          const index = this.#queue.indexOf(entry);
          if (index >= 0) this.#queue.splice(index, 1);
          reject(abortError(signal));
        },
      };
      signal?.addEventListener("abort", entry.onAbort, { once: true });
      this.#queue.push(entry);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      if (next) next.grant();
      else this.#active--;
    };
  }
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error("cancelled while waiting for a free agent slot");
}
