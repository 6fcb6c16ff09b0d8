/**
 * Findings on GitHub: the Finding contract itself (types, schema, validation) lives in the engine
 * (src/engine/finding.ts) and is re-exported here; this file adds the fingerprint, which makes
 * publishing idempotent (rule P6).
 *
 * Edge cases:
 * - An explicit `fingerprint` that is already a hex digest (16–64 hex digits) is used as is
 *   (lowercased); any other string is hashed with the workflow name, so it stays branch-safe.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../engine/finding.ts";

export { FINDING_SCHEMA, normalizeFindings, SEVERITIES } from "../engine/finding.ts";
export type { Finding, FindingError, FindingLocation, NormalizedFindings, Severity, ValidFinding } from "../engine/finding.ts";

/** Lines are grouped in buckets of this size for the fingerprint, so small shifts keep it stable. */
export const FINGERPRINT_LINE_BUCKET = 25;
/** Length of the short fingerprint used in branch names. */
export const SHORT_FINGERPRINT_LENGTH = 10;
const FINGERPRINT_VERSION = "quorum-fingerprint/v1";

/** Lowercase, collapse whitespace, drop trailing punctuation: cosmetic rewording keeps the fingerprint. */
export function normalizeTitle(title: string): string {
  return title
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[`*_"'“”‘’]/g, "")
    .replace(/\s+/g, " ")
    .replace(/[\s.!?:;,]+$/, "")
    .trim();
}

/**
 * The full fingerprint (64 hex digits) of a finding within a workflow: sha256 of the workflow,
 * normalised title, location path and line bucket — or the finding's own `fingerprint`.
 */
export function fingerprintOf(finding: Finding, workflow: string): string {
  const own = finding.fingerprint?.trim();
  if (own && /^[0-9a-fA-F]{16,64}$/.test(own)) return own.toLowerCase();
  const parts = own
    ? [FINGERPRINT_VERSION, workflow, "custom", own]
    : [
        FINGERPRINT_VERSION,
        workflow,
        normalizeTitle(finding.title),
        finding.location?.path ?? null,
        finding.location ? Math.floor(finding.location.line / FINGERPRINT_LINE_BUCKET) : null,
      ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/** First {@link SHORT_FINGERPRINT_LENGTH} hex digits of a full fingerprint. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, SHORT_FINGERPRINT_LENGTH);
}
