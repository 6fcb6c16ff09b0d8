/**
 * The run stage's part of a GitHub run (rule X6): run the engine with the check-run reporter as a
 * sink and keep the run directory saved. Writes nothing but check-run progress (and artifacts
 * through the runner's artifact service): what to publish is returned, for {@link concludeOnGitHub}
 * in the same process or for the hand-off to the publish stage (stage-handoff.ts).
 *
 * Edge cases:
 * - A script or args that fail validation, or a resume the engine refuses (other commit, rule J4):
 *   nothing runs, `status` is null and the reporter's state says why.
 * - The script's `meta.publish.mode` is read here, from the script that ran; the publish stage
 *   reads it again from the script's trusted source instead of believing the hand-off.
 */
import { errorMessage } from "../../kernel/errors.ts";
import { join } from "node:path";
import type { JsonValue } from "../../kernel/json.ts";
import type { EventSink, RunEvent, RunStatus } from "../../engine/events.ts";
import { resumeRun, startRun, type RunOutcome } from "../../engine/run.ts";
import { RunDirectory } from "../../engine/rundir.ts";
import { prepareScript } from "../../engine/script/index.ts";
import { pullRequestChangeArgs } from "./pull-change.ts";
import type { PublishMode } from "../config.ts";
import { createRunsRoot, RunPersister } from "../persist/index.ts";
import type { GitHubRunEnvironment, StartedRun } from "./run-on-github.ts";

export interface ExecutedRun {
  /** The engine's final status; null when nothing ran (script, args or resume refused). */
  status: RunStatus | null;
  /** The script's result (findings are read from it by the publisher). */
  result?: JsonValue;
  /** Why nothing ran, when `status` is null. */
  refusal?: string;
  notes: string[];
  /** The script's `meta.publish.mode`, if it declares one. */
  metaMode: PublishMode | undefined;
  /** Every engine event of this process, in order (the publish stage replays them into its check run). */
  events: RunEvent[];
  persister: RunPersister | null;
}


/** `meta.publish.mode` of a script's source, or undefined (also when it does not parse). */
export function publishModeOf(source: string, filename: string): PublishMode | undefined {
  try {
    return prepareScript(source, filename).meta?.publish?.mode;
  } catch {
    return undefined;
  }
}

export async function executeOnGitHub(env: GitHubRunEnvironment, started: StartedRun): Promise<ExecutedRun> {
  const { log } = env;
  const { runId, reporter } = started;
  const runsDir = started.runsDir ?? createRunsRoot({ runnerTemp: env.runnerTemp, checkout: env.checkout });
  const runDir = join(runsDir, runId);
  const topSource = started.script?.source ?? new RunDirectory(runDir).readText("script.js") ?? "";
  await env.catalog
    .prefetchAgentTypes([topSource])
    .catch((error: unknown) => log.warn(`Could not read the repository's agent definitions (.claude/agents): ${errorMessage(error)}`));
  const persister = env.store ? new RunPersister(env.store, runId, runDir, { warn: log.warn, info: log.info, ...(env.persistIntervalMs ? { intervalMs: env.persistIntervalMs } : {}) }) : null;
  const events: RunEvent[] = [];
  const sinks: EventSink[] = [
    reporter.sink,
    (event) => {
      events.push(event);
      if (event.type !== "run.started" || !persister) return;
      persister.start();
      env.onPersister?.(persister);
    },
  ];
  const common = {
    runner: env.runner,
    ...(env.missingRunnerHint ? { missingRunnerHint: env.missingRunnerHint } : {}),
    ...(env.defaultModel ? { defaultModel: env.defaultModel } : {}),
    phaseModels: env.config.models.phases,
    ...(env.config.run.testCommand ? { testCommands: [env.config.run.testCommand] } : {}),
    resolveWorkflow: env.catalog.resolver(),
    resolveAgentType: env.catalog.agentTypeResolver(),
    sinks,
    ...(env.signal ? { signal: env.signal } : {}),
    ...(env.limits ? { limits: env.limits } : {}),
  };

  const notes: string[] = [];
  if (started.resumed) notes.push(`Resumed run \`${runId}\` from its saved journal: finished agents were answered from it.`);
  let outcome: RunOutcome | null = null;
  let refusal: string | undefined;
  try {
    if (started.script && !started.resumed) {
      let args = started.request.args as JsonValue | undefined;
      // rule R4: a reviewing workflow on a pull request reviews that PR's change when no args name one.
      if (started.pull) args = await pullRequestChangeArgs(env.octokit, env.repo, started.pull, prepareScript(started.script.source, started.script.filename).meta?.args, args);
      outcome = await startRun({ ...common, workflow: started.script, args, repo: env.checkout, runsDir, runId });
    } else {
      // A resume runs the trusted script (compared with the saved one by hash) under today's limits, rule X10.
      outcome = await resumeRun({ ...common, repo: env.checkout, runsDir, runId, ...(started.script ? { workflow: started.script } : {}), ignoreRecordedLimits: true });
    }
  } catch (error) {
    // Nothing ran: the script, the args or the resume were refused before the first agent.
    refusal = errorMessage(error);
  }
  if (outcome?.status === "cancelled") {
    notes.push("The run was cancelled: nothing was published. Re-run the job, or comment `/workflow resume " + runId + "`, to continue from the journal.");
  }
  const source = topSource;
  return {
    status: outcome?.status ?? null,
    ...(outcome?.result !== undefined ? { result: outcome.result } : {}),
    ...(refusal !== undefined ? { refusal } : {}),
    notes,
    metaMode: publishModeOf(source, started.script?.filename ?? "script.js"),
    events,
    persister,
  };
}
