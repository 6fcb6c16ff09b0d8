/**
 * One GitHub-triggered run, start to end, in three parts that the staged Action runs in three
 * jobs (rule X6; docs/security.md "Privilege separation") and `stage: all` in one process:
 *
 * 1. {@link startOnGitHub} (trigger stage): find the script (default branch or built-in, rule G6),
 *    restore an earlier attempt (rule J5), open the check run (rule P1) and reply (rule P3);
 * 2. executeOnGitHub (run stage, run-execute.ts): run the engine with the check-run reporter as a
 *    sink and keep the run directory saved — the only part that runs a model or repository code;
 * 3. concludeOnGitHub (publish stage, run-conclude.ts): publish the findings (rule P4–P6),
 *    conclude honestly (rule P2), reply with the summary.
 *
 * Edge cases:
 * - Nothing the reporter, the replies or the persister do can fail the run (rule P8): each logs.
 * - A script or args that fail validation, or a resume the engine refuses (other commit, rule J4),
 *   end in a `failure` check run that says why; nothing runs.
 * - A cancelled run (SIGINT/SIGTERM from a cancelled job) publishes nothing: the check run says
 *   `cancelled`, the journal is saved, and a re-run of the job resumes it.
 * - The Quorum run id in Actions is `gh-<workflow run id>-<workflow>`, so a re-run of the same
 *   job finds the artifact of the attempt before it and resumes instead of paying again.
 * - A handed-over run (RunRequest.handoff: the App's dispatch, an approved free-form proposal)
 *   keeps the id, commit and check run it was given, and runs an approved script byte for byte
 *   (handoff.ts). The App already replied that it started, so only the summary is posted; its
 *   check run ends with the buttons that fit (Re-run after a cancelled or failed run).
 */
import { errorMessage } from "../../kernel/errors.ts";
import type { Octokit } from "@octokit/rest";
import type { AgentRunner } from "../../agents/contract.ts";
import type { ResolvedWorkflow } from "../../engine/context.ts";
import type { RunStatus } from "../../engine/events.ts";
import type { RunLimits } from "../../engine/limits.ts";
import { RunDirectory } from "../../engine/rundir.ts";
import { CheckRunReporter, type CheckConclusion, type Clock } from "../checkrun/index.ts";
import { postReply, shortReplyBody, startedReplyBody } from "../comments.ts";
import type { QuorumConfig } from "../config.ts";
import { freeformCheckRunName } from "../freeform/index.ts";
import { actionsRunIdFor, ArtifactProvenanceError, createRunsRoot, restoreRun, RunImportError, type RunPersister, type RunStore } from "../persist/index.ts";
import type { RepoRef } from "../repo.ts";
import type { ReplyTarget, RunRequest } from "../trigger.ts";
import type { WorkflowCatalog } from "./catalog.ts";
import { defaultBranchHead, pullRequestHead } from "./commit.ts";
import { checkoutCommitRefusal, trustedScriptOfSavedRun } from "./trusted-state.ts";
import { approvedWorkflow, failHandedOverCheckRun, resumedScriptRefusal } from "./handoff.ts";
import type { PublishedFinding } from "./publish-findings.ts";
import { concludeOnGitHub } from "./run-conclude.ts";

export interface GitHubRunEnvironment {
  octokit: Octokit;
  repo: RepoRef & { defaultBranch: string };
  config: QuorumConfig;
  catalog: WorkflowCatalog;
  /** The checkout agents work in (`GITHUB_WORKSPACE`); runs live in `.quorum/runs/` below it. */
  checkout: string;
  /** `RUNNER_TEMP`: this job's runs folder is created below it (a fresh temp folder when unset, rule X10). */
  runnerTemp?: string;
  runner: AgentRunner | null;
  missingRunnerHint?: string;
  defaultModel?: string;
  limits?: Partial<RunLimits>;
  /** `GITHUB_RUN_ID`: part of the Quorum run id. */
  actionsRunId: string;
  /** Link to the Actions run (check run "Details", PR bodies). */
  actionsRunUrl?: string;
  /** The default branch's HEAD when the event tells it (GITHUB_SHA of comment, label and schedule events). */
  defaultHeadSha?: string;
  store: RunStore | null;
  /** Exact secrets redacted from everything posted (rule X4). */
  secrets: readonly string[];
  /** Preview instead of publishing, whatever the config says (rule P9); `publish.mode: staged` does the same. */
  staged?: boolean;
  signal?: AbortSignal;
  log: { info: (message: string) => void; warn: (message: string) => void };
  clock?: Clock;
  persistIntervalMs?: number;
  /**
   * Whether publishers may read the base commit's objects from {@link checkout} (default true).
   * The publish stage has no checkout of its own and reads everything through the API.
   */
  publishFromCheckout?: boolean;
  /** Called with the persister once the run directory exists (the entry saves it on SIGTERM). */
  onPersister?: (persister: RunPersister) => void;
}

