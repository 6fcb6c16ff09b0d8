/**
 * One GitHub-triggered run, start to end: find the script (default branch or built-in, rule G6),
 * restore an earlier attempt (rule J5), open the check run (rule P1) and reply (rule P3), run the
 * engine with the check-run reporter as a sink, publish the findings (rule P4–P6), conclude
 * honestly (rule P2), reply with the summary and save the run directory.
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
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Octokit } from "@octokit/rest";
import type { AgentRunner, JsonValue } from "../../agents/contract.ts";
import type { ResolvedWorkflow } from "../../engine/context.ts";
import type { EventSink, RunStatus } from "../../engine/events.ts";
import type { RunLimits } from "../../engine/limits.ts";
import { resumeRun, startRun, type RunOutcome } from "../../engine/run.ts";
import { RunDirectory, runsRoot } from "../../engine/rundir.ts";
import { prepareScript } from "../../engine/script/index.ts";
import { CheckRunReporter, decideConclusion, conclusionInputOf, type CheckConclusion, type Clock } from "../checkrun/index.ts";
import { postReply, shortReplyBody, startedReplyBody, summaryReplyBody } from "../comments.ts";
import type { QuorumConfig } from "../config.ts";
import { normalizeFindings, type FindingError } from "../finding.ts";
import { freeformCheckRunName } from "../freeform/index.ts";
import { actionsRunIdFor, RunPersister, type RunStore } from "../persist/index.ts";
import type { RepoRef } from "../repo.ts";
import type { ReplyTarget, RunRequest } from "../trigger.ts";
import type { WorkflowCatalog } from "./catalog.ts";
import { defaultBranchHead, pullRequestHead } from "./commit.ts";
import { effectivePublishMode, publishFindings, type PublishedFinding } from "./publish-findings.ts";
import { pullRequestChangeArgs } from "./pull-change.ts";
import { approvedWorkflow, failHandedOverCheckRun, finalButtons, resumedScriptRefusal } from "./handoff.ts";
import { findingLines, invalidFindingMessages, renderRunReport, stagedSectionOf } from "./report.ts";

export interface GitHubRunEnvironment {
  octokit: Octokit;
  repo: RepoRef & { defaultBranch: string };
  config: QuorumConfig;
  catalog: WorkflowCatalog;
  /** The checkout agents work in (`GITHUB_WORKSPACE`); runs live in `.quorum/runs/` below it. */
  checkout: string;
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

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function notStarted(runId: string, workflow: string, headline: string): GitHubRunResult {
  return { runId, workflow, status: "not_started", conclusion: null, headline, findings: 0, costUsd: 0, report: `# Quorum\n\n${headline}\n`, checkRunId: null, checkRunUrl: null, published: [] };
}

interface Plan {
  runId: string;
  workflow: string;
  /** Set for a new run; null when resuming from a restored run directory. */
  script: ResolvedWorkflow | null;
  resumed: boolean;
  /** An approved free-form script: its check run is named `quorum / freeform: <name>`. */
  freeform: boolean;
}

