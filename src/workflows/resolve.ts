/**
 * Finding a workflow script on disk by name or path (rule S7): the repository's own scripts first
 * (`.github/quorum/workflows/`, then `.claude/workflows/`), then the built-ins shipped here.
 *
 * In each folder a name `x` is found as `x.js`, then `x.workflow.js` (Claude Code saves scripts
 * under both), then as the file whose `meta.name` is `x`. Plugin-namespaced names
 * (`plugin:name`) name scripts inside installed Claude Code plugins, which a repository does not
 * hold: they are refused with what to do instead.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { confineScriptPath } from "./confine.ts";
import { QuorumError } from "../kernel/errors.ts";

/** Built-in workflow scripts: plain `.js` files in this folder (rule B5). */
export const BUILTIN_DIR = dirname(fileURLToPath(import.meta.url));
/** Where a repository keeps its own workflow scripts, in order of precedence. */
export const REPO_WORKFLOW_DIRS = [join(".github", "quorum", "workflows"), join(".claude", "workflows")];
/** File endings of workflow scripts, in order of precedence within one folder. */
export const WORKFLOW_FILE_ENDINGS = [".js", ".workflow.js"] as const;
/** A workflow name: lower-case letters, digits, `-` and `_`. */
export const WORKFLOW_NAME = /^[a-z0-9][a-z0-9_-]*$/;
/** `plugin:name`, Claude Code's name for a workflow shipped in a plugin. */
const PLUGIN_NAME = /^[A-Za-z0-9][\w.-]*:[A-Za-z0-9][\w.-]*$/;

export interface WorkflowFile {
  name: string;
  source: string;
  filename: string;
}

export class UnknownWorkflowError extends QuorumError {
  override name = "UnknownWorkflowError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("unknown_workflow", message, options);
  }
}

/** The workflow name a file stands for (`x.workflow.js` and `x.js` → `x`), or null for other files. */
export function workflowNameOf(fileName: string): string | null {
  const stem = fileName.endsWith(".workflow.js") ? fileName.slice(0, -".workflow.js".length) : fileName.endsWith(".js") ? fileName.slice(0, -3) : null;
  return stem !== null && WORKFLOW_NAME.test(stem) ? stem : null;
}