export interface GitHubRunResult {
  runId: string;
  workflow: string;
  status: RunStatus | "not_started";
  conclusion: CheckConclusion | null;
  headline: string;
  findings: number;
  costUsd: number;
  /** Markdown for the job summary. */
  report: string;
  checkRunId: number | null;
  checkRunUrl: string | null;
  published: PublishedFinding[];
}


function notStarted(runId: string, workflow: string, headline: string): GitHubRunResult {
  return { runId, workflow, status: "not_started", conclusion: null, headline, findings: 0, costUsd: 0, report: `# Quorum\n\n${headline}\n`, checkRunId: null, checkRunUrl: null, published: [] };
}

interface Plan {
  runId: string;
  workflow: string;
  /** Always from a trusted source (default branch, built-in, approved blob; rule X10), resumed or not. */
  script: ResolvedWorkflow;
  resumed: boolean;
  /** An approved free-form script: its check run is named `quorum / freeform: <name>`. */
  freeform: boolean;
}

type Refusal = { refusal: string };

/** Finds the script or the saved run; returns a reason instead when nothing can start. */
async function plan(env: GitHubRunEnvironment, request: RunRequest, runsDir: string): Promise<Plan | Refusal> {
  return request.resumeRunId ? planResume(env, request.resumeRunId, request.handoff, runsDir) : planNew(env, request, runsDir);
}

/** A resume (rule J5): the saved run restored, its script taken from where it is trusted. */
async function planResume(env: GitHubRunEnvironment, runId: string, handoff: RunRequest["handoff"], runsDir: string): Promise<Plan | Refusal> {
  const freeform = handoff?.freeform !== undefined;
  if (!env.store) return { refusal: `Cannot resume run \`${runId}\`: no run store here (the artifact service is only reachable inside GitHub Actions).` };
  let restored;
  try {
    restored = await restoreRun(env.store, runId, runsDir, { searchRepository: true });
  } catch (error) {
    if (error instanceof ArtifactProvenanceError || error instanceof RunImportError) return { refusal: `Cannot resume run \`${runId}\`: ${errorMessage(error)}` };
    return { refusal: `Cannot resume run \`${runId}\`: reading it from ${env.store.description} failed (${errorMessage(error)}). Does the token have \`actions: read\`?` };
  }
  if (!restored) return { refusal: `No saved run \`${runId}\` in ${env.store.description}. Check the id in the check run; saved runs expire after 14 days.` };
  if (restored.skipped.length > 0) env.log.info(`Left out of the saved copy of ${runId} (not run files): ${restored.skipped.join(", ")}.`);
  let record;
  try {
    record = RunDirectory.open(env.checkout, runId, { runsDir }).readRecord();
  } catch (error) {
    return { refusal: `The saved copy of run \`${runId}\` is unreadable (${errorMessage(error)}); it cannot be resumed. Start the workflow again instead.` };
  }
  // The script comes from the default branch, the built-ins or the approved blob, never from the copy (rule X10).
  if (handoff?.freeform) {
    const refused = resumedScriptRefusal(restored.dir, runId, handoff.freeform.blobSha);
    if (refused) return { refusal: refused };
    const script = await approvedScriptOrRefusal(env, handoff.freeform);
    return "refusal" in script ? script : { runId, workflow: record.workflow, script, resumed: true, freeform };
  }
  const trusted = await trustedScriptOfSavedRun(env.catalog, runId, record, restored.dir);
  if ("refusal" in trusted) return trusted;
  return { runId, workflow: record.workflow, script: trusted.script, resumed: true, freeform };
}

async function approvedScriptOrRefusal(env: GitHubRunEnvironment, approved: { blobSha: string; source?: string }): Promise<ResolvedWorkflow | Refusal> {
  try {
    return await approvedWorkflow(env.octokit, env.repo, approved);
  } catch (error) {
    return { refusal: `The approved free-form script cannot be run: ${errorMessage(error)}` };
  }
}