/** Finds the script or the saved run; returns a reason instead when nothing can start. */
async function plan(env: GitHubRunEnvironment, request: RunRequest): Promise<Plan | { refusal: string }> {
  const handoff = request.handoff;
  const freeform = handoff?.freeform !== undefined;
  if (request.resumeRunId) {
    const runId = request.resumeRunId;
    if (!env.store) return { refusal: `Cannot resume run \`${runId}\`: no run store here (the artifact service is only reachable inside GitHub Actions).` };
    const runDir = join(runsRoot(env.checkout), runId);
    let restored: boolean;
    try {
      restored = await env.store.restore(runId, runDir, { searchRepository: true });
    } catch (error) {
      return { refusal: `Cannot resume run \`${runId}\`: reading it from ${env.store.description} failed (${message(error)}). Does the token have \`actions: read\`?` };
    }
    if (!restored) return { refusal: `No saved run \`${runId}\` in ${env.store.description}. Check the id in the check run; saved runs expire after 14 days.` };
    if (handoff?.freeform) {
      const refused = resumedScriptRefusal(runDir, runId, handoff.freeform.blobSha);
      if (refused) return { refusal: refused };
    }
    try {
      const record = RunDirectory.open(env.checkout, runId).readRecord();
      return { runId, workflow: record.workflow, script: null, resumed: true, freeform };
    } catch (error) {
      return { refusal: `The saved copy of run \`${runId}\` is unreadable (${message(error)}); it cannot be resumed. Start the workflow again instead.` };
    }
  }
  let script: ResolvedWorkflow | null;
  if (handoff?.freeform) {
    try {
      script = await approvedWorkflow(env.octokit, env.repo, handoff.freeform);
    } catch (error) {
      return { refusal: `The approved free-form script cannot be run: ${message(error)}` };
    }
  } else {
    script = await env.catalog.get(request.workflow);
    if (!script) return { refusal: `Unknown workflow \`${request.workflow}\`.\n\n${await env.catalog.helpText()}` };
  }
  const workflow = script.name;
  const runId = handoff?.runId ?? actionsRunIdFor(env.actionsRunId, workflow);
  let resumed = false;
  if (env.store) {
    try {
      resumed = await env.store.restore(runId, join(runsRoot(env.checkout), runId));
      if (resumed) env.log.info(`Found a saved attempt of run ${runId}; resuming it from its journal.`);
    } catch (error) {
      env.log.warn(`Could not look for an earlier attempt of run ${runId} (${message(error)}); starting afresh.`);
    }
  }
  // A restored run resumes through the engine's resume (journal, same-commit check, "resumed" in every view).
  return { runId, workflow, script: resumed ? null : script, resumed, freeform };
}

