/**
 * What `run` accepts after the allowlist prefix (rule X8), and the argv it actually runs.
 *
 * Read-only git commands (`git log`, `show`, `diff`, `blame`, `status`, `ls-files`, `grep`):
 * - options only from the per-command list of ./git-options.ts, spelled out in full: no
 *   abbreviations (git would take `--open` for `--open-files-in-pager`), no bundled short options
 *   (`-pO<program>`), values of long options only as `--name=value`;
 * - every other word is a revision or a path: a word that names an existing file or folder, and
 *   every word after `--`, is a path and is confined like a tool path (inside the checkout,
 *   symlinks resolved, not `.git`, not a credential file); pathspec magic (`:(…)`) is refused;
 * - `<rev>:<path>` must not name a credential file; `git show`/`git diff` of a bare blob id is
 *   refused (it would print a credential file found through `ls-files --stage`);
 * - `git grep`, `log`, `show` and `diff` get exclusions appended for credential files, so their
 *   contents never appear in matches or patches.
 *
 * Any other allowlisted command (the test command, config entries): the argv must equal the entry,
 * or add only operands that are existing files inside the checkout (no options, so no
 * `--import=data:…` after `node --test`).
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { ToolError } from "./errors.ts";
import { GIT_OPTIONS, NUMERIC_COUNT_SUBCOMMANDS, type OptionKind } from "./git-options.ts";
import { guardPath, type GuardRoots } from "./path-guard.ts";
import { isSecretFileName, SECRET_FILE_EXCLUDES, secretFileRefusal } from "./secret-files.ts";

/** Subcommands whose output shows file contents: credential files are excluded from them. */
const CONTENT_SUBCOMMANDS: ReadonlySet<string> = new Set(["grep", "log", "show", "diff"]);
/** Subcommands whose bare object ids are checked for blobs. */
const OBJECT_SUBCOMMANDS: ReadonlySet<string> = new Set(["show", "diff"]);

/** Tells whether a revision names a blob; answered by running `git cat-file -t` in the sandbox. */
export type ObjectTypeOf = (revision: string) => Promise<string | undefined>;

export interface CheckedGitCommand {
  argv: string[];
  /** Bare revisions whose object type must be checked (show, diff). */
  revisions: string[];
}

function refuse(command: string, why: string): never {
  throw new ToolError(`Refused command "${command}": ${why}`);
}

function listed(table: Readonly<Record<string, OptionKind>>): string {
  return Object.keys(table).join(" ");
}

