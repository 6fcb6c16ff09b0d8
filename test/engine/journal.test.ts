import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corruptJournalPath, openJournal, readJournal } from "../../src/engine/journal.ts";
import { contentHash, KeyAllocator } from "../../src/engine/keys.ts";

function entry(key: string, result: unknown) {
  return { key, label: key, phase: null, result, usage: { inputTokens: 1, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 }, costUsd: 0, model: "m", startedAt: 0, durationMs: 1 };
}

describe("journal", () => {
  it("J3 a torn last line is ignored, and cut off before the next append", () => {
    const dir = mkdtempSync(join(tmpdir(), "quorum-journal-"));
    const path = join(dir, "journal.jsonl");
    writeFileSync(path, `${JSON.stringify(entry("a#0", "one"))}\n${JSON.stringify(entry("b#0", "two"))}\n`);
    appendFileSync(path, JSON.stringify(entry("c#0", "three")).slice(0, 25)); // a crash mid-write
    const read = readJournal(path);
    expect([...read.entries.keys()]).toEqual(["a#0", "b#0"]);
    expect(read.tornBytes).toBe(25);

    const { writer } = openJournal(path);
    writer.append(entry("d#0", "four"));
    writer.close();
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => (JSON.parse(l) as { key: string }).key)).toEqual(["a#0", "b#0", "d#0"]);
    expect(readJournal(path).tornBytes).toBe(0);
  });

  it("J6 a corrupt line anywhere costs only that entry: the intact ones before and after are kept", () => {
    const dir = mkdtempSync(join(tmpdir(), "quorum-journal-"));
    const path = join(dir, "journal.jsonl");
    writeFileSync(path, `${JSON.stringify(entry("a#0", 1))}\n{not json}\n${JSON.stringify(entry("b#0", 2))}\n{"key":"c#0"}\n${JSON.stringify(entry("d#0", 4))}\n`);
    const read = readJournal(path);
    expect([...read.entries.keys()]).toEqual(["a#0", "b#0", "d#0"]);
    expect(read.corrupt.map((c) => c.line)).toEqual([2, 4]);
  });

  it("J6 opening a journal sets corrupt lines aside in journal.corrupt.jsonl and never truncates the intact ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "quorum-journal-"));
    const path = join(dir, "journal.jsonl");
    const a = JSON.stringify(entry("a#0", 1));
    const b = JSON.stringify(entry("b#0", 2));
    writeFileSync(path, `\u0000\u0000garbage\n${a}\n${JSON.stringify({ ...entry("x#0", 0), costUsd: "lots" })}\n${b}\n{"torn`);
    const { read, writer } = openJournal(path);
    writer.append(entry("c#0", 3));
    writer.close();
    expect(read.corrupt).toHaveLength(2);
    expect(readFileSync(path, "utf8")).toBe(`${a}\n${b}\n${JSON.stringify(entry("c#0", 3))}\n`);
    expect(readFileSync(corruptJournalPath(path), "utf8")).toMatch(/^\u0000\u0000garbage\n.*"lots".*\n$/);
    expect([...readJournal(path).entries.keys()]).toEqual(["a#0", "b#0", "c#0"]);
  });

  it("J3 each entry is on disk as soon as append returns (one write per line)", () => {
    const dir = mkdtempSync(join(tmpdir(), "quorum-journal-"));
    const path = join(dir, "journal.jsonl");
    const { writer } = openJournal(path);
    writer.append(entry("a#0", { ok: true }));
    expect(readJournal(path).entries.get("a#0")?.result).toEqual({ ok: true });
    writer.close();
  });

  it("J2 keys hash prompt, model, schema, tools and hints, and number identical calls", () => {
    const base = { prompt: "p", model: "sonnet", schema: { type: "object" }, tools: ["read"], isolation: "none", hints: {} };
    const h = contentHash(base);
    expect(contentHash({ ...base })).toBe(h);
    expect(contentHash({ ...base, schema: { type: "object" } })).toBe(h);
    expect(contentHash({ ...base, prompt: "q" })).not.toBe(h);
    expect(contentHash({ ...base, model: "opus" })).not.toBe(h);
    expect(contentHash({ ...base, schema: { type: "object", required: ["x"] } })).not.toBe(h);
    expect(contentHash({ ...base, tools: ["read", "grep"] })).not.toBe(h);
    expect(contentHash({ ...base, hints: { effort: "high" } })).not.toBe(h);
    // key order inside the schema does not matter
    expect(contentHash({ ...base, schema: { properties: { a: { type: "string" } }, type: "object" } })).toBe(
      contentHash({ ...base, schema: { type: "object", properties: { a: { type: "string" } } } }),
    );
    const keys = new KeyAllocator();
    expect([keys.next(h), keys.next(h), keys.next("other")]).toEqual([`${h}#0`, `${h}#1`, "other#0"]);
  });
});

describe("events log", () => {
  it("J3 a torn last event line is cut off before a resumed run appends", async () => {
    const { completeLinesLength, JsonLinesWriter } = await import("../../src/engine/journal.ts");
    const dir = mkdtempSync(join(tmpdir(), "quorum-events-"));
    const path = join(dir, "events.jsonl");
    writeFileSync(path, `{"type":"a"}\n{"type":"b"}\n{"type":"c","at`);
    const writer = new JsonLinesWriter(path, completeLinesLength(path));
    writer.append({ type: "d" });
    writer.close();
    expect(readFileSync(path, "utf8")).toBe(`{"type":"a"}\n{"type":"b"}\n{"type":"d"}\n`);
  });
});
