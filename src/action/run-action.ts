/**
 * The GitHub Action, as a function of the runner's environment: read the event and inputs,
 * decide (rule G1–G5), run each requested workflow on GitHub, write outputs and the job summary.
 * Returns the exit code; `main.ts` is the process entry.
 *
 * Edge cases:
 * - The GitHub token and the model key are masked and removed from `process.env` before anything
 *   starts (rule X1); agents get the model key through the runner's options, not the environment.
 * - SIGINT/SIGTERM (a cancelled job) abort the run gracefully and save its journal at once
 *   (rule J5); the run's own end then saves again if the runner still allows it.
 * - Without `ACTIONS_RUNTIME_TOKEN` (not inside Actions) runs are not persisted; that is logged.
 * - No model key: runs still start, and the first agent fails with what to set (the check run
 *   shows it), rather than the job failing before anything is visible.
 * - A run handed over by the GitHub App (`workflow_dispatch` with a `run-id` input) that cannot
 *   start (an unknown workflow, a script that is not the approved blob) fails the job; its check
 *   run says why.
 * - Free-form tasks (rule G7) without the App: proposing, approving and saving are handled here
 *   (freeform.ts); an approved script runs in the same job as its approval.
 */
import { defaultRunAllowlist } from "../agents/tools/index.ts";
import * as core from "@actions/core";
import type { AgentRunner } from "../agents/contract.ts";
import { ACTIONS_BOT_LOGIN } from "../github/run/freeform-env.ts";
import { createRunner } from "../agents/runner.ts";
import type { RunLimits } from "../engine/limits.ts";
import { postReply, shortReplyBody } from "../github/comments.ts";
import { loadConfig, type QuorumConfig } from "../github/config.ts";
import { ArtifactRunStore, artifactStoreAvailable, type RunPersister, type RunStore } from "../github/persist/index.ts";
import type { ArtifactRunStoreOptions } from "../github/persist/artifact-store.ts";
import { handleControl, runOnGitHub, WorkflowCatalog, type GitHubRunResult } from "../github/run/index.ts";
import { decideTrigger, type RunRequest } from "../github/trigger.ts";
import { createActionClient } from "./client.ts";
import { cancelFreeformRun, FREEFORM_HELP, freeformRequests, saveFreeform } from "./freeform.ts";
import { readInputs, type ActionInputs } from "./inputs.ts";
import { setOutputSecrets, summarize, writeOutputs } from "./outputs.ts";
import { collectRunSecrets } from "./secrets.ts";
import { readRunnerEnvironment, type RunnerEnvironment } from "./runner-env.ts";

/** Events whose GITHUB_SHA is the default branch's last commit (so no API call is needed for it). */
const SHA_IS_DEFAULT_HEAD = new Set(["issue_comment", "issues", "schedule"]);

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function makeRunner(inputs: ActionInputs, config: QuorumConfig, checkout: string): { runner: AgentRunner | null; hint?: string } {
  try {
    // X2: the configured allowlist plus the test command; by default the test command and read-only git.
    const allowlist =
      config.run.allowlist.length > 0
        ? [...config.run.allowlist, ...(config.run.testCommand ? [config.run.testCommand] : [])]
        : defaultRunAllowlist(config.run.testCommand);
    const runner = createRunner({
      ...(inputs.provider ? { provider: inputs.provider } : {}),
      ...((inputs.model || config.models.default) ? { defaultModel: inputs.model || config.models.default } : {}),
      repo: checkout,
      ...(inputs.anthropicApiKey ? { anthropic: { apiKey: inputs.anthropicApiKey } } : {}),
      runAllowlist: allowlist,
      onNotice: (notice) => core.info(notice),
    });
    return { runner };
  } catch (error) {
    return { runner: null, hint: `${message(error)} In the workflow file, pass it as the action's \`anthropic-api-key\` input from a secret.` };
  }
}

