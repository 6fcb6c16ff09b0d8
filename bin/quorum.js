#!/usr/bin/env node
// Entry point of the `quorum` command. Node >= 22.20 runs our TypeScript sources directly
// (type stripping), so the command works right after `npm ci` with no build step.
import { enableCompileCache } from "node:module";
import { homedir } from "node:os";
import { join } from "node:path";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 20)) {
  console.error(
    `quorum needs Node.js 22.20 or newer (Node 24 recommended); this is ${process.version}.\n` +
      "Install Node 24 (for example `npx -y -p node@24 quorum …`) and run the command again.",
  );
  process.exit(1);
}

/**
 * Node's compile cache keeps each source's type-stripped and compiled form, keyed by its content,
 * so a second `quorum` start skips the TypeScript stripper (its WebAssembly is never loaded) and
 * most parsing. It lives in the user's own cache folder — never a shared /tmp another account could
 * plant code in — and agent commands cannot write there (their sandbox gets a fresh home).
 * NODE_COMPILE_CACHE chooses another folder and NODE_DISABLE_COMPILE_CACHE=1 turns it off (both
 * handled by Node itself); with no home folder there is no cache, and a failure is never fatal.
 */
function compileCacheDir() {
  const base = process.env.XDG_CACHE_HOME || (process.env.HOME ? join(homedir(), ".cache") : "");
  return base ? join(base, "quorum", "node-compile-cache") : null;
}
const cacheDir = process.env.NODE_COMPILE_CACHE ? null : compileCacheDir();
if (cacheDir) {
  try {
    enableCompileCache(cacheDir);
  } catch {
    // No cache: the command runs the same, only its start-up is slower.
  }
}

const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
