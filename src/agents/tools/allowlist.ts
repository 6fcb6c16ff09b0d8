/**
 * Which commands `run` may start (rule X2). An allowlist entry is a command prefix such as
 * `"npm test"` or `"git log"`: a command is allowed when its argv starts with the entry's argv,
 * word for word (`git log -p` matches `git log`; `git logx` and `/usr/bin/git log` do not).
 *
 * What may follow the entry is decided by ./command-check.ts (rule X8): for read-only git
 * commands, options from a per-command list spelled out in full and confined paths; for any other
 * entry (the test command), nothing but files inside the checkout.
 */
import { QuorumError } from "../../kernel/errors.ts";
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

/** Parses one allowlist entry into argv; throws a QuorumError (`invalid_allowlist_entry`) naming the entry when it is unusable. */
export function parseAllowlistEntry(entry: string): string[] {
  let argv: string[];
  try {
    argv = parseCommandLine(entry);
  } catch (error) {
    if (!(error instanceof CommandSyntaxError)) throw error;
    throw new QuorumError(
      "invalid_allowlist_entry",
      `Run allowlist entry "${entry}" cannot be used: ${error.message.replace(/^Refused command: /, "")} ` +
        `Allowlist entries are single commands without shell syntax; wrap a pipeline in a package script and allow that.`,
    );
  }
  if (argv.length === 0) throw new QuorumError("invalid_allowlist_entry", `Run allowlist entry "${entry}" is empty; remove it or name a command.`);
  return argv;
}

/** The first entry whose argv is a prefix of `argv`, or undefined. */
export function findAllowlistEntry(argv: readonly string[], allowlist: readonly (readonly string[])[]): readonly string[] | undefined {
  return allowlist.find((entry) => entry.length <= argv.length && entry.every((word, index) => argv[index] === word));
}
