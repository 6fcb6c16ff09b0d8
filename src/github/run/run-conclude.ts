/**
 * The publish stage's part of a GitHub run (rule P2–P6, X6): publish the findings of a finished
 * run, conclude its check run honestly, reply with the summary and keep `published.json`.
 * Runs no model and no repository code; in the three-job flow its input comes from a verified hand-off
 * (stage-handoff.ts), in `stage: all` straight from {@link executeOnGitHub}.
 *
 * Edge cases:
 * - Nothing ran (`status` null): the check run fails with the engine's reason; nothing is published.
 * - A cancelled run publishes nothing: the check run says `cancelled`, and a re-run resumes it.
 * - A publisher that throws marks every finding `failed` with the reason; the run still concludes.
 */
import { errorMessage } from "../../kernel/errors.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { RunDirectory } from "../../engine/rundir.ts";
import { decideConclusion, conclusionInputOf, type CheckRunReporter, type Verdict } from "../checkrun/index.ts";
import type { RunStatus } from "../../engine/events.ts";
import type { RunPersister } from "../persist/index.ts";
import { postReply, summaryReplyBody } from "../comments.ts";
import { normalizeFindings, type FindingError } from "../finding.ts";
import { finalButtons } from "./handoff.ts";
import { effectivePublishMode, publishFindings, type PublishedFinding } from "./publish-findings.ts";
import { findingLines, invalidFindingMessages, renderRunReport, stagedSectionOf } from "./report.ts";
import type { ExecutedRun } from "./run-execute.ts";
import { isStaged, type GitHubRunEnvironment, type GitHubRunResult, type StartedRun } from "./run-on-github.ts";


/** What {@link concludeOnGitHub} needs of the run stage's work. */
export type RunStageOutput = Pick<ExecutedRun, "status" | "result" | "refusal" | "notes" | "metaMode"> & { persister?: ExecutedRun["persister"] };

interface Publication {
  published: PublishedFinding[];
  invalid: FindingError[];
}

/**
 * The publish stage's steps, in order: end a run that never started like any other (a
 * `run.finished` event), publish, conclude the check run, keep `published.json`, reply with the
 * summary, save the run directory.
 */
