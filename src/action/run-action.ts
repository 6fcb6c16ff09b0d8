/**
 * The GitHub Action, as a function of the runner's environment: read the event and inputs, then do
 * this job's part of a run (rule X6; input `stage`):
 *
 * | stage | decides (rule G1–G5) | runs agents and repository code | writes |
 * |---|---|---|---|
 * | `trigger` | yes: replies, help, status/cancel, approvals; starts runs (check run + start reply) and outputs the `plan` | no | check runs, replies |
 * | `run` | no: the `plan` input | yes (model key) | check-run progress only; the hand-off artifact |
 * | `publish` | no: the `plan` input | no (no model key, no checkout) | PRs, reviews, replies, check-run conclusion |
 * | `all` | everything in one job (opt-in `allow-single-job: true`) | yes | everything |
 *
 * Returns the exit code; `main.ts` is the process entry.
 *
 * Edge cases:
 * - The GitHub token and the model key are masked and removed from `process.env` before anything
 *   starts (rule X1); agents get the model key through the runner's options, not the environment.
 * - SIGINT/SIGTERM (a cancelled job) abort the run gracefully and save its journal at once
 *   (rule J5); the run's own end then saves again if the runner still allows it.
 * - Without `ACTIONS_RUNTIME_TOKEN` (not inside Actions) runs are not persisted; that is logged.
 *   The staged flow needs it (the hand-off is an artifact).
 * - No model key: runs still start, and the first agent fails with what to set (the check run
 *   shows it), rather than the job failing before anything is visible.
 * - A run handed over by the GitHub App (`workflow_dispatch` with a `run-id` input) that cannot
 *   start (an unknown workflow, a script that is not the approved blob) fails the job; its check
 *   run says why.
 * - Free-form tasks (rule G7) without the App: approving, cancelling and saving are handled by the
 *   trigger stage (freeform.ts); proposing needs the author agent's model, so it works in
 *   `stage: all` only (the trigger stage replies so).
 */
import { errorMessage } from "../kernel/errors.ts";
import * as core from "@actions/core";
import type { AgentRunner } from "../agents/contract.ts";
import { ACTIONS_BOT_LOGIN } from "../github/run/freeform-env.ts";
import { postReply, shortReplyBody } from "../github/comments.ts";
// Straight from the modules, not the barrel (../github/run/index.ts), which also loads the engine.
import { WorkflowCatalog } from "../github/run/catalog.ts";
import { handleControl } from "../github/run/control.ts";
import { runOnGitHub, startOnGitHub, type GitHubRunResult } from "../github/run/run-on-github.ts";
import { decideTrigger, type RunRequest } from "../github/trigger.ts";
import { actionContext, makeStore, repoWithDefaultBranch, runEnvironment, withCancellation, type ActionContext } from "./context.ts";
import { cancelFreeformRun, FREEFORM_HELP, freeformRequests, saveFreeform } from "./freeform.ts";
import { readInputs, type ActionInputs } from "./inputs.ts";
import { exitCodeOf, setOutputSecrets, summarize, writeOutputs } from "./outputs.ts";
import { collectRunSecrets } from "./secrets.ts";
import { encodePlan, type PlannedRun } from "./plan.ts";
import { readRunnerEnvironment, type RunnerEnvironment } from "./runner-env.ts";


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
    core.setFailed(errorMessage(error));
    return 1;
  }
  const ctx = actionContext(env, runnerEnv, inputs, envSecrets);
  switch (inputs.stage) {
    // Each stage loads its own code (the bundle splits there): the trigger job, whose start
    // decides how soon a check run appears, never evaluates the engine, the SDKs or the artifact client.
    case "run":
      return (await import("./stage-run.ts")).runStage(ctx);
    case "publish":
      return (await import("./stage-publish.ts")).publishStage(ctx);
    case "trigger":
    case "all":
      return triggerStage(ctx);
  }
}

