/**
 * Collects a subprocess's output within a byte cap (rule L5): keeps the first quarter and the last
 * three quarters of the cap (test runners print the failures at the end) and states how many
 * bytes were cut from the middle. A multi-byte character split at a cut may show as U+FFFD.
 */
import { formatBytes } from "./text.ts";

/** Share of the cap kept from the start of the output; the rest is kept from the end. */
const HEAD_SHARE = 0.25;

export class CappedOutput {
  readonly #headCap: number;
  readonly #tailCap: number;
  readonly #cap: number;
  #head: Buffer[] = [];
  #headBytes = 0;
  #tail: Buffer[] = [];
  #tailBytes = 0;
  #total = 0;

  constructor(capBytes: number) {
    this.#cap = capBytes;
    this.#headCap = Math.floor(capBytes * HEAD_SHARE);
    this.#tailCap = capBytes - this.#headCap;
  }

  /** Total bytes pushed, kept or not. */
  get totalBytes(): number {
    return this.#total;
  }

  push(chunk: Buffer): void {
    this.#total += chunk.length;
    let rest = chunk;
    if (this.#headBytes < this.#headCap) {
      const taken = rest.subarray(0, this.#headCap - this.#headBytes);
      this.#head.push(taken);
      this.#headBytes += taken.length;
      rest = rest.subarray(taken.length);
    }
    if (rest.length === 0) return;
    this.#tail.push(rest);
    this.#tailBytes += rest.length;
    while (this.#tailBytes > this.#tailCap) {
      const first = this.#tail[0];
      if (!first) break;
      const excess = this.#tailBytes - this.#tailCap;
      if (first.length <= excess) {
        this.#tail.shift();
        this.#tailBytes -= first.length;
      } else {
        this.#tail[0] = first.subarray(excess);
        this.#tailBytes -= excess;
      }
    }
  }

  /** The kept output as text, with a line stating the cut when anything was dropped. */
  render(): string {
    const head = Buffer.concat(this.#head).toString("utf8");
    const tail = Buffer.concat(this.#tail).toString("utf8");
    const cut = this.#total - this.#headBytes - this.#tailBytes;
    if (cut <= 0) return head + tail;
    return (
      `${head}\n… [output truncated: ${formatBytes(cut)} cut from the middle; ${formatBytes(this.#total)} in all, ` +
      `cap ${formatBytes(this.#cap)}; showing the first ${formatBytes(this.#headBytes)} and the last ${formatBytes(this.#tailBytes)}] …\n${tail}`
    );
  }
}
