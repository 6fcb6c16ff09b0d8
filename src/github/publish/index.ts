/** Publishing findings to GitHub: pull requests (SPEC P4), reviews (SPEC P5), idempotent (SPEC P6). */
export type { PublishContext } from "./context.ts";
export { publishPullRequest, publishPullRequests } from "./pull-request.ts";
export type { PublishedPullRequest, PullRequestContext, PullRequestOutcome } from "./pull-request.ts";
export { publishReview } from "./review.ts";
export type { InlineComment, PublishedReview, ReviewTarget } from "./review.ts";
export { assertQuorumRef, quorumBranchName, QUORUM_REF_PREFIX } from "./ref-guard.ts";
export { fingerprintMarker, markersIn } from "./marker.ts";
export { commitChanges, createQuorumRef, updateQuorumRef } from "./git-commit.ts";
export type { FileChange } from "./git-commit.ts";
