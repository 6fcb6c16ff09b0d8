/**
 * Wraps a prepared script body as an async arrow function so top-level `await` and `return` work.
 * The prefix sits on the first line and the suffix after a line break, so every line number in a
 * guest stack trace is the line in the user's file; only columns on line 1 shift, by
 * {@link BODY_PREFIX}'s length (see `stack.ts`).
 */
export const BODY_PREFIX = "(async () => {";
export const BODY_SUFFIX = "\n})()";

export function wrapBody(body: string): string {
  return BODY_PREFIX + body + BODY_SUFFIX;
}
