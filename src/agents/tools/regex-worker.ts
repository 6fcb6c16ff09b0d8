/**
 * Runs a model's regular expression off the main thread (rule X9). JavaScript's engine
 * backtracks, so `^(a+)+$` against 30 characters can spin for minutes; on the main thread that
 * would stop every other agent, progress updates and signal handling. Here the matching happens in
 * a worker thread with a deadline: when it is up (or the agent is cancelled) the worker is
 * terminated and the search fails with {@link RegexTimeoutError}, whatever the regex was doing.
 *
 * The worker code is inline (no separate file), so it works the same from the sources and from
 * the bundled Action.
 */
import { Worker } from "node:worker_threads";
import { ToolError } from "./errors.ts";

/** Default time one grep call may spend matching. */
export const DEFAULT_REGEX_DEADLINE_MS = 10_000;

export interface LineMatch {
  line: number;
  text: string;
}

/** The regex ran past its deadline and was stopped. */
export class RegexTimeoutError extends ToolError {
  override name = "RegexTimeoutError";
  constructor(message: string) {
    super(message, "regex_timeout");
  }
}

/**
 * The worker: compiles the regex once, then answers `{ id, text, limit }` with the matching lines
 * (a whole-text pre-test first, then per line; lines split on `\n`, a trailing `\r` dropped).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const regex = new RegExp(workerData.source, workerData.flags);
parentPort.on("message", ({ id, text, limit }) => {
  const matches = [];
  if (regex.test(text)) {
    const lines = text === "" ? [] : text.split("\\n");
    if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    for (let index = 0; index < lines.length && matches.length < limit; index += 1) {
      let line = lines[index];
      if (line.endsWith("\\r")) line = line.slice(0, -1);
      if (regex.test(line)) matches.push({ line: index + 1, text: line });
    }
  }
  parentPort.postMessage({ id, matches });
});
`;

interface Pending {
  resolve: (matches: LineMatch[]) => void;
  reject: (error: Error) => void;
}

/** One compiled regex in its own worker thread; {@link close} it when done. */
export class RegexMatcher {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = (): void => this.fail(new ToolError("grep was cancelled."));

  private readonly signal: AbortSignal | undefined;

  constructor(regex: RegExp, deadlineMs = DEFAULT_REGEX_DEADLINE_MS, signal?: AbortSignal) {
    this.signal = signal;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { source: regex.source, flags: regex.flags } });
    this.worker.unref();
    this.worker.on("message", ({ id, matches }: { id: number; matches: LineMatch[] }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      waiting?.resolve(matches);
    });
    this.worker.on("error", (error) => this.fail(error));
    this.timer = setTimeout(
      () =>
        this.fail(
          new RegexTimeoutError(
            `The regular expression /${regex.source}/ was stopped after ${deadlineMs / 1000} s of matching: it backtracks ` +
              `too much (nested quantifiers such as (a+)+ or (.*)*). Simplify it, or search for a literal part of what you need.`,
          ),
        ),
      deadlineMs,
    );
    this.timer.unref();
    signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  /** The lines of `text` matching the regex, at most `limit`. */
  match(text: string, limit: number): Promise<LineMatch[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, text, limit });
    });
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    void this.close();
  }

  /** Stops the worker (idempotent). */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.signal?.removeEventListener("abort", this.onAbort);
    await this.worker.terminate();
  }
}
