/**
 * One pull request per finding with a patch (SPEC P4), idempotent by fingerprint (SPEC P6).
 *
 * Flow: look for an existing PR on `quorum/<workflow>/<short fingerprint>` (any state) whose body
 * carries the fingerprint marker → return it. Otherwise reuse the branch if it exists (a previous
 * run died between pushing and opening the PR), or apply the patch to the base commit and commit
 * it through the Git Data API onto a new `quorum/*` branch; then open the PR.
 *
 * Edge cases:
 * - A closed or merged PR for the fingerprint counts as published: a re-run never reopens it.
 * - A PR on the branch without the marker (someone else's, or a fingerprint prefix collision) is
 *   {@link FingerprintCollisionError}: Quorum will not guess.
 * - Losing a race (ref already exists, or "A pull request already exists") falls back to the
 *   winner's branch or PR.
 * - Patches whose added lines contain a secret are refused ({@link SecretInPatchError}): the
 *   patch is code, so it is not silently edited.
 */
import type { Octokit } from "@octokit/rest";
import { QuorumGitHubError, FingerprintCollisionError, SecretInPatchError, UnsupportedPatchError } from "../errors.ts";
import { fingerprintOf, shortFingerprint, type ValidFinding } from "../finding.ts";
import { redactSecrets } from "../redact.ts";
import { getDefaultBranch } from "../repo.ts";
import { addedLines, applyFilePatches, parseFilePatches } from "./apply-patch.ts";
import type { PublishContext } from "./context.ts";
import { branchSha, commitChanges, createQuorumRef } from "./git-commit.ts";
import { CommitFiles } from "./git-files.ts";
import { markersIn } from "./marker.ts";
import { quorumBranchName } from "./ref-guard.ts";
import { pullRequestBody, pullRequestTitle } from "./render.ts";

export interface PublishedPullRequest {
  status: "created" | "existing";
  number: number;
  url: string;
  branch: string;
  fingerprint: string;
  /** Secrets redacted from the title and body. */
  redactions: number;
}

export interface PullRequestContext extends PublishContext {
  /** Commit to base the change on; default: the default branch's head. */
  baseSha?: string;
}

function status(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}

function errorText(error: unknown): string {
  const e = error as { message?: string; response?: { data?: unknown } };
  return `${e.message ?? ""} ${JSON.stringify(e.response?.data ?? "")}`;
}

/** The PR for `fingerprint` on `branch`, or null; throws on a PR without the marker. */
async function findExisting(
  octokit: Octokit,
  ctx: PublishContext,
  branch: string,
  fingerprint: string,
): Promise<{ number: number; html_url: string } | null> {
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    owner: ctx.owner,
    repo: ctx.repo,
    head: `${ctx.owner}:${branch}`,
    state: "all",
    per_page: 100,
  });
  const ours = pulls.find((p) => markersIn(p.body).has(fingerprint));
  if (ours) return ours;
  const other = pulls[0];
  if (other) throw new FingerprintCollisionError(branch, other.number);
  return null;
}

async function commitPatch(octokit: Octokit, ctx: PullRequestContext, finding: ValidFinding, fingerprint: string, defaultBranch: string): Promise<string> {
  if (!finding.patch) throw new UnsupportedPatchError("the finding has no patch");
  const files = parseFilePatches(finding.patch);
  for (const { path, line } of addedLines(files)) {
    const found = redactSecrets(line, ctx.secrets ?? []);
    if (found.count > 0) throw new SecretInPatchError(path, Object.keys(found.kinds));
  }
  const baseSha = ctx.baseSha ?? (await branchSha(octokit, ctx, defaultBranch));
  if (!baseSha) throw new QuorumGitHubError("base_missing", `The default branch ${defaultBranch} has no commit to base the change on.`);
  const changes = await applyFilePatches(new CommitFiles(octokit, ctx, baseSha), files);
  // Redact before cutting: a cut could leave half a token that no pattern recognises.
  const title = redactSecrets(finding.title, ctx.secrets ?? []).text.replace(/\s+/g, " ").trim().slice(0, 72);
  const message = redactSecrets(
    `quorum(${ctx.workflow}): ${title}\n\nFinding ${shortFingerprint(fingerprint)} from run ${ctx.runId} (severity ${finding.severity}).\n`,
    ctx.secrets ?? [],
  ).text;
  return commitChanges(octokit, ctx, { baseSha, message, changes });
}

/**
 * Opens (or finds) the pull request for one finding with a patch.
 * Throws {@link PatchDoesNotApplyError}, {@link UnsupportedPatchError}, {@link SecretInPatchError}
 * or {@link FingerprintCollisionError} when the finding cannot be published; the caller reports it.
 */
export async function publishPullRequest(octokit: Octokit, ctx: PullRequestContext, finding: ValidFinding): Promise<PublishedPullRequest> {
  const fingerprint = fingerprintOf(finding, ctx.workflow);
  const branch = quorumBranchName(ctx.workflow, shortFingerprint(fingerprint));
  const done = (pr: { number: number; html_url: string }, state: "created" | "existing", redactions = 0): PublishedPullRequest => ({
    status: state,
    number: pr.number,
    url: pr.html_url,
    branch,
    fingerprint,
    redactions,
  });

  const existing = await findExisting(octokit, ctx, branch, fingerprint);
  if (existing) return done(existing, "existing");

  const defaultBranch = await getDefaultBranch(octokit, ctx);
  if ((await branchSha(octokit, ctx, branch)) === null) {
    const sha = await commitPatch(octokit, ctx, finding, fingerprint, defaultBranch);
    try {
      await createQuorumRef(octokit, ctx, branch, sha, { defaultBranch });
    } catch (error) {
      // Another run created the branch first: use theirs.
      if (!(status(error) === 422 && /already exists/i.test(errorText(error)))) throw error;
    }
  }

  const title = pullRequestTitle(finding, ctx);
  const body = pullRequestBody(finding, fingerprint, ctx);
  try {
    const { data } = await octokit.rest.pulls.create({
      owner: ctx.owner,
      repo: ctx.repo,
      head: branch,
      base: defaultBranch,
      title: title.text,
      body: body.text,
      draft: ctx.draft ?? false,
    });
    return done(data, "created", title.redactions + body.redactions);
  } catch (error) {
    if (status(error) === 422 && /pull request already exists/i.test(errorText(error))) {
      const raced = await findExisting(octokit, ctx, branch, fingerprint);
      if (raced) return done(raced, "existing");
    }
    throw error;
  }
}

export type PullRequestOutcome =
  | { finding: ValidFinding; ok: true; pullRequest: PublishedPullRequest }
  | { finding: ValidFinding; ok: false; error: Error };

/**
 * Publishes each finding that has a patch, one after the other; a failure is recorded for that
 * finding and the others still publish. Findings without a patch are not included.
 */
export async function publishPullRequests(
  octokit: Octokit,
  ctx: PullRequestContext,
  findings: readonly ValidFinding[],
): Promise<PullRequestOutcome[]> {
  const outcomes: PullRequestOutcome[] = [];
  for (const finding of findings) {
    if (!finding.patch) continue;
    try {
      outcomes.push({ finding, ok: true, pullRequest: await publishPullRequest(octokit, ctx, finding) });
    } catch (error) {
      outcomes.push({ finding, ok: false, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return outcomes;
}
