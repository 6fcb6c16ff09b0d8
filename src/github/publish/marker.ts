/**
 * The fingerprint marker: an HTML comment (`<!-- quorum:fingerprint=<64 hex> -->`) in every PR body,
 * review comment and review-body entry Quorum posts. Finding a marker means "already published"
 * (rule P6).
 *
 * Edge cases:
 * - Only the exact form written by {@link fingerprintMarker} counts; prose that mentions a
 *   fingerprint does not.
 * - Text from agents could carry a forged marker to suppress another finding; publishers pass
 *   untrusted text through {@link neutralizeMarkers} before embedding it.
 */

import { neutralizeRecordSyntax } from "../record-syntax.ts";

const MARKER = /<!--\s*quorum:fingerprint=([0-9a-f]{16,64})\s*-->/g;

export function fingerprintMarker(fingerprint: string): string {
  return `<!-- quorum:fingerprint=${fingerprint} -->`;
}

/** Every fingerprint marked in `text`. */
export function markersIn(text: string | null | undefined): Set<string> {
  const found = new Set<string>();
  if (!text) return found;
  for (const m of text.matchAll(MARKER)) if (m[1]) found.add(m[1]);
  return found;
}

/**
 * Makes every HTML comment opener in untrusted text inert (rule X13), so neither a fingerprint
 * marker nor any other record can be forged, and nothing can be hidden in a comment.
 */
export function neutralizeMarkers(text: string): string {
  return neutralizeRecordSyntax(text);
}
