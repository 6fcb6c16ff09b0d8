/** One GitHub-triggered run and what surrounds it. */
export { runOnGitHub } from "./run-on-github.ts";
export type { GitHubRunEnvironment, GitHubRunResult } from "./run-on-github.ts";
export { WorkflowCatalog } from "./catalog.ts";
export { handleControl } from "./control.ts";
export { publishFindings, effectivePublishMode, destinationText } from "./publish-findings.ts";
export type { PublishedFinding, FindingDestination } from "./publish-findings.ts";
