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
 * - What the event asks for is decided and acted on by the same flows as in the GitHub App
 *   (src/github/host/), through this job's host (host.ts): replies, help, status and cancel,
 *   free-form approve, reject and save. Proposing needs the author agent's model, so it works in
 *   `stage: all` only (the trigger stage replies so). The runs those flows start are queued, then
 *   run here (`all`) or started and planned for the run job (`trigger`).
 */
import * as core from "@actions/core";
import type { AgentRunner } from "../agents/contract.ts";
import { actOnDecision } from "../github/host/act.ts";
// Straight from the modules, not the barrel (../github/run/index.ts), which also loads the engine.
import { WorkflowCatalog } from "../github/run/catalog.ts";
import { runOnGitHub, startOnGitHub, type GitHubRunResult } from "../github/run/run-on-github.ts";
import { decideTrigger, type RunRequest, type TriggerDecision } from "../github/trigger.ts";
import { errorMessage } from "../kernel/errors.ts";
import { actionContext, makeStore, repoWithDefaultBranch, runEnvironment, withCancellation, type ActionContext } from "./context.ts";
import { actionHost } from "./host.ts";
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

/** Ends a job that started no run: empty outputs, and the exit code. */
async function noRuns(code: number): Promise<number> {
  await writeOutputs(summarize([]));
  return code;
}

/** What the event asks for; an exit code when that cannot be decided. */
async function decide(ctx: ActionContext): Promise<TriggerDecision | number> {
  const { octokit, runnerEnv, inputs } = ctx;
  try {
    return await decideTrigger(
      { octokit, owner: runnerEnv.owner, repo: runnerEnv.repo, loadConfig: ctx.config, inputs: { workflow: inputs.workflow, args: inputs.args, labelPrefix: inputs.labelPrefix } },
      { name: runnerEnv.eventName, payload: runnerEnv.payload },
    );
  } catch (error) {
    core.setFailed(`Quorum could not decide what to run for ${runnerEnv.eventName}: ${errorMessage(error)}`);
    return noRuns(1);
  }
}

/** Decides what the event asks for and does it: all of it (`all`), or up to the start of each run (`trigger`). */
async function triggerStage(ctx: ActionContext): Promise<number> {
  const staged = ctx.inputs.stage === "trigger";
  if (staged) core.setOutput("plan", "[]");
  const decision = await decide(ctx);
  if (typeof decision === "number") return decision;
  if (decision.action === "ignore") {
    core.info(`Nothing to do: ${decision.reason}`);
    return noRuns(0);
  }
  const repo = await repoWithDefaultBranch(ctx);
  const catalog = new WorkflowCatalog(ctx.octokit, repo);
  const store = makeStore(ctx);
  type MadeRunner = { runner: AgentRunner | null; hint?: string | undefined };
  let made: Promise<MadeRunner> | null = null;
  const makeRunner = async (): Promise<MadeRunner> => (await import("./runner.ts")).makeRunner(ctx.inputs, await ctx.config(), ctx.runnerEnv.workspace);
  // The trigger stage holds no model key (nor loads the runner): it starts runs, the run stage runs them.
  const runner = (): Promise<MadeRunner> => (made ??= staged ? Promise.resolve({ runner: null }) : makeRunner());
  return withCancellation(async (signal, onPersister) => {
    const { host, queued } = actionHost(ctx, { repo, catalog, store, runner, signal, staged });
    try {
      await actOnDecision(host, decision);
    } catch (error) {
      core.setFailed(`Quorum could not ${decision.action === "run" ? "start the run" : `act on the ${decision.action} command`}: ${errorMessage(error)}`);
      return noRuns(1);
    }
    if (queued.length === 0) return noRuns(0);
    const { runner: agentRunner, hint } = await runner();
    const runEnv = runEnvironment(ctx, { repo, config: await ctx.config(), catalog, store, runner: agentRunner, hint, signal, onPersister });
    const results = staged ? await planRuns(runEnv, queued, signal) : await runAll(runEnv, queued, signal);
    await writeOutputs(summarize(results));
    return exitCodeOf(results, queued);
  });
}

type RunEnv = ReturnType<typeof runEnvironment>;

/** `stage: all`: every run from start to end in this job. */
async function runAll(env: RunEnv, requests: readonly RunRequest[], signal: AbortSignal): Promise<GitHubRunResult[]> {
  const results: GitHubRunResult[] = [];
  for (const request of requests) {
    if (signal.aborted) break;
    results.push(await runOnGitHub(env, request));
  }
  return results;
}

/** `stage: trigger`: each run started (check run, start reply) and planned for the run job (output `plan`). */
async function planRuns(env: RunEnv, requests: readonly RunRequest[], signal: AbortSignal): Promise<GitHubRunResult[]> {
  const results: GitHubRunResult[] = [];
  const planned: PlannedRun[] = [];
  for (const request of requests) {
    if (signal.aborted) break;
    const started = await startOnGitHub(env, request);
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
  core.setOutput("plan", encodePlan(planned));
  core.info(`Started ${planned.length} run(s) for the run job: ${planned.map((p) => p.handoff.runId).join(", ") || "none"}.`);
  return results;
}
