/**
 * The one error model of Quorum. Every error thrown on purpose, in any room, is a {@link QuorumError}:
 * a stable `code` callers branch on (never the message text) and an `audience` that says who can
 * act on it — `user` (bad input, missing setup, a refusal: the message says what to do next) or
 * `bug` (an invariant broke inside Quorum: report it). Entry points print user errors as one line
 * and bugs with a request to report them.
 *
 * This module is a leaf: it imports nothing, so every room may use it.
 */

/** Who can act on an error: the person running Quorum, or Quorum's maintainers. */
export type ErrorAudience = "user" | "bug";

export interface QuorumErrorOptions {
  /** The error this one wraps (kept as `cause`, never shown as a stack to users). */
  cause?: unknown;
  /** Defaults to `user`: most deliberate errors are about input or setup. */
  audience?: ErrorAudience;
}

/** Base class of every deliberate error in `src/`. */
export class QuorumError extends Error {
  /** Stable, snake_case; part of the public contract (tests and callers branch on it). */
  readonly code: string;
  readonly audience: ErrorAudience;

  constructor(code: string, message: string, options: QuorumErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.audience = options.audience ?? "user";
  }
}

/** True for Quorum's own errors (of any room). */
export function isQuorumError(error: unknown): error is QuorumError {
  return error instanceof QuorumError;
}

/** The message of anything thrown: an Error's message, otherwise its string form. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
