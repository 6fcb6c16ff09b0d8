import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { applyPatch, parsePatch } from "diff";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/kernel/json.ts";
import { normalizeFindings } from "../../src/github/finding.ts";
import { createScriptedRunner, type ScriptedTurn } from "../support/scripted-runner.ts";
import { runWorkflow, useTemp } from "./helpers.ts";

const temp = useTemp();

const BASE_DISCOUNT = `export function applyDiscount(price, percent) {
  if (percent < 0 || percent > 100) throw new RangeError("percent must be 0-100");
  return price - (price * percent) / 100;
}

export function total(items) {
  let sum = 0;
  for (const item of items) sum += item.price * item.qty;
  return sum;
}

export function formatPrice(cents) {
  return "$" + (cents / 100).toFixed(2);
}

export function clamp(value, min, max) {
  return Math.min(max, Math.max(min, value));
}
`;
const HEAD_DISCOUNT = BASE_DISCOUNT.replace('  if (percent < 0 || percent > 100) throw new RangeError("percent must be 0-100");\n', "").replace(
  "  for (const item of items) sum += item.price * item.qty;",
  "  for (let i = 0; i <= items.length; i++) sum += items[i].price * items[i].qty;",
);
const HEAD_DB = `export function findUser(db, name) {
  return db.query("SELECT * FROM users WHERE name = '" + name + "'");
}
`;

