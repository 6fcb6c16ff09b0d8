/**
 * The GitHub client Quorum writes with (rule P8): `@octokit/rest` with the throttling plugin
 * (writes spaced, secondary rate limits retried honouring `retry-after`, primary rate limit
 * retried once when the reset is near) and the retry plugin (5xx retried with backoff).
 *
 * Edge cases:
 * - The throttling plugin keeps its default groups in module state shared by every client in the
 *   process. Each client made here gets its own write and notification groups, so one client's
 *   spacing (e.g. a test's) never changes another's.
 * - `retry-after: 0` (or missing) on a secondary rate limit makes the plugin fall back to
 *   {@link DEFAULT_SECONDARY_FALLBACK_WAIT_S} seconds.
 * - `retryAfterUnitMs` scales every wait the plugins compute (1000 = honour the server's seconds);
 *   tests pass 1 so a `retry-after: 1` waits 1 ms. Production code should not set it.
 * - 409 (conflict) is final and never retried ({@link DO_NOT_RETRY_STATUSES}).
 * - A failed request throws a `GitHubApiError` carrying the status (api-error.ts), once retries
 *   and rate-limit waits are over.
 * - Every write's text is redacted in a request hook (rule X4, X11), the last net behind the
 *   publishers' own redaction.
 * - Misconfiguration (negative or non-finite numbers, an invalid baseUrl) throws
 *   {@link GitHubClientConfigError} at construction, not on the first request.
 */
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import Bottleneck from "bottleneck";
import { wrapRequestErrors } from "./api-error.ts";
import { GitHubClientConfigError } from "./errors.ts";
import { redactWriteRequest, type RequestParameters } from "./redaction/request-hook.ts";

export const DEFAULT_BASE_URL = "https://api.github.com";
export const DEFAULT_USER_AGENT = "quorum-workflows";
/** Minimum time between two writes (POST, PATCH, PUT, DELETE). rule P8: at least 1 s. */
export const DEFAULT_WRITE_SPACING_MS = 1000;
/** Minimum time between writes that notify people (comments, PRs, reviews); the plugin's default. */
export const DEFAULT_NOTIFICATION_SPACING_MS = 3000;
/** Retries after a secondary rate limit. */
export const DEFAULT_SECONDARY_RATE_LIMIT_RETRIES = 3;
/** A primary rate limit is retried once if it resets within this many seconds; else the call fails. */
export const DEFAULT_PRIMARY_RATE_LIMIT_MAX_WAIT_S = 60;
/** Retries after a 5xx (backoff 1 s, 4 s, 9 s…). */
export const DEFAULT_SERVER_ERROR_RETRIES = 3;
/**
 * Statuses never retried: the retry plugin's own list plus 409 (conflict), which is final — e.g.
 * cancelling a workflow run that has already completed, or a ref that already exists.
 */
export const DO_NOT_RETRY_STATUSES: readonly number[] = [400, 401, 403, 404, 409, 410, 422, 451];
/** What one second of `retry-after` / backoff is worth, in milliseconds. */
export const DEFAULT_RETRY_AFTER_UNIT_MS = 1000;
/** Wait used when a secondary rate limit comes without `retry-after` (seconds). */
export const DEFAULT_SECONDARY_FALLBACK_WAIT_S = 60;

export interface Logger {
  debug: (message: string, ...more: unknown[]) => void;
  info: (message: string, ...more: unknown[]) => void;
  warn: (message: string, ...more: unknown[]) => void;
  error: (message: string, ...more: unknown[]) => void;
}

export interface CreateOctokitOptions {
  /** Installation token or GITHUB_TOKEN. Omit for unauthenticated calls (tests). */
  token?: string;
  /** REST API root; `https://api.github.com` by default, a fake server's URL in tests. */
  baseUrl?: string;
  userAgent?: string;
  writeSpacingMs?: number;
  notificationSpacingMs?: number;
  secondaryRateLimitRetries?: number;
  primaryRateLimitMaxWaitS?: number;
  serverErrorRetries?: number;
  retryAfterUnitMs?: number;
  log?: Logger;
  /**
   * The run's secrets: every write request's text is redacted with them before it leaves
   * (rule X4, X11; redaction/request-hook.ts). Known token shapes are redacted even when empty.
   */
  secrets?: readonly string[];
}

/** The resolved settings of a client; exposed so tests can check the throttle configuration. */
export interface ClientSettings {
  baseUrl: string;
  userAgent: string;
  writeSpacingMs: number;
  notificationSpacingMs: number;
  secondaryRateLimitRetries: number;
  primaryRateLimitMaxWaitS: number;
  serverErrorRetries: number;
  retryAfterUnitMs: number;
}

