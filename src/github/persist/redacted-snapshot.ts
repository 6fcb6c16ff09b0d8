/**
 * A redacted copy of a run directory, made just before it is uploaded as an artifact (rule X11):
 * anyone with read access to the repository can download artifacts, so journal.jsonl,
 * events.jsonl, result.json, findings.json, report.md, patches and the rest go up with every
 * secret replaced, exactly as a comment would be.
 *
 * Edge cases:
 * - JSON files (`.json`) and JSON lines (`.jsonl`) are redacted value by value (strings and keys),
 *   then written back as JSON: a secret split by a newline inside a string (`\n` in the file) is
 *   matched as the reader of the value would see it, and the file stays valid JSON. A line that
 *   does not parse (a torn last line) is redacted as text.
 * - Other text files are redacted as text; files that are not UTF-8 text (a NUL byte, invalid
 *   UTF-8) are copied unchanged.
 * - A file with nothing to redact is copied byte for byte (no reformatting).
 * - The copy lives in a fresh temporary directory (created with mkdtemp, so nobody else owns it)
 *   that {@link RedactedSnapshot.cleanup} removes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { redactCanonical } from "../redact.ts";

export interface RedactedSnapshot {
  /** The copy's root directory (upload relative to it). */
  root: string;
  /** Absolute paths of the copied files, in the order given. */
  files: string[];
  /** Secrets replaced across all files. */
  redactions: number;
  cleanup(): void;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function redactJson(value: Json, secrets: readonly string[], counter: { n: number }): Json {
  if (typeof value === "string") {
    const r = redactCanonical(value, secrets);
    counter.n += r.count;
    return r.text;
  }
  if (Array.isArray(value)) return value.map((v) => redactJson(v, secrets, counter));
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [key, v] of Object.entries(value)) {
      const k = redactCanonical(key, secrets);
      counter.n += k.count;
      out[k.text] = redactJson(v, secrets, counter);
    }
    return out;
  }
  return value;
}

function redactJsonText(text: string, secrets: readonly string[], counter: { n: number }): string {
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    const r = redactCanonical(text, secrets);
    counter.n += r.count;
    return r.text;
  }
  const before = counter.n;
  const redacted = redactJson(parsed, secrets, counter);
  if (counter.n === before) return text;
  const indent = /^[[{]\s*\n(\s+)/.exec(text)?.[1]?.length;
  return JSON.stringify(redacted, null, indent) + (text.endsWith("\n") ? "\n" : "");
}

/**
 * The redacted text of one file of a run directory (by its name), and how many secrets it held.
 * Exported for the tests and for any other uploader.
 */
export function redactRunFileText(name: string, text: string, secrets: readonly string[]): { text: string; redactions: number } {
  const counter = { n: 0 };
  let out: string;
  if (name.endsWith(".jsonl")) {
    out = text
      .split("\n")
      .map((line) => (line.trim() === "" ? line : redactJsonText(line, secrets, counter)))
      .join("\n");
  } else if (name.endsWith(".json")) {
    out = redactJsonText(text, secrets, counter);
  } else {
    const r = redactCanonical(text, secrets);
    counter.n += r.count;
    out = r.text;
  }
  return { text: counter.n > 0 ? out : text, redactions: counter.n };
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function textOf(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/** Copies `files` (absolute paths below `dir`) into a fresh temporary directory, redacted. */
export function redactedSnapshot(dir: string, files: readonly string[], secrets: readonly string[]): RedactedSnapshot {
  const root = mkdtempSync(join(tmpdir(), "quorum-upload-"));
  const copied: string[] = [];
  let redactions = 0;
  try {
    for (const file of files) {
      const rel = relative(dir, file);
      if (rel.startsWith("..")) throw new Error(`${file} is not inside the run directory ${dir}`);
      const target = join(root, rel);
      mkdirSync(dirname(target), { recursive: true });
      const bytes = readFileSync(file);
      const text = textOf(bytes);
      const r = text === null ? null : redactRunFileText(rel, text, secrets);
      if (r && r.redactions > 0) {
        writeFileSync(target, r.text, { flag: "wx" });
        redactions += r.redactions;
      } else {
        copyFileSync(file, target);
      }
      copied.push(target);
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return { root, files: copied, redactions, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