/** A new run: the named workflow (or the approved script); an earlier attempt of the same id resumes (J5). */
async function planNew(env: GitHubRunEnvironment, request: RunRequest, runsDir: string): Promise<Plan | Refusal> {
  const handoff = request.handoff;
  let script: ResolvedWorkflow | Refusal | null;
  if (handoff?.freeform) {
    // The approval is of this script on this commit: the checkout agents read must be that commit (rule X10).
    const wrongCommit = checkoutCommitRefusal(env.checkout, handoff.headSha, `the approval of run \`${handoff.runId}\``);
    script = wrongCommit ? { refusal: wrongCommit } : await approvedScriptOrRefusal(env, handoff.freeform);
  } else {
    script = await env.catalog.get(request.workflow);
    if (!script) return { refusal: `Unknown workflow \`${request.workflow}\`.\n\n${await env.catalog.helpText()}` };
  }
  if ("refusal" in script) return script;
  const workflow = script.name;
  const runId = handoff?.runId ?? actionsRunIdFor(env.actionsRunId, workflow);
  // A restored run resumes through the engine's resume (journal, same script and commit, "resumed" in every view).
  const resumed = await restoredEarlierAttempt(env, runId, runsDir);
  return { runId, workflow, script, resumed, freeform: handoff?.freeform !== undefined };
}

/** True when an earlier attempt of `runId` was saved and is now restored into `runsDir`. */
async function restoredEarlierAttempt(env: GitHubRunEnvironment, runId: string, runsDir: string): Promise<boolean> {
  if (!env.store) return false;
  try {
    const resumed = (await restoreRun(env.store, runId, runsDir)) !== null;
    if (resumed) env.log.info(`Found a saved attempt of run ${runId}; resuming it from its journal.`);
    return resumed;
  } catch (error) {
    env.log.warn(`Could not look for an earlier attempt of run ${runId} (${errorMessage(error)}); starting afresh.`);
    return false;
  }
}

/** Whether a run previews instead of publishing (rule P9): the environment's flag or `publish.mode: staged`. */
export function isStaged(env: Pick<GitHubRunEnvironment, "staged" | "config">): boolean {
  return env.staged === true || env.config.publish.mode === "staged";
}

/** A run whose check run exists and whose start was announced: what the later stages need. */
export interface StartedRun {
  request: RunRequest;
  runId: string;
  workflow: string;
  /** Set for a new run; null when resuming from a restored run directory (or in the publish stage). */
  script: ResolvedWorkflow | null;
  resumed: boolean;
  freeform: boolean;
  /** The commit the run is on (the PR head, or the default branch's HEAD). */
  commit: string;
  pull: { number: number; headSha: string } | null;
  reporter: CheckRunReporter;
  /** This job's runs folder, outside the checkout (rule X10); unset where no run directory is made (publish stage). */
  runsDir?: string;
}

/**
 * The trigger stage's part (rule P1, P3), in steps: find the script or the saved run, resolve the
 * commit, open reporting (create or adopt the check run, say that the run started). Writes: the
 * check run and, unless the run was handed over with its start announced already, one reply.
 * Returns the result of a run that cannot start instead.
 */
export async function startOnGitHub(env: GitHubRunEnvironment, request: RunRequest): Promise<StartedRun | { result: GitHubRunResult }> {
  let runsDir = "";
  let planned: Plan | Refusal;
  try {
    runsDir = createRunsRoot({ runnerTemp: env.runnerTemp, checkout: env.checkout });
    planned = await plan(env, request, runsDir);
  } catch (error) {
    planned = { refusal: `Cannot prepare the run: ${errorMessage(error)}` };
  }
  if ("refusal" in planned) return refuseStart(env, request, planned.refusal);
  // Read while the commit is looked up and the check run created (the run needs it only once it executes).
  const prefetched = env.catalog.prefetch().catch((error: unknown) => env.log.warn(`Could not list the repository's workflow scripts for nested calls: ${errorMessage(error)}`));
  const resolved = await resolveCommit(env, request);
  if ("refusal" in resolved) {
    if (request.replyTo) await say(env, request.replyTo, shortReplyBody(request.replyTo, request.sender, resolved.refusal));
    await prefetched;
    return { result: notStarted(planned.runId, planned.workflow, resolved.refusal) };
  }
  const reporter = await openReporting(env, request, planned, resolved.commit);
  await prefetched;
  return { request, runId: planned.runId, workflow: planned.workflow, script: planned.script, resumed: planned.resumed, freeform: planned.freeform, commit: resolved.commit, pull: resolved.pull, reporter, runsDir };
}

/** Rule P9: a staged run writes nothing but its check run (and the job summary): no replies. */
function say(env: GitHubRunEnvironment, target: ReplyTarget, body: string): Promise<unknown> {
  if (isStaged(env)) return Promise.resolve(null);
  return postReply({ octokit: env.octokit, owner: env.repo.owner, repo: env.repo.repo, secrets: env.secrets, warn: env.log.warn }, target, body);
}

