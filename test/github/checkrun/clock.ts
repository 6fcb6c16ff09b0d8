/** A manual clock for the check-run reporter: time moves only when a test says so. */
import type { Clock } from "../../../src/github/checkrun/clock.ts";

export class ManualClock implements Clock {
  t = 1_700_000_000_000;
  #timers: { id: number; at: number; fn: () => void }[] = [];
  #ids = 0;

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.#ids;
    this.#timers.push({ id, at: this.t + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers = this.#timers.filter((x) => x.id !== handle);
  }

  /** Moves time forward and runs the timers that fall due. */
  advance(ms: number): void {
    this.t += ms;
    for (;;) {
      const due = this.#timers.filter((x) => x.at <= this.t).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((x) => x !== due);
      due.fn();
    }
  }

  get pending(): number {
    return this.#timers.length;
  }
}
