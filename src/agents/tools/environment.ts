/**
 * The environment of every subprocess an agent starts (rule X1): an allowlist of harmless
 * variables, and a denylist that wins over it, so no token, key or runner secret reaches a child.
 */
import { delimiter, isAbsolute } from "node:path";

/** Variables passed through (compared case-insensitively; Windows needs the last four to run anything). */
const PASSED_VARIABLES: ReadonlySet<string> = new Set([
  "PATH",
  "HOME",
  "LANG",
  "LANGUAGE",
  "TERM",
  "CI",
  "TMPDIR",
  "TMP",
  "TEMP",
  "USER",
  "LOGNAME",
  "TZ",
  "SYSTEMROOT",
  "WINDIR",
  "COMSPEC",
  "PATHEXT",
]);
/** Prefixes passed through: locale settings. */
const PASSED_PREFIXES = ["LC_"] as const;
/** Names that are never passed, even when allowed explicitly. */
const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|PASSPHRASE|AUTH|COOKIE|CREDENTIAL|SESSION|PRIVATE/i;
/** Prefixes that are never passed: runner internals and provider settings. */
const SECRET_PREFIXES = ["ACTIONS_", "GITHUB_TOKEN", "ANTHROPIC_", "OPENAI_", "QUORUM_"] as const;

/** True when a variable name looks like it carries a secret or a runner internal. */
export function isSecretVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return SECRET_NAME.test(upper) || SECRET_PREFIXES.some((prefix) => upper.startsWith(prefix));
}

function isPassed(upper: string, extra: ReadonlySet<string>): boolean {
  return PASSED_VARIABLES.has(upper) || extra.has(upper) || PASSED_PREFIXES.some((prefix) => upper.startsWith(prefix));
}

/** Drops empty and relative PATH entries: they would make a command resolve to a file in the checkout. */
function absolutePathEntries(value: string): string {
  return value
    .split(delimiter)
    .filter((entry) => isAbsolute(entry))
    .join(delimiter);
}

/**
 * Returns a new environment holding only allowed variables of `env`: PATH, HOME, LANG, LANGUAGE,
 * LC_*, TERM, CI, TMPDIR, TMP, TEMP, USER, LOGNAME, TZ (and Windows' SYSTEMROOT, WINDIR, COMSPEC,
 * PATHEXT), plus `extraAllowed` names. A name matching TOKEN, KEY, SECRET, PASSWORD, AUTH, COOKIE,
 * CREDENTIAL, SESSION or PRIVATE, or starting with ACTIONS_, GITHUB_TOKEN, ANTHROPIC_, OPENAI_ or
 * QUORUM_, is dropped even when allowed. Undefined values are dropped; PATH loses empty and
 * relative entries.
 */
export function scrubEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  extraAllowed: readonly string[] = [],
): Record<string, string> {
  const extra = new Set(extraAllowed.map((name) => name.toUpperCase()));
  const scrubbed: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const upper = name.toUpperCase();
    if (!isPassed(upper, extra) || isSecretVariable(upper)) continue;
    scrubbed[name] = upper === "PATH" ? absolutePathEntries(value) : value;
  }
  return scrubbed;
}
