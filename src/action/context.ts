/**
 * What every stage of the Action shares: the runner's environment, the inputs, the GitHub client,
 * the repository, the config (read once, from the default branch), the workflow catalog, the
 * artifact store, and how a {@link GitHubRunEnvironment} is put together from them.
 */
import * as core from "@actions/core";
import type { AgentRunner } from "../agents/contract.ts";
import type { RunLimits } from "../engine/limits.ts";
import { loadConfig, type QuorumConfig } from "../github/config.ts";
import type { GitHubClient } from "../github/octokit.ts";
import { ArtifactRunStore, artifactStoreAvailable, workflowPathOf, type RunPersister, type RunStore } from "../github/persist/index.ts";
import type { RepoRef } from "../github/repo.ts";
import { WorkflowCatalog } from "../github/run/catalog.ts";
import type { GitHubRunEnvironment } from "../github/run/run-on-github.ts";
import { createActionClient } from "./client.ts";
import type { ActionInputs } from "./inputs.ts";
import { setOutputSecrets } from "./outputs.ts";
import type { RunnerEnvironment } from "./runner-env.ts";

/** Events whose GITHUB_SHA is the default branch's last commit (so no API call is needed for it). */
const SHA_IS_DEFAULT_HEAD = new Set(["issue_comment", "issues", "schedule"]);

export interface ActionContext {
  env: NodeJS.ProcessEnv;
  runnerEnv: RunnerEnvironment;
  inputs: ActionInputs;
  octokit: GitHubClient;
  repoRef: RepoRef;
  /** Exact secrets this job holds, redacted from everything it posts or hands on (rule X4). */
  secrets: string[];
  config: () => Promise<QuorumConfig>;
  actionsRunUrl: string;
  defaultHeadSha: string | undefined;
  log: { info: (m: string) => void; warn: (m: string) => void };
}

/** `envSecrets`: the step's secrets collected before the inputs were read (src/action/secrets.ts). */
export function actionContext(env: NodeJS.ProcessEnv, runnerEnv: RunnerEnvironment, inputs: ActionInputs, envSecrets: readonly string[] = []): ActionContext {
  const secrets = [...new Set([...envSecrets, inputs.githubToken, inputs.anthropicApiKey].filter(Boolean))];
  setOutputSecrets(secrets);
  const octokit = createActionClient(inputs.githubToken, runnerEnv.apiUrl, env, secrets);
  const payloadRepo = (runnerEnv.payload as { repository?: { default_branch?: unknown } } | null)?.repository;
  const repoRef: RepoRef = {
    owner: runnerEnv.owner,
    repo: runnerEnv.repo,
    ...(typeof payloadRepo?.default_branch === "string" ? { defaultBranch: payloadRepo.default_branch } : {}),
  };
  let configPromise: Promise<QuorumConfig> | null = null;
  return {
    env,
    runnerEnv,
    inputs,
    octokit,
    repoRef,
    secrets,
    config: () => (configPromise ??= loadConfig(octokit, repoRef).then((loaded) => loaded.config)),
    actionsRunUrl: `${runnerEnv.serverUrl}/${runnerEnv.owner}/${runnerEnv.repo}/actions/runs/${runnerEnv.runId}`,
    defaultHeadSha: SHA_IS_DEFAULT_HEAD.has(runnerEnv.eventName) && runnerEnv.sha ? runnerEnv.sha : undefined,
    log: { info: (m: string) => core.info(m), warn: (m: string) => core.warning(m) },
  };
}

/** The repository with its default branch (from the event, else asked once). */
export async function repoWithDefaultBranch(ctx: ActionContext): Promise<RepoRef & { defaultBranch: string }> {
  const defaultBranch = ctx.repoRef.defaultBranch ?? (await ctx.octokit.rest.repos.get({ owner: ctx.repoRef.owner, repo: ctx.repoRef.repo })).data.default_branch;
  return { ...ctx.repoRef, defaultBranch };
}

