/**
 * Keeping a script path inside the repository (rule S7, X2's spirit for workflow files): a path a
 * script names — `workflow({ scriptPath })`, `workflow("./x.js")` — must resolve, after following
 * symbolic links, to a file inside the repository. `..`, absolute paths elsewhere and links that
 * leave the checkout are refused with an error that says so — the same error whether the file
 * exists or not, and nothing outside is ever read (rule X10: no existence or parse oracle).
 */
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { QuorumError } from "../kernel/errors.ts";

/** A script path that is not a file inside the repository. */
export class ScriptPathError extends QuorumError {
  override name = "ScriptPathError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("script_path_refused", message, options);
  }
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
  // One message for every refusal: whether a file outside exists, or what it holds, never shows (no oracle).
  const refused = () =>
    new ScriptPathError(
      `workflow script path "${scriptPath}" is not a file inside the repository: paths outside the repository, symbolic links that leave it and missing files are refused alike.`,
    );
  const root = realpathSync(repo);
  const wanted = resolve(root, scriptPath);
  if (!inside(root, wanted)) throw refused();
  let real: string;
  try {
    real = realpathSync(wanted);
  } catch {
    throw refused();
  }
  if (!inside(root, real) || !statSync(real).isFile()) throw refused();
  return real;
}
