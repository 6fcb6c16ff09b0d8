/**
 * One pull request per finding with a patch (rule P4), idempotent by fingerprint (rule P6).
 *
 * Flow: look for an existing PR on `quorum/<workflow>/<short fingerprint>` (any state) whose body
 * carries the fingerprint marker → return it. Otherwise apply the patch to the base commit, commit
 * it through the Git Data API and create the `quorum/*` branch; if the branch already exists (a
 * previous run died between pushing and opening the PR, or a concurrent run won), use it as it
 * is; then open the PR.
 *
 * Requests: {@link publishPullRequests} shares one {@link PullRequestSession} across findings: the
 * base commit, its trees and files are read once per run (from the local checkout when it holds
 * them), and existing PRs are found with one listing when that is cheaper than one lookup per
 * finding. A new PR then costs four writes: tree (contents inline), commit, ref, pull request.
 *
 * Edge cases:
 * - A closed or merged PR for the fingerprint counts as published: a re-run never reopens it.
 * - A PR on the branch without the marker (someone else's, or a fingerprint prefix collision) is
 *   {@link FingerprintCollisionError}: Quorum will not guess.
 * - Losing a race (ref already exists, or "A pull request already exists") falls back to the
 *   winner's branch or PR. A leftover branch costs an unreferenced tree and commit (GitHub
 *   collects them), which is cheaper than probing every branch first.
 * - A patch that no longer applies still opens the PR when its branch was left by an earlier run.
 * - Patches whose added lines contain a secret are refused ({@link SecretInPatchError}): the
 *   patch is code, so it is not silently edited.
 * - Patches that touch protected paths (symlinks, submodules, `.git`, workflows, actions,
 *   CODEOWNERS, `.gitmodules`) are refused ({@link ProtectedPathError}, rule X12) before anything
 *   is read or written, unless `publish.allowPaths` allows them. A branch left by an earlier run
 *   is not reused for such a patch either.
 */
import { hasHttpStatus, responseDataOf } from "../api-error.ts";
import { errorMessage } from "../../kernel/errors.ts";
import type { Octokit } from "@octokit/rest";
import { QuorumGitHubError, FingerprintCollisionError, PatchDoesNotApplyError, ProtectedPathError, SecretInPatchError, UnsupportedPatchError } from "../errors.ts";
import { fingerprintOf, shortFingerprint, type ValidFinding } from "../finding.ts";
import { redactSecrets } from "../redact.ts";
import { getDefaultBranch } from "../repo.ts";
import { addedLines, applyFilePatches, parseFilePatches } from "./apply-patch.ts";
import type { PublishContext } from "./context.ts";
import { ExistingPulls, type PullSummary } from "./existing-pulls.ts";
import { branchSha, commitChanges, createQuorumRef } from "./git-commit.ts";
import { CommitFiles } from "./git-files.ts";
import { LocalGitObjects } from "./local-objects.ts";
import { markersIn } from "./marker.ts";
import { validatePatchPaths } from "./protected-paths.ts";
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
  /**
   * A local clone that may hold the base commit (the Action's checkout). Its objects are read
   * instead of asking the API, each verified by hash; anything missing is asked of the API.
   */
  checkout?: string;
}

function errorText(error: unknown): string {
  return `${errorMessage(error)} ${JSON.stringify(responseDataOf(error) ?? "")}`;
}

/** What publishing several findings of one run shares: default branch, base commit, its files, existing PRs. */
class PullRequestSession {
  readonly octokit: Octokit;
  readonly ctx: PullRequestContext;
  readonly existing: ExistingPulls;
  #defaultBranch: Promise<string> | undefined;
  #files: Promise<CommitFiles> | undefined;

  constructor(octokit: Octokit, ctx: PullRequestContext, expectedFindings: number) {
    this.octokit = octokit;
    this.ctx = ctx;
    this.existing = new ExistingPulls(octokit, ctx, { expectedLookups: expectedFindings });
  }

  defaultBranch(): Promise<string> {
    this.#defaultBranch ??= getDefaultBranch(this.octokit, this.ctx);
    this.#defaultBranch.catch(() => (this.#defaultBranch = undefined));
    return this.#defaultBranch;
  }

  /** The base commit's files (read lazily, cached for the whole session). */
  files(): Promise<CommitFiles> {
    this.#files ??= (async () => {
      const defaultBranch = await this.defaultBranch();
      const baseSha = this.ctx.baseSha ?? (await branchSha(this.octokit, this.ctx, defaultBranch));
      if (!baseSha) throw new QuorumGitHubError("base_missing", `The default branch ${defaultBranch} has no commit to base the change on.`);
      return new CommitFiles(this.octokit, this.ctx, baseSha, { local: this.ctx.checkout ? new LocalGitObjects(this.ctx.checkout) : null });
    })();
    this.#files.catch(() => (this.#files = undefined));
    return this.#files;
  }
}

