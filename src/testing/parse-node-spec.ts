/**
 * node:test's default `spec` reporter (what `node --test` prints in Node 23+ even when piped):
 * `✔ name (1.2ms)`, `✖ name (3ms)`, `﹣ name (0.1ms) # SKIP`, `▶ suite` opening a group whose
 * own result line comes after its children, two spaces of indentation per level.
 *
 * Reading stops at the "✖ failing tests:" summary, which repeats failures. Suites and tests with
 * subtests are not reported themselves (only leaves). In the summary, each failure's
 * "test at path:line:col" line gives its location and file, and the indented block under its
 * "✖ name" line (error, actual/expected, stack) becomes its message, capped with the cut stated.
 * Without a "test at" line the file comes from the first stack frame in a test file.
 *
 * Passing tests carry no file in this format (except under a file header, a top-level group named
 * by a script path as older node versions print): `summarizeTests` attributes them to the file
 * their failures named when that is unambiguous.
 */
import { NAME_SEPARATOR } from "./parse-jest.ts";
import { failureBlock, looksLikeScriptPath, parseLocation, relativeToRoot, testFileFromStack } from "./paths.ts";
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
    const enclosing = open.filter((o) => o.level < level);
    const header = enclosing[0]?.level === 0 && looksLikeScriptPath(enclosing[0].name) ? enclosing[0].name : undefined;
    const parents = (header !== undefined ? enclosing.slice(1) : enclosing).map((o) => o.name);
    const status = match[6] !== undefined ? "skipped" : mark === "✔" ? "passed" : mark === "✖" ? "failed" : "skipped";
    const result: TestCaseResult = { name: [...parents, name].join(NAME_SEPARATOR), status };
    const file = header ?? (level === 0 && looksLikeScriptPath(name) ? name : undefined);
    if (file !== undefined) result.file = relativeToRoot(root, file);
    if (match[4] !== undefined) result.durationMs = Math.round(Number(match[4]) * (match[5] === "s" ? 1000 : 1));
    tests.push(result);
  }
  attachSummaryFailures(lines.slice(index + 1), tests, root);
  return { format: "node-spec", tests };
}

/**
 * The failing-tests summary: entries of an optional "test at path:line:col" line, a "✖ name (…)"
 * line and the failure block indented under it. Each entry goes to the first failed test with that
 * leaf name not yet given one (the summary lists failures in the order they were reported).
 */
function attachSummaryFailures(lines: string[], tests: TestCaseResult[], root: string): void {
  const claimed = new Set<TestCaseResult>();
  let at: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const location = SUMMARY_LOCATION.exec(line);
    if (location?.[1]) {
      at = location[1];
      continue;
    }
    const next = LINE.exec(line);
    if (!next || next[2] !== "✖") {
      if (line.trim() !== "") at = undefined;
      continue;
    }
    const indent = (next[1] ?? "").length;
    const block: string[] = [];
    for (; i + 1 < lines.length; i++) {
      const body = lines[i + 1] ?? "";
      if (body.trim() !== "" && (body.length - body.trimStart().length <= indent || SUMMARY_LOCATION.test(body))) break;
      block.push(body);
    }
    const leaf = (next[3] ?? "").trim();
    const test = tests.find((t) => t.status === "failed" && !claimed.has(t) && (t.name === leaf || t.name.endsWith(`${NAME_SEPARATOR}${leaf}`)));
    const declared = at;
    at = undefined;
    if (!test) continue;
    claimed.add(test);
    const text = dedent(block);
    if (declared !== undefined) test.location = parseLocation(root, declared);
    const fromStack = testFileFromStack(root, text);
    if (test.file === undefined) {
      if (test.location !== undefined) test.file = test.location.path;
      else if (fromStack !== undefined) test.file = fromStack.path;
    }
    if (test.location === undefined && fromStack !== undefined) test.location = { ...fromStack };
    const message = failureBlock(root, text);
    if (message) test.message = message;
  }
}

/** The lines with their common indentation removed. */
function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(cut, l.length - l.trimStart().length))).join("\n");
}
