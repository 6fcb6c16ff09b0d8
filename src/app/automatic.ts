/**
 * Label and pull-request triggers (rule G2, G4, G5): `issues.labeled`, and `pull_request` opened /
 * synchronize / ready_for_review / labeled. The decision is the same one the Action makes
 * (`decideTrigger` in src/github/trigger.ts: prefix, drafts, config, permission of the sender);
 * the App then starts each requested run by dispatching the Action.
 *
 * Edge cases:
 * - A label naming an unknown workflow gets a reply on the issue listing what exists.
 * - Pull-request triggers never reply (every push would); their check runs say everything.
 * - A broken `.github/quorum.yml` on a `pull_request` event is logged: there is nobody to tell.
 */
import { postReply, shortReplyBody } from "../github/comments.ts";
import { CHECK_RUN_NAME_PREFIX } from "../github/checkrun/reporter.ts";
import { ConfigError } from "../github/errors.ts";
import { defaultBranchHead, pullRequestHead } from "../github/run/commit.ts";
import { WorkflowCatalog } from "../github/run/catalog.ts";
import { decideTrigger, type RunRequest } from "../github/trigger.ts";
import { newRunId } from "../engine/rundir.ts";
import type { AppEvent } from "./event.ts";
import { startRun } from "./start-run.ts";

async function startRequest(event: AppEvent, catalog: WorkflowCatalog, request: RunRequest): Promise<void> {
  const reply = { octokit: event.octokit, owner: event.repo.owner, repo: event.repo.repo, warn: event.log.warn };
  if (!(await catalog.get(request.workflow))) {
    const why = `Unknown workflow \`${request.workflow}\`.\n\n${await catalog.helpText()}`;
    if (request.replyTo) await postReply(reply, request.replyTo, shortReplyBody(request.replyTo, request.sender, why));
    else event.log.warn(`${event.eventName}: ${why}`);
    return;
  }
  const headSha = request.pullRequest
    ? await pullRequestHead(event.octokit, event.repo, request.pullRequest)
    : await defaultBranchHead(event.octokit, event.repo);
  await startRun(event, {
    workflow: request.workflow,
    checkRunName: `${CHECK_RUN_NAME_PREFIX}${request.workflow}`,
    args: request.args,
    runId: newRunId(request.workflow, event.options.now()),
    headSha,
    trigger: {
      event: event.eventName,
      sender: request.sender ?? "github",
      ...(request.pullRequest ? { number: request.pullRequest.number, isPullRequest: true } : request.replyTo ? { number: request.replyTo.issueNumber, isPullRequest: false } : {}),
    },
    replyTo: request.replyTo,
  });
}

/** Handles a label or pull-request event. */
export async function onAutomaticTrigger(event: AppEvent, payload: unknown): Promise<void> {
  const loadConfig = async () => {
    const { config, error } = await event.config();
    if (error) throw error;
    return config;
  };
  let decision;
  try {
    decision = await decideTrigger({ octokit: event.octokit, owner: event.repo.owner, repo: event.repo.repo, loadConfig }, { name: event.eventName, payload });
  } catch (error) {
    if (error instanceof ConfigError) {
      event.log.warn(`${event.eventName}: ${error.message}`);
      return;
    }
    throw error;
  }
  switch (decision.action) {
    case "ignore":
      event.log.info(`${event.eventName}: nothing to do: ${decision.reason}`);
      return;
    case "reply":
      await postReply({ octokit: event.octokit, owner: event.repo.owner, repo: event.repo.repo, warn: event.log.warn }, decision.replyTo, shortReplyBody(decision.replyTo, null, decision.body));
      return;
    case "run": {
      const catalog = new WorkflowCatalog(event.octokit, event.repo);
      for (const request of decision.requests) await startRequest(event, catalog, request);
      return;
    }
    default:
      event.log.info(`${event.eventName}: ${decision.action} is not expected from a label or pull request; ignored.`);
  }
}
