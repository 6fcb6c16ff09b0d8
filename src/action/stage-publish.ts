/**
 * `stage: publish` (rule X6): the only job that writes pull requests, reviews and replies. It runs
 * no model (it never builds a runner and refuses a model key, inputs.ts) and no repository code (it
 * needs no checkout; publishers read the base commit through the API). For each run of the
 * trigger job's plan it downloads the run job's hand-off from this workflow run, checks it
 * (src/github/run/stage-handoff.ts: size, schema, workflow run, run id, workflow, commit; every
 * string redacted again), and concludes the run exactly as a single job would
 * (src/github/run/run-conclude.ts): findings normalized and fingerprinted again, patches checked by
 * the publishers, check run completed, summary reply.
 *
 * Edge cases:
 * - No hand-off (the run job failed before uploading, or was cancelled early): the check run fails
 *   saying so and nothing is published.
 * - A hand-off that fails its checks: the check run fails with the reason; nothing of it is
 *   published (not even its report).
 * - The publish mode comes from the config and the script's trusted source (the default branch or
 *   built-in, or the approved blob), never from the hand-off.
 */
import { errorMessage } from "../kernel/errors.ts";
import * as core from "@actions/core";
import { applyEvent } from "../engine/progress.ts";
import { approvedWorkflow, concludeOnGitHub, publishModeOf, reporterFor, WorkflowCatalog, type GitHubRunEnvironment, type GitHubRunResult, type StartedRun } from "../github/run/index.ts";
import { readStageHandoff, type StageHandoff } from "../github/run/stage-handoff.ts";
import type { PublishMode } from "../github/config.ts";
import { repoWithDefaultBranch, runEnvironment, type ActionContext } from "./context.ts";
import { downloadHandoff } from "./handoff-artifact.ts";
import { exitCodeOf, summarize, writeOutputs } from "./outputs.ts";
import { decodePlan, type PlannedRun } from "./plan.ts";


/** The script's `meta.publish.mode`, read from where the script is trusted to come from. */
async function trustedMetaMode(env: GitHubRunEnvironment, planned: PlannedRun): Promise<PublishMode | undefined> {
  try {
    const script = planned.handoff.freeform ? await approvedWorkflow(env.octokit, env.repo, planned.handoff.freeform) : await env.catalog.get(planned.workflow);
    return script ? publishModeOf(script.source, script.filename) : undefined;
  } catch (error) {
    env.log.warn(`Could not read the script of ${planned.workflow} for its publish mode (${errorMessage(error)}); using the config's.`);
    return undefined;
  }
}

/** The hand-off of `planned`, checked; or why there is none to publish. */
async function checkedHandoff(ctx: ActionContext, planned: PlannedRun): Promise<StageHandoff | { refusal: string }> {
  let bytes: Buffer | null;
  try {
    bytes = await downloadHandoff(planned.handoff.runId);
  } catch (error) {
    return { refusal: `The run job's hand-off could not be read (${errorMessage(error)}); nothing was published.` };
  }
  if (!bytes) return { refusal: "The run job left no hand-off (it failed or was cancelled before the end); nothing was published. Re-run the failed jobs to resume the run." };
  try {
    return readStageHandoff(bytes, { workflowRunId: ctx.runnerEnv.runId, runId: planned.handoff.runId, workflow: planned.workflow, commit: planned.handoff.headSha }, ctx.secrets);
  } catch (error) {
    return { refusal: `The run job's hand-off was refused: ${errorMessage(error)}. Nothing of it was published.` };
  }
}

export async function publishStage(ctx: ActionContext): Promise<number> {
  let plan: PlannedRun[];
  try {
    plan = decodePlan(ctx.inputs.plan);
  } catch (error) {
    core.setFailed(errorMessage(error));
    return 1;
  }
  if (plan.length === 0) {
    core.info("The trigger job started no runs: nothing to publish.");
    await writeOutputs(summarize([]));
    return 0;
  }
  const repo = await repoWithDefaultBranch(ctx);
  const config = await ctx.config();
  const catalog = new WorkflowCatalog(ctx.octokit, repo);
  // No runner, no store, no checkout: this job only reads the hand-off and writes.
  const env = runEnvironment(ctx, { repo, config, catalog, store: null, runner: null, publishFromCheckout: false });
  const results: GitHubRunResult[] = [];
  for (const planned of plan) {
    const { handoff } = planned;
    const reporter = reporterFor(env, {
      runId: handoff.runId,
      workflow: planned.workflow,
      commit: handoff.headSha,
      freeform: handoff.freeform !== undefined,
      ...(handoff.checkRunId !== undefined ? { checkRunId: handoff.checkRunId } : {}),
    });
    const started: StartedRun = {
      request: planned,
      runId: handoff.runId,
      workflow: planned.workflow,
      script: null,
      resumed: false,
      freeform: handoff.freeform !== undefined,
      commit: handoff.headSha,
      pull: planned.pullRequest ? { number: planned.pullRequest.number, headSha: handoff.headSha } : null,
      reporter,
    };
    const checked = await checkedHandoff(ctx, planned);
    if ("refusal" in checked) {
      ctx.log.warn(`${handoff.runId}: ${checked.refusal}`);
      results.push(await concludeOnGitHub(env, started, { status: null, refusal: checked.refusal, notes: [], metaMode: undefined }));
      continue;
    }
    let replayed = true;
    for (const event of checked.events) {
      try {
        applyEvent(reporter.state, event);
      } catch {
        replayed = false;
      }
    }
    const notes = replayed ? checked.notes : [...checked.notes, "Some of the run's events could not be replayed; the progress shown may be incomplete."];
    results.push(
      await concludeOnGitHub(env, started, {
        status: checked.status,
        ...(checked.result !== undefined ? { result: checked.result } : {}),
        ...(checked.refusal !== undefined ? { refusal: checked.refusal } : {}),
        notes,
        metaMode: await trustedMetaMode(env, planned),
      }),
    );
  }
  await writeOutputs(summarize(results));
  return exitCodeOf(results, plan);
}
