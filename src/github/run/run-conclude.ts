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
import { decideConclusion, conclusionInputOf } from "../checkrun/index.ts";
import { postReply, summaryReplyBody } from "../comments.ts";
import { normalizeFindings, type FindingError } from "../finding.ts";
import { finalButtons } from "./handoff.ts";
import { effectivePublishMode, publishFindings, type PublishedFinding } from "./publish-findings.ts";
import { findingLines, invalidFindingMessages, renderRunReport, stagedSectionOf } from "./report.ts";
import type { ExecutedRun } from "./run-execute.ts";
import { isStaged, type GitHubRunEnvironment, type GitHubRunResult, type StartedRun } from "./run-on-github.ts";


/** What {@link concludeOnGitHub} needs of the run stage's work. */
export type RunStageOutput = Pick<ExecutedRun, "status" | "result" | "refusal" | "notes" | "metaMode"> & { persister?: ExecutedRun["persister"] };

export async function concludeOnGitHub(env: GitHubRunEnvironment, started: StartedRun, executed: RunStageOutput): Promise<GitHubRunResult> {
  const { octokit, repo, log } = env;
  const { request, runId, workflow, reporter, pull, commit } = started;
  const handoff = request.handoff;
  // The run directory lives in this job's runs folder outside the checkout (rule X10); none in the publish stage.
  const runDir = started.runsDir ? join(started.runsDir, runId) : null;
  const notes = [...executed.notes];
  const staged = isStaged(env);
  if (executed.status === null) {
    const state = reporter.state;
    state.runId ||= runId;
    state.workflow ||= workflow;
    state.status = "failed";
    state.error = executed.refusal ?? "the run did not start";
    state.finishedAt = Date.now();
  }

  let published: PublishedFinding[] = [];
  let invalid: FindingError[] = [];
  // An incomplete run's findings were confirmed by the agents that did run: they are published, and the conclusion says what is missing (rule R1).
  if (executed.status === "succeeded" || executed.status === "incomplete" || executed.status === "timed_out") {
    const normalized = normalizeFindings(executed.result);
    invalid = normalized.errors;
    const mode = effectivePublishMode(env.config.publish.mode, executed.metaMode);
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
        ...(env.publishFromCheckout === false ? {} : { checkout: env.checkout }),
      },
      mode,
      pullRequest: pull,
      findings: normalized.findings,
      caps: { maxPullRequests: env.config.publish.maxPullRequests, maxReviewComments: env.config.publish.maxReviewComments, maxIssues: env.config.publish.maxIssues },
      staged,
      // rule P6: a run with no issue or PR to answer on files its patchless findings as issues.
      issues: !pull && !request.replyTo && env.config.publish.issues ? { label: env.config.publish.issueLabel, reopenClosed: env.config.publish.reopenClosedIssues } : null,
    }).catch((error: unknown) => {
      notes.push(`Publishing failed: ${errorMessage(error)}`);
      return normalized.findings.map((finding) => ({ finding, fingerprint: "", destination: "failed" as const, reason: errorMessage(error) }));
    });
    if (staged) notes.push(`Publish mode: staged (routed as ${mode}): nothing was published; the staged section shows what would be.`);
    else if (mode !== "auto") notes.push(`Publish mode: ${mode}.`);
  }

  const verdict = decideConclusion(conclusionInputOf(reporter.state, published.length, invalid.length));
  await reporter.finish({
    verdict,
    extras: { findings: findingLines(published), invalidFindings: invalidFindingMessages(invalid), notes, ...(staged ? { staged: stagedSectionOf(published, 3) } : {}) },
    // Buttons only on the App's check run: GitHub delivers presses to the app that made it.
    ...(handoff?.byApp && handoff.checkRunId !== undefined ? { actions: finalButtons(verdict.conclusion, executed.status !== null) } : {}),
  });

  const report = renderRunReport(reporter.state, published, invalid, notes);
  if (runDir && existsSync(runDir)) {
    try {
      new RunDirectory(runDir).writeJson("published.json", published.map((p) => ({ fingerprint: p.fingerprint, title: p.finding.title, destination: p.destination, url: p.url ?? null, state: p.state ?? null, reason: p.reason ?? null })));
    } catch (error) {
      log.warn(`Could not write published.json: ${errorMessage(error)}`);
    }
  }
  if (request.replyTo && !staged) {
    const reply = { octokit, owner: repo.owner, repo: repo.repo, secrets: env.secrets, warn: log.warn };
    await postReply(reply, request.replyTo, summaryReplyBody({ target: request.replyTo, sender: request.sender, headline: `${workflow}: ${verdict.headline}`, checkRunUrl: reporter.url, report }));
  }
  const persister = executed.persister;
  if (persister && runDir && existsSync(runDir)) {
    persister.stop();
    await persister.saveNow(executed.status === "cancelled" ? "cancellation" : "end");
  }
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
