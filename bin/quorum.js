#!/usr/bin/env node
// Entry point of the `quorum` command. It runs the bundle in dist/cli/ (one plain-JavaScript file
// per command, built by `npm run build`) while every source file it was built from is unchanged,
// and otherwise the TypeScript sources, which Node >= 22.20 runs directly (type stripping): the
// command works right after `npm ci` with no build step, and an edited source is never shadowed
// by a stale bundle. QUORUM_FROM_SOURCE=1 always runs the sources.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 20)) {
  console.error(
    `quorum needs Node.js 22.20 or newer (Node 24 recommended); this is ${process.version}.\n` +
      "Install Node 24 (for example `npx -y -p node@24 quorum …`) and run the command again.",
  );
  process.exit(1);
}

/** dist/cli/main.js when dist/cli/sources.json matches every source file, else null. */
function freshBundle() {
  if (process.env.QUORUM_FROM_SOURCE === "1") return null;
  const root = new URL("../", import.meta.url);
  try {
    const sources = JSON.parse(readFileSync(new URL("dist/cli/sources.json", root), "utf8"));
    for (const [file, hash] of Object.entries(sources)) {
      if (createHash("sha256").update(readFileSync(new URL(file, root))).digest("hex") !== hash) return null;
    }
    return new URL("dist/cli/main.js", root).href;
  } catch {
    return null;
  }
}

const { main } = await import(freshBundle() ?? "../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
