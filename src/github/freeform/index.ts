/** Free-form workflows (rule G7), shared by the App and the Action. */
export { authorWorkflow, checkProposal, unwrapFence, DEFAULT_AUTHOR_RETRIES } from "./author.ts";
export type { AuthorOptions, AuthorResult, AuthorAttempt, AuthorEstimate } from "./author.ts";
export { AUTHOR_OUTPUT_SCHEMA, authorPrompt } from "./author-prompt.ts";
export { AUTHORING_REFERENCE, renderAuthoringReference, GOOD_EXAMPLES, BAD_EXAMPLES } from "./reference.ts";
export { estimateAgents, describeEstimate } from "./estimate.ts";
export type { AgentEstimate, PatternCall } from "./estimate.ts";
export { storeApprovedScript, loadApprovedScript, gitBlobSha, ApprovedScriptError, MAX_APPROVED_SCRIPT_BYTES } from "./approved-script.ts";
export { freeformMarker, readFreeformRecord, runIndexMarker, readRunIndex, RECORD_VERSION } from "./record.ts";
export type { FreeformRecord, ProposalState, RunIndexEntry } from "./record.ts";
export { appSlugOfBotLogin, findRunInIssue, findProposal, checkRunsOfRun, madeByIdentity, ownCommentCheck } from "./lookup.ts";
export type { CheckRunIdentity } from "./lookup.ts";
export type { CheckRunRef, CommentAuthor, OwnCommentCheck } from "./lookup.ts";
export { renderProposal, restateProposal, renderAuthoringFailure, renderAuthoring, freeformCheckRunName, quoteTask, scriptBlock, showsScript, FREEFORM_WORKFLOW } from "./present.ts";
export type { ProposalView, CheckRunText } from "./present.ts";
export { saveWorkflowPullRequest, savedWorkflowPath } from "./save.ts";
export type { SaveRequest, SaveOutcome } from "./save.ts";