/** The `name` of a script's `export const meta = { … }`, read without running it; null when absent. */
export function metaNameOf(source: string): string | null {
  const start = source.search(/export\s+const\s+meta\s*=\s*\{/);
  if (start < 0) return null;
  const match = /\bname\s*:\s*(['"`])([^'"`\n]{1,100})\1/.exec(source.slice(start, start + 4_000));
  return match?.[2] ?? null;
}

/** The error for a `plugin:name` workflow name: what it means and what to do. */
export function pluginNameError(name: string): UnknownWorkflowError {
  return new UnknownWorkflowError(
    `"${name}" names a workflow inside a Claude Code plugin; plugins are installed into a Claude Code session, not stored in ` +
      "a repository, so Quorum cannot find it. Copy the plugin's script into .claude/workflows/ (or .github/quorum/workflows/) " +
      "and run it by its file name.",
  );
}

/** True for `plugin:name` names. */
export function isPluginName(name: string): boolean {
  return PLUGIN_NAME.test(name);
}

/** Names of the built-in workflows. */
export function builtinNames(): string[] {
  return readdirSync(BUILTIN_DIR)
    .filter((f) => f.endsWith(".js"))
    .map((f) => f.slice(0, -3))
    .filter((n) => WORKFLOW_NAME.test(n))
    .sort();
}

function scriptFiles(repo: string): { name: string; path: string }[] {
  const files: { name: string; path: string }[] = [];
  for (const dir of REPO_WORKFLOW_DIRS) {
    const full = join(repo, dir);
    if (!existsSync(full)) continue;
    for (const f of readdirSync(full).sort()) {
      const name = workflowNameOf(f);
      if (name !== null) files.push({ name, path: join(full, f) });
    }
  }
  return files;
}

/** Names of the workflows a repository defines itself. */
export function repoWorkflowNames(repo: string): string[] {
  return [...new Set(scriptFiles(repo).map((f) => f.name))].sort();
}

/** The repository's script for `name`: by file name in each folder, then by `meta.name`; null when none. */
export function findRepoWorkflow(repo: string, name: string): WorkflowFile | null {
  for (const dir of REPO_WORKFLOW_DIRS) {
    for (const ending of WORKFLOW_FILE_ENDINGS) {
      const path = join(repo, dir, `${name}${ending}`);
      if (existsSync(path)) return { name, source: readFileSync(path, "utf8"), filename: path };
    }
  }
  for (const file of scriptFiles(repo)) {
    const source = readFileSync(file.path, "utf8");
    if (metaNameOf(source) === name) return { name, source, filename: file.path };
  }
  return null;
}

/** A script's text; unreadable files and binary junk (NUL bytes) are errors that say so. */
function readWorkflowSource(path: string): string {
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    throw new UnknownWorkflowError(`cannot read the workflow script ${path} (${(error as NodeJS.ErrnoException).code ?? "error"}); check the path and its permissions.`);
  }
  if (source.includes("\u0000")) throw new UnknownWorkflowError(`${path} contains NUL bytes, so it is not a JavaScript workflow script; pass a .js text file.`);
  return source;
}

function looksLikePath(nameOrPath: string): boolean {
  return nameOrPath.includes("/") || nameOrPath.includes("\\") || nameOrPath.endsWith(".js");
}

function resolveName(name: string, repo: string): WorkflowFile {
  if (isPluginName(name)) throw pluginNameError(name);
  if (!WORKFLOW_NAME.test(name)) {
    throw new UnknownWorkflowError(`"${name}" is not a workflow name (lower-case letters, digits, - and _) nor a path to a .js file.`);
  }
  const own = findRepoWorkflow(repo, name);
  if (own) return own;
  const builtin = join(BUILTIN_DIR, `${name}.js`);
  if (existsSync(builtin)) return { name, source: readFileSync(builtin, "utf8"), filename: builtin };
  const known = [...new Set([...repoWorkflowNames(repo), ...builtinNames()])];
  throw new UnknownWorkflowError(
    `unknown workflow "${name}". Known workflows: ${known.length > 0 ? known.join(", ") : "(none)"}. ` +
      "Pass a path to a .js file to run a script of your own.",
  );
}

function fileAt(path: string): WorkflowFile {
  const name = workflowNameOf(basename(path)) ?? basename(path).replace(/(\.workflow)?\.js$/, "");
  return { name, source: readWorkflowSource(path), filename: path };
}

/**
 * Resolves what a person asked to run (`quorum run <name|path>`): a path (anything with a slash
 * or ending in `.js`) relative to `cwd`, anywhere they point; a name looked up in the repository's
 * folders, then the built-ins. Unknown names throw an error listing what exists.
 */
export function resolveWorkflowFile(nameOrPath: string, repo: string, cwd: string = process.cwd()): WorkflowFile {
  if (looksLikePath(nameOrPath)) {
    const path = isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
    if (!existsSync(path)) throw new UnknownWorkflowError(`no workflow script at ${path}; check the path.`);
    if (!statSync(path).isFile()) throw new UnknownWorkflowError(`${path} is a folder, not a workflow script; pass the path of a .js file (or a workflow name).`);
    return fileAt(path);
  }
  return resolveName(nameOrPath, repo);
}

/**
 * Resolves what a script asked to run (`workflow(name)` / `workflow({ scriptPath })`, rule C4, S7):
 * names as {@link resolveWorkflowFile}; paths relative to the repository root and confined to it.
 */
export function resolveNestedWorkflowFile(nameOrPath: string, repo: string): WorkflowFile {
  if (looksLikePath(nameOrPath)) return fileAt(confineScriptPath(repo, nameOrPath));
  return resolveName(nameOrPath, repo);
}