export async function concludeOnGitHub(env: GitHubRunEnvironment, started: StartedRun, executed: RunStageOutput): Promise<GitHubRunResult> {
  const { request, runId, workflow, reporter } = started;
  // The run directory lives in this job's runs folder outside the checkout (rule X10); none in the publish stage.
  const runDir = started.runsDir ? join(started.runsDir, runId) : null;
  const notes = [...executed.notes];
  if (executed.status === null) finishRefused(reporter, executed.refusal ?? "the run did not start");
  const { published, invalid } = await publishStep(env, started, executed, notes);
  const verdict = await concludeCheckRun(env, started, executed, { published, invalid }, notes);
  const report = renderRunReport(reporter.state, published, invalid, notes);
  if (runDir && existsSync(runDir)) recordPublished(env, runDir, published);
  if (request.replyTo && !isStaged(env)) {
    const summary = summaryReplyBody({ target: request.replyTo, sender: request.sender, headline: `${workflow}: ${verdict.headline}`, checkRunUrl: reporter.url, report });
    await postReply({ octokit: env.octokit, owner: env.repo.owner, repo: env.repo.repo, secrets: env.secrets, warn: env.log.warn }, request.replyTo, summary);
  }
  if (executed.persister && runDir && existsSync(runDir)) await saveRunDirectory(executed.persister, executed.status);
  return {
    runId,
    workflow,
    status: executed.status ?? "failed",
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

/** A run that never started ends as every run does: with `run.finished` (failed, with the reason). */
function finishRefused(reporter: CheckRunReporter, refusal: string): void {
  reporter.sink({ type: "run.finished", at: Date.now(), status: "failed", error: refusal, totals: reporter.state.totals });
}

/** Publishes the findings of a run that produced any (rule P4–P6); nothing for a run that did not finish its work. */
async function publishStep(env: GitHubRunEnvironment, started: StartedRun, executed: RunStageOutput, notes: string[]): Promise<Publication> {
  // An incomplete run's findings were confirmed by the agents that did run: they are published, and the conclusion says what is missing (rule R1).
  if (executed.status !== "succeeded" && executed.status !== "incomplete" && executed.status !== "timed_out") return { published: [], invalid: [] };
  const { config, repo } = env;
  const { pull, commit, request } = started;
  const normalized = normalizeFindings(executed.result);
  const mode = effectivePublishMode(config.publish.mode, executed.metaMode);
  const staged = isStaged(env);
  const published = await publishFindings({
    octokit: env.octokit,
    context: {
      owner: repo.owner,
      repo: repo.repo,
      defaultBranch: repo.defaultBranch,
      workflow: started.workflow,
      runId: started.runId,
      ...(env.actionsRunUrl ? { runUrl: env.actionsRunUrl } : {}),
      secrets: env.secrets,
      draft: config.publish.draft,
      allowPaths: config.publish.allowPaths,
      ...(pull ? {} : { baseSha: commit }),
      // The checkout usually holds the base commit: files are read from it, not fetched one by one.
      ...(env.publishFromCheckout === false ? {} : { checkout: env.checkout }),
    },
    mode,
    pullRequest: pull,
    findings: normalized.findings,
    caps: { maxPullRequests: config.publish.maxPullRequests, maxReviewComments: config.publish.maxReviewComments, maxIssues: config.publish.maxIssues },
    staged,
    // rule P6: a run with no issue or PR to answer on files its patchless findings as issues.
    issues: !pull && !request.replyTo && config.publish.issues ? { label: config.publish.issueLabel, reopenClosed: config.publish.reopenClosedIssues } : null,
  }).catch((error: unknown) => {
    notes.push(`Publishing failed: ${errorMessage(error)}`);
    return normalized.findings.map((finding) => ({ finding, fingerprint: "", destination: "failed" as const, reason: errorMessage(error) }));
  });
  if (staged) notes.push(`Publish mode: staged (routed as ${mode}): nothing was published; the staged section shows what would be.`);
  else if (mode !== "auto") notes.push(`Publish mode: ${mode}.`);
  return { published, invalid: normalized.errors };
}

/** Completes the check run honestly (rule P2); the App's check run gets the buttons that fit. */
async function concludeCheckRun(env: GitHubRunEnvironment, started: StartedRun, executed: RunStageOutput, publication: Publication, notes: string[]): Promise<Verdict> {
  const { published, invalid } = publication;
  const { reporter } = started;
  const handoff = started.request.handoff;
  const verdict = decideConclusion(conclusionInputOf(reporter.state, published.length, invalid.length));
  await reporter.finish({
    verdict,
    extras: { findings: findingLines(published), invalidFindings: invalidFindingMessages(invalid), notes, ...(isStaged(env) ? { staged: stagedSectionOf(published, 3) } : {}) },
    // Buttons only on the App's check run: GitHub delivers presses to the app that made it.
    ...(handoff?.byApp && handoff.checkRunId !== undefined ? { actions: finalButtons(verdict.conclusion, executed.status !== null) } : {}),
  });
  return verdict;
}

function recordPublished(env: GitHubRunEnvironment, runDir: string, published: PublishedFinding[]): void {
  try {
    new RunDirectory(runDir).writeJson("published.json", published.map((p) => ({ fingerprint: p.fingerprint, title: p.finding.title, destination: p.destination, url: p.url ?? null, state: p.state ?? null, reason: p.reason ?? null })));
  } catch (error) {
    env.log.warn(`Could not write published.json: ${errorMessage(error)}`);
  }
}

/** The last save of the run directory (rule J5): a cancelled run is saved as such, to be resumed. */
export async function saveRunDirectory(persister: RunPersister, status: RunStatus | null): Promise<void> {
  persister.stop();
  await persister.saveNow(status === "cancelled" ? "cancellation" : "end");
}
