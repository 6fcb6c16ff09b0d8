#!/usr/bin/env node
/**
 * Which test files cover which rule of docs/rules.md: a test covers rule X4 when its name starts
 * with "X4" (`it("X4 …")`, `test("X4 …")`, `describe("X4 …")`).
 *
 *   node scripts/rule-coverage.ts          → prints every rule with its test files
 *   node scripts/rule-coverage.ts --write  → rewrites the "Tests:" line under each rule
 *
 * Exits 1 when a test names a rule ID that docs/rules.md does not define.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const RULES_PATH = join(ROOT, "docs", "rules.md");

/** A test, suite or case whose name starts with a rule ID (a rule group's letter and 1–2 digits). */
const TEST_NAME = /\b(?:it|test|describe)(?:\.(?:only|skip|concurrent|sequential|todo|fails|each)(?:\([^)]*\))?)*\(\s*["'`]([SACLJGPXRBQK]\d{1,2})(?![\w.])/g;
/** A rule's anchor in docs/rules.md. */
const ANCHOR = /<a id="([A-Z]\d{1,2})"><\/a>/g;

/** The rule IDs docs/rules.md defines, in order. */
export function definedRules(markdown: string): string[] {
  return [...markdown.matchAll(ANCHOR)].map((m) => m[1] ?? "");
}

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "fixtures") out.push(...testFiles(path));
    } else if (/\.test\.[cm]?[jt]s$/.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

/** Rule IDs named at the start of test names in `text`. */
export function rulesNamedByTests(text: string): Set<string> {
  return new Set([...text.matchAll(TEST_NAME)].map((m) => m[1] ?? ""));
}

/** Rule ID → sorted repository-relative test files whose test names start with it. */
export function coverage(root: string = ROOT): Map<string, string[]> {
  const byRule = new Map<string, Set<string>>();
  for (const file of testFiles(join(root, "test"))) {
    for (const id of rulesNamedByTests(readFileSync(file, "utf8"))) {
      const files = byRule.get(id) ?? new Set<string>();
      files.add(relative(root, file).split("\\").join("/"));
      byRule.set(id, files);
    }
  }
  return new Map([...byRule].map(([id, files]) => [id, [...files].sort()]));
}

/** Rule ID → the files its "Tests:" line in docs/rules.md names (empty for "none yet"). */
export function listedTests(markdown: string): Map<string, string[]> {
  const listed = new Map<string, string[]>();
  let current: string | null = null;
  for (const line of markdown.split("\n")) {
    const anchor = /<a id="([A-Z]\d{1,2})"><\/a>/.exec(line);
    if (anchor?.[1]) current = anchor[1];
    else if (current && line.startsWith("Tests: ")) {
      listed.set(current, [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ""));
      current = null;
    }
  }
  return listed;
}

/** docs/rules.md with every rule's "Tests:" line set from `byRule`. */
export function withTestLines(markdown: string, byRule: Map<string, string[]>): string {
  const lines = markdown.split("\n");
  let current: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const anchor = /<a id="([A-Z]\d{1,2})"><\/a>/.exec(line);
    if (anchor?.[1]) current = anchor[1];
    else if (current && line.startsWith("Tests: ")) {
      const files = byRule.get(current) ?? [];
      lines[i] = `Tests: ${files.length > 0 ? files.map((f) => `\`${f}\``).join(", ") : "none yet"}`;
      current = null;
    }
  }
  return lines.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const markdown = readFileSync(RULES_PATH, "utf8");
  const defined = definedRules(markdown);
  const byRule = coverage();
  const undefinedIds = [...byRule.keys()].filter((id) => !defined.includes(id)).sort();
  if (process.argv.includes("--write")) {
    writeFileSync(RULES_PATH, withTestLines(markdown, byRule));
    console.log(`docs/rules.md: Tests lines refreshed for ${defined.length} rules.`);
  } else {
    for (const id of defined) console.log(`${id.padEnd(4)} ${(byRule.get(id) ?? ["(no tests yet)"]).join(" ")}`);
  }
  if (undefinedIds.length > 0) {
    console.error(`Tests name rules that docs/rules.md does not define: ${undefinedIds.join(", ")}. Define them there.`);
    process.exitCode = 1;
  }
}
