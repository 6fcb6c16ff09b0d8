import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GitHubApiError, hasHttpStatus, httpStatusOf, toGitHubApiError } from "../../src/github/api-error.ts";
import { GitHubClientConfigError } from "../../src/github/errors.ts";
import { QuorumError } from "../../src/kernel/errors.ts";
import {
  clientSettingsOf,
  createOctokit,
  DEFAULT_NOTIFICATION_SPACING_MS,
  DEFAULT_WRITE_SPACING_MS,
  resolveClientSettings,
} from "../../src/github/octokit.ts";
import { FakeGitHub } from "../support/fake-github/index.ts";
import { fakeClient, quietLog } from "./helpers.ts";

describe("P8 the GitHub client throttles writes and retries", () => {
  let gh: FakeGitHub;

  beforeAll(async () => {
    gh = await FakeGitHub.start();
    gh.createRepo({ owner: "acme", repo: "app" });
  });
  afterAll(async () => {
    await gh.stop();
  });
  afterEach(() => {
    expect(gh.violations).toEqual([]);
  });

  it("P8 writes are spaced at least 1 s apart by default", () => {
    expect(DEFAULT_WRITE_SPACING_MS).toBeGreaterThanOrEqual(1000);
    const s = resolveClientSettings();
    expect(s).toMatchObject({
      baseUrl: "https://api.github.com",
      writeSpacingMs: DEFAULT_WRITE_SPACING_MS,
      notificationSpacingMs: DEFAULT_NOTIFICATION_SPACING_MS,
      secondaryRateLimitRetries: 3,
      serverErrorRetries: 3,
      retryAfterUnitMs: 1000,
    });
    expect(clientSettingsOf(createOctokit({ token: "t" }))?.writeSpacingMs).toBe(1000);
  });

  it("P8 the spacing is configurable per client, and nonsense is refused loudly", () => {
    const a = createOctokit({ writeSpacingMs: 5, notificationSpacingMs: 10 });
    const b = createOctokit();
    expect(clientSettingsOf(a)).toMatchObject({ writeSpacingMs: 5, notificationSpacingMs: 10 });
    expect(clientSettingsOf(b)?.writeSpacingMs).toBe(1000);
    expect(() => createOctokit({ writeSpacingMs: -1 })).toThrow(GitHubClientConfigError);
    expect(() => createOctokit({ serverErrorRetries: Number.NaN })).toThrow(/serverErrorRetries must be a finite number/);
    expect(() => createOctokit({ baseUrl: "ftp://x" })).toThrow(/not an http\(s\) URL/);
    expect(resolveClientSettings({ baseUrl: "http://127.0.0.1:1/" }).baseUrl).toBe("http://127.0.0.1:1");
  });

  it("P8 writes really wait for the configured spacing", async () => {
    // Measured where the request leaves the client (its fetch), after the throttle: server arrival
    // times jitter with connection set-up and a loaded machine, dispatch times cannot come early.
    const octokit = fakeClient(gh, { writeSpacingMs: 200, notificationSpacingMs: 0 });
    const sent: number[] = [];
    const fetchAndNote: typeof fetch = (input, init) => {
      sent.push(performance.now());
      return fetch(input, init);
    };
    // The three writes are queued at `queued`; the first may start at once, the k-th no earlier than
    // k spacings later. A slow machine can only delay a send, never bring one forward, so these lower
    // bounds hold however loaded the host is (gaps between two sends would not: the first send may be late).
    const queued = performance.now();
    await Promise.all([1, 2, 3].map((i) => octokit.rest.git.createBlob({ owner: "acme", repo: "app", content: `blob ${i}`, request: { fetch: fetchAndNote } })));
    expect(sent).toHaveLength(3);
    // A timer may fire up to a couple of milliseconds early by the clock's rounding.
    sent.sort((a, b) => a - b);
    for (let k = 1; k < sent.length; k++) expect((sent[k] ?? 0) - queued).toBeGreaterThanOrEqual(k * 200 - 2);
  });

  it("P8 5xx answers are retried", async () => {
    const octokit = fakeClient(gh);
    gh.failNext("pulls/list", { kind: "server-error", status: 502 }, { times: 2 });
    gh.failNext("pulls/list", { kind: "server-error", status: 503 });
    const { data } = await octokit.rest.pulls.list({ owner: "acme", repo: "app" });
    expect(data).toEqual([]);
    expect(gh.requestsTo("pulls/list").map((r) => r.status)).toEqual([502, 502, 503, 200]);
  });

  it("P8 a 409 (conflict) is final: one request, not retried", async () => {
    const octokit = fakeClient(gh);
    gh.failNext("pulls/list", { kind: "status", status: 409, message: "Conflict" });
    const before = gh.requestsTo("pulls/list").length;
    await expect(octokit.rest.pulls.list({ owner: "acme", repo: "app" })).rejects.toMatchObject({ status: 409 });
    expect(gh.requestsTo("pulls/list").slice(before).map((r) => r.status)).toEqual([409]);
  });

  it("P8 a request that still fails after the retries reaches callers as one GitHubApiError carrying GitHub's status", async () => {
    const octokit = fakeClient(gh);
    gh.failNext("pulls/list", { kind: "server-error", status: 502 }, { times: 4 });
    const error: unknown = await octokit.rest.pulls.list({ owner: "acme", repo: "app" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toBeInstanceOf(QuorumError);
    expect(error).toMatchObject({ code: "github_api", status: 502, audience: "user" });
    expect(httpStatusOf(error)).toBe(502);
    // Octokit's own error stays reachable as the cause; a network failure (no answer) has no status.
    expect((error as GitHubApiError).cause).toMatchObject({ status: 502 });
    expect(httpStatusOf(new TypeError("fetch failed"))).toBeUndefined();
    expect(hasHttpStatus(toGitHubApiError({ status: 404, message: "Not Found" }), 404)).toBe(true);
  });

  it("X4 a failed request's GitHubApiError holds the token nowhere (message, cause, request copy, hidden fields), for an answer and for no answer", async () => {
    const token = "ghs_secrettokenthatmustnotleak0000000001";
    gh.failNext("pulls/list", { kind: "server-error", status: 502 }, { times: 4 });
    const answered: unknown = await fakeClient(gh, { token }).rest.pulls.list({ owner: "acme", repo: "app" }).catch((e: unknown) => e);
    // Nothing listens on port 9 of loopback: a network failure, which Octokit also wraps with its request.
    const unanswered: unknown = await fakeClient(gh, { token, baseUrl: "http://127.0.0.1:9", serverErrorRetries: 0 })
      .rest.pulls.list({ owner: "acme", repo: "app" })
      .catch((e: unknown) => e);
    for (const error of [answered, unanswered]) {
      expect(error).toBeInstanceOf(GitHubApiError);
      const seen = [inspect(error, { depth: null, showHidden: true }), JSON.stringify(error), String(error), (error as Error).stack ?? ""].join("\n");
      expect(seen).not.toContain(token);
      expect(seen).not.toContain(token.slice(4, 24));
      // The request copy is there (so it was looked at), with its authorization header redacted by Octokit.
      expect(seen).toContain("authorization: 'token [REDACTED]'");
    }
  });

  it("P8 writes are retried after a 5xx and happen once", async () => {
    const octokit = fakeClient(gh);
    gh.failNext("git/create-blob", { kind: "server-error", status: 500 });
    const { data } = await octokit.rest.git.createBlob({ owner: "acme", repo: "app", content: "retried write" });
    expect(data.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(gh.requestsTo("git/create-blob").slice(-2).map((r) => r.status)).toEqual([500, 201]);
  });

  it("P8 secondary rate limits are retried honouring retry-after (0 and 1)", async () => {
    const log = quietLog();
    const octokit = fakeClient(gh, { log });
    gh.failNext("repos/get", { kind: "secondary-rate-limit", retryAfter: 0 });
    gh.failNext("repos/get", { kind: "secondary-rate-limit", retryAfter: 1 });
    const { data } = await octokit.rest.repos.get({ owner: "acme", repo: "app" });
    expect(data.default_branch).toBe("main");
    expect(gh.requestsTo("repos/get").map((r) => r.status)).toEqual([403, 403, 200]);
    // retry-after: 0 means "unknown": the plugin falls back to its 60 s default (scaled in tests).
    expect(log.lines.filter((l) => /secondary rate limit/.test(l))).toEqual([
      expect.stringMatching(/retrying in 60 s \(retry 1 of 3\)/),
      expect.stringMatching(/retrying in 1 s \(retry 2 of 3\)/),
    ]);
  });

  it("P8 secondary rate limits give up after the configured retries", async () => {
    const octokit = fakeClient(gh, { secondaryRateLimitRetries: 2 });
    gh.failNext("repos/get-branch", { kind: "secondary-rate-limit", retryAfter: 1 }, { times: 5 });
    await expect(octokit.rest.repos.getBranch({ owner: "acme", repo: "app", branch: "main" })).rejects.toMatchObject({ status: 403 });
    expect(gh.requestsTo("repos/get-branch")).toHaveLength(3);
  });

  it("P8 a primary rate limit is retried once when it resets soon", async () => {
    const octokit = fakeClient(gh);
    gh.failNext("git/get-commit", { kind: "rate-limit", resetInS: 1 }, { times: 3 });
    const sha = gh.repo("acme", "app").branchSha("main");
    await expect(octokit.rest.git.getCommit({ owner: "acme", repo: "app", commit_sha: sha })).rejects.toMatchObject({ status: 403 });
    expect(gh.requestsTo("git/get-commit")).toHaveLength(2);
    const { data } = await octokit.rest.git.getCommit({ owner: "acme", repo: "app", commit_sha: sha });
    expect(data.sha).toBe(sha);
  });
});
