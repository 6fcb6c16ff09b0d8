/**
 * TAP 13/14 as printed by node:test (`--test-reporter=tap`), node-tap and tape: `ok` / `not ok`
 * lines, `# Subtest: name` headers with 4-space indentation per level, YAML diagnostic blocks.
 *
 * Only leaf tests are reported: a suite, or a test whose subtests printed results, is not itself a
 * test outcome (its failure is its children's). Names are the subtest path joined with " › ".
 * `# SKIP` and `# TODO` results count as skipped. The YAML block's `location` (node:test gives it
 * for failures) becomes the test's location and file (without one, the first stack frame in a test
 * file gives the file); its `error` becomes the message. Text inside YAML blocks is never read as
 * results. A top-level subtest named by a script path (older node versions wrap each file so) is a
 * file header: its tests get that file, and the path is not part of their names.
 */
import { NAME_SEPARATOR } from "./parse-jest.ts";
import { firstLine, looksLikeScriptPath, parseLocation, relativeToRoot, testFileFromStack } from "./paths.ts";
import type { ParsedOutput, TestCaseResult } from "./types.ts";

const INDENT = 4;
const SUBTEST = /^(\s*)# Subtest: (.*)$/;
const RESULT = /^(\s*)(not ok|ok)\b(?:\s+\d+)?(?:\s+-)?\s?(.*)$/;
const DIRECTIVE = /\s+#\s*(skip|todo)\b[^#]*$/i;

/** True when `text` looks like TAP output. */
export function looksLikeTap(text: string): boolean {
  return /^TAP version \d+/m.test(text) || (/^\s*(ok|not ok) \d+/m.test(text) && /^\s*1\.\.\d+/m.test(text));
}

function levelOf(indent: string): number {
  return Math.floor(indent.replace(/\t/g, "    ").length / INDENT);
}

function unescapeName(name: string): string {
  return name.replace(/\\#/g, "#").replace(/\\\\/g, "\\").trim();
}

interface Pending {
  result: TestCaseResult;
  level: number;
}

export function parseTap(text: string, root: string): ParsedOutput {
  const tests: TestCaseResult[] = [];
  const subtestNames: string[] = [];
  const hasChildren: boolean[] = [];
  const lines = text.split(/\r?\n/);
  let last: Pending | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const yamlStart = /^(\s*)---\s*$/.exec(line);
    if (yamlStart) {
      const end = `${yamlStart[1] ?? ""}...`;
      const block: string[] = [];
      for (i++; i < lines.length && (lines[i] ?? "").trimEnd() !== end; i++) block.push(lines[i] ?? "");
      if (last) applyYaml(last.result, block, root);
      continue;
    }
    const subtest = SUBTEST.exec(line);
    if (subtest) {
      const level = levelOf(subtest[1] ?? "");
      subtestNames.length = level;
      subtestNames[level] = unescapeName(subtest[2] ?? "");
      hasChildren.length = level + 1;
      hasChildren[level] = false;
      continue;
    }
    const match = RESULT.exec(line);
    if (!match) continue;
    const level = levelOf(match[1] ?? "");
    let title = match[3] ?? "";
    const directive = DIRECTIVE.exec(title);
    if (directive) title = title.slice(0, directive.index);
    const isParent = hasChildren[level] === true;
    hasChildren[level] = false;
    if (level > 0) hasChildren[level - 1] = true;
    if (isParent) {
      last = null;
      continue;
    }
    let parents = subtestNames.slice(0, level).filter((n) => n !== undefined);
    const header = level > 0 && looksLikeScriptPath(subtestNames[0] ?? "") ? subtestNames[0] : undefined;
    if (header !== undefined) parents = parents.slice(1);
    const leaf = unescapeName(title) || `test ${tests.length + 1}`;
    const name = [...parents, leaf].join(NAME_SEPARATOR);
    const status = directive ? "skipped" : match[2] === "ok" ? "passed" : "failed";
    const result: TestCaseResult = { name, status };
    const file = header ?? (level === 0 && looksLikeScriptPath(leaf) ? leaf : undefined);
    if (file !== undefined) result.file = relativeToRoot(root, file);
    tests.push(result);
    last = { result, level };
  }
  return { format: "tap", tests };
}

function yamlValue(block: string[], key: string): string | undefined {
  const index = block.findIndex((l) => new RegExp(`^\\s*${key}:`).test(l));
  if (index === -1) return undefined;
  const line = block[index] ?? "";
  const inline = line.slice(line.indexOf(":") + 1).trim();
  if (inline === "|-" || inline === "|" || inline === ">-" || inline === ">") {
    const indent = /^(\s*)/.exec(line)?.[1]?.length ?? 0;
    const body: string[] = [];
    for (const next of block.slice(index + 1)) {
      const nextIndent = /^(\s*)/.exec(next)?.[1]?.length ?? 0;
      if (next.trim() !== "" && nextIndent <= indent) break;
      body.push(next.trim());
    }
    return body.join("\n");
  }
  return inline.replace(/^'(.*)'$/, "$1").replace(/^"(.*)"$/, "$1").replace(/''/g, "'");
}

function applyYaml(result: TestCaseResult, block: string[], root: string): void {
  const location = yamlValue(block, "location");
  if (location) result.location = parseLocation(root, location);
  if (result.file === undefined) {
    const stack = result.status === "failed" ? yamlValue(block, "stack") : undefined;
    const file = result.location?.path ?? (stack !== undefined ? testFileFromStack(root, stack)?.path : undefined);
    if (file !== undefined) result.file = file;
  }
  const duration = yamlValue(block, "duration_ms");
  if (duration !== undefined && Number.isFinite(Number(duration))) result.durationMs = Math.round(Number(duration));
  if (result.status === "failed") {
    const error = yamlValue(block, "error") ?? yamlValue(block, "message");
    if (error) result.message = firstLine(error);
  }
}
