import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  downloadHandoff,
  readStageHandoff
} from "./chunk-ARUQ7ISQ.js";
import {
  publishModeOf
} from "./chunk-7R7DWX3H.js";
import "./chunk-HE3AK7X5.js";
import "./chunk-UMV3I5YR.js";
import {
  WorkflowCatalog,
  approvedWorkflow,
  concludeOnGitHub,
  decodePlan,
  exitCodeOf,
  repoWithDefaultBranch,
  reporterFor,
  runEnvironment,
  summarize,
  writeOutputs
} from "./chunk-OC5WA6QP.js";
import {
  applyEvent
} from "./chunk-DVOLNEEY.js";
import "./chunk-5I7IHOKF.js";
import "./chunk-PWS6XHMS.js";
import {
  errorMessage
} from "./chunk-TWYYX7QD.js";
import "./chunk-AEWFMDHB.js";
import "./chunk-P22UDFYS.js";
import "./chunk-BVX2D2AI.js";
import {
  info,
  setFailed
} from "./chunk-2WVEEXN4.js";
import "./chunk-4YQKGFZJ.js";
import "./chunk-PSBYVLF3.js";
import "./chunk-BRMGUKYM.js";
import "./chunk-4VCDWV26.js";

// src/action/stage-publish.ts
async function trustedMetaMode(env, planned) {
  try {
    const script = planned.handoff.freeform ? await approvedWorkflow(env.octokit, env.repo, planned.handoff.freeform) : await env.catalog.get(planned.workflow);
    return script ? publishModeOf(script.source, script.filename) : void 0;
  } catch (error) {
    env.log.warn(`Could not read the script of ${planned.workflow} for its publish mode (${errorMessage(error)}); using the config's.`);
    return void 0;
  }
}
async function checkedHandoff(ctx, planned) {
  let bytes;
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
async function publishStage(ctx) {
  let plan;
  try {
    plan = decodePlan(ctx.inputs.plan);
  } catch (error) {
    setFailed(errorMessage(error));
    return 1;
  }
  if (plan.length === 0) {
    info("The trigger job started no runs: nothing to publish.");
    await writeOutputs(summarize([]));
    return 0;
  }
  const repo = await repoWithDefaultBranch(ctx);
  const config = await ctx.config();
  const catalog = new WorkflowCatalog(ctx.octokit, repo);
  const env = runEnvironment(ctx, { repo, config, catalog, store: null, runner: null, publishFromCheckout: false });
  const results = [];
  for (const planned of plan) {
    const { handoff } = planned;
    const reporter = reporterFor(env, {
      runId: handoff.runId,
      workflow: planned.workflow,
      commit: handoff.headSha,
      freeform: handoff.freeform !== void 0,
      ...handoff.checkRunId !== void 0 ? { checkRunId: handoff.checkRunId } : {}
    });
    const started = {
      request: planned,
      runId: handoff.runId,
      workflow: planned.workflow,
      script: null,
      resumed: false,
      freeform: handoff.freeform !== void 0,
      commit: handoff.headSha,
      pull: planned.pullRequest ? { number: planned.pullRequest.number, headSha: handoff.headSha } : null,
      reporter
    };
    const checked = await checkedHandoff(ctx, planned);
    if ("refusal" in checked) {
      ctx.log.warn(`${handoff.runId}: ${checked.refusal}`);
      results.push(await concludeOnGitHub(env, started, { status: null, refusal: checked.refusal, notes: [], metaMode: void 0 }));
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
        ...checked.result !== void 0 ? { result: checked.result } : {},
        ...checked.refusal !== void 0 ? { refusal: checked.refusal } : {},
        notes,
        metaMode: await trustedMetaMode(env, planned)
      })
    );
  }
  await writeOutputs(summarize(results));
  return exitCodeOf(results, plan);
}
export {
  publishStage
};
