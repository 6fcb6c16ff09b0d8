/**
 * Text Quorum renders cannot forge Quorum's own markers or records (rule X13).
 *
 * Quorum keeps state in HTML comments of its own check runs and comments: proposal records
 * (`<!-- quorum:freeform {…} -->`), the run index (`<!-- quorum:run {…} -->`), fingerprint
 * markers (`<!-- quorum:fingerprint=… -->`), the proposal's state span. Log lines, finding titles
 * and bodies, error messages and agent output are rendered into those same check runs and
 * comments, so every HTML comment opener in such text is made inert before it is embedded.
 *
 * Edge cases:
 * - `<!--` becomes `<` U+200B `!--`: it reads the same (the zero-width space is invisible, in
 *   prose and in code blocks alike), GitHub does not start a comment there, and no record reader
 *   matches it. Case and spacing variants (`<!--quorum:…`, `<!-- QUORUM:…`) are covered because
 *   the opener itself is what changes.
 * - Text is neutralised where it is embedded, never after Quorum's own markers are added.
 */

const OPENER = /<!--/g;

/** `text` with every HTML comment opener made inert (see the module comment). */
export function neutralizeRecordSyntax(text: string): string {
  return text.includes("<!--") ? text.replace(OPENER, "<\u200b!--") : text;
}

/**
 * Untrusted text echoed into a reply as a Markdown code span, so `@mentions`, links and Markdown in
 * it do nothing (GitHub notifies no one mentioned inside code); cut to `max` characters, backticks
 * shown as `'` so the span cannot be closed early.
 */
export function asCodeSpan(text: string, max: number): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `\`${cut.replace(/`/g, "'")}\``;
}