export async function runOnGitHub(env: GitHubRunEnvironment, request: RunRequest): Promise<GitHubRunResult> {
  const { octokit, repo, log } = env;
  const reply = { octokit, owner: repo.owner, repo: repo.repo, secrets: env.secrets, warn: log.warn };
  // Rule P9: a staged run writes nothing but its check run (and the job summary): no replies.
  const staged = env.staged === true || env.config.publish.mode === "staged";
  const say = (target: ReplyTarget, body: string) => (staged ? Promise.resolve(null) : postReply(reply, target, body));

  const handoff = request.handoff;
  const planned = await plan(env, request);
  if ("refusal" in planned) {
    if (request.replyTo) await say(request.replyTo, shortReplyBody(request.replyTo, request.sender, planned.refusal));
    log.warn(planned.refusal);
    if (handoff?.checkRunId !== undefined) {
      await failHandedOverCheckRun(
        octokit,
        repo,
        { id: handoff.checkRunId, runId: handoff.runId, buttons: handoff.byApp === true, ...(env.actionsRunUrl ? { detailsUrl: env.actionsRunUrl } : {}) },
        planned.refusal,
        { secrets: env.secrets, warn: log.warn },
      );
    }
    return notStarted(handoff?.runId ?? request.resumeRunId ?? "", request.workflow, planned.refusal);
  }
  const { runId, workflow } = planned;
  const runDir = join(runsRoot(env.checkout), runId);
  await env.catalog.prefetch().catch((error: unknown) => log.warn(`Could not list the repository's workflow scripts for nested calls: ${message(error)}`));
  const topSource = planned.script?.source ?? new RunDirectory(runDir).readText("script.js") ?? "";
  await env.catalog
    .prefetchAgentTypes([topSource])
    .catch((error: unknown) => log.warn(`Could not read the repository's agent definitions (.claude/agents): ${message(error)}`));

  let commit: string;
  let pull: { number: number; headSha: string } | null = null;
  try {
    // A handed-over run stays on the commit it was given: its check run (or proposal) is there.
    if (request.pullRequest) {
      pull = { number: request.pullRequest.number, headSha: handoff?.headSha ?? (await pullRequestHead(octokit, repo, request.pullRequest)) };
      commit = pull.headSha;
    } else {
      commit = await defaultBranchHead(octokit, repo, handoff?.headSha ?? env.defaultHeadSha);
    }
  } catch (error) {
    const why = `Cannot find the commit to run on: ${message(error)}`;
    if (request.replyTo) await say(request.replyTo, shortReplyBody(request.replyTo, request.sender, why));
    return notStarted(runId, workflow, why);
  }

  const reporter = new CheckRunReporter(
    octokit,
    {
      owner: repo.owner,
      repo: repo.repo,
      headSha: commit,
      workflow,
      ...(planned.freeform ? { name: freeformCheckRunName(workflow) } : {}),
      ...(env.actionsRunUrl ? { detailsUrl: env.actionsRunUrl } : {}),
      externalId: runId,
      ...(handoff?.checkRunId !== undefined ? { existingId: handoff.checkRunId } : {}),
    },
    { warn: log.warn, secrets: env.secrets, ...(env.clock ? { clock: env.clock } : {}) },
  );
  await reporter.start();
  if (request.replyTo && handoff?.byApp !== true) {
    await say(
      request.replyTo,
      startedReplyBody({ target: request.replyTo, sender: request.sender, workflow, runId, checkRunUrl: reporter.url, ...(env.actionsRunUrl ? { actionsRunUrl: env.actionsRunUrl } : {}), resumed: planned.resumed }),
    );
  }

  const persister = env.store ? new RunPersister(env.store, runId, runDir, { warn: log.warn, info: log.info, ...(env.persistIntervalMs ? { intervalMs: env.persistIntervalMs } : {}) }) : null;
  const persistSink: EventSink = (event) => {
    if (event.type !== "run.started" || !persister) return;
    persister.start();
    env.onPersister?.(persister);
  };
  const common = {
    runner: env.runner,
    ...(env.missingRunnerHint ? { missingRunnerHint: env.missingRunnerHint } : {}),
    ...(env.defaultModel ? { defaultModel: env.defaultModel } : {}),
    phaseModels: env.config.models.phases,
    ...(env.config.run.testCommand ? { testCommands: [env.config.run.testCommand] } : {}),
    resolveWorkflow: env.catalog.resolver(),
    resolveAgentType: env.catalog.agentTypeResolver(),
    sinks: [reporter.sink, persistSink],
    ...(env.signal ? { signal: env.signal } : {}),
    ...(env.limits ? { limits: env.limits } : {}),
  };

  const notes: string[] = [];
  if (planned.resumed) notes.push(`Resumed run \`${runId}\` from its saved journal: finished agents were answered from it.`);
  let outcome: RunOutcome | null = null;
  try {
    if (planned.script) {
      let args = request.args as JsonValue | undefined;
      // rule R4: a reviewing workflow on a pull request reviews that PR's change when no args name one.
      if (pull) args = await pullRequestChangeArgs(octokit, repo, pull, prepareScript(planned.script.source, planned.script.filename).meta?.args, args);
      outcome = await startRun({ ...common, workflow: planned.script, args, repo: env.checkout, runId });
    } else {
      outcome = await resumeRun({ ...common, repo: env.checkout, runId });
    }
  } catch (error) {
    // Nothing ran: the script, the args or the resume were refused before the first agent.
    const state = reporter.state;
    state.runId ||= runId;
    state.workflow ||= workflow;
    state.status = "failed";
    state.error = message(error);
    state.finishedAt = Date.now();
  }

  let published: PublishedFinding[] = [];
  let invalid: FindingError[] = [];
  // An incomplete run's findings were confirmed by the agents that did run: they are published, and the conclusion says what is missing.
  if (outcome && (outcome.status === "succeeded" || outcome.status === "incomplete" || outcome.status === "timed_out")) {
    const normalized = normalizeFindings(outcome.result);
    invalid = normalized.errors;
    const source = planned.script?.source ?? new RunDirectory(runDir).readText("script.js") ?? "";
    let metaMode;
    try {
      metaMode = prepareScript(source, planned.script?.filename ?? "script.js").meta?.publish?.mode;
    } catch {
      metaMode = undefined;
    }
    const mode = effectivePublishMode(env.config.publish.mode, metaMode);
    published = await publishFindings({
      octokit,
      context: {
        owner: repo.owner,
        repo: repo.repo,
        defaultBranch: repo.defaultBranch,
        workflow,
        runId,
        ...(env.actionsRunUrl ? { runUrl: env.actionsRunUrl } : {}),
        secrets: env.secrets,
        draft: env.config.publish.draft,
        allowPaths: env.config.publish.allowPaths,
        ...(pull ? {} : { baseSha: commit }),
        // The checkout usually holds the base commit: files are read from it, not fetched one by one.
        checkout: env.checkout,
      },
      mode,
      pullRequest: pull,
      findings: normalized.findings,
      caps: { maxPullRequests: env.config.publish.maxPullRequests, maxReviewComments: env.config.publish.maxReviewComments, maxIssues: env.config.publish.maxIssues },
      staged,
      // rule P6: a run with no issue or PR to answer on files its patchless findings as issues.
      issues: !pull && !request.replyTo && env.config.publish.issues ? { label: env.config.publish.issueLabel, reopenClosed: env.config.publish.reopenClosedIssues } : null,
    }).catch((error: unknown) => {
      notes.push(`Publishing failed: ${message(error)}`);
      return normalized.findings.map((finding) => ({ finding, fingerprint: "", destination: "failed" as const, reason: message(error) }));
    });
    if (staged) notes.push(`Publish mode: staged (routed as ${mode}): nothing was published; the staged section shows what would be.`);
    else if (mode !== "auto") notes.push(`Publish mode: ${mode}.`);
  } else if (outcome?.status === "cancelled") {
    notes.push("The run was cancelled: nothing was published. Re-run the job, or comment `/workflow resume " + runId + "`, to continue from the journal.");
  }

  const verdict = decideConclusion(conclusionInputOf(reporter.state, published.length, invalid.length));
  await reporter.finish({
    verdict,
    extras: { findings: findingLines(published), invalidFindings: invalidFindingMessages(invalid), notes, ...(staged ? { staged: stagedSectionOf(published, 3) } : {}) },
    // Buttons only on the App's check run: GitHub delivers presses to the app that made it.
    ...(handoff?.byApp && handoff.checkRunId !== undefined ? { actions: finalButtons(verdict.conclusion, outcome !== null) } : {}),
  });

  const report = renderRunReport(reporter.state, published, invalid, notes);
  try {
    new RunDirectory(runDir).writeJson("published.json", published.map((p) => ({ fingerprint: p.fingerprint, title: p.finding.title, destination: p.destination, url: p.url ?? null, state: p.state ?? null, reason: p.reason ?? null })));
  } catch {
    // The run directory may not exist when nothing started; the report still goes out.
  }
  if (request.replyTo) {
    await say(request.replyTo, summaryReplyBody({ target: request.replyTo, sender: request.sender, headline: `${workflow}: ${verdict.headline}`, checkRunUrl: reporter.url, report }));
  }
  if (persister && existsSync(runDir)) {
    persister.stop();
    await persister.saveNow(outcome?.status === "cancelled" ? "cancellation" : "end");
  }
  return {
    runId,
    workflow,
    status: outcome?.status ?? "failed",
    conclusion: verdict.conclusion,
    headline: verdict.headline,
    findings: published.length,
    costUsd: reporter.state.totals.costUsd,
    report,
    checkRunId: reporter.id,
    checkRunUrl: reporter.url,
    published,
  };
}
