/**
 * The Action's side of the host port (src/github/host/port.ts): the job's client and repository,
 * the config, the author agent over the checkout (only in `stage: all`: the trigger job holds no
 * model key, rule X6), and how a run starts here — queued, then run (or planned) by this job.
 * Saved runs are read and cancelled by id from the artifact store (src/github/run/control.ts).
 */
import { DEFAULT_TOOLS, type AgentRunner } from "../agents/contract.ts";
import { appSlugOfBotLogin, ownCommentCheck } from "../github/freeform/index.ts";
import { cancelLocatedRun, type GitHubHost, type RunStart, type StartedRun } from "../github/host/index.ts";
import { actionsRunIdOf, type RunStore } from "../github/persist/index.ts";
import type { RepoRef } from "../github/repo.ts";
import type { WorkflowCatalog } from "../github/run/catalog.ts";
import { cancelById, statusOf, whichRun } from "../github/run/control.ts";
import type { RunRequest } from "../github/trigger.ts";
import { errorMessage } from "../kernel/errors.ts";
import type { ActionContext } from "./context.ts";

/** The account `GITHUB_TOKEN` comments as: its replies hold the run index. */
export const ACTIONS_BOT_LOGIN = "github-actions[bot]";

const STAGED_AUTHOR =
  "Free-form tasks need an author agent, and this workflow keeps models out of the jobs that can write (rule X6). Use the Quorum GitHub App for free-form tasks, or name a workflow: `/workflow help` lists them.";

export interface ActionHostParts {
  repo: RepoRef & { defaultBranch: string };
  catalog: WorkflowCatalog;
  store: RunStore | null;
  /** This job's agent runner, made on first use; null runner: none here (`hint` says why). */
  runner: () => Promise<{ runner: AgentRunner | null; hint?: string | undefined }>;
  signal: AbortSignal;
  /** The trigger stage of the three-job flow: no model here. */
  staged: boolean;
}

/** The Action as a host; `queued` collects the runs its flows start, for this job to run. */
export function actionHost(ctx: ActionContext, parts: ActionHostParts): { host: GitHubHost; queued: RunRequest[] } {
  const queued: RunRequest[] = [];
  const control = { octokit: ctx.octokit, repo: parts.repo, store: parts.store, secrets: ctx.secrets, warn: ctx.log.warn };
  // The account the token comments as: github-actions[bot] for GITHUB_TOKEN, `<app>[bot]` for an App token.
  const botLogin = ctx.env.QUORUM_BOT_LOGIN?.trim() || ACTIONS_BOT_LOGIN;
  const appSlug = appSlugOfBotLogin(botLogin);
  const host: GitHubHost = {
    octokit: ctx.octokit,
    repo: parts.repo,
    catalog: parts.catalog,
    config: ctx.config,
    now: () => new Date(),
    log: ctx.log,
    secrets: ctx.secrets,
    ...(ctx.defaultHeadSha ? { defaultHeadSha: ctx.defaultHeadSha } : {}),
    checkRuns: { buttons: false, detailsUrl: ctx.actionsRunUrl },
    // A login that is not an app's `[bot]` (a person's token) makes no check runs: none is Quorum's.
    identity: async () => ({ ownComments: ownCommentCheck({ botLogin }), checkRuns: appSlug ? { appSlug } : { none: true } }),
    author: async () => {
      if (parts.staged) return { missing: STAGED_AUTHOR };
      const { runner, hint } = await parts.runner();
      if (!runner) return { missing: `Free-form tasks need a model for the author agent. ${hint ?? "Set the action's `anthropic-api-key` input."}` };
      const model = ctx.inputs.model || (await ctx.config()).models.default;
      return { runner, options: { ...(model ? { model } : {}), tools: DEFAULT_TOOLS, cwd: ctx.runnerEnv.workspace, signal: parts.signal } };
    },
    start: (run) => queueRun(host, queued, run),
    runs: {
      status: async (request) => (request.runId ? statusOf(control, request.runId) : whichRun("status")),
      cancel: async (request, located) => {
        if (located.found) return cancelLocatedRun(host, located.run, request.sender.login);
        return request.runId ? cancelById(control, request.runId) : whichRun("cancel");
      },
      resume: async (request) => {
        if (!request.runId) return whichRun("resume");
        const pullRequest = request.isPullRequest ? { number: request.replyTo.issueNumber } : null;
        queued.push({ source: "comment", workflow: "", args: undefined, resumeRunId: request.runId, sender: request.sender.login, pullRequest, replyTo: request.replyTo });
        return null;
      },
      actionsRunOf: async (run) => actionsRunIdOf(run.runId),
    },
  };
  return { host, queued };
}

/** Queues a run for this job; an approved free-form run gets its check run at once, so the proposal can link it. */
async function queueRun(host: GitHubHost, queued: RunRequest[], run: RunStart): Promise<StartedRun> {
  const { request } = run;
  const handoff = request.handoff;
  if (!handoff?.freeform || handoff.checkRunId !== undefined) {
    queued.push(request);
    return { checkRun: null, announced: false };
  }
  let checkRun: StartedRun["checkRun"] = null;
  try {
    const { data } = await host.octokit.rest.checks.create({
      owner: host.repo.owner,
      repo: host.repo.repo,
      name: run.checkRunName ?? request.workflow,
      head_sha: handoff.headSha,
      external_id: handoff.runId,
      status: "queued",
      ...(host.checkRuns.detailsUrl ? { details_url: host.checkRuns.detailsUrl } : {}),
      output: { title: "Starting the approved workflow", summary: `${run.note ?? ""} It runs as run \`${handoff.runId}\`.`.trim() },
    });
    checkRun = { id: data.id, url: data.html_url ?? null };
  } catch (error) {
    host.log.warn(`Could not create the check run of free-form run ${handoff.runId} (${errorMessage(error)}); the run makes its own.`);
  }
  queued.push({ ...request, handoff: { ...handoff, ...(checkRun ? { checkRunId: checkRun.id } : {}) } });
  return { checkRun, announced: false };
}