function count(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new GitHubClientConfigError(`createOctokit: ${name} must be a finite number ≥ 0, got ${String(value)}.`);
  }
  return value;
}

/** Fills in defaults and checks options; throws {@link GitHubClientConfigError} on nonsense. */
export function resolveClientSettings(options: CreateOctokitOptions = {}): ClientSettings {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(url.protocol);
  } catch {
    throw new GitHubClientConfigError(`createOctokit: baseUrl "${baseUrl}" is not an http(s) URL. Use e.g. ${DEFAULT_BASE_URL}.`);
  }
  return {
    baseUrl,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    writeSpacingMs: count("writeSpacingMs", options.writeSpacingMs, DEFAULT_WRITE_SPACING_MS),
    notificationSpacingMs: count("notificationSpacingMs", options.notificationSpacingMs, DEFAULT_NOTIFICATION_SPACING_MS),
    secondaryRateLimitRetries: count("secondaryRateLimitRetries", options.secondaryRateLimitRetries, DEFAULT_SECONDARY_RATE_LIMIT_RETRIES),
    primaryRateLimitMaxWaitS: count("primaryRateLimitMaxWaitS", options.primaryRateLimitMaxWaitS, DEFAULT_PRIMARY_RATE_LIMIT_MAX_WAIT_S),
    serverErrorRetries: count("serverErrorRetries", options.serverErrorRetries, DEFAULT_SERVER_ERROR_RETRIES),
    retryAfterUnitMs: count("retryAfterUnitMs", options.retryAfterUnitMs, DEFAULT_RETRY_AFTER_UNIT_MS),
  };
}

const QuorumOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof QuorumOctokit>;

const settingsByClient = new WeakMap<object, ClientSettings>();

/** The settings a client was created with (undefined for clients not made by {@link createOctokit}). */
export function clientSettingsOf(octokit: object): ClientSettings | undefined {
  return settingsByClient.get(octokit);
}

let nextId = 0;

interface BeforeHookedClient {
  hook: { before: (name: "request", hook: (options: RequestParameters) => void) => void };
}

const redacting = new WeakSet<object>();

/**
 * Redacts the text of every write request of `octokit` (rule X4, X11; redaction/request-hook.ts).
 * For clients made elsewhere too (Probot's, one per delivery). Idempotent per client.
 */
export function redactWrites<T extends object>(octokit: T, secrets: readonly string[]): T {
  if (redacting.has(octokit)) return octokit;
  redacting.add(octokit);
  (octokit as unknown as BeforeHookedClient).hook.before("request", (request) => redactWriteRequest(request, secrets));
  return octokit;
}

export function createOctokit(options: CreateOctokitOptions = {}): GitHubClient {
  const s = resolveClientSettings(options);
  const id = `quorum-${process.pid}-${++nextId}`;
  const octokit = new QuorumOctokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: s.baseUrl,
    userAgent: s.userAgent,
    ...(options.log ? { log: options.log } : {}),
    throttle: {
      id,
      write: new Bottleneck.Group({ id: `${id}-write`, maxConcurrent: 1, minTime: s.writeSpacingMs }),
      notifications: new Bottleneck.Group({ id: `${id}-notify`, maxConcurrent: 1, minTime: s.notificationSpacingMs }),
      retryAfterBaseValue: s.retryAfterUnitMs,
      fallbackSecondaryRateRetryAfter: DEFAULT_SECONDARY_FALLBACK_WAIT_S,
      onSecondaryRateLimit: (retryAfter, request, client, retryCount) => {
        const again = retryCount < s.secondaryRateLimitRetries;
        client.log.warn(
          `GitHub secondary rate limit on ${request.method} ${request.url}; ${again ? `retrying in ${retryAfter} s (retry ${retryCount + 1} of ${s.secondaryRateLimitRetries})` : "giving up"}.`,
        );
        return again;
      },
      onRateLimit: (retryAfter, request, client, retryCount) => {
        const again = retryCount < 1 && retryAfter <= s.primaryRateLimitMaxWaitS;
        client.log.warn(
          `GitHub rate limit exhausted on ${request.method} ${request.url}; resets in ${retryAfter} s; ${again ? "retrying once" : "giving up"}.`,
        );
        return again;
      },
    },
    retry: { retries: s.serverErrorRetries, retryAfterBaseValue: s.retryAfterUnitMs, doNotRetry: [...DO_NOT_RETRY_STATUSES] },
  });
  redactWrites(octokit, options.secrets ?? []);
  // Last hook, outside the retry and throttling plugins: what reaches callers is a GitHubApiError.
  wrapRequestErrors(octokit);
  settingsByClient.set(octokit, s);
  return octokit;
}
