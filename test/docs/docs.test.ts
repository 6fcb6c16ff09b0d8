/**
 * The repository's own docs stay true to the code: every rule ID that a test or a comment names is
 * defined in docs/rules.md, the test files docs/rules.md lists do test that rule, links between the
 * docs resolve, and nothing cites a document outside the repository.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { coverage, definedRules, listedTests, ROOT, RULES_PATH, rulesNamedByTests } from "../../scripts/rule-coverage.ts";

const rulesText = readFileSync(RULES_PATH, "utf8");
const defined = new Set(definedRules(rulesText));

/** Source, test, script and doc files of the repository (no dependencies, no build output, no run state). */
function repositoryFiles(dir: string = ROOT): string[] {
  const skip = new Set(["node_modules", ".git", "dist", ".tools", ".quorum", "coverage"]);
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...repositoryFiles(path));
    else if (/\.(ts|mts|js|mjs|cjs|md|yml|yaml|json)$/.test(entry.name) && entry.name !== "package-lock.json") out.push(path);
  }
  return out;
}

const files = repositoryFiles().filter((f) => !relative(ROOT, f).startsWith(join("test", "fixtures")));

describe("docs/rules.md", () => {
  it("defines every rule group's rules once", () => {
    const ids = definedRules(rulesText);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(84);
  });

  it("defines every rule ID a test name starts with", () => {
    const named = [...coverage().keys()];
    expect(named.filter((id) => !defined.has(id))).toEqual([]);
  });

  it("defines every rule a comment or doc cites as 'rule X7' or 'rules X1–X3'", () => {
    const cited = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\brules? ((?:[SACLJGPXRBQK]\d{1,2}(?:\s*(?:[–,/-]|and|or)\s*)?)+)/g)) {
        for (const id of (m[1] ?? "").match(/[SACLJGPXRBQK]\d{1,2}/g) ?? []) cited.add(id);
      }
    }
    expect([...cited].filter((id) => !defined.has(id)).sort()).toEqual([]);
  });

  it("lists under each rule only test files that test it", () => {
    const stale: string[] = [];
    for (const [id, listed] of listedTests(rulesText)) {
      for (const file of listed) {
        const path = join(ROOT, file);
        if (!existsSync(path) || !rulesNamedByTests(readFileSync(path, "utf8")).has(id)) stale.push(`${id}: ${file}`);
      }
    }
    expect(stale, "run `node scripts/rule-coverage.ts --write` to refresh the Tests lines").toEqual([]);
  });
});

describe("the docs", () => {
  it("cite nothing outside the repository", () => {
    const outside = /\b(?:SPEC|DESIGN)\.md\b|\.\.\/shared\b|(?<![\w-])shared\/(?:SPEC|DESIGN)/;
    const offenders = files.filter((f) => outside.test(readFileSync(f, "utf8"))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("link only to files and rule anchors that exist", () => {
    const docs = [join(ROOT, "README.md"), ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => join(ROOT, "docs", f))];
    const broken: string[] = [];
    for (const doc of docs) {
      const text = readFileSync(doc, "utf8");
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1] ?? "";
        if (/^[a-z]+:/.test(target)) continue;
        const [path = "", anchor] = target.split("#");
        const file = path === "" ? doc : resolve(dirname(doc), path);
        if (!existsSync(file)) {
          broken.push(`${relative(ROOT, doc)} → ${target}`);
          continue;
        }
        if (anchor && file.endsWith(".md")) {
          const linked = readFileSync(file, "utf8");
          const headings = [...linked.matchAll(/^#+ (.+)$/gm)].map((h) => githubSlug(h[1] ?? ""));
          if (!linked.includes(`<a id="${anchor}"></a>`) && !headings.includes(anchor)) broken.push(`${relative(ROOT, doc)} → ${target}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}
