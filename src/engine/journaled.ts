/**
 * The one path of journaled work (rule J1–J3): every `agent()` and `runTests()` call goes through
 * {@link journaled}, so both look up, take and write journal keys the same way.
 *
 * A call's key is its content hash plus its occurrence number among identical calls
 * (`<hash>#<n>`, see keys.ts); each kind has its own prefix, so an agent and a test run never
 * share a key. When an earlier attempt of the run finished the same call, the script gets that
 * answer again (`replay`); otherwise the work runs, and it writes its journal entry itself through
 * `record` — only on success (failed calls are never cached, rule J2), and before it announces
 * the success, so a crash in between re-runs the call instead of losing it.
 */
import type { JsonValue } from "../kernel/json.ts";
import type { RunContext } from "./context.ts";
import type { JournalEntry } from "./journal.ts";

/** What is journaled, and the prefix of its keys. */
export const JOURNAL_KEY_PREFIX = { agent: "", runTests: "cmd:" } as const;
export type JournalKind = keyof typeof JOURNAL_KEY_PREFIX;

/** A journal entry as the work gives it: the key is added by {@link journaled}. */
export type JournalRecord = Omit<JournalEntry, "key">;

export interface JournaledWork {
  /**
   * Called before the key is taken, with the earlier answer if there is one: checks that may
   * refuse the call (caps, budget) go here, so a refused call leaves the occurrence count alone.
   */
  admit?(cached: JournalEntry | undefined): void;
  /** The earlier attempt's answer, as the script gets it again. */
  replay(cached: JournalEntry): JsonValue;
  /** Does the work; calls `record` once when its answer may be journaled. */
  run(record: (entry: JournalRecord) => void): Promise<JsonValue>;
}

/** Runs `work` under the journal key `kind` + `hash`; see the file comment. */
export async function journaled(ctx: RunContext, kind: JournalKind, hash: string, work: JournaledWork): Promise<JsonValue> {
  const material = `${JOURNAL_KEY_PREFIX[kind]}${hash}`;
  const cached = ctx.journal.get(ctx.keys.peek(material));
  work.admit?.(cached);
  const key = ctx.keys.next(material);
  if (cached) return work.replay(cached);
  return work.run((entry) => ctx.journalWriter?.append({ key, ...entry }));
}
