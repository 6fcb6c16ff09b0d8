/**
 * Finding a workflow script on disk by name or path: the repository's own scripts first
 * (`.github/quorum/workflows/`, then `.claude/workflows/`), then the built-ins shipped here.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Built-in workflow scripts: plain `.js` files in this folder (rule B5). */
export const BUILTIN_DIR = dirname(fileURLToPath(import.meta.url));
/** Where a repository keeps its own workflow scripts, in order of precedence. */
export const REPO_WORKFLOW_DIRS = [join(".github", "quorum", "workflows"), join(".claude", "workflows")];
/** A workflow name: lower-case letters, digits, `-` and `_`. */
export const WORKFLOW_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export interface WorkflowFile {
  name: string;
  source: string;
  filename: string;
}

export class UnknownWorkflowError extends Error {
  override name = "UnknownWorkflowError";
}

/** Names of the built-in workflows. */
export function builtinNames(): string[] {
  return readdirSync(BUILTIN_DIR)
    .filter((f) => f.endsWith(".js"))
    .map((f) => f.slice(0, -3))
    .filter((n) => WORKFLOW_NAME.test(n))
    .sort();
}

/** Names of the workflows a repository defines itself. */
export function repoWorkflowNames(repo: string): string[] {
  const names = new Set<string>();
  for (const dir of REPO_WORKFLOW_DIRS) {
    const full = join(repo, dir);
    if (!existsSync(full)) continue;
    for (const f of readdirSync(full)) if (f.endsWith(".js") && WORKFLOW_NAME.test(f.slice(0, -3))) names.add(f.slice(0, -3));
  }
  return [...names].sort();
}

function looksLikePath(nameOrPath: string): boolean {
  return nameOrPath.includes("/") || nameOrPath.includes("\\") || nameOrPath.endsWith(".js");
}

/**
 * Resolves `nameOrPath`: a path (anything with a slash or ending in `.js`) relative to `cwd`;
 * a name looked up in the repository's folders, then the built-ins. Unknown names throw an error
 * listing what exists.
 */
export function resolveWorkflowFile(nameOrPath: string, repo: string, cwd: string = process.cwd()): WorkflowFile {
  if (looksLikePath(nameOrPath)) {
    const path = isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
    if (!existsSync(path)) throw new UnknownWorkflowError(`no workflow script at ${path}; check the path.`);
    return { name: basename(path).replace(/\.js$/, ""), source: readFileSync(path, "utf8"), filename: path };
  }
  if (!WORKFLOW_NAME.test(nameOrPath)) {
    throw new UnknownWorkflowError(`"${nameOrPath}" is not a workflow name (lower-case letters, digits, - and _) nor a path to a .js file.`);
  }
  for (const dir of REPO_WORKFLOW_DIRS) {
    const path = join(repo, dir, `${nameOrPath}.js`);
    if (existsSync(path)) return { name: nameOrPath, source: readFileSync(path, "utf8"), filename: path };
  }
  const builtin = join(BUILTIN_DIR, `${nameOrPath}.js`);
  if (existsSync(builtin)) return { name: nameOrPath, source: readFileSync(builtin, "utf8"), filename: builtin };
  const known = [...new Set([...repoWorkflowNames(repo), ...builtinNames()])];
  throw new UnknownWorkflowError(
    `unknown workflow "${nameOrPath}". Known workflows: ${known.length > 0 ? known.join(", ") : "(none)"}. ` +
      "Pass a path to a .js file to run a script of your own.",
  );
}
