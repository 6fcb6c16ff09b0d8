import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  makeRunner
} from "./chunk-I2WG63CL.js";
import "./chunk-KXVYBTJK.js";
import "./chunk-PLCSZCDA.js";
import "./chunk-7K4EBRZO.js";
import {
  uploadHandoff,
  writeStageHandoff
} from "./chunk-ARUQ7ISQ.js";
import {
  executeOnGitHub
} from "./chunk-7R7DWX3H.js";
import "./chunk-HE3AK7X5.js";
import {
  ensureSandbox
} from "./chunk-UMV3I5YR.js";
import {
  WorkflowCatalog,
  decodePlan,
  makeStore,
  repoWithDefaultBranch,
  runEnvironment,
  saveRunDirectory,
  startOnGitHub,
  withCancellation,
  writeOutputs
} from "./chunk-OC5WA6QP.js";
import {
  artifactStoreAvailable
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

// src/action/stage-run.ts
async function runStage(ctx) {
  const { inputs, runnerEnv } = ctx;
  let plan;
  try {
    plan = decodePlan(inputs.plan);
  } catch (error) {
    setFailed(errorMessage(error));
    return 1;
  }
  if (plan.length === 0) {
    info("The trigger job started no runs: nothing to do.");
    return 0;
  }
  if (!artifactStoreAvailable(ctx.env)) {
    setFailed("The run stage hands its results to the publish job as an artifact, and there is no Actions artifact service here (ACTIONS_RUNTIME_TOKEN is not set).");
    return 1;
  }
  await ensureSandbox((line) => info(line));
  const repo = await repoWithDefaultBranch(ctx);
  const config = await ctx.config();
  const catalog = new WorkflowCatalog(ctx.octokit, repo);
  const store = makeStore(ctx);
  const { runner, hint } = makeRunner(inputs, config, runnerEnv.workspace);
  return withCancellation(async (signal, onPersister) => {
    const env = runEnvironment(ctx, { repo, config, catalog, store, runner, hint, signal, onPersister });
    const failures = [];
    let costUsd = 0;
    for (const planned of plan) {
      const ran = await runAndHandOff(ctx, env, planned);
      costUsd += ran.costUsd;
      if (ran.failure) failures.push(ran.failure);
    }
    await writeOutputs({ runIds: plan.map((p) => p.handoff.runId), findings: 0, costUsd, reports: [] });
    if (failures.length > 0) {
      setFailed(failures.join("; "));
      return 1;
    }
    return 0;
  });
}
async function runAndHandOff(ctx, env, planned) {
  const started = await startOnGitHub(env, { ...planned, replyTo: null });
  let executed;
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
      ...executed.result !== void 0 ? { result: executed.result } : {},
      ...executed.refusal !== void 0 ? { refusal: executed.refusal } : {},
      notes: executed.notes,
      events: executed.events
    },
    ctx.secrets
  );
  try {
    await uploadHandoff(runId, ctx.runnerEnv.runAttempt, document);
    info(`Handed run ${runId} (${executed.status ?? "not started"}) to the publish job.`);
    return { costUsd };
  } catch (error) {
    return { costUsd, failure: `${runId}: the hand-off could not be uploaded (${errorMessage(error)})` };
  }
}
export {
  runStage
};
