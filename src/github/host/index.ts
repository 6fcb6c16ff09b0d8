/** Every GitHub flow, written once against the host port that the App and the Action implement. */
export type { ControlRequest, FreeformAuthor, GitHubHost, HostIdentity, HostLog, Locate, RunControl, RunStart, StartedRun } from "./port.ts";
export { actOnDecision, FREEFORM_HELP } from "./act.ts";
export { approveProposal, rejectProposal, startApproved, botRefusal, stateRefusal } from "./freeform-decide.ts";
export type { Decision, Proposal } from "./freeform-decide.ts";
export { proposeFreeform } from "./freeform-propose.ts";
export { saveFreeform } from "./freeform-save.ts";
export { actionsRunIdFromUrl, actionsRunOfLocated, cancelLocatedRun } from "./cancel.ts";
export { isWaitingProposal, locateFromCheckRun, locateFromIssue, locateOnCommit } from "./locate.ts";
export type { LocatedRun, Location } from "./locate.ts";
export { answer, post } from "./reply.ts";
export { buttonsOf, detailsOf, updateCheckRun } from "./check-run.ts";
export type { CheckRunUpdate } from "./check-run.ts";
