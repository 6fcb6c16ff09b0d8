/**
 * From runs to verdicts: every test's pass/fail/skip counts across runs, and the flaky ones —
 * tests that both passed and failed (rule B2). No model is involved.
 *
 * A test's identity is its file and its full name, so same-named tests in different files never
 * merge. TAP and node's spec output name the file only for failures; an outcome without a file is
 * attributed to a file when that is unambiguous (see {@link resolveFiles}) and otherwise kept apart
 * under the name alone. A test missing from some runs (its file crashed, the run could not be read)
 * simply has fewer counts; skipped outcomes never make a test flaky.
 */
import type { TestCaseResult, TestRun, TestSummary } from "./types.ts";

/** Distinct failure messages kept per test. */
const MAX_MESSAGES = 3;

function identity(name: string, file: string | undefined): string {
  return `${file ?? ""}\u0000${name}`;
}

/**
 * The file of every outcome in `run` that has none, where it can be told: the files named for
 * this test name in any run, minus those the run already names for it, are handed one each to the
 * run's file-less outcomes of that name when they all share a status (which one gets which does
 * not change any count) and there are at least as many outcomes as files; outcomes left over stay
 * file-less. With more candidate files than outcomes, or mixed statuses, nothing is attributed.
 */
function resolveFiles(run: TestRun, filesByName: ReadonlyMap<string, ReadonlySet<string>>): Map<TestCaseResult, string> {
  const named = new Map<string, Set<string>>();
  const fileless = new Map<string, TestCaseResult[]>();
  for (const test of run.tests) {
    if (test.file !== undefined) {
      const files = named.get(test.name) ?? new Set<string>();
      named.set(test.name, files.add(test.file));
    } else {
      fileless.set(test.name, [...(fileless.get(test.name) ?? []), test]);
    }
  }
  const resolved = new Map<TestCaseResult, string>();
  for (const [name, outcomes] of fileless) {
    const candidates = [...(filesByName.get(name) ?? [])].filter((f) => !named.get(name)?.has(f));
    if (candidates.length === 0 || candidates.length > outcomes.length) continue;
    if (!outcomes.every((t) => t.status === outcomes[0]?.status)) continue;
    candidates.forEach((file, i) => {
      const outcome = outcomes[i];
      if (outcome) resolved.set(outcome, file);
    });
  }
  return resolved;
}

/** Every test seen in `runs`, in first-seen order, with its counts. */
export function summarizeTests(runs: readonly TestRun[]): TestSummary[] {
  const filesByName = new Map<string, Set<string>>();
  for (const run of runs) {
    for (const test of run.tests) {
      if (test.file !== undefined) filesByName.set(test.name, (filesByName.get(test.name) ?? new Set<string>()).add(test.file));
    }
  }
  const byIdentity = new Map<string, TestSummary>();
  for (const run of runs) {
    const resolved = resolveFiles(run, filesByName);
    for (const seen of run.tests) {
      const file = resolved.get(seen);
      const test = file !== undefined ? { ...seen, file } : seen;
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
