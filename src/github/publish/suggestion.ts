/**
 * Suggestion blocks: when a finding's patch replaces exactly the lines the finding points at, the
 * review comment carries a ```suggestion block that GitHub can apply with one click (rule P5).
 *
 * The patch must be against the PR head (what reviewers see), touch only `location.path`, have
 * one hunk with one contiguous block of changes, and its removed lines must be exactly
 * `location.line..location.endLine`. Anything else → no suggestion (the comment still posts).
 */
import { parsePatch } from "diff";
import type { ValidFinding } from "../finding.ts";

/** Longest replacement offered as a suggestion; longer ones belong in a PR. */
export const MAX_SUGGESTION_LINES = 30;

function stripGitPrefix(name: string | undefined): string {
  return (name ?? "").replace(/\t.*$/, "").replace(/^[ab]\//, "");
}

/** The replacement text for `location.line..endLine`, or null when the patch is not such a replacement. */
export function suggestionFor(finding: ValidFinding): string | null {
  const { patch, location } = finding;
  if (!patch || !location) return null;
  let files;
  try {
    files = parsePatch(patch);
  } catch {
    return null;
  }
  const [file] = files;
  if (files.length !== 1 || !file || file.isCreate || file.isDelete || file.isRename || file.isBinary) return null;
  if (stripGitPrefix(file.oldFileName) !== location.path || stripGitPrefix(file.newFileName) !== location.path) return null;
  const [hunk] = file.hunks;
  if (file.hunks.length !== 1 || !hunk) return null;

  const lines = hunk.lines.filter((l) => !l.startsWith("\\"));
  let i = 0;
  while (i < lines.length && lines[i]?.startsWith(" ")) i++;
  const leading = i;
  const removed: string[] = [];
  const added: string[] = [];
  while (i < lines.length && (lines[i]?.startsWith("-") || lines[i]?.startsWith("+"))) {
    const l = lines[i] ?? "";
    (l.startsWith("-") ? removed : added).push(l.slice(1));
    i++;
  }
  if (lines.slice(i).some((l) => !l.startsWith(" "))) return null;
  if (removed.length === 0 || added.length > MAX_SUGGESTION_LINES || removed.length > MAX_SUGGESTION_LINES) return null;
  const firstRemoved = hunk.oldStart + leading;
  if (firstRemoved !== location.line || removed.length !== location.endLine - location.line + 1) return null;
  return added.join("\n");
}