/** The option named by `word` (its part before `=`) and how it is written. */
function checkOption(
  word: string,
  sub: string,
  table: Readonly<Record<string, OptionKind>>,
  command: string,
): { consumesNext: boolean } {
  if (NUMERIC_COUNT_SUBCOMMANDS.has(sub) && /^-\d+$/.test(word)) return { consumesNext: false };
  if (word.startsWith("--")) {
    const equals = word.indexOf("=");
    const name = equals === -1 ? word : word.slice(0, equals);
    const kind = table[name];
    if (kind === undefined) {
      const longer = Object.keys(table).filter((option) => option.startsWith(name) && option !== name);
      const hint = longer.length > 0 ? ` Options must be spelled out in full (did you mean ${longer.join(" or ")}?).` : "";
      refuse(command, `the option "${name}" is not accepted for git ${sub}.${hint} Accepted: ${listed(table)}.`);
    }
    if (kind === "flag" && equals !== -1) refuse(command, `the option "${name}" takes no value.`);
    if (kind === "value" && equals === -1) refuse(command, `write the option as ${name}=<value> in one word.`);
    if (kind === "next" || kind === "attached") refuse(command, `the option "${name}" is not accepted for git ${sub}.`);
    return { consumesNext: false };
  }
  const exact = table[word];
  if (exact === "flag") return { consumesNext: false };
  if (exact === "next") return { consumesNext: true };
  if (exact === "attached") return { consumesNext: false };
  const short = word.slice(0, 2);
  if (table[short] === "attached" && word.length > 2 && !word.slice(2).startsWith("-")) return { consumesNext: false };
  if (word.length > 2 && /^-[A-Za-z]+$/.test(word)) {
    refuse(command, `bundled short options ("${word}") are not accepted; write each option separately, e.g. "${word.slice(0, 2)} -${word.slice(2, 3)}".`);
  }
  refuse(command, `the option "${word}" is not accepted for git ${sub}. Accepted: ${listed(table)}.`);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Confines one path operand like a tool path; returns it unchanged. */
async function checkPath(word: string, roots: GuardRoots, command: string): Promise<string> {
  if (word.startsWith(":")) refuse(command, `pathspec magic ("${word}") is not accepted; name files and folders by their path.`);
  const name = path.posix.basename(word.replace(/\/+$/, ""));
  if (isSecretFileName(name)) throw new ToolError(secretFileRefusal(word));
  await guardPath(roots, word, "list");
  return word;
}

/** Checks `<rev>:<path>` (its path must not be a credential file) and plain revisions. */
function checkRevision(word: string, command: string): void {
  const colon = word.indexOf(":");
  if (colon === -1) return;
  const inner = path.posix.normalize(word.slice(colon + 1) || ".");
  const segments = inner.split("/");
  if (segments.includes(".git")) refuse(command, `"${word}" names git's internal data.`);
  if (isSecretFileName(segments[segments.length - 1] ?? "")) throw new ToolError(secretFileRefusal(word));
}

/** True when `word` is `<rev>:<path>` (a blob or tree by path). */
function isRevisionPath(word: string): boolean {
  return word.indexOf(":") > 0;
}

/**
 * Checks a `git <sub> …` argv whose subcommand is in {@link GIT_OPTIONS} and returns the argv to
 * run. Throws {@link ToolError} saying what was refused.
 */
export async function checkGitCommand(argv: readonly string[], roots: GuardRoots, command: string): Promise<CheckedGitCommand> {
  const sub = argv[1] ?? "";
  const table = GIT_OPTIONS[sub];
  if (!table) refuse(command, `git ${sub} is not a read-only git command.`);
  const options: string[] = [];
  const revisions: string[] = [];
  const paths: string[] = [];
  let pattern: string | undefined;
  let patternByOption = false;
  let afterDashes = false;
  const words = argv.slice(2);
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? "";
    if (afterDashes) {
      paths.push(await checkPath(word, roots, command));
      continue;
    }
    if (word === "--") {
      afterDashes = true;
      continue;
    }
    if (word.startsWith("-") && word !== "-") {
      const { consumesNext } = checkOption(word, sub, table, command);
      options.push(word);
      if (consumesNext) {
        const value = words[index + 1];
        if (value === undefined) refuse(command, `the option "${word}" needs a value after it.`);
        if (sub === "grep" && word === "-e") patternByOption = true;
        options.push(value);
        index += 1;
      }
      continue;
    }
    if (sub === "grep" && !patternByOption && pattern === undefined) {
      pattern = word;
      continue;
    }
    if (word.startsWith(":")) refuse(command, `pathspec magic and index paths ("${word}") are not accepted.`);
    if (isRevisionPath(word)) {
      checkRevision(word, command);
      revisions.push(word);
    } else if (await exists(path.resolve(roots.realRoot, word))) {
      paths.push(await checkPath(word, roots, command));
    } else if (path.isAbsolute(word) || word.split("/").includes("..")) {
      paths.push(await checkPath(word, roots, command));
    } else {
      // A word git may still read as a file (`git blame .env` of a file deleted from the checkout).
      if (isSecretFileName(path.posix.basename(word))) throw new ToolError(secretFileRefusal(word));
      revisions.push(word);
    }
  }
  const excludes = CONTENT_SUBCOMMANDS.has(sub) && !revisions.some(isRevisionPath) ? SECRET_FILE_EXCLUDES : [];
  const pathspecs = excludes.length > 0 && paths.length === 0 ? ["."] : paths;
  const tail = pathspecs.length > 0 || excludes.length > 0 ? ["--", ...pathspecs, ...excludes] : [];
  const head = pattern !== undefined ? [pattern] : [];
  const bare = OBJECT_SUBCOMMANDS.has(sub)
    ? revisions.filter((word) => !isRevisionPath(word)).flatMap((word) => word.split(/\.{2,3}/)).filter((word) => word !== "")
    : [];
  return { argv: ["git", sub, ...options, ...head, ...revisions, ...tail], revisions: bare };
}

/** Refuses bare revisions that are blobs (`git show <blob id>`), using `typeOf`. */
export async function refuseBlobs(revisions: readonly string[], typeOf: ObjectTypeOf, command: string): Promise<void> {
  for (const revision of revisions) {
    if ((await typeOf(revision)) === "blob") {
      refuse(command, `"${revision}" is a file's object id; show files by path instead: git show <commit>:<path>.`);
    }
  }
}

/**
 * Checks the words after a non-git allowlist entry (the test command): none, or only existing
 * files inside the checkout that are not credential files.
 */
export async function checkExtraOperands(extra: readonly string[], roots: GuardRoots, command: string, entry: string): Promise<void> {
  for (const word of extra) {
    if (word.startsWith("-")) {
      refuse(command, `"${entry}" runs exactly as configured; it may be followed only by test files inside the repository, not options ("${word}").`);
    }
    const guarded = await guardPath(roots, word, "read");
    const info = await stat(guarded.absolute).catch(() => undefined);
    if (!info?.isFile()) refuse(command, `"${word}" is not a file in the repository; "${entry}" may be followed only by test files.`);
  }
}
