/**
 * Keeping a run directory saved while the run goes on (rule J5): periodically, at once when asked
 * (cancellation, SIGTERM), and at the end.
 *
 * Edge cases:
 * - Saves never overlap: a save requested while one is in flight runs once after it, with the
 *   files as they are then.
 * - A periodic save is skipped when the journal and events have not changed since the last one.
 * - A failed save is logged and never fails the run; the next one tries again.
 * - The journal may be mid-write during a save: a torn last line is ignored on resume (rule J3).
 */
import { errorMessage } from "../../kernel/errors.ts";
import { statSync } from "node:fs";
import { join } from "node:path";
import type { RunStore } from "./store.ts";

/** Time between periodic saves. */
export const DEFAULT_PERSIST_INTERVAL_MS = 60_000;
const WATCHED = ["journal.jsonl", "events.jsonl", "result.json"];

export interface PersisterOptions {
  intervalMs?: number;
  warn?: (message: string) => void;
  info?: (message: string) => void;
}

export class RunPersister {
  /** Saves that completed, for tests and logs. */
  saves = 0;
  readonly #store: RunStore;
  readonly #runId: string;
  readonly #dir: string;
  readonly #options: PersisterOptions;
  #timer: ReturnType<typeof setInterval> | null = null;
  #current: Promise<void> | null = null;
  #again: Promise<void> | null = null;
  #lastSignature = "";

  constructor(store: RunStore, runId: string, dir: string, options: PersisterOptions = {}) {
    this.#store = store;
    this.#runId = runId;
    this.#dir = dir;
    this.#options = options;
  }

  /** Starts periodic saves. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.saveIfChanged(), this.#options.intervalMs ?? DEFAULT_PERSIST_INTERVAL_MS);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #signature(): string {
    return WATCHED.map((name) => {
      try {
        const s = statSync(join(this.#dir, name));
        return `${s.size}:${s.mtimeMs}`;
      } catch {
        return "-";
      }
    }).join("|");
  }

  /** Saves when something changed since the last save. */
  saveIfChanged(): Promise<void> {
    if (this.#signature() === this.#lastSignature) return Promise.resolve();
    return this.saveNow("periodic");
  }

  /** Saves as soon as possible (after a save in flight). Never rejects. */
  saveNow(reason: string): Promise<void> {
    if (this.#current) {
      this.#again ??= this.#current.then(() => {
        this.#again = null;
        return this.saveNow(reason);
      });
      return this.#again;
    }
    const signature = this.#signature();
    this.#current = this.#store
      .save(this.#runId, this.#dir)
      .then(() => {
        this.saves++;
        this.#lastSignature = signature;
        this.#options.info?.(`Saved run ${this.#runId} to ${this.#store.description} (${reason}).`);
      })
      .catch((error: unknown) => {
        this.#options.warn?.(
          `Could not save run ${this.#runId} to ${this.#store.description} (${reason}): ${errorMessage(error)}. ` +
            "The run goes on; a later save tries again.",
        );
      })
      .finally(() => {
        this.#current = null;
      });
    return this.#current;
  }
}