function limitsOf(inputs: ActionInputs, config: QuorumConfig): Partial<RunLimits> {
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

function makeStore(runner: RunnerEnvironment, token: string, octokit: ArtifactRunStoreOptions["octokit"], secrets: readonly string[]): RunStore | null {
  if (!artifactStoreAvailable()) {
    core.info("No Actions artifact service here (ACTIONS_RUNTIME_TOKEN is not set): runs are not saved between jobs.");
    return null;
  }
  return new ArtifactRunStore({ workflowRunId: Number(runner.runId), attempt: runner.runAttempt, owner: runner.owner, repo: runner.repo, token, octokit, secrets, info: (m) => core.info(m) });
}

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let runnerEnv: RunnerEnvironment;
  let inputs: ActionInputs;
  // Before the inputs are read (and removed from the environment): every secret of the step.
  const envSecrets = collectRunSecrets(env);
  setOutputSecrets(envSecrets);
  try {
    runnerEnv = readRunnerEnvironment(env);
    inputs = readInputs(env);
  } catch (error) {
    core.setFailed(message(error));
    return 1;
  }
  const secrets = [...new Set([...envSecrets, inputs.githubToken, inputs.anthropicApiKey].filter(Boolean))];
  setOutputSecrets(secrets);
  const octokit = createActionClient(inputs.githubToken, runnerEnv.apiUrl, env, secrets);
  const payloadRepo = (runnerEnv.payload as { repository?: { default_branch?: unknown } } | null)?.repository;
  const repoRef = {
    owner: runnerEnv.owner,
    repo: runnerEnv.repo,
    ...(typeof payloadRepo?.default_branch === "string" ? { defaultBranch: payloadRepo.default_branch } : {}),
  };
  let configPromise: Promise<QuorumConfig> | null = null;
  const config = () => (configPromise ??= loadConfig(octokit, repoRef).then((loaded) => loaded.config));
  const replyCtx = { octokit, owner: runnerEnv.owner, repo: runnerEnv.repo, secrets, warn: (m: string) => core.warning(m) };

  let decision;
  try {
    decision = await decideTrigger(
      { octokit, owner: runnerEnv.owner, repo: runnerEnv.repo, loadConfig: config, inputs: { workflow: inputs.workflow, args: inputs.args, labelPrefix: inputs.labelPrefix } },
      { name: runnerEnv.eventName, payload: runnerEnv.payload },
    );
  } catch (error) {
    core.setFailed(`Quorum could not decide what to run for ${runnerEnv.eventName}: ${message(error)}`);
    await writeOutputs(summarize([]));
    return 1;
  }

  if (decision.action === "ignore") {
    core.info(`Nothing to do: ${decision.reason}`);
    await writeOutputs(summarize([]));
    return 0;
  }
  const store = makeStore(runnerEnv, inputs.githubToken, octokit, secrets);
  const defaultBranch = repoRef.defaultBranch ?? (await octokit.rest.repos.get({ owner: repoRef.owner, repo: repoRef.repo })).data.default_branch;
  const repo = { ...repoRef, defaultBranch };
  const catalog = new WorkflowCatalog(octokit, repo);
  const actionsRunUrl = `${runnerEnv.serverUrl}/${runnerEnv.owner}/${runnerEnv.repo}/actions/runs/${runnerEnv.runId}`;
  const defaultHeadSha = SHA_IS_DEFAULT_HEAD.has(runnerEnv.eventName) && runnerEnv.sha ? runnerEnv.sha : undefined;
  const log = { info: (m: string) => core.info(m), warn: (m: string) => core.warning(m) };
  /** What the free-form handlers need; the config is loaded already for comment events. */
  const freeformEnv = async (runner: AgentRunner | null, hint: string | undefined, signal?: AbortSignal) => {
    const loaded = await config();
    const authorModel = inputs.model || loaded.models.default;
    return {
      octokit,
      repo,
      config: loaded,
      catalog,
      checkout: runnerEnv.workspace,
      runner,
      ...(hint ? { missingRunnerHint: hint } : {}),
      ...(authorModel ? { authorModel } : {}),
      ...(defaultHeadSha ? { defaultHeadSha } : {}),
      actionsRunUrl,
      // The account the token comments as: github-actions[bot] for GITHUB_TOKEN, `<app>[bot]` for an App token.
      botLogin: env.QUORUM_BOT_LOGIN?.trim() || ACTIONS_BOT_LOGIN,
      secrets,
      ...(signal ? { signal } : {}),
      log,
    };
  };
  switch (decision.action) {
    case "reply":
      core.info(`Replying: ${decision.reason}`);
      await postReply(replyCtx, decision.replyTo, shortReplyBody(decision.replyTo, null, decision.body));
      await writeOutputs(summarize([]));
      return 0;
    case "help": {
      const text = await catalog.helpText();
      await postReply(replyCtx, decision.replyTo, shortReplyBody(decision.replyTo, null, `${text}\n\n${FREEFORM_HELP}`));
      await writeOutputs(summarize([]));
      return 0;
    }
    case "control": {
      const handled = decision.verb === "cancel" ? await cancelFreeformRun(await freeformEnv(null, undefined), decision) : false;
      if (!handled) {
        await handleControl({ octokit, repo, store, secrets, warn: replyCtx.warn }, { verb: decision.verb, runId: decision.runId, replyTo: decision.replyTo, sender: decision.sender });
      }
      await writeOutputs(summarize([]));
      return 0;
    }
    case "save":
      await saveFreeform(await freeformEnv(null, undefined), decision);
      await writeOutputs(summarize([]));
      return 0;
    case "propose":
    case "approve":
    case "run":
      break;
  }

  const loaded = await config();
  const { runner, hint } = makeRunner(inputs, loaded, runnerEnv.workspace);
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

  const results: GitHubRunResult[] = [];
  let requests: RunRequest[];
  try {
    requests = decision.action === "run" ? decision.requests : await freeformRequests(await freeformEnv(runner, hint, controller.signal), decision);
  } catch (error) {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
    core.setFailed(`Quorum could not ${decision.action} the free-form workflow: ${message(error)}`);
    await writeOutputs(summarize([]));
    return 1;
  }
  try {
    for (const request of requests) {
      if (controller.signal.aborted) break;
      results.push(
        await runOnGitHub(
          {
            octokit,
            repo,
            config: loaded,
            catalog,
            checkout: runnerEnv.workspace,
            runner,
            ...(hint ? { missingRunnerHint: hint } : {}),
            ...((inputs.model || loaded.models.default) ? { defaultModel: inputs.model || loaded.models.default } : {}),
            limits: limitsOf(inputs, loaded),
            actionsRunId: runnerEnv.runId,
            actionsRunUrl,
            ...(defaultHeadSha ? { defaultHeadSha } : {}),
            store,
            secrets,
            signal: controller.signal,
            log,
            onPersister: (p) => persisters.add(p),
          },
          request,
        ),
      );
    }
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }

  await writeOutputs(summarize(results));
  // A run the App handed over has a check run and a reply waiting for it: not starting is a failure.
  const handedOver = requests.some((r) => r.handoff?.byApp === true);
  const bad = results.filter((r) => r.status === "failed" || r.status === "incomplete" || r.status === "timed_out" || r.status === "cancelled" || (handedOver && r.status === "not_started"));
  if (bad.length > 0) {
    core.setFailed(bad.map((r) => `${r.workflow || r.runId}: ${r.headline}`).join("; "));
    return 1;
  }
  return 0;
}
