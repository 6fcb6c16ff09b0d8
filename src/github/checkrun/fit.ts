/**
 * Keeping text within GitHub's size limits (rule P1, L5): a check run's `output.summary` and
 * `output.text` hold at most 65,535 characters each, a comment body 65,536. What is cut is said.
 *
 * Edge cases:
 * - The cut happens at the last line break before the limit when there is one in the last quarter,
 *   so a Markdown table row or a code line is not split in the middle.
 * - An open code fence (an odd number of ``` lines in the kept part) is closed before the note,
 *   or the note would render as code.
 * - The note itself counts against the limit: the result is never longer than `max`.
 */

/** GitHub's limit for `output.summary` and `output.text` of a check run. */
export const MAX_CHECK_RUN_OUTPUT_CHARS = 65_535;
/** GitHub's limit for an issue comment body. */
export const MAX_COMMENT_CHARS = 65_536;
/** Longest check-run title Quorum sends (GitHub shows about one line). */
export const MAX_TITLE_CHARS = 200;
/** Longest single line (a log message, an error) rendered into a list. */
export const MAX_LINE_CHARS = 500;

/** Cuts one line of untrusted length, saying how much was dropped. */
export function clipLine(text: string, max: number = MAX_LINE_CHARS): string {
  const oneLine = text.replace(/\s*\n\s*/g, " ");
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max)}… (${oneLine.length - max} more characters)`;
}

/**
 * Returns `text` unchanged when it fits in `max` characters, else a cut version ending with a note
 * that names how much was cut and where the rest is (`whereFull`).
 */
export function fitText(text: string, max: number, whereFull: string): string {
  if (text.length <= max) return text;
  const note = (cut: number): string =>
    `\n\n_… ${cut.toLocaleString("en-US")} more characters cut here (GitHub allows ${max.toLocaleString("en-US")}); ${whereFull}._`;
  // Reserve room for the note with the largest possible count, plus a closing fence.
  const room = max - note(text.length).length - 4;
  let kept = text.slice(0, Math.max(0, room));
  const lastBreak = kept.lastIndexOf("\n");
  if (lastBreak > room * 0.75) kept = kept.slice(0, lastBreak);
  const fences = kept.split("\n").filter((l) => l.trimStart().startsWith("```")).length;
  if (fences % 2 === 1) kept += "\n```";
  return `${kept}${note(text.length - kept.length)}`;
}