/** A repository whose HEAD is the change under review; returns it and the change as GitHub lists it. */
function changeRepo() {
  const repo = temp.dir();
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  git("init", "-q");
  git("config", "user.email", "t@quorum.invalid");
  git("config", "user.name", "t");
  mkdirSync(path.join(repo, "src"));
  writeFileSync(path.join(repo, "src/discount.js"), BASE_DISCOUNT);
  writeFileSync(path.join(repo, "src/legacy.js"), "export const legacy = 1;\n");
  writeFileSync(path.join(repo, "package-lock.json"), '{ "lockfileVersion": 3 }\n');
  git("add", "-A");
  git("commit", "-qm", "base");
  writeFileSync(path.join(repo, "src/discount.js"), HEAD_DISCOUNT);
  writeFileSync(path.join(repo, "src/db.js"), HEAD_DB);
  writeFileSync(path.join(repo, "package-lock.json"), '{ "lockfileVersion": 3, "packages": {} }\n');
  rmSync(path.join(repo, "src/legacy.js"));
  git("add", "-A");
  git("commit", "-qm", "head");
  const diff = git("diff", "HEAD~1", "HEAD");
  const files = parsePatch(diff).map((p) => {
    const file = (p.newFileName === "/dev/null" ? p.oldFileName : p.newFileName)?.replace(/^[ab]\//, "") ?? "";
    const patch = git("diff", "HEAD~1", "HEAD", "--", file).split("\n").filter((_, i, all) => i >= all.findIndex((l) => l.startsWith("@@"))).join("\n");
    return { path: file, patch, status: p.newFileName === "/dev/null" ? "removed" : p.oldFileName === "/dev/null" ? "added" : "modified" };
  });
  return { repo, diff, files };
}

/** New-side line numbers inside each file's hunks: where a review comment may go. */
function commentableLines(diff: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const p of parsePatch(diff)) {
    const lines = new Set<number>();
    for (const h of p.hunks) {
      let n = h.newStart;
      for (const l of h.lines) if (!l.startsWith("-") && !l.startsWith("\\")) lines.add(n++);
    }
    out.set(p.newFileName?.replace(/^b\//, "") ?? "", lines);
  }
  return out;
}

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
const LOOP = lineOf(HEAD_DISCOUNT, "for (let i = 0");
const NO_CHECK = lineOf(HEAD_DISCOUNT, "return price - (price");
const FORMAT = lineOf(HEAD_DISCOUNT, "toFixed(2)");
const QUERY = lineOf(HEAD_DB, "SELECT");

function respond({ request }: ScriptedTurn): JsonValue {
  const label = request.label;
  if (label === "review correctness: src/discount.js") {
    return {
      findings: [
        { title: "total() reads past the end of items", severity: "high", line: LOOP, body: "`i <= items.length` reads items[items.length], which is undefined, so total() throws.", suggestion: "  for (let i = 0; i < items.length; i++) sum += items[i].price * items[i].qty;" },
        { title: "applyDiscount no longer rejects percentages outside 0-100", severity: "medium", line: NO_CHECK, body: "The range check was removed; a percent of 150 now gives a negative price." },
        { title: "formatPrice rounds half-cents down", severity: "low", line: FORMAT, body: "toFixed uses binary floating point." },
      ],
    };
  }
  if (label === "review tests: src/discount.js") {
    return { findings: [{ title: "total() reads past the end of items.", severity: "high", line: LOOP, body: "Same off-by-one; no test covers total()." }] };
  }
  if (label === "review security: src/db.js") {
    return { findings: [{ title: "SQL injection in findUser", severity: "critical", line: QUERY, body: "name is concatenated into SQL.", suggestion: '  return db.query("SELECT * FROM users WHERE name = ?", [name]);' }] };
  }
  if (label === "review performance: src/db.js") {
    return { findings: [{ title: "findUser results could be cached", severity: "low", line: QUERY, body: "Repeated lookups hit the database." }] };
  }
  if (label.startsWith("review ")) return { findings: [] };
  if (label.startsWith("skeptic ")) {
    return request.prompt.includes("could be cached") ? { verdict: "refute", reason: "speculative; no hot path calls it" } : { verdict: "confirm", reason: "reproduced with the input in the body" };
  }
  throw new Error(`unexpected agent ${label}`);
}

describe("review", () => {
  it("B3 reviewers per file and lens, skeptics on every finding, survivors located only inside the diff with small suggested patches", async () => {
    const { repo, diff, files } = changeRepo();
    const runner = createScriptedRunner({ respond });
    const run = await runWorkflow("review", { repo, runner, args: { files, base: "HEAD~1", head: "HEAD" } });
    expect(run.error).toBeUndefined();
    const result = run.result as { findings: { title: string; severity: string; location?: { path: string; line: number }; patch?: string; body: string; votes: object }[]; summary: string };

    // 2 reviewable files × 4 lenses; the deleted file and the lockfile are skipped, and that is logged.
    const reviewers = runner.calls.filter((c) => c.label.startsWith("review "));
    expect(reviewers.map((c) => c.label).sort()).toEqual(
      ["correctness", "performance", "security", "tests"].flatMap((l) => [`review ${l}: src/db.js`, `review ${l}: src/discount.js`]).sort(),
    );
    expect(run.logs).toContain("Review: not reviewing 2 file(s): package-lock.json (generated), src/legacy.js (deleted).");
    expect(run.logs).toContain("Review: merged 1 duplicate finding(s) on the same line.");

    expect(result.findings.map((f) => f.title)).toEqual([
      "SQL injection in findUser",
      "total() reads past the end of items",
      "applyDiscount no longer rejects percentages outside 0-100",
      "formatPrice rounds half-cents down",
    ]);
    const inDiff = commentableLines(diff);
    for (const f of result.findings) {
      if (f.location) expect(inDiff.get(f.location.path)?.has(f.location.line), `${f.title} at ${f.location.path}:${f.location.line}`).toBe(true);
    }
    const outside = result.findings.find((f) => f.title.startsWith("formatPrice"));
    expect(outside?.location).toBeUndefined();
    expect(outside?.body).toContain(`(At src/discount.js:${FORMAT}, outside the changed lines.)`);
    expect(run.logs).toContain("Verify: 1 confirmed finding(s) point outside the changed lines; they go in the review body instead of on a line.");

    // Suggested patches apply to the head version of the file.
    const loop = result.findings.find((f) => f.title.startsWith("total()"));
    const fixed = applyPatch(HEAD_DISCOUNT, loop?.patch ?? "");
    expect(fixed).toBe(HEAD_DISCOUNT.replace("i <= items.length", "i < items.length"));
    const sql = result.findings.find((f) => f.title.startsWith("SQL"));
    expect(applyPatch(HEAD_DB, sql?.patch ?? "")).toContain('WHERE name = ?", [name]');
    expect(result.findings.find((f) => f.title.startsWith("applyDiscount"))?.patch).toBeUndefined();

    expect(run.logs).toContain('adversarialVerify: dropped "findUser results could be cached" (3 of 3 refuted).');
    expect(result.findings.every((f) => JSON.stringify(f.votes) === JSON.stringify({ confirm: 3, refute: 0 }))).toBe(true);
    expect(normalizeFindings(result as unknown as JsonValue).errors).toEqual([]);
    expect(result.summary).toBe("Reviewed 2 file(s) with 4 lens(es): 5 finding(s), 4 survived the skeptics (1 critical, 1 high, 1 medium, 1 low).");
  });

  it("B3 a whole unified diff works as well as GitHub's per-file patches", async () => {
    const { repo, diff } = changeRepo();
    const runner = createScriptedRunner({ respond });
    const run = await runWorkflow("review", { repo, runner, args: { diff, lenses: ["security"] } });
    expect(run.error).toBeUndefined();
    expect(runner.calls.filter((c) => c.label.startsWith("review ")).map((c) => c.label).sort()).toEqual(["review security: src/db.js", "review security: src/discount.js"]);
    const findings = (run.result as { findings: { title: string; location?: { line: number } }[] }).findings;
    expect(findings).toEqual([expect.objectContaining({ title: "SQL injection in findUser", location: { path: "src/db.js", line: QUERY } })]);
  });

  it("B3 without a change to review the run stops with what to pass", async () => {
    // The script itself, called with no change (the CLI and the Action supply one first, rule R4).
    const { repo } = changeRepo();
    const run = await runWorkflow("review", { repo, runner: createScriptedRunner({ respond }) });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/review: no change to review\. On a pull request the change comes from the PR; locally `quorum run review` reviews the working tree's diff\. Elsewhere give args\.files/);
  });
});
