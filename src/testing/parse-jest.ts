/**
 * The JSON report of jest (`--json`) and vitest (`--reporter=json`): `testResults[]` per file,
 * each with `assertionResults[]` (`ancestorTitles`, `title`, `status`, `failureMessages`).
 *
 * Edge cases: `pending`, `skipped`, `todo` and `disabled` count as skipped; a file that failed
 * without any test results (a syntax error, a crash on import) becomes one failed test named
 * "(file failed to run)", so a file that sometimes crashes shows up as flaky too.
 */
import { firstLine, relativeToRoot } from "./paths.ts";
import type { ParsedOutput, TestCaseResult, TestStatus } from "./types.ts";

/** Joins suite titles and the test title in every test name. */
export const NAME_SEPARATOR = " › ";
export const FILE_FAILED_NAME = "(file failed to run)";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `report` has the jest/vitest shape. */
export function isJestReport(report: Record<string, unknown>): boolean {
  return Array.isArray(report.testResults) && report.testResults.every((r) => isRecord(r) && Array.isArray(r.assertionResults));
}

function statusOf(value: unknown): TestStatus {
  if (value === "passed") return "passed";
  if (value === "failed") return "failed";
  return "skipped";
}

export function parseJestReport(report: Record<string, unknown>, root: string): ParsedOutput {
  const tests: TestCaseResult[] = [];
  for (const fileResult of report.testResults as Record<string, unknown>[]) {
    const file = typeof fileResult.name === "string" ? relativeToRoot(root, fileResult.name) : undefined;
    const assertions = fileResult.assertionResults as unknown[];
    for (const raw of assertions) {
      if (!isRecord(raw) || typeof raw.title !== "string") continue;
      const ancestors = Array.isArray(raw.ancestorTitles) ? raw.ancestorTitles.filter((t): t is string => typeof t === "string") : [];
      const status = statusOf(raw.status);
      const result: TestCaseResult = { name: [...ancestors, raw.title].join(NAME_SEPARATOR), status };
      if (file !== undefined) result.file = file;
      if (typeof raw.duration === "number") result.durationMs = Math.round(raw.duration);
      const messages = Array.isArray(raw.failureMessages) ? raw.failureMessages.filter((m): m is string => typeof m === "string") : [];
      if (status === "failed" && messages[0] !== undefined) result.message = firstLine(messages[0]);
      if (isRecord(raw.location) && typeof raw.location.line === "number" && file !== undefined) {
        result.location = { path: file, line: raw.location.line };
      }
      tests.push(result);
    }
    if (assertions.length === 0 && fileResult.status === "failed") {
      const message = typeof fileResult.message === "string" ? firstLine(fileResult.message) : "";
      tests.push({ name: FILE_FAILED_NAME, ...(file !== undefined ? { file } : {}), status: "failed", ...(message ? { message } : {}) });
    }
  }
  return { format: "jest-json", tests };
}
