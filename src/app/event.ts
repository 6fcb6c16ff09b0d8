/**
 * What every handler of the App works with: the installation's client, the repository with its
 * default branch, the App's options, a logger, the config from the default branch (rule G6, read
 * at most once per event), and the check that tells Quorum's own comments from others.
 */
import type { Octokit } from "@octokit/rest";
import type { Context } from "probot";
import { wrapRequestErrors } from "../github/api-error.ts";
import { redactWrites } from "../github/octokit.ts";
import { loadConfig, DEFAULT_CONFIG, type QuorumConfig } from "../github/config.ts";
import { ConfigError } from "../github/errors.ts";
import type { OwnCommentCheck } from "../github/freeform/index.ts";
import { ownCommentCheck } from "../github/freeform/index.ts";
import type { RepoRef } from "../github/repo.ts";
import type { ResolvedAppOptions } from "./options.ts";

export interface AppLog {
  info: (message: string) => void;
  warn: (message: string) => void;
}

export interface LoadedAppConfig {
  config: QuorumConfig;
  /** Set when `.github/quorum.yml` is invalid; `config` is then the defaults. */
  error: ConfigError | null;
}

export interface AppEvent {
  /** The installation's client: check runs it creates belong to the App, so its buttons work. */
  octokit: Octokit;
  repo: RepoRef & { defaultBranch: string };
  /** The webhook event name (`issue_comment`, `check_run`, …), recorded in the trigger. */
  eventName: string;
  options: ResolvedAppOptions;
  log: AppLog;
  config: () => Promise<LoadedAppConfig>;
  /** Tells the App's own comments (its run index) from anyone else's. */
  ownComments: () => Promise<OwnCommentCheck>;
}

interface RepositoryPayload {
  repository: { name: string; owner: { login: string }; default_branch?: string };
}

/**
 * Probot's client has the same REST surface at runtime as `@octokit/rest` (`.rest.*`, `paginate`,
 * `request`), but its type lacks the legacy top-level method aliases, so it is viewed through the
 * `Octokit` type the rest of `src/github` takes. As every Quorum client's, its write requests are
 * redacted (rule X4: the App's check runs carry the task and model output) and its failed
 * requests throw `GitHubApiError`.
 */
export function restClient(octokit: Context["octokit"], secrets: readonly string[] = []): Octokit {
  return wrapRequestErrors(redactWrites(octokit, secrets)) as unknown as Octokit;
}

export function appEvent(context: Context, payload: RepositoryPayload, options: ResolvedAppOptions, botLogin: () => Promise<string | undefined>): AppEvent {
  const octokit = restClient(context.octokit, options.secrets);
  const repo = { owner: payload.repository.owner.login, repo: payload.repository.name, defaultBranch: payload.repository.default_branch ?? "main" };
  let config: Promise<LoadedAppConfig> | null = null;
  return {
    octokit,
    repo,
    eventName: context.name,
    options,
    log: { info: (m) => context.log.info(m), warn: (m) => context.log.warn(m) },
    config: () =>
      (config ??= loadConfig(octokit, repo).then(
        (loaded) => ({ config: loaded.config, error: null }),
        (error: unknown) => {
          if (error instanceof ConfigError) return { config: structuredClone(DEFAULT_CONFIG) as QuorumConfig, error };
          throw error;
        },
      )),
    ownComments: async () => {
      const login = await botLogin();
      return ownCommentCheck({ ...(options.appId !== undefined ? { appId: options.appId } : {}), ...(login ? { botLogin: login } : {}) });
    },
  };
}
