/**
 * mocha's JSON reporter (`--reporter json`): `tests[]` (everything that ran), `pending[]`, and
 * `failures[]` (which also holds hook failures that are not in `tests`). A test whose `err` has
 * any property failed.
 */
import { firstLine, relativeToRoot } from "./paths.ts";
import type { ParsedOutput, TestCaseResult } from "./types.ts";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `report` has mocha's JSON shape. */
export function isMochaReport(report: Record<string, unknown>): boolean {
  return isRecord(report.stats) && Array.isArray(report.tests);
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function parseMochaReport(report: Record<string, unknown>, root: string): ParsedOutput {
  const tests: TestCaseResult[] = [];
  const seen = new Set<string>();
  const add = (raw: Record<string, unknown>, forced?: "skipped" | "failed") => {
    const name = typeof raw.fullTitle === "string" ? raw.fullTitle : typeof raw.title === "string" ? raw.title : null;
    if (name === null) return;
    const file = typeof raw.file === "string" ? relativeToRoot(root, raw.file) : undefined;
    const identity = `${file ?? ""}\u0000${name}`;
    if (seen.has(identity)) return;
    seen.add(identity);
    const err = isRecord(raw.err) ? raw.err : {};
    const failed = forced === "failed" || (forced === undefined && Object.keys(err).length > 0);
    const result: TestCaseResult = { name, status: forced === "skipped" ? "skipped" : failed ? "failed" : "passed" };
    if (file !== undefined) result.file = file;
    if (typeof raw.duration === "number") result.durationMs = raw.duration;
    if (result.status === "failed" && typeof err.message === "string") result.message = firstLine(err.message);
    tests.push(result);
  };
  for (const raw of records(report.tests)) add(raw);
  for (const raw of records(report.failures)) add(raw, "failed");
  for (const raw of records(report.pending)) add(raw, "skipped");
  return { format: "mocha-json", tests };
}
