/**
 * Response bodies in GitHub's shapes — the fields Octokit users read, with realistic URLs.
 * `api` is the fake server's base URL.
 */
import type { CommitObject, TreeEntry } from "./git.ts";
import type { FakeArtifact, FakeCheckRun, FakeIssueComment, FakePull, FakeRepo, FakeReview, FakeReviewComment, FakeUser, FakeWorkflowRun } from "./state.ts";

const HTML = "https://github.com";

export function userJson(api: string, u: FakeUser): Record<string, unknown> {
  return {
    login: u.login,
    id: u.id,
    node_id: `U_${u.id}`,
    type: u.type,
    site_admin: false,
    url: `${api}/users/${encodeURIComponent(u.login)}`,
    html_url: `${HTML}/${u.login}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}`,
  };
}

export function repoJson(api: string, r: FakeRepo): Record<string, unknown> {
  return {
    id: r.id,
    node_id: `R_${r.id}`,
    name: r.name,
    full_name: r.fullName,
    private: r.isPrivate,
    visibility: r.isPrivate ? "private" : "public",
    owner: userJson(api, { login: r.owner, id: r.id + 1, type: "User" }),
    html_url: `${HTML}/${r.fullName}`,
    url: `${api}/repos/${r.fullName}`,
    default_branch: r.defaultBranch,
    fork: false,
    archived: false,
    disabled: false,
  };
}

export function refJson(api: string, r: FakeRepo, ref: string, sha: string): Record<string, unknown> {
  return {
    ref,
    node_id: `REF_${Buffer.from(ref).toString("base64url")}`,
    url: `${api}/repos/${r.fullName}/git/${ref}`,
    object: { type: "commit", sha, url: `${api}/repos/${r.fullName}/git/commits/${sha}` },
  };
}

export function gitCommitJson(api: string, r: FakeRepo, c: CommitObject): Record<string, unknown> {
  return {
    sha: c.sha,
    node_id: `C_${c.sha}`,
    url: `${api}/repos/${r.fullName}/git/commits/${c.sha}`,
    html_url: `${HTML}/${r.fullName}/commit/${c.sha}`,
    author: c.author,
    committer: c.committer,
    message: c.message,
    tree: { sha: c.tree, url: `${api}/repos/${r.fullName}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/repos/${r.fullName}/git/commits/${p}`, html_url: `${HTML}/${r.fullName}/commit/${p}` })),
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}

export function treeJson(api: string, r: FakeRepo, sha: string, entries: (TreeEntry & { path?: string })[]): Record<string, unknown> {
  return {
    sha,
    url: `${api}/repos/${r.fullName}/git/trees/${sha}`,
    truncated: false,
    tree: entries.map((e) => ({
      path: e.path ?? e.name,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(e.type === "blob" ? { size: r.git.blobs.get(e.sha)?.length ?? 0 } : {}),
      url: `${api}/repos/${r.fullName}/git/${e.type === "tree" ? "trees" : "blobs"}/${e.sha}`,
    })),
  };
}

export function pullJson(api: string, r: FakeRepo, p: FakePull): Record<string, unknown> {
  const base = `${api}/repos/${r.fullName}`;
  const repo = repoJson(api, r);
  return {
    url: `${base}/pulls/${p.number}`,
    id: p.id,
    node_id: `PR_${p.id}`,
    html_url: `${HTML}/${r.fullName}/pull/${p.number}`,
    diff_url: `${HTML}/${r.fullName}/pull/${p.number}.diff`,
    patch_url: `${HTML}/${r.fullName}/pull/${p.number}.patch`,
    issue_url: `${base}/issues/${p.number}`,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user: userJson(api, p.user),
    body: p.body,
    labels: [],
    created_at: p.createdAt,
    updated_at: p.createdAt,
    closed_at: p.state === "closed" ? p.createdAt : null,
    merged_at: p.merged ? p.createdAt : null,
    merge_commit_sha: null,
    draft: p.draft,
    merged: p.merged,
    author_association: "CONTRIBUTOR",
    head: { label: `${r.owner}:${p.head.ref}`, ref: p.head.ref, sha: r.headSha(p), user: repo.owner, repo },
    base: { label: `${r.owner}:${p.base.ref}`, ref: p.base.ref, sha: p.base.sha, user: repo.owner, repo },
  };
}

export function reviewJson(api: string, r: FakeRepo, v: FakeReview): Record<string, unknown> {
  return {
    id: v.id,
    node_id: `PRR_${v.id}`,
    user: userJson(api, v.user),
    body: v.body,
    state: v.state,
    html_url: `${HTML}/${r.fullName}/pull/${v.pullNumber}#pullrequestreview-${v.id}`,
    pull_request_url: `${api}/repos/${r.fullName}/pulls/${v.pullNumber}`,
    submitted_at: v.submittedAt,
    commit_id: v.commitId,
    author_association: "NONE",
  };
}

