/**
 * The journal (rule J1–J3): one JSON line per successfully finished agent, append-only, written
 * with one `write` per line on an O_APPEND descriptor so a crash (even kill -9) loses at most the
 * agents in flight. A torn last line — the write a crash cut short — is ignored when reading and
 * cut off before appending again, so the next line never glues onto it.
 */
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import type { JsonValue, Usage } from "../agents/contract.ts";

export interface JournalEntry {
  key: string;
  label: string;
  phase: string | null;
  result: JsonValue;
  usage: Usage;
  costUsd: number;
  model: string;
  startedAt: number;
  durationMs: number;
}

export interface JournalRead {
  entries: Map<string, JournalEntry>;
  /** Bytes of a torn final line that were ignored (0 when the file ended cleanly). */
  tornBytes: number;
  /** Length of the valid prefix of the file, in bytes. */
  validBytes: number;
}

/** Reads a journal; a missing file is an empty journal. Later duplicates of a key win. */
export function readJournal(path: string): JournalRead {
  const entries = new Map<string, JournalEntry>();
  if (!existsSync(path)) return { entries, tornBytes: 0, validBytes: 0 };
  const buffer = readFileSync(path);
  let start = 0;
  let validBytes = 0;
  while (start < buffer.length) {
    const newline = buffer.indexOf(0x0a, start);
    if (newline === -1) break; // torn tail: no newline, the write did not finish
    const line = buffer.subarray(start, newline).toString("utf8");
    start = newline + 1;
    if (line.trim() === "") {
      validBytes = start;
      continue;
    }
    const entry = parseEntry(line);
    if (entry === null) break; // a corrupt line: everything from here on is not trusted
    entries.set(entry.key, entry);
    validBytes = start;
  }
  return { entries, tornBytes: buffer.length - validBytes, validBytes };
}

function parseEntry(line: string): JournalEntry | null {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== "object" || value === null) return null;
    const entry = value as Partial<JournalEntry>;
    if (typeof entry.key !== "string" || !("result" in entry)) return null;
    return entry as JournalEntry;
  } catch {
    return null;
  }
}

/**
 * An append-only JSON-lines writer. Unbuffered (the journal): one write per line, on disk when
 * `append` returns. Buffered (the events log): lines are gathered and written at most `bufferMs`
 * later, or at 64 KiB, or on close — a crash loses at most that window of events, never journal.
 */
export class JsonLinesWriter {
  #fd: number | null;
  readonly path: string;
  readonly #bufferMs: number;
  #pending: string[] = [];
  #pendingBytes = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Opens for append; `truncateTo` cuts a torn tail off first. */
  constructor(path: string, truncateTo?: number, options: { bufferMs?: number } = {}) {
    this.path = path;
    this.#bufferMs = options.bufferMs ?? 0;
    this.#fd = openSync(path, "a");
    if (truncateTo !== undefined) ftruncateSync(this.#fd, truncateTo);
  }

  append(value: unknown): void {
    if (this.#fd === null) throw new Error(`${this.path} is closed; nothing more can be written`);
    const line = `${JSON.stringify(value)}\n`;
    if (this.#bufferMs <= 0) return this.#write(line);
    this.#pending.push(line);
    this.#pendingBytes += line.length;
    if (this.#pendingBytes >= FLUSH_BYTES) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.#bufferMs);
  }

  /** Writes buffered lines now. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0 || this.#fd === null) return;
    const text = this.#pending.join("");
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#write(text);
  }

  #write(text: string): void {
    if (this.#fd === null) return;
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.#fd, bytes, offset);
  }

  close(): void {
    this.flush();
    if (this.#fd !== null) {
      closeSync(this.#fd);
      this.#fd = null;
    }
  }
}

const FLUSH_BYTES = 64 * 1024;

/**
 * Length of `path` up to and including its last newline: what survives of a JSON-lines file
 * whose last write a crash cut short. 0 for a missing file.
 */
export function completeLinesLength(path: string): number {
  if (!existsSync(path)) return 0;
  const buffer = readFileSync(path);
  return buffer.lastIndexOf(0x0a) + 1;
}

/** Opens a journal for a run: the entries so far plus a writer positioned after the valid prefix. */
export function openJournal(path: string): { read: JournalRead; writer: JsonLinesWriter } {
  const read = readJournal(path);
  const writer = new JsonLinesWriter(path, read.tornBytes > 0 ? read.validBytes : undefined);
  return { read, writer };
}
