/** One GitHub-triggered run and what surrounds it. */
export { runOnGitHub } from "./run-on-github.ts";
export type { GitHubRunEnvironment, GitHubRunResult } from "./run-on-github.ts";
export { WorkflowCatalog } from "./catalog.ts";
export { handleControl } from "./control.ts";
export { publishFindings, effectivePublishMode, destinationText } from "./publish-findings.ts";
export type { PublishedFinding, FindingDestination } from "./publish-findings.ts";
export { approvedWorkflow, finalButtons, freeformName, FREEFORM_FILENAME } from "./handoff.ts";
export { proposeFreeform } from "./freeform-propose.ts";
export { approveFreeform, startApprovedRun } from "./freeform-approve.ts";
export { cancelFreeform } from "./freeform-cancel.ts";
export { saveFreeform } from "./freeform-save.ts";
export { ACTIONS_BOT_LOGIN } from "./freeform-env.ts";
export type { FreeformEnvironment, FoundProposal } from "./freeform-env.ts";
