#!/usr/bin/env node
// Entry point of the `quorum` command. Node >= 22.20 runs our TypeScript sources directly
// (type stripping), so the command works right after `npm ci` with no build step.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 20)) {
  console.error(
    `quorum needs Node.js 22.20 or newer (Node 24 recommended); this is ${process.version}.\n` +
      "Install Node 24 (for example `npx -y -p node@24 quorum …`) and run the command again.",
  );
  process.exit(1);
}
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
