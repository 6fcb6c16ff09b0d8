/**
 * The GitHub client of the action: `createOctokit` (throttled writes, retries; rule P8) with the
 * action's logger.
 *
 * Against a loopback API (a local fake or proxy, e.g. in Quorum's own end-to-end tests), the
 * waits may be shortened with `QUORUM_WRITE_SPACING_MS`, `QUORUM_NOTIFICATION_SPACING_MS` and
 * `QUORUM_RETRY_AFTER_UNIT_MS`. Against any other host they are ignored: the spacing protects
 * GitHub and the repository's rate limits.
 */
import * as core from "@actions/core";
import { createOctokit, type CreateOctokitOptions, type GitHubClient, type Logger } from "../github/octokit.ts";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * Octokit's log for the job log. Its request log says `info` for every request and `error` for
 * every 4xx, including the expected 404s of "is there a config file?"; those become debug lines
 * and plain lines, not error annotations. Failures that matter are thrown and reported by Quorum.
 */
export const actionLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.debug(message),
  warn: (message) => core.warning(message),
  error: (message) => core.info(message),
};

function envNumber(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Overrides of the client's waits, honoured only for a loopback `apiUrl`. */
export function loopbackOverrides(apiUrl: string, env: Record<string, string | undefined> = process.env): Partial<CreateOctokitOptions> {
  let host: string;
  try {
    host = new URL(apiUrl).hostname;
  } catch {
    return {};
  }
  if (!LOOPBACK.has(host)) return {};
  const writeSpacingMs = envNumber(env, "QUORUM_WRITE_SPACING_MS");
  const notificationSpacingMs = envNumber(env, "QUORUM_NOTIFICATION_SPACING_MS");
  const retryAfterUnitMs = envNumber(env, "QUORUM_RETRY_AFTER_UNIT_MS");
  return {
    ...(writeSpacingMs !== undefined ? { writeSpacingMs } : {}),
    ...(notificationSpacingMs !== undefined ? { notificationSpacingMs } : {}),
    ...(retryAfterUnitMs !== undefined ? { retryAfterUnitMs } : {}),
  };
}

export function createActionClient(token: string, apiUrl: string, env: Record<string, string | undefined> = process.env, secrets: readonly string[] = []): GitHubClient {
  return createOctokit({ token, baseUrl: apiUrl, userAgent: "quorum-action", log: actionLogger, secrets, ...loopbackOverrides(apiUrl, env) });
}