export function reviewCommentJson(api: string, r: FakeRepo, c: FakeReviewComment): Record<string, unknown> {
  return {
    id: c.id,
    node_id: `PRRC_${c.id}`,
    url: `${api}/repos/${r.fullName}/pulls/comments/${c.id}`,
    pull_request_review_id: c.reviewId,
    diff_hunk: "",
    path: c.path,
    commit_id: c.commitId,
    original_commit_id: c.commitId,
    user: userJson(api, c.user),
    body: c.body,
    created_at: c.createdAt,
    updated_at: c.createdAt,
    html_url: `${HTML}/${r.fullName}/pull/${c.pullNumber}#discussion_r${c.id}`,
    pull_request_url: `${api}/repos/${r.fullName}/pulls/${c.pullNumber}`,
    author_association: "NONE",
    line: c.line,
    original_line: c.line,
    side: c.side,
    start_line: c.startLine,
    original_start_line: c.startLine,
    start_side: c.startSide,
  };
}

export function issueCommentJson(api: string, r: FakeRepo, c: FakeIssueComment): Record<string, unknown> {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${api}/repos/${r.fullName}/issues/comments/${c.id}`,
    html_url: `${HTML}/${r.fullName}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${api}/repos/${r.fullName}/issues/${c.issueNumber}`,
    body: c.body,
    user: userJson(api, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: "NONE",
  };
}

export function checkRunJson(api: string, r: FakeRepo, c: FakeCheckRun): Record<string, unknown> {
  return {
    id: c.id,
    node_id: `CR_${c.id}`,
    head_sha: c.headSha,
    external_id: c.externalId,
    url: `${api}/repos/${r.fullName}/check-runs/${c.id}`,
    html_url: `${HTML}/${r.fullName}/runs/${c.id}`,
    details_url: c.detailsUrl,
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.startedAt,
    completed_at: c.completedAt,
    output: {
      title: c.output?.title ?? null,
      summary: c.output?.summary ?? null,
      text: c.output?.text ?? null,
      annotations_count: 0,
      annotations_url: `${api}/repos/${r.fullName}/check-runs/${c.id}/annotations`,
    },
    name: c.name,
    check_suite: { id: c.id + 1 },
    app: c.app
      ? {
          id: c.app.id,
          slug: c.app.slug,
          node_id: `MDM6QXBw${c.app.id}`,
          owner: null,
          name: c.app.slug,
          description: null,
          external_url: `https://github.com/apps/${c.app.slug}`,
          html_url: `https://github.com/apps/${c.app.slug}`,
          created_at: "2020-01-01T00:00:00Z",
          updated_at: "2020-01-01T00:00:00Z",
          permissions: {},
          events: [],
        }
      : null,
    pull_requests: [],
  };
}

export function artifactJson(api: string, r: FakeRepo, a: FakeArtifact): Record<string, unknown> {
  const run = r.workflowRuns.get(a.workflowRunId);
  return {
    id: a.id,
    node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
    name: a.name,
    size_in_bytes: a.content.length,
    url: `${api}/repos/${r.fullName}/actions/artifacts/${a.id}`,
    archive_download_url: `${api}/repos/${r.fullName}/actions/artifacts/${a.id}/zip`,
    expired: a.expired,
    created_at: a.createdAt,
    expires_at: a.expiresAt,
    updated_at: a.createdAt,
    digest: a.digest,
    workflow_run: { id: a.workflowRunId, repository_id: r.id, head_repository_id: run?.headRepository?.id ?? r.id, head_branch: run?.headBranch ?? r.defaultBranch, head_sha: run?.headSha ?? "" },
  };
}

export function workflowRunJson(api: string, r: FakeRepo, w: FakeWorkflowRun): Record<string, unknown> {
  const base = `${api}/repos/${r.fullName}/actions/runs/${w.id}`;
  return {
    id: w.id,
    node_id: `WFR_${w.id}`,
    name: w.name,
    event: w.event,
    head_branch: w.headBranch,
    head_sha: w.headSha,
    status: w.status,
    conclusion: w.conclusion,
    run_attempt: w.runAttempt,
    run_number: w.id,
    workflow_id: w.workflowId,
    path: w.path,
    url: base,
    html_url: `${HTML}/${r.fullName}/actions/runs/${w.id}`,
    artifacts_url: `${base}/artifacts`,
    cancel_url: `${base}/cancel`,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
    repository: repoJson(api, r),
    head_repository: w.headRepository
      ? { ...repoJson(api, r), id: w.headRepository.id, node_id: `R_${w.headRepository.id}`, full_name: w.headRepository.fullName, name: w.headRepository.fullName.split("/")[1] ?? r.name, fork: true }
      : repoJson(api, r),
    pull_requests: [],
  };
}
