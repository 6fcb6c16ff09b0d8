/**
 * `stage: run` (rule X6): the job that runs agents and repository code. It takes its runs from the
 * trigger job's plan, reports progress into the check runs the trigger job made (`checks: write`
 * is the only write its token needs), and hands what each run produced to the publish job as an
 * artifact (src/github/run/stage-handoff.ts). It posts no reply and publishes nothing: its token
 * should not be able to (the example workflow gives the job `contents: read`, `checks: write`,
 * `actions: read` and nothing else), and nothing here asks it to.
 *
 * Edge cases:
 * - A run that cannot start here (its saved copy is gone, the approved script does not match) is
 *   handed off as "nothing ran" with the reason, so the publish job concludes it and replies.
 * - No artifact service (not inside Actions): nothing can be handed off; the job fails saying so.
 * - A hand-off that cannot be uploaded fails the job (the publish job then fails the check run).
 */
import { errorMessage } from "../kernel/errors.ts";
import * as core from "@actions/core";
import { ensureSandbox } from "../agents/sandbox/index.ts";
import { executeOnGitHub, startOnGitHub, WorkflowCatalog, type ExecutedRun, type GitHubRunEnvironment } from "../github/run/index.ts";
import { saveRunDirectory } from "../github/run/run-conclude.ts";
import { artifactStoreAvailable } from "../github/persist/index.ts";
import { writeStageHandoff } from "../github/run/stage-handoff.ts";
import { makeStore, repoWithDefaultBranch, runEnvironment, withCancellation, type ActionContext } from "./context.ts";
import { uploadHandoff } from "./handoff-artifact.ts";
import { writeOutputs } from "./outputs.ts";
import { decodePlan, type PlannedRun } from "./plan.ts";
import { makeRunner } from "./runner.ts";


export async function runStage(ctx: ActionContext): Promise<number> {
  const { inputs, runnerEnv } = ctx;
  let plan: PlannedRun[];
  try {
    plan = decodePlan(inputs.plan);
  } catch (error) {
    core.setFailed(errorMessage(error));
    return 1;
  }
  if (plan.length === 0) {
    core.info("The trigger job started no runs: nothing to do.");
    return 0;
  }
  if (!artifactStoreAvailable(ctx.env)) {
    core.setFailed("The run stage hands its results to the publish job as an artifact, and there is no Actions artifact service here (ACTIONS_RUNTIME_TOKEN is not set).");
    return 1;
  }
  // Rule X7: agents' commands and test runs need the bubblewrap sandbox; install or enable it on the
  // runner when the probe fails (sudo apt-get / Ubuntu 24.04's user-namespace sysctl). Without it,
  // every command is refused with the reason.
  await ensureSandbox((line) => core.info(line));
  const repo = await repoWithDefaultBranch(ctx);
  const config = await ctx.config();
  const catalog = new WorkflowCatalog(ctx.octokit, repo);
  const store = makeStore(ctx);
  const { runner, hint } = makeRunner(inputs, config, runnerEnv.workspace);
  return withCancellation(async (signal, onPersister) => {
    const env = runEnvironment(ctx, { repo, config, catalog, store, runner, hint, signal, onPersister });
    const failures: string[] = [];
    let costUsd = 0;
    for (const planned of plan) {
      const ran = await runAndHandOff(ctx, env, planned);
      costUsd += ran.costUsd;
      if (ran.failure) failures.push(ran.failure);
    }
    await writeOutputs({ runIds: plan.map((p) => p.handoff.runId), findings: 0, costUsd, reports: [] });
    if (failures.length > 0) {
      core.setFailed(failures.join("; "));
      return 1;
    }
    return 0;
  });
}

type Executed = Pick<ExecutedRun, "status" | "result" | "refusal" | "notes" | "events">;

/** Runs one planned run (or records why it cannot start) and hands what it produced to the publish job. */
async function runAndHandOff(ctx: ActionContext, env: GitHubRunEnvironment, planned: PlannedRun): Promise<{ costUsd: number; failure?: string }> {
  // Replies are the publish job's: this job's token cannot post them.
  const started = await startOnGitHub(env, { ...planned, replyTo: null });
  let executed: Executed;
  let workflow = planned.workflow;
  let costUsd = 0;
  if ("result" in started) {
    executed = { status: null, refusal: started.result.headline, notes: [], events: [] };
  } else {
    workflow = started.workflow;
    const done = await executeOnGitHub(env, started);
    executed = done;
    costUsd = started.reporter.state.totals.costUsd;
    if (done.persister) await saveRunDirectory(done.persister, done.status);
  }
  const runId = planned.handoff.runId;
  const document = writeStageHandoff(
    {
      workflowRunId: ctx.runnerEnv.runId,
      runId,
      workflow,
      commit: planned.handoff.headSha,
      status: executed.status,
      ...(executed.result !== undefined ? { result: executed.result } : {}),
      ...(executed.refusal !== undefined ? { refusal: executed.refusal } : {}),
      notes: executed.notes,
      events: executed.events,
    },
    ctx.secrets,
  );
  try {
    await uploadHandoff(runId, ctx.runnerEnv.runAttempt, document);
    core.info(`Handed run ${runId} (${executed.status ?? "not started"}) to the publish job.`);
    return { costUsd };
  } catch (error) {
    return { costUsd, failure: `${runId}: the hand-off could not be uploaded (${errorMessage(error)})` };
  }
}
