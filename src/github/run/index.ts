/** One GitHub-triggered run and what surrounds it. */
export { runOnGitHub, startOnGitHub, reporterFor } from "./run-on-github.ts";
export type { GitHubRunEnvironment, GitHubRunResult, StartedRun } from "./run-on-github.ts";
export { executeOnGitHub, publishModeOf } from "./run-execute.ts";
export type { ExecutedRun } from "./run-execute.ts";
export { concludeOnGitHub } from "./run-conclude.ts";
export { WorkflowCatalog } from "./catalog.ts";
export { handleControl } from "./control.ts";
export { publishFindings, effectivePublishMode, destinationText } from "./publish-findings.ts";
export type { PublishedFinding, FindingDestination } from "./publish-findings.ts";
export { approvedWorkflow, finalButtons, freeformName, FREEFORM_FILENAME } from "./handoff.ts";
