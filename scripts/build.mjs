#!/usr/bin/env node
/**
 * Bundles the GitHub Action into `dist/action.js` and the `quorum` command into `dist/cli/` (ESM,
 * Node 24) with esbuild, and copies the built-in workflow scripts next to them (`dist/workflows/`),
 * where both bundles find them.
 *
 *   node scripts/build.mjs              → dist/
 *   node scripts/build.mjs --outdir DIR → DIR (used by scripts/check-dist.mjs)
 *
 * Why a plugin: `src/workflows/resolve.ts` and `src/workflows/patterns.ts` locate the built-in
 * `.js` scripts through `import.meta.url`. In a bundle that URL is the bundle file's, so in those
 * files it is rewritten to `<outdir>/workflows/…`, where the scripts are copied. Nothing else changes.
 *
 * The CLI bundle is split (`dist/cli/main.js` plus chunks), so each command still loads only what
 * it runs; `dist/cli/sources.json` lists the hash of every source file it was built from, and
 * `bin/quorum.js` uses the bundle only while every one of them is unchanged (otherwise the sources).
 *
 * The output is deterministic (no timestamps, sorted copies), so check-dist can compare bytes.
 */
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const WORKFLOWS_SRC = join(ROOT, "src", "workflows");
/** Banner: CommonJS dependencies bundled into ESM still call require() and use __dirname. */
const BANNER = [
  'import { createRequire as __quorumCreateRequire } from "node:module";',
  'import { fileURLToPath as __quorumFileURLToPath } from "node:url";',
  'import { dirname as __quorumDirname } from "node:path";',
  "const require = __quorumCreateRequire(import.meta.url);",
  "const __filename = __quorumFileURLToPath(import.meta.url);",
  "const __dirname = __quorumDirname(__filename);",
].join("\n");

function outdirFromArgs(argv) {
  const i = argv.indexOf("--outdir");
  if (i === -1) return join(ROOT, "dist");
  const value = argv[i + 1];
  if (!value) throw new Error("--outdir needs a directory");
  return resolve(value);
}

/**
 * Rewrites import.meta.url in src/workflows/*.ts so built-ins resolve to <outdir>/workflows/;
 * `toOutdir` is the way from the bundle's own folder to <outdir> ("./" or "../").
 */
function builtinLocation(toOutdir) {
  return {
    name: "quorum-builtin-location",
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]workflows[\\/][^\\/]+\.ts$/ }, (args) => {
        const source = readFileSync(args.path, "utf8");
        const contents = source.replaceAll("import.meta.url", `new URL("${toOutdir}workflows/index.js", import.meta.url).href`);
        return { contents, loader: "ts" };
      });
    },
  };
}

function copyWorkflows(outdir) {
  const target = join(outdir, "workflows");
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const copy = (from, to) => {
    for (const entry of readdirSync(from, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) {
        mkdirSync(join(to, entry.name), { recursive: true });
        copy(join(from, entry.name), join(to, entry.name));
      } else if (entry.name.endsWith(".js")) {
        cpSync(join(from, entry.name), join(to, entry.name));
      }
    }
  };
  copy(WORKFLOWS_SRC, target);
}

export async function buildAction(outdir) {
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(ROOT, "src", "action", "main.ts")],
    outfile: join(outdir, "action.js"),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node24",
    banner: { js: BANNER },
    plugins: [builtinLocation("./")],
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
  });
  copyWorkflows(outdir);
  writeFileSync(join(outdir, "package.json"), `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`);
  return result;
}

/** The `quorum` command: dist/cli/main.js and its chunks, and the hashes of the sources it was built from. */
export async function buildCli(outdir) {
  const cliDir = join(outdir, "cli");
  rmSync(cliDir, { recursive: true, force: true });
  mkdirSync(cliDir, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: join(ROOT, "src", "cli", "main.ts") },
    outdir: cliDir,
    bundle: true,
    splitting: true,
    chunkNames: "[name]-[hash]",
    format: "esm",
    platform: "node",
    target: "node24",
    banner: { js: BANNER },
    plugins: [builtinLocation("../")],
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
  });
  const sources = Object.keys(result.metafile.inputs)
    .map((input) => relative(ROOT, resolve(ROOT, input)).split("\\").join("/"))
    .filter((file) => file.startsWith("src/"))
    .concat(workflowScripts(), "package-lock.json")
    .filter((file, i, all) => all.indexOf(file) === i)
    .sort();
  const hashes = Object.fromEntries(sources.map((file) => [file, createHash("sha256").update(readFileSync(join(ROOT, file))).digest("hex")]));
  writeFileSync(join(cliDir, "sources.json"), `${JSON.stringify(hashes, null, 2)}\n`);
  copyWorkflows(outdir);
  writeFileSync(join(outdir, "package.json"), `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`);
  return result;
}

/** The built-in scripts (copied, not bundled), repository-relative. */
function workflowScripts(dir = WORKFLOWS_SRC) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? workflowScripts(join(dir, entry.name)) : entry.name.endsWith(".js") ? [relative(ROOT, join(dir, entry.name)).split("\\").join("/")] : [],
  );
}

/** Everything in dist/: the Action and the CLI. */
export async function buildAll(outdir) {
  const action = await buildAction(outdir);
  const cli = await buildCli(outdir);
  return [action, cli];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = outdirFromArgs(process.argv);
  const results = await buildAll(outdir);
  const bytes = results.flatMap((r) => Object.values(r.metafile.outputs)).reduce((n, o) => n + o.bytes, 0);
  console.log(`built ${join(outdir, "action.js")}, ${join(outdir, "cli")}/ (${(bytes / 1024 / 1024).toFixed(1)} MiB in all) and ${join(outdir, "workflows")}/`);
}
