/**
 * The App's side of the host port (src/github/host/port.ts): the installation's client and
 * repository, the config from the default branch, the App's options, and how a run starts here —
 * a check run with the App's buttons, and a `workflow_dispatch` of the Action (start-run.ts).
 */
import { CHECK_RUN_NAME_PREFIX } from "../github/checkrun/reporter.ts";
import type { TriggerContext } from "../github/dispatch.ts";
import { FREEFORM_WORKFLOW } from "../github/freeform/index.ts";
import { answer, cancelLocatedRun, locateFromIssue, type GitHubHost, type RunStart, type StartedRun } from "../github/host/index.ts";
import { defaultBranchHead, pullRequestHead } from "../github/run/commit.ts";
import { WorkflowCatalog } from "../github/run/catalog.ts";
import type { RunRequest } from "../github/trigger.ts";
import { newRunId } from "../engine/rundir.ts";
import { resumeLocated, statusText } from "./control.ts";
import { findActionsRun } from "./dispatch.ts";
import type { AppEvent } from "./event.ts";
import { startRun } from "./start-run.ts";

const NO_AUTHOR =
  "Free-form tasks need a model key on the Quorum App's server (`ANTHROPIC_API_KEY`), and this installation has none. Run a named workflow instead: `/workflow help` lists them.";

/** The dispatch's trigger record of a request: event, who, and the issue or PR it answers. */
export function triggerOf(event: AppEvent, request: Pick<RunRequest, "sender" | "pullRequest" | "replyTo">, askedIn?: number): Omit<TriggerContext, "headSha"> {
  const { pullRequest, replyTo } = request;
  const commentId = askedIn ?? replyTo?.comment?.id;
  return {
    event: event.eventName,
    sender: request.sender ?? "github",
    ...(pullRequest ? { number: pullRequest.number, isPullRequest: true } : replyTo ? { number: replyTo.issueNumber, isPullRequest: false } : {}),
    ...(commentId !== undefined ? { commentId } : {}),
  };
}

export function appHost(event: AppEvent): GitHubHost {
  const { octokit, repo, options } = event;
  const host: GitHubHost = {
    octokit,
    repo,
    catalog: new WorkflowCatalog(octokit, repo),
    config: async () => {
      const { config, error } = await event.config();
      if (error) throw error;
      return config;
    },
    now: options.now,
    log: event.log,
    secrets: options.secrets,
    checkRuns: { buttons: true },
    identity: async () => ({ ownComments: await event.ownComments(), checkRuns: options.appId !== undefined ? { appId: options.appId } : {} }),
    author: async () => (options.authorRunner ? { runner: options.authorRunner(), options: options.authorModel ? { model: options.authorModel } : {} } : { missing: NO_AUTHOR }),
    start: (run) => startFromApp(event, host, run),
    runs: {
      status: async (_request, locate) => {
        const located = await locate();
        return located.found ? statusText(located.run) : located.reason;
      },
      cancel: async (request, located) => (located.found ? cancelLocatedRun(host, located.run, request.sender.login) : located.reason),
      resume: async (request, locate) => {
        const located = await locate();
        return located.found ? resumeLocated(event, host, located.run, request.sender.login, triggerOf(event, { sender: request.sender.login, pullRequest: request.isPullRequest ? { number: request.replyTo.issueNumber } : null, replyTo: request.replyTo }), request.replyTo) : located.reason;
      },
      actionsRunOf: async (run) => (await findActionsRun(octokit, repo, options.workflowFile, run.runId))?.id ?? null,
    },
  };
  return host;
}

/** A run started by the App: a resume found again, or a new check run and a dispatch. */
async function startFromApp(event: AppEvent, host: GitHubHost, run: RunStart): Promise<StartedRun> {
  const { request } = run;
  if (request.resumeRunId) return resumeFromRequest(event, host, request);
  const freeform = request.handoff?.freeform;
  if (!freeform && !(await host.catalog.get(request.workflow))) {
    const why = `Unknown workflow \`${request.workflow}\`.\n\n${await host.catalog.helpText()}`;
    if (request.replyTo) await answer(host, request.replyTo, request.sender, why);
    else event.log.warn(`${event.eventName}: ${why}`);
    return { checkRun: null, announced: false, error: why };
  }
  const headSha =
    request.handoff?.headSha ?? (request.pullRequest ? await pullRequestHead(host.octokit, host.repo, request.pullRequest) : await defaultBranchHead(host.octokit, host.repo));
  const started = await startRun(event, {
    workflow: freeform ? FREEFORM_WORKFLOW : request.workflow,
    checkRunName: run.checkRunName ?? `${CHECK_RUN_NAME_PREFIX}${request.workflow}`,
    args: request.args,
    runId: request.handoff?.runId ?? newRunId(request.workflow, host.now()),
    headSha,
    trigger: triggerOf(event, request, run.commentId),
    ...(freeform ? { scriptBlob: freeform.blobSha } : {}),
    replyTo: request.replyTo,
    ...(run.title ? { title: run.title } : {}),
    ...(run.note ? { note: run.note } : {}),
  });
  const checkRun = { id: started.checkRunId, url: started.checkRunUrl };
  if (!started.dispatched) return { checkRun, announced: false, error: started.error ?? "the run could not be started" };
  return { checkRun, announced: request.replyTo !== null };
}

/** `/workflow resume <run-id>`: the run found on the issue, dispatched again. */
async function resumeFromRequest(event: AppEvent, host: GitHubHost, request: RunRequest): Promise<StartedRun> {
  const { replyTo } = request;
  if (!replyTo) return { checkRun: null, announced: false, error: "a resume needs the issue its run was started on" };
  const located = await locateFromIssue(host, replyTo.issueNumber, request.pullRequest !== null, request.resumeRunId);
  const text = located.found ? await resumeLocated(event, host, located.run, request.sender ?? "github", triggerOf(event, request), replyTo) : located.reason;
  if (text) await answer(host, replyTo, request.sender, text);
  return { checkRun: null, announced: text === null };
}
