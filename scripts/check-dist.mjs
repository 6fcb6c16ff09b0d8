#!/usr/bin/env node
/**
 * Fails when the committed `dist/` is not what `npm run build` produces from the current source
 * (issue 4: "CI fails when dist/ is stale"). Rebuilds into a temp folder and compares every file
 * byte for byte, both ways (changed, missing and extra files).
 *
 *   node scripts/check-dist.mjs   → exit 0 when fresh; 1 with the differing files and the fix
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildAction } from "./build.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");

function files(dir) {
  const out = new Map();
  const walk = (folder) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(folder, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(relative(dir, full), full);
    }
  };
  walk(dir);
  return out;
}

const fresh = mkdtempSync(join(tmpdir(), "quorum-check-dist-"));
try {
  await buildAction(fresh);
  const want = files(fresh);
  const have = files(DIST);
  const problems = [];
  for (const [name, path] of want) {
    const committed = have.get(name);
    if (!committed) problems.push(`missing: dist/${name}`);
    else if (statSync(committed).size !== statSync(path).size || !readFileSync(committed).equals(readFileSync(path))) problems.push(`stale:   dist/${name}`);
  }
  for (const name of have.keys()) if (!want.has(name)) problems.push(`extra:   dist/${name}`);
  if (problems.length > 0) {
    console.error(`dist/ does not match the source (${problems.length} file(s)):\n  ${problems.join("\n  ")}\nRun \`npm run build\` and commit dist/.`);
    process.exit(1);
  }
  console.log(`dist/ is up to date (${want.size} files).`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
