/**
 * `check_run.requested_action`: a button on one of the App's check runs was pressed (src/github/app-buttons.ts).
 *
 * - Approve (on a proposal): approves it and starts the run, as `/workflow approve` does.
 * - Cancel: rejects a proposal that waits, else cancels the run's Actions job.
 * - Re-run: resumes the run from its journal, as `/workflow resume` does.
 *
 * Everyone who presses must have write permission (rule G5), asked of the API. A refusal is only
 * logged: there is no comment to answer, and posting on the issue for every press would let
 * anyone make the App post. Answers go to the issue the run belongs to when there is one.
 */
import type { Context } from "probot";
import { BUTTON_IDS, isButtonId } from "../github/app-buttons.ts";
import { authorizeSender } from "../github/authorize.ts";
import type { CheckRunRef } from "../github/freeform/index.ts";
import { answer, approveProposal, cancelLocatedRun, locateFromCheckRun, rejectProposal, type Decision, type GitHubHost, type LocatedRun } from "../github/host/index.ts";
import type { ReplyTarget } from "../github/trigger.ts";
import { resumeLocated } from "./control.ts";
import type { AppEvent } from "./event.ts";
import { appHost } from "./host.ts";

export type RequestedActionPayload = Context<"check_run.requested_action">["payload"];

function checkRunRef(payload: RequestedActionPayload): CheckRunRef {
  const c = payload.check_run;
  return {
    id: c.id,
    name: c.name,
    html_url: c.html_url ?? null,
    status: c.status,
    conclusion: c.conclusion ?? null,
    external_id: c.external_id ?? null,
    head_sha: c.head_sha,
    details_url: c.details_url ?? null,
    output: { title: c.output?.title ?? null, summary: c.output?.summary ?? null, text: c.output?.text ?? null },
    app: { id: c.app?.id },
  };
}

/** Handles one button press. */
export async function onRequestedAction(event: AppEvent, payload: RequestedActionPayload): Promise<void> {
  const identifier = payload.requested_action?.identifier ?? "";
  if (!isButtonId(identifier)) {
    event.log.info(`check_run.requested_action: unknown button "${identifier.slice(0, 40)}"; ignored.`);
    return;
  }
  const pressed = checkRunRef(payload);
  if (event.options.appId !== undefined && pressed.app?.id !== event.options.appId) {
    event.log.info(`check_run.requested_action on check run ${pressed.id} of another app; ignored.`);
    return;
  }
  const sender = { login: payload.sender.login, type: payload.sender.type };
  const { config } = await event.config();
  const verdict = await authorizeSender(event.octokit, { owner: event.repo.owner, repo: event.repo.repo, login: sender.login, senderType: sender.type }, { allowBots: config.allowBots });
  if (!verdict.allowed) {
    event.log.info(`ignoring the ${identifier} button from @${sender.login}: ${verdict.reason}`);
    return;
  }
  const host = appHost(event);
  const located = await locateFromCheckRun(host, pressed);
  if (!located.found) {
    event.log.warn(`button ${identifier} on check run ${pressed.id}: ${located.reason}`);
    return;
  }
  // The pressed check run is what the user looked at; act on it.
  const run = { ...located.run, current: pressed };
  const issue = run.proposal?.record.issueNumber ?? payload.check_run.pull_requests?.[0]?.number ?? null;
  const replyTo: ReplyTarget | null = issue !== null ? { issueNumber: issue, comment: null } : null;
  const text = await press(event, host, identifier, run, { sender, replyTo });
  if (!text) return;
  if (replyTo) await answer(host, replyTo, sender.login, text);
  else event.log.info(`button ${identifier} on check run ${pressed.id}: ${text}`);
}

/** What a button does to the run of its check run; returns the reply. */
async function press(
  event: AppEvent,
  host: GitHubHost,
  identifier: string,
  run: LocatedRun,
  who: { sender: { login: string; type: string }; replyTo: ReplyTarget | null },
): Promise<string | null> {
  const { sender, replyTo } = who;
  const onProposal = run.proposal !== null && run.proposal.checkRun.id === run.current.id;
  const decision: Decision | null = onProposal && run.proposal ? { proposal: run.proposal, by: sender.login, senderType: sender.type, replyTo } : null;
  switch (identifier) {
    case BUTTON_IDS.approve:
      return decision ? approveProposal(host, decision) : "This check run has nothing to approve.";
    case BUTTON_IDS.cancel:
      return decision ? rejectProposal(host, decision) : cancelLocatedRun(host, run, sender.login);
    case BUTTON_IDS.rerun: {
      const record = run.proposal?.record ?? null;
      const number = replyTo?.issueNumber;
      const trigger = { event: "check_run", sender: sender.login, ...(number !== undefined ? { number, isPullRequest: record ? record.isPullRequest : true } : {}) };
      return resumeLocated(event, host, run, sender.login, trigger, replyTo);
    }
    default:
      return null;
  }
}
