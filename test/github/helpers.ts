/** Shared set-up for the GitHub tests. */
import { createOctokit, type GitHubClient, type Logger } from "../../src/github/octokit.ts";
import type { FakeGitHub } from "../support/fake-github/index.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ActionContext } from "../../src/action/context.ts";
import { actionHost } from "../../src/action/host.ts";
import { DEFAULT_CONFIG, type QuorumConfig } from "../../src/github/config.ts";
import { WorkflowCatalog } from "../../src/github/run/catalog.ts";

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

/**
 * The Action's implementation of the host port over a fake-GitHub client, as a trigger job would
 * build it (default config, no model, no run store); `botLogin` is Quorum's identity (QUORUM_BOT_LOGIN).
 */
export function testActionHost(octokit: GitHubClient, repo: { owner: string; repo: string; defaultBranch: string }, botLogin: string) {
  const config = structuredClone(DEFAULT_CONFIG) as QuorumConfig;
  const ctx = {
    env: { QUORUM_BOT_LOGIN: botLogin },
    inputs: { model: "" },
    runnerEnv: { workspace: mkdtempSync(join(tmpdir(), "quorum-host-")) },
    octokit,
    secrets: [],
    config: async () => config,
    actionsRunUrl: `https://github.com/${repo.owner}/${repo.repo}/actions/runs/1`,
    defaultHeadSha: undefined,
    log: { info: () => {}, warn: () => {} },
  } as unknown as ActionContext;
  return actionHost(ctx, { repo, catalog: new WorkflowCatalog(octokit, repo), store: null, runner: async () => ({ runner: null }), signal: new AbortController().signal, staged: false });
}
