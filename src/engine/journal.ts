/**
 * The journal (rule J1–J3): one JSON line per successfully finished agent, append-only, written
 * with one `write` per line on an O_APPEND descriptor so a crash (even kill -9) loses at most the
 * agents in flight. A torn last line — the write a crash cut short — is ignored when reading and
 * cut off before appending again, so the next line never glues onto it. A corrupt line elsewhere
 * costs only its own entry (rule J6).
 */
import { appendFileSync, closeSync, existsSync, ftruncateSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import type { JsonValue } from "../kernel/json.ts";
import type { Usage } from "../kernel/usage.ts";
import { QuorumError } from "../kernel/errors.ts";

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
  /** Length of the valid prefix of the file, in bytes (up to the first corrupt line or the torn tail). */
  validBytes: number;
  /** Complete lines that are not journal entries (garbled JSON, missing fields), with their line numbers. */
  corrupt: CorruptLine[];
}

export interface CorruptLine {
  /** 1-based line number in the journal file. */
  line: number;
  text: string;
}

/**
 * Reads a journal; a missing file is an empty journal. Later duplicates of a key win. A corrupt
 * line anywhere costs only that entry (rule J6): the lines around it are kept, and it is reported
 * in `corrupt` so the caller can set it aside.
 */
export function readJournal(path: string): JournalRead {
  return scanJournal(path).read;
}

function scanJournal(path: string): { read: JournalRead; intactLines: string[] } {
  const intactLines: string[] = [];
  const entries = new Map<string, JournalEntry>();
  const corrupt: CorruptLine[] = [];
  if (!existsSync(path)) return { read: { entries, tornBytes: 0, validBytes: 0, corrupt }, intactLines };
  const buffer = readFileSync(path);
  let start = 0;
  let validBytes = 0;
  let lineNumber = 0;
  let clean = true;
  while (start < buffer.length) {
    const newline = buffer.indexOf(0x0a, start);
    if (newline === -1) break; // torn tail: no newline, the write did not finish
    const line = buffer.subarray(start, newline).toString("utf8");
    start = newline + 1;
    lineNumber++;
    if (line.trim() === "") {
      if (clean) validBytes = start;
      continue;
    }
    const entry = parseEntry(line);
    if (entry === null) {
      corrupt.push({ line: lineNumber, text: line });
      clean = false;
      continue;
    }
    entries.set(entry.key, entry);
    intactLines.push(line);
    if (clean) validBytes = start;
  }
  const completeBytes = buffer.lastIndexOf(0x0a) + 1;
  return { read: { entries, tornBytes: buffer.length - completeBytes, validBytes, corrupt }, intactLines };
}

const isCount = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v) && v >= 0;

function parseEntry(line: string): JournalEntry | null {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const entry = value as Partial<JournalEntry>;
    if (typeof entry.key !== "string" || entry.key === "" || !("result" in entry)) return null;
    // Spend is counted against the budget on resume (rule J6), so it must be numbers when present.
    if (entry.costUsd !== undefined && !isCount(entry.costUsd)) return null;
    if (entry.usage !== undefined && (typeof entry.usage !== "object" || entry.usage === null || !isCount(entry.usage.outputTokens))) return null;
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
    if (this.#fd === null) throw new QuorumError("journal_closed", `${this.path} is closed; nothing more can be written`, { audience: "bug" });
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

/** The file next to a journal where corrupt lines are set aside (rule J6). */
export function corruptJournalPath(path: string): string {
  return path.replace(/\.jsonl$/, "") + ".corrupt.jsonl";
}

/**
 * Opens a journal for a run: the entries so far plus a writer positioned after them. Corrupt lines
 * (rule J6) are appended to `journal.corrupt.jsonl` and the journal is rewritten atomically with
 * the intact lines only, so nothing is lost and nothing corrupt is replayed; a torn last line
 * (rule J3) is cut off.
 */
export function openJournal(path: string): { read: JournalRead; writer: JsonLinesWriter } {
  const { read, intactLines } = scanJournal(path);
  if (read.corrupt.length > 0) {
    const aside = corruptJournalPath(path);
    appendFileSync(aside, read.corrupt.map((c) => `${c.text}\n`).join(""));
    const temp = `${path}.tmp-${process.pid}`;
    writeFileSync(temp, intactLines.map((line) => `${line}\n`).join(""));
    renameSync(temp, path);
    return { read, writer: new JsonLinesWriter(path) };
  }
  const writer = new JsonLinesWriter(path, read.tornBytes > 0 ? read.validBytes : undefined);
  return { read, writer };
}
