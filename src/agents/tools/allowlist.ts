/**
 * Which commands `run` may start (rule X2). An allowlist entry is a command prefix such as
 * `"npm test"` or `"git log"`: a command is allowed when its argv starts with the entry's argv,
 * word for word (`git log -p` matches `git log`; `git logx` and `/usr/bin/git log` do not).
 *
 * Read-only git commands still have options that read or write files outside the checkout or
 * start other programs; those are refused by {@link findRefusedGitOption}.
 */
import { CommandSyntaxError, parseCommandLine } from "./shell-words.ts";

/** The git commands agents may run by default: they only read the repository. */
export const READ_ONLY_GIT_COMMANDS = [
  "git log",
  "git show",
  "git diff",
  "git blame",
  "git status",
  "git ls-files",
  "git grep",
] as const;

/**
 * Git options refused after an allowed git prefix: they write a file (`--output`), read files
 * outside the repository (`--no-index`, `--contents`, `-O`/`--orderfile`, `--ignore-revs-file`,
 * `-S` for blame, `-f` for grep), or start a program (`--ext-diff`, `--open-files-in-pager`).
 * Each entry matches the exact word, `word=value`, and for one-letter options `-Xvalue`.
 */
const REFUSED_GIT_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  "*": ["--output", "--no-index", "--ext-diff", "--orderfile", "-O", "--open-files-in-pager"],
  blame: ["--contents", "--ignore-revs-file", "-S"],
  grep: ["-f", "--file"],
};

/**
 * The default allowlist: the repository's test command (when given) and
 * {@link READ_ONLY_GIT_COMMANDS}. Throws when the test command uses shell syntax (`&&`, `|`, `$`…),
 * because `run` has no shell: point it at one command, e.g. a package script (`npm test`).
 */
export function defaultRunAllowlist(testCommand?: string): string[] {
  const entries: string[] = [];
  const trimmed = testCommand?.trim();
  if (trimmed) {
    parseAllowlistEntry(trimmed);
    entries.push(trimmed);
  }
  return [...entries, ...READ_ONLY_GIT_COMMANDS];
}

/** Parses one allowlist entry into argv; throws an Error naming the entry when it is unusable. */
export function parseAllowlistEntry(entry: string): string[] {
  let argv: string[];
  try {
    argv = parseCommandLine(entry);
  } catch (error) {
    if (!(error instanceof CommandSyntaxError)) throw error;
    throw new Error(
      `Run allowlist entry "${entry}" cannot be used: ${error.message.replace(/^Refused command: /, "")} ` +
        `Allowlist entries are single commands without shell syntax; wrap a pipeline in a package script and allow that.`,
    );
  }
  if (argv.length === 0) throw new Error(`Run allowlist entry "${entry}" is empty; remove it or name a command.`);
  return argv;
}

/** The first entry whose argv is a prefix of `argv`, or undefined. */
export function findAllowlistEntry(argv: readonly string[], allowlist: readonly (readonly string[])[]): readonly string[] | undefined {
  return allowlist.find((entry) => entry.length <= argv.length && entry.every((word, index) => argv[index] === word));
}

function matchesOption(word: string, option: string): boolean {
  if (word === option || word.startsWith(`${option}=`)) return true;
  return /^-[A-Za-z]$/.test(option) && word.startsWith(option);
}

/**
 * For a `git <subcommand> …` argv, the first argument that is a refused option, or undefined.
 * Arguments after `--` are paths, not options, and are not checked.
 */
export function findRefusedGitOption(argv: readonly string[]): string | undefined {
  if (argv[0] !== "git" || argv.length < 2) return undefined;
  const subcommand = argv[1] ?? "";
  const refused = [...(REFUSED_GIT_OPTIONS["*"] ?? []), ...(REFUSED_GIT_OPTIONS[subcommand] ?? [])];
  for (const word of argv.slice(2)) {
    if (word === "--") return undefined;
    if (refused.some((option) => matchesOption(word, option))) return word;
  }
  return undefined;
}
