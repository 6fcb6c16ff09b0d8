/**
 * Keeping a script path inside the repository (rule S7, X2's spirit for workflow files): a path a
 * script names — `workflow({ scriptPath })`, `workflow("./x.js")` — must resolve, after following
 * symbolic links, to a file inside the repository. `..`, absolute paths elsewhere and links that
 * leave the checkout are refused with an error that says so.
 */
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";

/** A script path that is not a file inside the repository. */
export class ScriptPathError extends Error {
  override name = "ScriptPathError";
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * The real path of `scriptPath` (relative to the repository root, or absolute) when it is a file
 * inside `repo`; throws {@link ScriptPathError} otherwise.
 */
export function confineScriptPath(repo: string, scriptPath: string): string {
  const root = realpathSync(repo);
  const wanted = resolve(root, scriptPath);
  if (!inside(root, wanted)) {
    throw new ScriptPathError(`workflow script path "${scriptPath}" is outside the repository; a script may only run workflow files inside it.`);
  }
  let real: string;
  try {
    real = realpathSync(wanted);
  } catch {
    throw new ScriptPathError(`no workflow script at "${scriptPath}" (looked in the repository at ${wanted}); check the path.`);
  }
  if (!inside(root, real)) {
    throw new ScriptPathError(`workflow script path "${scriptPath}" leads outside the repository (through a symbolic link); refused.`);
  }
  if (!statSync(real).isFile()) throw new ScriptPathError(`workflow script path "${scriptPath}" is not a file.`);
  return real;
}
