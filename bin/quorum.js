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
 * `quorum run` keeps many model requests in flight, and V8's young generation then grows to about a
 * third of the process's peak memory (~80 MB of ~250 MB for 1000 agents, 16 in flight). A 2 MB
 * semi-space bounds it (that run then peaks near 170 MB, for the same CPU). Heap sizes can only be
 * given when Node starts, so `run` re-executes itself once with the flag through process.execve: the
 * same process and PID, so a kill -9 still stops the run and a terminal still sees one process. Not
 * where execve is missing (Windows) nor when a semi-space size was given already.
 */
const SEMI_SPACE = "--max-semi-space-size";
if (
  process.argv[2] === "run" &&
  typeof process.execve === "function" &&
  !process.execArgv.some((arg) => arg.startsWith(SEMI_SPACE)) &&
  !(process.env.NODE_OPTIONS ?? "").includes(SEMI_SPACE)
) {
  try {
    process.execve(process.execPath, [process.execPath, ...process.execArgv, `${SEMI_SPACE}=2`, ...process.argv.slice(1)], process.env);
  } catch {
    // Runs as it is, only with a larger heap.
  }
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
