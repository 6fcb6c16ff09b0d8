/**
 * Where a review comment may go: the hunks of a PR file's `patch` (from `pulls.listFiles`).
 * A RIGHT-side comment may sit on any line of the new file that the hunk shows (added or context).
 *
 * Edge cases:
 * - Files without a `patch` (binary, or too large for GitHub to diff) have no hunks.
 * - A hunk with `+c,0` (only deletions) has no RIGHT-side lines.
 * - A multi-line comment must lie inside one hunk; spanning two hunks is not allowed by GitHub.
 */

export interface Hunk {
  /** First line of the new file shown by the hunk. */
  newStart: number;
  /** Number of new-file lines shown (0 for a deletion-only hunk). */
  newLines: number;
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

export function parseHunks(patch: string | null | undefined): Hunk[] {
  if (!patch) return [];
  const hunks: Hunk[] = [];
  for (const line of patch.split("\n")) {
    const m = HUNK_HEADER.exec(line);
    if (m) hunks.push({ newStart: Number(m[1]), newLines: m[2] === undefined ? 1 : Number(m[2]) });
  }
  return hunks;
}

/** One file of a PR as `pulls.listFiles` gives it (only what placing comments needs). */
export interface PullFile {
  filename: string;
  patch?: string | null;
  /** `added`, `removed`, `modified`, `renamed` … as GitHub lists them. */
  status?: string;
}

/** Hunks per file name (the new name for renamed files). */
export function hunksByPath(files: readonly PullFile[]): Map<string, Hunk[]> {
  return new Map(files.map((f) => [f.filename, parseHunks(f.patch)]));
}

/** True when lines `line..endLine` of the new file are all inside one hunk. */
export function insideHunk(hunks: readonly Hunk[], line: number, endLine: number): boolean {
  return hunks.some((h) => h.newLines > 0 && line >= h.newStart && endLine <= h.newStart + h.newLines - 1);
}
