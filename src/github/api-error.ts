/**
 * GitHub's transport errors, wrapped once at the Octokit boundary: a failed request becomes a
 * {@link GitHubApiError} (a Quorum error with the HTTP `status`), so callers ask
 * {@link httpStatusOf} instead of reading `status` off whatever was thrown.
 *
 * Edge cases:
 * - The message is Octokit's own (tests and replies quote it); the original error is the `cause`.
 * - Errors that are already Quorum's (a redaction refusal in a request hook) pass through unchanged.
 * - A network failure has no status (`status` undefined); it is still wrapped.
 * - Clients made elsewhere (Probot's, a test's plain `Octokit`) get the same wrapping through
 *   {@link wrapRequestErrors}; {@link httpStatusOf} also reads an unwrapped Octokit error.
 */
import { QuorumError } from "../kernel/errors.ts";
import { QuorumGitHubError } from "./errors.ts";

/** A request to the GitHub API failed; `status` is GitHub's answer (undefined: no answer). */
export class GitHubApiError extends QuorumGitHubError {
  readonly status: number | undefined;
  /** The body GitHub answered with, when it answered (validation details of a 422). */
  readonly responseData: unknown;

  constructor(message: string, status: number | undefined, options: { cause?: unknown; responseData?: unknown } = {}) {
    super("github_api", message, { cause: options.cause });
    this.status = status;
    this.responseData = options.responseData;
  }
}

interface OctokitErrorShape {
  status?: unknown;
  message?: unknown;
  response?: { data?: unknown } | undefined;
}

function shapeOf(error: unknown): OctokitErrorShape {
  return typeof error === "object" && error !== null ? (error as OctokitErrorShape) : {};
}

/** The HTTP status of a failed GitHub request (wrapped or not); undefined for anything else. */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof GitHubApiError) return error.status;
  const status = shapeOf(error).status;
  return typeof status === "number" ? status : undefined;
}

/** True when `error` is a GitHub answer with one of `statuses`. */
export function hasHttpStatus(error: unknown, ...statuses: number[]): boolean {
  const status = httpStatusOf(error);
  return status !== undefined && statuses.includes(status);
}

/** The body GitHub answered a failed request with, if any. */
export function responseDataOf(error: unknown): unknown {
  return error instanceof GitHubApiError ? error.responseData : shapeOf(error).response?.data;
}

/** `error` as a {@link GitHubApiError}; Quorum's own errors are returned unchanged. */
export function toGitHubApiError(error: unknown): unknown {
  if (error instanceof QuorumError) return error;
  const shape = shapeOf(error);
  const message = error instanceof Error ? error.message : typeof shape.message === "string" ? shape.message : String(error);
  return new GitHubApiError(message, httpStatusOf(error), { cause: error, responseData: shape.response?.data });
}

interface HookedClient {
  hook: { error: (name: "request", hook: (error: Error) => unknown) => void };
}

const wrapped = new WeakSet<object>();

/**
 * Makes every failed request of `octokit` throw a {@link GitHubApiError}. Installed after the
 * retry and throttling plugins, so they still see Octokit's own errors. Idempotent per client.
 */
export function wrapRequestErrors<T extends object>(octokit: T): T {
  if (wrapped.has(octokit)) return octokit;
  wrapped.add(octokit);
  (octokit as unknown as HookedClient).hook.error("request", (error) => {
    throw toGitHubApiError(error);
  });
  return octokit;
}
