/**
 * Acting on a trigger decision (trigger.ts): the one place where each decision becomes replies,
 * proposals, approvals and started runs, for the App and the Action alike. Adding a command is a
 * case in `decideTrigger` and one here.
 *
 * Edge cases:
 * - Run verbs (`status`, `cancel`, `resume`, `approve`, `save`) find their run at most once, and
 *   only when the verb needs it.
 * - `cancel` on a proposal that waits rejects it (rule G7); any other run is stopped by the host.
 * - Every answer quotes the command and mentions who asked (rule P3).
 */
import type { TriggerDecision } from "../trigger.ts";
import { approveProposal, rejectProposal } from "./freeform-decide.ts";
import { proposeFreeform } from "./freeform-propose.ts";
import { saveFreeform } from "./freeform-save.ts";
import { isWaitingProposal, locateFromIssue, type Location } from "./locate.ts";
import type { ControlRequest, GitHubHost, Locate } from "./port.ts";
import { answer } from "./reply.ts";

/** Added to `/workflow help`: free-form tasks (rule G7). */
export const FREEFORM_HELP =
  '`/workflow "<task in plain words>"` asks an author agent to write a workflow for the task; it is shown in a check run and runs after `/workflow approve <run-id>` from someone with write access. `/workflow save <run-id> <name>` keeps an approved one as a file.';

type RunVerbDecision = Extract<TriggerDecision, { action: "approve" | "save" | "control" }>;

/** Does what `decision` asks, through `host`. */
export async function actOnDecision(host: GitHubHost, decision: TriggerDecision): Promise<void> {
  switch (decision.action) {
    case "ignore":
      host.log.info(`Nothing to do: ${decision.reason}`);
      return;
    case "reply":
      host.log.info(`Replying: ${decision.reason}`);
      await answer(host, decision.replyTo, null, decision.body);
      return;
    case "help":
      await answer(host, decision.replyTo, null, `${await host.catalog.helpText()}\n\n${FREEFORM_HELP}`);
      return;
    case "run":
      for (const request of decision.requests) await host.start({ request });
      return;
    case "propose":
      await proposeFreeform(host, decision);
      return;
    case "approve":
    case "save":
    case "control": {
      const text = await onRunVerb(host, decision);
      if (text) await answer(host, decision.replyTo, decision.sender.login, text);
      return;
    }
  }
}

/** A {@link Locate} for the run a command names, asked of GitHub at most once. */
function locatorOf(host: GitHubHost, decision: RunVerbDecision): Locate {
  let located: Promise<Location> | null = null;
  return () => (located ??= locateFromIssue(host, decision.replyTo.issueNumber, decision.isPullRequest, decision.runId));
}

/** The reply to a run verb (null: nothing more to say). */
async function onRunVerb(host: GitHubHost, decision: RunVerbDecision): Promise<string | null> {
  const locate = locatorOf(host, decision);
  switch (decision.action) {
    case "approve":
      return approve(host, decision, await locate());
    case "save": {
      const located = await locate();
      return located.found ? saveFreeform(host, located.run, decision.name, decision.sender.login) : located.reason;
    }
    case "control":
      return control(host, decision, locate);
  }
}

async function approve(host: GitHubHost, decision: RunVerbDecision, located: Location): Promise<string | null> {
  if (!located.found) return located.reason;
  const { proposal, runId } = located.run;
  if (!proposal) return `Run \`${runId}\` is not a free-form workflow waiting for approval; there is nothing to approve.`;
  return approveProposal(host, { proposal, by: decision.sender.login, ...(decision.sender.type ? { senderType: decision.sender.type } : {}), replyTo: decision.replyTo });
}

async function control(host: GitHubHost, request: ControlRequest, locate: Locate): Promise<string | null> {
  switch (request.verb) {
    case "status":
      return host.runs.status(request, locate);
    case "resume":
      return host.runs.resume(request, locate);
    case "cancel": {
      const located = await locate();
      if (located.found && located.run.proposal && isWaitingProposal(located.run)) {
        const senderType = request.sender.type ? { senderType: request.sender.type } : {};
        return rejectProposal(host, { proposal: located.run.proposal, by: request.sender.login, ...senderType, replyTo: request.replyTo });
      }
      return host.runs.cancel(request, located);
    }
  }
}
