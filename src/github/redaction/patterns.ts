/**
 * Known credential shapes: the second net behind the run's exact secrets (rule X4, X11). They
 * catch keys Quorum was never told about — a token an agent read from a log, a key in a test
 * fixture.
 *
 * Edge cases:
 * - Order matters: specific prefixes (`sk-ant-`) before general ones (`sk-`).
 * - Patterns are anchored on word boundaries so identifiers like `task-runner` or `skeleton` are
 *   not taken for `sk-` keys; an OpenAI key needs at least 20 characters after the prefix.
 * - `group` names the capture group that is the credential (an `Authorization:` header keeps its
 *   scheme, an AWS secret its variable name); without it the whole match is redacted.
 * - A private-key block without its END line (truncated output) is redacted to the end of the text.
 */

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

export interface ShapeRule {
  kind: SecretKind;
  /** Global, with the `d` flag when `group` is set. */
  pattern: RegExp;
  group?: number;
}

export const SHAPE_RULES: readonly ShapeRule[] = [
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
  { kind: "aws-secret-key", pattern: /\baws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})\b/dgi, group: 1 },
  { kind: "slack-token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: "slack-token", pattern: /\bxapp-\d-[A-Za-z0-9-]{10,}/g },
  { kind: "jwt", pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g },
  {
    kind: "authorization",
    pattern: /\bAuthorization["']?\s*[:=]\s*["']?(?:Bearer|token|Basic)\s+(?!\[REDACTED:)([^\s"'`]+)/dgi,
    group: 1,
  },
  { kind: "authorization", pattern: /\bBearer\s+(?!\[REDACTED:)([A-Za-z0-9._~+/=-]{20,})/dg, group: 1 },
];

/** Token shapes worth looking for inside decoded base64 (prefix-anchored, few false positives). */
export const BASE64_SHAPE_RULES: readonly ShapeRule[] = SHAPE_RULES.filter((r) => r.kind === "github-token" || r.kind === "anthropic-key" || r.kind === "openai-key" || r.kind === "private-key");
