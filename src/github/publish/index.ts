/** Publishing findings to GitHub: pull requests (rule P4), reviews (rule P5), idempotent (rule P6). */
export type { PublishContext } from "./context.ts";
export { publishPullRequest, publishPullRequests } from "./pull-request.ts";
export type { PublishedPullRequest, PullRequestContext, PullRequestOutcome } from "./pull-request.ts";
export { listPullFiles, publishReview } from "./review.ts";
export type { InlineComment, PublishedReview, ReviewTarget } from "./review.ts";
export { assertQuorumRef, quorumBranchName, QUORUM_REF_PREFIX } from "./ref-guard.ts";
export { fingerprintMarker, markersIn } from "./marker.ts";
export { commitChanges, createQuorumRef, updateQuorumRef, MAX_INLINE_FILE_BYTES, MAX_INLINE_TREE_BYTES } from "./git-commit.ts";
export { ExistingPulls } from "./existing-pulls.ts";
export { LocalGitObjects } from "./local-objects.ts";
export { hunksByPath, parseHunks } from "./diff-hunks.ts";
export type { PullFile } from "./diff-hunks.ts";
export type { FileChange } from "./git-commit.ts";
export { protectedPathRule, validatePatchPaths } from "./protected-paths.ts";
export type { PatchPathOptions, PatchPathRefusal, ProtectedPathRule } from "./protected-paths.ts";
