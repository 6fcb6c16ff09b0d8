/**
 * `issue_comment.created` (rule G1, G5, G7): a `/workflow …` comment starts, explains or acts on a
 * run.
 *
 * Order, cheapest first: edited/deleted comments and comments that are not `/workflow` commands
 * cost no API call; then the config (default branch, rule G6) and the commenter's permission
 * (asked of the API, rule G5). A refused person gets a short reply; a refused bot gets nothing (a
 * reply could start a bot-to-bot loop). Only then is the command parsed, so a malformed command
 * from a read-only user is refused, not explained.
 */
import type { Context } from "probot";
import type { JsonObject } from "../kernel/json.ts";
import { authorizeSender, shouldIgnoreEvent } from "../github/authorize.ts";
import { isWorkflowCommand, parseCommand, type WorkflowCommand } from "../github/command.ts";
import { postReply, shortReplyBody } from "../github/comments.ts";
import { CommandParseError } from "../github/errors.ts";
import { FREEFORM_WORKFLOW } from "../github/freeform/index.ts";
import { CHECK_RUN_NAME_PREFIX } from "../github/checkrun/reporter.ts";
import { defaultBranchHead, pullRequestHead } from "../github/run/commit.ts";
import { WorkflowCatalog } from "../github/run/catalog.ts";
import type { ReplyTarget } from "../github/trigger.ts";
import { WORKFLOW_NAME_PATTERN } from "../github/workflow-script.ts";
import { newRunId } from "../engine/rundir.ts";
import type { TriggerContext } from "../github/dispatch.ts";
import { cancelRun, resumeRun, statusText } from "./control.ts";
import type { AppEvent } from "./event.ts";
import { approveProposal, rejectProposal, type Decision } from "./freeform-decide.ts";
import { proposeFreeform } from "./freeform-propose.ts";
import { saveFreeform } from "./freeform-save.ts";
import { locateFromIssue, type LocatedRun } from "./locate.ts";
import { startRun } from "./start-run.ts";

export type CommentPayload = Context<"issue_comment.created">["payload"];

/** A hint added to `/workflow help`: the App also writes workflows for tasks. */
const FREEFORM_HELP =
  '`/workflow "<task in plain words>"` asks an author agent to write a workflow for the task; it is shown in a check run and runs after `/workflow approve <run-id>`. `/workflow save <run-id> <name>` keeps an approved one as a file.';

type AppCommand = WorkflowCommand;

interface CommentScope {
  event: AppEvent;
  sender: { login: string; type?: string };
  replyTo: ReplyTarget;
  isPullRequest: boolean;
  trigger: Omit<TriggerContext, "headSha">;
}

function reply(scope: CommentScope, text: string): Promise<unknown> {
  const { event } = scope;
  return postReply({ octokit: event.octokit, owner: event.repo.owner, repo: event.repo.repo, warn: event.log.warn }, scope.replyTo, shortReplyBody(scope.replyTo, scope.sender.login, text));
}

function headOf(scope: CommentScope): Promise<string> {
  const { event } = scope;
  return scope.isPullRequest ? pullRequestHead(event.octokit, event.repo, { number: scope.replyTo.issueNumber }) : defaultBranchHead(event.octokit, event.repo);
}

async function runNamed(scope: CommentScope, catalog: WorkflowCatalog, workflow: string, args: JsonObject | undefined): Promise<void> {
  if (!(await catalog.get(workflow))) {
    await reply(scope, `Unknown workflow \`${workflow}\`.\n\n${await catalog.helpText()}`);
    return;
  }
  await startRun(scope.event, {
    workflow,
    checkRunName: `${CHECK_RUN_NAME_PREFIX}${workflow}`,
    args,
    runId: newRunId(workflow, scope.event.options.now()),
    headSha: await headOf(scope),
    trigger: scope.trigger,
    replyTo: scope.replyTo,
  });
}