/** The PR for `fingerprint` among `pulls` (all on its branch), or null; throws on a PR without the marker. */
function ours(pulls: readonly PullSummary[], branch: string, fingerprint: string): PullSummary | null {
  const found = pulls.find((p) => markersIn(p.body).has(fingerprint));
  if (found) return found;
  const other = pulls[0];
  if (other) throw new FingerprintCollisionError(branch, other.number);
  return null;
}

/** Throws {@link ProtectedPathError} when the patch touches a protected path the config does not allow (rule X12). */
export function assertPatchPaths(patch: string, ctx: Pick<PublishContext, "allowPaths">): void {
  const refusals = validatePatchPaths(patch, { allowPaths: ctx.allowPaths ?? [] });
  if (refusals.length > 0) throw new ProtectedPathError(refusals);
}

async function commitPatch(session: PullRequestSession, finding: ValidFinding, fingerprint: string): Promise<string> {
  const { ctx } = session;
  if (!finding.patch) throw new UnsupportedPatchError("the finding has no patch");
  assertPatchPaths(finding.patch, ctx);
  const files = parseFilePatches(finding.patch);
  for (const { path, line } of addedLines(files)) {
    const found = redactSecrets(line, ctx.secrets ?? []);
    if (found.count > 0) throw new SecretInPatchError(path, Object.keys(found.kinds));
  }
  const base = await session.files();
  const changes = await applyFilePatches(base, files);
  // Redact before cutting: a cut could leave half a token that no pattern recognises.
  const title = redactSecrets(finding.title, ctx.secrets ?? []).text.replace(/\s+/g, " ").trim().slice(0, 72);
  const message = redactSecrets(
    `quorum(${ctx.workflow}): ${title}\n\nFinding ${shortFingerprint(fingerprint)} from run ${ctx.runId} (severity ${finding.severity}).\n`,
    ctx.secrets ?? [],
  ).text;
  return commitChanges(session.octokit, ctx, { baseSha: base.commitSha, baseTree: await base.rootTree(), message, changes });
}

async function publishInSession(session: PullRequestSession, finding: ValidFinding): Promise<PublishedPullRequest> {
  const { octokit, ctx } = session;
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

  const existing = ours(await session.existing.on(branch), branch, fingerprint);
  if (existing) return done(existing, "existing");

  const defaultBranch = await session.defaultBranch();
  let sha: string | null = null;
  try {
    sha = await commitPatch(session, finding, fingerprint);
  } catch (error) {
    // The base moved on since an earlier run pushed this branch: its commit is still the fix.
    if (!(error instanceof PatchDoesNotApplyError) || (await branchSha(octokit, ctx, branch)) === null) throw error;
  }
  if (sha !== null) {
    try {
      await createQuorumRef(octokit, ctx, branch, sha, { defaultBranch });
    } catch (error) {
      // The branch exists (left by a run that died before opening the PR, or made by a concurrent run): use it.
      if (!(hasHttpStatus(error, 422) && /already exists/i.test(errorText(error)))) throw error;
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
    session.existing.add(data);
    return done(data, "created", title.redactions + body.redactions);
  } catch (error) {
    if (hasHttpStatus(error, 422) && /pull request already exists/i.test(errorText(error))) {
      const raced = ours(await session.existing.fresh(branch), branch, fingerprint);
      if (raced) return done(raced, "existing");
    }
    throw error;
  }
}

/**
 * Opens (or finds) the pull request for one finding with a patch.
 * Throws {@link PatchDoesNotApplyError}, {@link UnsupportedPatchError}, {@link SecretInPatchError}
 * or {@link FingerprintCollisionError} when the finding cannot be published; the caller reports it.
 */
export async function publishPullRequest(octokit: Octokit, ctx: PullRequestContext, finding: ValidFinding): Promise<PublishedPullRequest> {
  return publishInSession(new PullRequestSession(octokit, ctx, 1), finding);
}

export type PullRequestOutcome =
  | { finding: ValidFinding; ok: true; pullRequest: PublishedPullRequest }
  | { finding: ValidFinding; ok: false; error: Error };

/**
 * Publishes each finding that has a patch, one after the other, sharing reads across findings;
 * a failure is recorded for that finding and the others still publish. Findings without a patch
 * are not included.
 */
export async function publishPullRequests(
  octokit: Octokit,
  ctx: PullRequestContext,
  findings: readonly ValidFinding[],
): Promise<PullRequestOutcome[]> {
  const outcomes: PullRequestOutcome[] = [];
  const withPatch = findings.filter((f) => f.patch);
  const session = new PullRequestSession(octokit, ctx, withPatch.length);
  for (const finding of withPatch) {
    try {
      outcomes.push({ finding, ok: true, pullRequest: await publishInSession(session, finding) });
    } catch (error) {
      outcomes.push({ finding, ok: false, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return outcomes;
}
