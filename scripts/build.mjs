#!/usr/bin/env node
/**
 * Bundles the GitHub Action into `dist/action.js` (ESM, Node 24) with esbuild, and copies the
 * built-in workflow scripts next to it (`dist/workflows/`), where the bundle finds them.
 *
 *   node scripts/build.mjs              → dist/
 *   node scripts/build.mjs --outdir DIR → DIR (used by scripts/check-dist.mjs)
 *
 * Why a plugin: `src/workflows/resolve.ts` and `src/workflows/patterns.ts` locate the built-in
 * `.js` scripts through `import.meta.url`. In the bundle that URL is `dist/action.js`, so in those
 * files it is rewritten to `dist/workflows/…`, where the scripts are copied. Nothing else changes.
 *
 * Split at dynamic imports: `action.js` holds what every job needs at once, and each stage (and
 * the engine, the provider SDKs, QuickJS, the artifact client) is a chunk next to it, loaded when
 * used — the trigger job evaluates about a quarter of the code before its first request. Chunks
 * sit beside action.js (same folder, so `import.meta.url` and `__dirname` mean the same in all of
 * them); the JavaScript files of an earlier build are removed first.
 *
 * The config validator (src/github/config-validator.ts, which compiles the schema with ajv at first
 * use) is replaced by the same validator generated as code from the same schema
 * (scripts/config-validator-code.mjs): the trigger job validates `.github/quorum.yml` without
 * loading ajv's compiler or compiling anything before its check run.
 *
 * The output is deterministic (no timestamps, content-hashed chunk names, sorted copies), so
 * check-dist can compare bytes.
 */
import { build } from "esbuild";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { configValidatorSource } from "./config-validator-code.mjs";

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

/** Rewrites import.meta.url in src/workflows/*.ts so built-ins resolve to <outdir>/workflows/. */
const builtinLocation = {
  name: "quorum-builtin-location",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]workflows[\\/][^\\/]+\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const contents = source.replaceAll("import.meta.url", 'new URL("./workflows/index.js", import.meta.url).href');
      return { contents, loader: "ts" };
    });
  },
};

/** Puts the config validator generated at build time in place of src/github/config-validator.ts. */
const precompiledConfigValidator = {
  name: "quorum-precompiled-config-validator",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]github[\\/]config-validator\.ts$/ }, (args) => ({
      contents: configValidatorSource(),
      loader: "js",
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * `@actions/core` imports its OIDC client at the top, and with it `@actions/http-client` and npm
 * `undici` (~770 KB), which the Action never uses (it asks for no OIDC token) but would evaluate
 * before its first request. In the bundle the client is a stand-in that loads the real one (its own
 * chunk) on first use, so `core.getIDToken()` still works.
 */
const lazyOidcClient = {
  name: "quorum-lazy-oidc-client",
  setup(b) {
    const oidcUtils = /[\\/]@actions[\\/]core[\\/]lib[\\/]oidc-utils\.js$/;
    b.onLoad({ filter: oidcUtils }, (args) => {
      if (args.suffix === "?real") return undefined; // the real client, loaded as it is
      const contents = [
        "export class OidcClient {",
        "  static async getIDToken(audience) {",
        `    const { OidcClient: Real } = await import(${JSON.stringify(`${args.path}?real`)});`,
        "    return Real.getIDToken(audience);",
        "  }",
        "}",
      ].join("\n");
      return { contents, loader: "js", resolveDir: dirname(args.path) };
    });
    b.onResolve({ filter: /oidc-utils\.js\?real$/ }, (args) => ({ path: args.path.slice(0, -"?real".length), suffix: "?real" }));
  },
};

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
  for (const entry of readdirSync(outdir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".js")) rmSync(join(outdir, entry.name));
  }
  const result = await build({
    entryPoints: { action: join(ROOT, "src", "action", "main.ts") },
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: "[name]-[hash]",
    format: "esm",
    platform: "node",
    target: "node24",
    banner: { js: BANNER },
    plugins: [builtinLocation, precompiledConfigValidator, lazyOidcClient],
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
  });
  copyWorkflows(outdir);
  writeFileSync(join(outdir, "package.json"), `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`);
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = outdirFromArgs(process.argv);
  const result = await buildAction(outdir);
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  const chunks = Object.keys(result.metafile.outputs).length - 1;
  console.log(`built ${join(outdir, "action.js")} with ${chunks} chunks (${(bytes / 1024 / 1024).toFixed(1)} MiB) and ${join(outdir, "workflows")}/`);
}
