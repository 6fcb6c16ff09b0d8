/**
 * node:test's default `spec` reporter (what `node --test` prints in Node 23+ even when piped):
 * `✔ name (1.2ms)`, `✖ name (3ms)`, `﹣ name (0.1ms) # SKIP`, `▶ suite` opening a group whose
 * own result line comes after its children, two spaces of indentation per level.
 *
 * Reading stops at the "✖ failing tests:" summary, which repeats failures. Suites and tests with
 * subtests are not reported themselves (only leaves). The summary's "test at path:line:col" line
 * gives failures their location.
 */
import { NAME_SEPARATOR } from "./parse-jest.ts";
import { parseLocation } from "./paths.ts";
import type { ParsedOutput, TestCaseResult } from "./types.ts";

const INDENT = 2;
const LINE = /^(\s*)([✔✖﹣▶])\s(.*?)(?:\s\((\d+(?:\.\d+)?)(ms|s)\))?(\s#\s*(?:SKIP|TODO)\b.*)?$/u;
const SUMMARY = /^\s*✖ failing tests:\s*$/u;
const SUMMARY_LOCATION = /^\s*test at (.+)$/;

/** True when `text` looks like node:test's spec output. */
export function looksLikeNodeSpec(text: string): boolean {
  return /^\s*[✔✖﹣] .+\(\d+(?:\.\d+)?m?s\)/mu.test(text) && /^ℹ tests \d+/mu.test(text);
}

export function parseNodeSpec(text: string, root: string): ParsedOutput {
  const tests: TestCaseResult[] = [];
  const open: { level: number; name: string }[] = [];
  const lines = text.split(/\r?\n/);
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (SUMMARY.test(line)) break;
    const match = LINE.exec(line);
    if (!match) continue;
    const level = Math.floor((match[1] ?? "").length / INDENT);
    const mark = match[2];
    const name = (match[3] ?? "").trim();
    while (open.length > 0 && (open[open.length - 1]?.level ?? -1) > level) open.pop();
    if (mark === "▶") {
      open.push({ level, name });
      continue;
    }
    const top = open[open.length - 1];
    if (top && top.level === level && top.name === name) {
      open.pop(); // the group's own result line, after its children
      continue;
    }
    const parents = open.filter((o) => o.level < level).map((o) => o.name);
    const status = match[6] !== undefined ? "skipped" : mark === "✔" ? "passed" : mark === "✖" ? "failed" : "skipped";
    const result: TestCaseResult = { name: [...parents, name].join(NAME_SEPARATOR), status };
    if (match[4] !== undefined) result.durationMs = Math.round(Number(match[4]) * (match[5] === "s" ? 1000 : 1));
    tests.push(result);
  }
  attachSummaryLocations(lines.slice(index + 1), tests, root);
  return { format: "node-spec", tests };
}

/** "test at path:line:col" followed by "✖ name (…)" in the failing-tests summary. */
function attachSummaryLocations(lines: string[], tests: TestCaseResult[], root: string): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const at = SUMMARY_LOCATION.exec(lines[i] ?? "");
    const next = LINE.exec(lines[i + 1] ?? "");
    if (!at?.[1] || !next) continue;
    const leaf = (next[3] ?? "").trim();
    const test = tests.find((t) => t.status === "failed" && t.location === undefined && (t.name === leaf || t.name.endsWith(`${NAME_SEPARATOR}${leaf}`)));
    if (!test) continue;
    test.location = parseLocation(root, at[1]);
    const message = (lines[i + 2] ?? "").trim();
    if (message) test.message = message.length > 300 ? `${message.slice(0, 299)}…` : message;
  }
}