/** Decides what the event asks for and does it: all of it (`all`), or up to the start of each run (`trigger`). */
async function triggerStage(ctx: ActionContext): Promise<number> {
  const { octokit, runnerEnv, inputs, secrets, env } = ctx;
  const staged = inputs.stage === "trigger";
  if (staged) core.setOutput("plan", "[]");
  const replyCtx = { octokit, owner: runnerEnv.owner, repo: runnerEnv.repo, secrets, warn: ctx.log.warn };

  let decision;
  try {
    decision = await decideTrigger(
      { octokit, owner: runnerEnv.owner, repo: runnerEnv.repo, loadConfig: ctx.config, inputs: { workflow: inputs.workflow, args: inputs.args, labelPrefix: inputs.labelPrefix } },
      { name: runnerEnv.eventName, payload: runnerEnv.payload },
    );
  } catch (error) {
    core.setFailed(`Quorum could not decide what to run for ${runnerEnv.eventName}: ${errorMessage(error)}`);
    await writeOutputs(summarize([]));
    return 1;
  }

  if (decision.action === "ignore") {
    core.info(`Nothing to do: ${decision.reason}`);
    await writeOutputs(summarize([]));
    return 0;
  }
  const store = makeStore(ctx);
  const repo = await repoWithDefaultBranch(ctx);
  const catalog = new WorkflowCatalog(octokit, repo);
  /** What the free-form handlers need; the config is loaded already for comment events. */
  const freeformEnv = async (runner: AgentRunner | null, hint: string | undefined, signal?: AbortSignal) => {
    const loaded = await ctx.config();
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
      ...(ctx.defaultHeadSha ? { defaultHeadSha: ctx.defaultHeadSha } : {}),
      actionsRunUrl: ctx.actionsRunUrl,
      // The account the token comments as: github-actions[bot] for GITHUB_TOKEN, `<app>[bot]` for an App token.
      botLogin: env.QUORUM_BOT_LOGIN?.trim() || ACTIONS_BOT_LOGIN,
      secrets,
      ...(signal ? { signal } : {}),
      log: ctx.log,
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
      if (staged) {
        const why =
          "Free-form tasks need an author agent, and this workflow keeps models out of the jobs that can write (rule X6). Use the Quorum GitHub App for free-form tasks, or name a workflow: `/workflow help` lists them.";
        await postReply(replyCtx, decision.replyTo, shortReplyBody(decision.replyTo, decision.sender.login, why));
        await writeOutputs(summarize([]));
        return 0;
      }
      break;
    case "approve":
    case "run":
      break;
  }

  const loaded = await ctx.config();
  // The trigger stage holds no model key: it starts runs, the run stage runs them.
  const { runner, hint } = staged ? { runner: null, hint: undefined } : (await import("./runner.ts")).makeRunner(inputs, loaded, runnerEnv.workspace);
  return withCancellation(async (signal, onPersister) => {
    let requests: RunRequest[];
    try {
      requests = decision.action === "run" ? decision.requests : await freeformRequests(await freeformEnv(runner, hint, signal), decision);
    } catch (error) {
      core.setFailed(`Quorum could not ${decision.action} the free-form workflow: ${errorMessage(error)}`);
      await writeOutputs(summarize([]));
      return 1;
    }
    const runEnv = runEnvironment(ctx, { repo, config: loaded, catalog, store, runner, hint, signal, onPersister });
    const results: GitHubRunResult[] = [];
    const planned: PlannedRun[] = [];
    for (const request of requests) {
      if (signal.aborted) break;
      if (!staged) {
        results.push(await runOnGitHub(runEnv, request));
        continue;
      }
      const started = await startOnGitHub(runEnv, request);
      if ("result" in started) {
        results.push(started.result);
        continue;
      }
      planned.push({
        ...request,
        // A resumed run's workflow is known only once its saved copy was read: the plan names it.
        workflow: started.workflow,
        handoff: {
          ...request.handoff,
          runId: started.runId,
          headSha: started.commit,
          ...(started.reporter.id !== null ? { checkRunId: started.reporter.id } : {}),
          announced: true,
        },
      });
    }
    if (staged) {
      core.setOutput("plan", encodePlan(planned));
      core.info(`Started ${planned.length} run(s) for the run job: ${planned.map((p) => p.handoff.runId).join(", ") || "none"}.`);
    }
    await writeOutputs(summarize(results));
    return exitCodeOf(results, requests);
  });
}