/** A run that cannot start: said on the issue, and on the check run it was handed over with. */
async function refuseStart(env: GitHubRunEnvironment, request: RunRequest, refusal: string): Promise<{ result: GitHubRunResult }> {
  const handoff = request.handoff;
  if (request.replyTo) await say(env, request.replyTo, shortReplyBody(request.replyTo, request.sender, refusal));
  env.log.warn(refusal);
  if (handoff?.checkRunId !== undefined) {
    const checkRun = { id: handoff.checkRunId, runId: handoff.runId, buttons: handoff.byApp === true, ...(env.actionsRunUrl ? { detailsUrl: env.actionsRunUrl } : {}) };
    await failHandedOverCheckRun(env.octokit, env.repo, checkRun, refusal, { secrets: env.secrets, warn: env.log.warn });
  }
  return { result: notStarted(handoff?.runId ?? request.resumeRunId ?? "", request.workflow, refusal) };
}

/** The commit the run is on: the PR head, or the default branch's HEAD; a handed-over run keeps its own. */
async function resolveCommit(env: GitHubRunEnvironment, request: RunRequest): Promise<{ commit: string; pull: StartedRun["pull"] } | Refusal> {
  const handoff = request.handoff;
  try {
    // A handed-over run stays on the commit it was given: its check run (or proposal) is there.
    if (request.pullRequest) {
      const headSha = handoff?.headSha ?? (await pullRequestHead(env.octokit, env.repo, request.pullRequest));
      return { commit: headSha, pull: { number: request.pullRequest.number, headSha } };
    }
    return { commit: await defaultBranchHead(env.octokit, env.repo, handoff?.headSha ?? env.defaultHeadSha), pull: null };
  } catch (error) {
    return { refusal: `Cannot find the commit to run on: ${errorMessage(error)}` };
  }
}

/** Creates (or adopts) the check run and says that the run started (rule P1, P3). */
async function openReporting(env: GitHubRunEnvironment, request: RunRequest, planned: Plan, commit: string): Promise<CheckRunReporter> {
  const { handoff, replyTo } = request;
  const { runId, workflow } = planned;
  const reporter = reporterFor(env, { runId, workflow, commit, freeform: planned.freeform, ...(handoff?.checkRunId !== undefined ? { checkRunId: handoff.checkRunId } : {}) });
  await reporter.start();
  if (replyTo && handoff?.byApp !== true && handoff?.announced !== true) {
    const actionsRunUrl = env.actionsRunUrl ? { actionsRunUrl: env.actionsRunUrl } : {};
    await say(env, replyTo, startedReplyBody({ target: replyTo, sender: request.sender, workflow, runId, checkRunUrl: reporter.url, ...actionsRunUrl, resumed: planned.resumed }));
  }
  return reporter;
}

/** The check-run reporter of a run: a new check run, or the one made for it already (`checkRunId`). */
export function reporterFor(env: Pick<GitHubRunEnvironment, "octokit" | "repo" | "actionsRunUrl" | "log" | "secrets" | "clock">, run: { runId: string; workflow: string; commit: string; freeform: boolean; checkRunId?: number }): CheckRunReporter {
  return new CheckRunReporter(
    env.octokit,
    {
      owner: env.repo.owner,
      repo: env.repo.repo,
      headSha: run.commit,
      workflow: run.workflow,
      ...(run.freeform ? { name: freeformCheckRunName(run.workflow) } : {}),
      ...(env.actionsRunUrl ? { detailsUrl: env.actionsRunUrl } : {}),
      externalId: run.runId,
      ...(run.checkRunId !== undefined ? { existingId: run.checkRunId } : {}),
    },
    { warn: env.log.warn, secrets: env.secrets, ...(env.clock ? { clock: env.clock } : {}) },
  );
}

/**
 * One run in one process (trigger, run and publish together; `stage: all`, and tests): resolve the
 * script and commit and open reporting, execute, then publish, conclude and save.
 */
export async function runOnGitHub(env: GitHubRunEnvironment, request: RunRequest): Promise<GitHubRunResult> {
  const started = await startOnGitHub(env, request);
  if ("result" in started) return started.result;
  // The engine (QuickJS, the SDKs) loads only when a run executes here: a job that only starts runs never evaluates it.
  const { executeOnGitHub } = await import("./run-execute.ts");
  const executed = await executeOnGitHub(env, started);
  return concludeOnGitHub(env, started, executed);
}