async function act(scope: CommentScope, command: AppCommand): Promise<void> {
  const { event } = scope;
  const catalog = new WorkflowCatalog(event.octokit, event.repo);
  const locate = (runId: string | undefined) => locateFromIssue(event, scope.replyTo.issueNumber, scope.isPullRequest, runId);
  const decision = (proposal: LocatedRun["proposal"]): Decision | null =>
    proposal ? { proposal, by: scope.sender.login, ...(scope.sender.type ? { senderType: scope.sender.type } : {}), replyTo: scope.replyTo } : null;

  switch (command.kind) {
    case "help":
      await reply(scope, `${await catalog.helpText()}\n\n${FREEFORM_HELP}`);
      return;
    case "run":
      await runNamed(scope, catalog, command.workflow, command.args);
      return;
    case "freeform": {
      // A quoted known name is that workflow, not a task.
      if (WORKFLOW_NAME_PATTERN.test(command.task) && command.task !== FREEFORM_WORKFLOW && (await catalog.get(command.task))) {
        await runNamed(scope, catalog, command.task, undefined);
        return;
      }
      await proposeFreeform(event, { task: command.task, requester: scope.sender.login, replyTo: scope.replyTo, isPullRequest: scope.isPullRequest, headSha: await headOf(scope) });
      return;
    }
    default:
      break;
  }

  const located = await locate(command.runId);
  if (!located.found) {
    await reply(scope, located.reason);
    return;
  }
  const run = located.run;
  const waiting = run.proposal !== null && run.proposal.record.state === "awaiting_approval" && run.proposal.checkRun.id === run.current.id;
  let text: string | null;
  switch (command.kind) {
    case "status":
      text = statusText(run);
      break;
    case "approve": {
      const d = decision(run.proposal);
      text = d ? await approveProposal(event, d) : `Run \`${run.runId}\` is not a free-form workflow waiting for approval; there is nothing to approve.`;
      break;
    }
    case "cancel": {
      const d = decision(run.proposal);
      text = waiting && d ? await rejectProposal(event, d) : await cancelRun(event, run, scope.sender.login);
      break;
    }
    case "resume":
      text = await resumeRun(event, run, scope.sender.login, scope.trigger, scope.replyTo);
      break;
    case "save":
      text = await saveFreeform(event, run, command.name, scope.sender.login);
      break;
  }
  if (text) await reply(scope, text);
}

/** Handles one new comment. */
export async function onComment(event: AppEvent, payload: CommentPayload): Promise<void> {
  if (shouldIgnoreEvent("issue_comment", payload).ignore) return;
  const body = payload.comment.body ?? "";
  if (!isWorkflowCommand(body)) return;
  const sender = { login: payload.sender.login, ...(payload.sender.type ? { type: payload.sender.type } : {}) };
  const isPullRequest = Boolean(payload.issue.pull_request);
  const scope: CommentScope = {
    event,
    sender,
    isPullRequest,
    replyTo: { issueNumber: payload.issue.number, comment: { id: payload.comment.id, url: payload.comment.html_url, body } },
    trigger: { event: "issue_comment", sender: sender.login, number: payload.issue.number, isPullRequest, commentId: payload.comment.id },
  };

  const { config, error } = await event.config();
  const verdict = await authorizeSender(event.octokit, { owner: event.repo.owner, repo: event.repo.repo, login: sender.login, ...(sender.type ? { senderType: sender.type } : {}) }, { allowBots: config.allowBots });
  if (!verdict.allowed) {
    event.log.info(`ignoring /workflow from @${sender.login}: ${verdict.reason}`);
    if (verdict.code !== "bot") await reply(scope, verdict.reason);
    return;
  }
  if (error) {
    await reply(scope, `Quorum cannot start: ${error.message}`);
    return;
  }
  let command: AppCommand | null;
  try {
    command = parseCommand(body);
  } catch (parseError) {
    if (!(parseError instanceof CommandParseError)) throw parseError;
    await reply(scope, parseError.message);
    return;
  }
  if (command) await act(scope, command);
}
