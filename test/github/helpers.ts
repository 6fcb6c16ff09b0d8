/** Shared set-up for the GitHub tests. */
import { createOctokit, type GitHubClient, type Logger } from "../../src/github/octokit.ts";
import type { FakeGitHub } from "../support/fake-github/index.ts";

/** Collects Octokit's log lines instead of printing them. */
export function quietLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (message: string) => void lines.push(message);
  return { lines, debug: () => {}, info: () => {}, warn: push, error: push };
}

/** A client for the fake server: no write spacing, retries scaled to milliseconds. */
export function fakeClient(gh: FakeGitHub, overrides: Parameters<typeof createOctokit>[0] = {}): GitHubClient {
  return createOctokit({
    baseUrl: gh.url,
    token: "ghs_faketokenfaketokenfaketokenfaketoken1",
    writeSpacingMs: 0,
    notificationSpacingMs: 0,
    retryAfterUnitMs: 1,
    log: quietLog(),
    ...overrides,
  });
}
