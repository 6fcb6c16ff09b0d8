/**
 * Secret redaction for everything Quorum posts to GitHub (rule X4).
 *
 * Agents read repositories, logs and tool output; any of that can contain a credential, and a
 * finding, comment or check-run summary would publish it. Every publisher call runs its text
 * through {@link redactSecrets}; the count tells the caller something was removed.
 *
 * Edge cases:
 * - Exact values (the run's own tokens) are matched first and literally, longest first, so a token
 *   that also matches a pattern is counted once, as `secret`.
 * - Exact values shorter than {@link MIN_EXACT_SECRET_LENGTH} characters are ignored: redacting
 *   `"ab"` everywhere would mangle the text and reveal the value by its holes.
 * - A private-key block without its END line (truncated output) is redacted to the end of the text.
 * - `Authorization:` headers keep the scheme (`Bearer`, `token`, `Basic`) and lose the credential.
 * - Patterns are anchored on word boundaries so identifiers like `task-runner` or `skeleton` are
 *   not taken for `sk-` keys; an OpenAI key needs at least 20 characters after the prefix.
 */

/** Values shorter than this are never redacted as exact values. */
export const MIN_EXACT_SECRET_LENGTH = 8;

export type SecretKind =
  | "secret"
  | "private-key"
  | "github-token"
  | "anthropic-key"
  | "openai-key"
  | "aws-access-key"
  | "aws-secret-key"
  | "slack-token"
  | "authorization"
  | "jwt";

export interface Redaction {
  text: string;
  /** How many secrets were replaced. */
  count: number;
  /** Replacements per kind (only kinds that occurred). */
  kinds: Partial<Record<SecretKind, number>>;
}

interface Rule {
  kind: SecretKind;
  pattern: RegExp;
  /** Replaces one match; defaults to the whole match → `[REDACTED:kind]`. */
  replace?: (match: string, ...groups: string[]) => string;
}

const tag = (kind: SecretKind): string => `[REDACTED:${kind}]`;

/** Order matters: specific prefixes (sk-ant-) before general ones (sk-). */
const RULES: readonly Rule[] = [
  {
    kind: "private-key",
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*$)/g,
  },
  { kind: "github-token", pattern: /\bgh[pousr]_[A-Za-z0-9]{30,255}\b/g },
  { kind: "github-token", pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g },
  { kind: "anthropic-key", pattern: /\bsk-ant-[A-Za-z0-9_-]{16,}/g },
  { kind: "openai-key", pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: "aws-access-key", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g },
  {
    kind: "aws-secret-key",
    pattern: /\b(aws_?secret_?access_?key["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})\b/gi,
    replace: (_m, prefix) => `${prefix}${tag("aws-secret-key")}`,
  },
  { kind: "slack-token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: "slack-token", pattern: /\bxapp-\d-[A-Za-z0-9-]{10,}/g },
  { kind: "jwt", pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g },
  {
    kind: "authorization",
    pattern: /\b(Authorization["']?\s*[:=]\s*["']?(?:Bearer|token|Basic)\s+)(?!\[REDACTED:)([^\s"'`]+)/gi,
    replace: (_m, prefix) => `${prefix}${tag("authorization")}`,
  },
  {
    kind: "authorization",
    pattern: /\b(Bearer\s+)(?!\[REDACTED:)([A-Za-z0-9._~+/=-]{20,})/g,
    replace: (_m, prefix) => `${prefix}${tag("authorization")}`,
  },
];

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces secrets in `text` with `[REDACTED:<kind>]`.
 *
 * @param text what is about to be posted.
 * @param exactValues the run's own secrets (tokens, keys), replaced wherever they occur as `secret`.
 */
export function redactSecrets(text: string, exactValues: readonly string[] = []): Redaction {
  const kinds: Partial<Record<SecretKind, number>> = {};
  let count = 0;
  const bump = (kind: SecretKind): void => {
    count += 1;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  };

  let out = text;
  const exact = [...new Set(exactValues)]
    .filter((v) => typeof v === "string" && v.length >= MIN_EXACT_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const value of exact) {
    out = out.replace(new RegExp(escapeRegExp(value), "g"), () => {
      bump("secret");
      return tag("secret");
    });
  }

  for (const rule of RULES) {
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      bump(rule.kind);
      if (rule.replace) {
        const groups = rest.filter((g): g is string => typeof g === "string");
        return rule.replace(match, ...groups);
      }
      return tag(rule.kind);
    });
  }
  return { text: out, count, kinds };
}

/** Convenience: the redacted text only. */
export function redact(text: string, exactValues: readonly string[] = []): string {
  return redactSecrets(text, exactValues).text;
}
