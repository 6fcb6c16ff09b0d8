/**
 * From runs to verdicts: every test's pass/fail/skip counts across runs, and the flaky ones —
 * tests that both passed and failed (SPEC B2). No model is involved.
 *
 * A test's identity is its file (when the format names files for every test) and its full name.
 * A test missing from some runs (its file crashed, the run could not be read) simply has fewer
 * counts; skipped outcomes never make a test flaky.
 */
import type { TestRun, TestSummary } from "./types.ts";

/** Distinct failure messages kept per test. */
const MAX_MESSAGES = 3;

function identity(name: string, file: string | undefined): string {
  return `${file ?? ""}\u0000${name}`;
}

/** Every test seen in `runs`, in first-seen order, with its counts. */
export function summarizeTests(runs: readonly TestRun[]): TestSummary[] {
  const byIdentity = new Map<string, TestSummary>();
  for (const run of runs) {
    for (const test of run.tests) {
      const key = identity(test.name, test.file);
      let summary = byIdentity.get(key);
      if (!summary) {
        summary = { name: test.name, ...(test.file !== undefined ? { file: test.file } : {}), passed: 0, failed: 0, skipped: 0, messages: [] };
        byIdentity.set(key, summary);
      }
      summary[test.status] += 1;
      if (summary.location === undefined && test.location !== undefined) summary.location = { ...test.location };
      if (test.message && summary.messages.length < MAX_MESSAGES && !summary.messages.includes(test.message)) summary.messages.push(test.message);
    }
  }
  return [...byIdentity.values()];
}

/** Tests with at least one pass and one failure, most failures first (then by name). */
export function findFlakyTests(runs: readonly TestRun[]): TestSummary[] {
  return summarizeTests(runs)
    .filter((t) => t.passed > 0 && t.failed > 0)
    .sort((a, b) => b.failed - a.failed || a.name.localeCompare(b.name));
}