export function makeStore(ctx: ActionContext): RunStore | null {
  if (!artifactStoreAvailable()) {
    core.info("No Actions artifact service here (ACTIONS_RUNTIME_TOKEN is not set): runs are not saved between jobs.");
    return null;
  }
  const { runnerEnv } = ctx;
  return new ArtifactRunStore({
    workflowRunId: Number(runnerEnv.runId),
    attempt: runnerEnv.runAttempt,
    owner: runnerEnv.owner,
    repo: runnerEnv.repo,
    token: ctx.inputs.githubToken,
    octokit: ctx.octokit,
    secrets: ctx.secrets,
    info: (m) => core.info(m),
    // Saved runs are taken only from runs of this workflow file in this repository (rule X10).
    workflowPath: workflowPathOf(ctx.env.GITHUB_WORKFLOW_REF, runnerEnv.owner, runnerEnv.repo),
  });
}

export function limitsOf(inputs: ActionInputs, config: QuorumConfig): Partial<RunLimits> {
  const maxConcurrency = inputs.maxConcurrency ?? config.limits.maxConcurrency;
  const budgetTokens = inputs.budgetTokens ?? config.limits.budgetTokens;
  const maxCostUsd = inputs.maxCostUsd ?? config.limits.maxCostUsd;
  const maxAgents = config.limits.maxAgents;
  return {
    ...(maxConcurrency !== undefined ? { maxConcurrency } : {}),
    ...(budgetTokens !== undefined ? { budgetTokens } : {}),
    ...(maxCostUsd !== undefined ? { maxCostUsd } : {}),
    ...(maxAgents !== undefined ? { maxAgents } : {}),
  };
}

/** The environment of runs in this job. `runner` is null in the trigger and publish stages. */
export function runEnvironment(
  ctx: ActionContext,
  parts: {
    repo: RepoRef & { defaultBranch: string };
    config: QuorumConfig;
    catalog: WorkflowCatalog;
    store: RunStore | null;
    runner: AgentRunner | null;
    hint?: string | undefined;
    signal?: AbortSignal;
    onPersister?: (p: RunPersister) => void;
    publishFromCheckout?: boolean;
  },
): GitHubRunEnvironment {
  const { inputs, runnerEnv } = ctx;
  const defaultModel = inputs.model || parts.config.models.default;
  return {
    octokit: ctx.octokit,
    repo: parts.repo,
    config: parts.config,
    catalog: parts.catalog,
    checkout: runnerEnv.workspace,
    ...(runnerEnv.runnerTemp ? { runnerTemp: runnerEnv.runnerTemp } : {}),
    runner: parts.runner,
    ...(parts.hint ? { missingRunnerHint: parts.hint } : {}),
    ...(defaultModel ? { defaultModel } : {}),
    limits: limitsOf(inputs, parts.config),
    actionsRunId: runnerEnv.runId,
    actionsRunUrl: ctx.actionsRunUrl,
    ...(ctx.defaultHeadSha ? { defaultHeadSha: ctx.defaultHeadSha } : {}),
    store: parts.store,
    secrets: ctx.secrets,
    ...(parts.signal ? { signal: parts.signal } : {}),
    log: ctx.log,
    ...(parts.onPersister ? { onPersister: parts.onPersister } : {}),
    ...(parts.publishFromCheckout === false ? { publishFromCheckout: false } : {}),
  };
}

/**
 * Runs `work` with SIGINT/SIGTERM (a cancelled job) aborting its signal gracefully and saving
 * every persister at once (rule J5).
 */
export async function withCancellation<T>(work: (signal: AbortSignal, onPersister: (p: RunPersister) => void) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const persisters = new Set<RunPersister>();
  const onSignal = (signal: string) => {
    core.warning(`Received ${signal}: stopping the run gracefully and saving its journal.`);
    controller.abort(new Error(`the job was cancelled (${signal})`));
    for (const p of persisters) void p.saveNow("cancellation");
  };
  const onInt = () => onSignal("SIGINT");
  const onTerm = () => onSignal("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  try {
    return await work(controller.signal, (p) => persisters.add(p));
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
}

export { WorkflowCatalog };
