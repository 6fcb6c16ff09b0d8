/** `issues/*`: issues (and PRs as issues) and their comments. */
import { HttpError, notFound, paginate } from "../http.ts";
import { issueCommentJson, userJson } from "../shapes.ts";
import type { FakeIssue, FakeIssueComment, FakeRepo } from "../state.ts";
import { newId, now } from "../state.ts";
import type { Handlers } from "./types.ts";

function issueJson(api: string, r: FakeRepo, issue: FakeIssue): Record<string, unknown> {
  return {
    id: issue.id,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    user: userJson(api, issue.user),
    labels: issue.labels.map((name) => ({ name })),
    html_url: `https://github.com/${r.fullName}/${issue.isPull ? "pull" : "issues"}/${issue.number}`,
    url: `${api}/repos/${r.fullName}/issues/${issue.number}`,
    ...(issue.isPull ? { pull_request: { url: `${api}/repos/${r.fullName}/pulls/${issue.number}` } } : {}),
  };
}

export const issueHandlers: Handlers = {
  "issues/get": (c) => {
    const r = c.repo();
    const issue = r.issues.get(Number(c.params.issue_number));
    if (!issue) throw notFound();
    return { body: issueJson(c.api, r, issue) };
  },

  /** Issues and PRs of the repository, newest first; `state` (default open) and `labels` (all must match) filter. */
  "issues/list-for-repo": (c) => {
    const r = c.repo();
    const state = c.url.searchParams.get("state") ?? "open";
    const labels = (c.url.searchParams.get("labels") ?? "").split(",").map((l) => l.trim()).filter(Boolean);
    const issues = [...r.issues.values()]
      .filter((i) => state === "all" || i.state === state)
      .filter((i) => labels.every((l) => i.labels.includes(l)))
      .sort((a, b) => b.number - a.number);
    const page = paginate(issues, c.url);
    return { ...page, body: (page.body as FakeIssue[]).map((i) => issueJson(c.api, r, i)) };
  },

  /** Labels that do not exist yet are created, as GitHub does for a user with push access. */
  "issues/create": (c) => {
    const r = c.repo();
    const input = c.body as { title: string | number; body?: string | null; labels?: (string | { name?: string })[] };
    const number = r.nextNumber();
    const issue: FakeIssue = {
      number,
      id: newId(),
      title: String(input.title),
      body: input.body ?? null,
      user: c.actor,
      state: "open",
      isPull: false,
      labels: (input.labels ?? []).map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean),
    };
    r.issues.set(number, issue);
    return { status: 201, body: issueJson(c.api, r, issue) };
  },

  "issues/update": (c) => {
    const r = c.repo();
    const issue = r.issues.get(Number(c.params.issue_number));
    if (!issue) throw notFound();
    const input = c.body as { title?: string | number | null; body?: string | null; state?: "open" | "closed"; labels?: (string | { name?: string })[] };
    if (input.state !== undefined && input.state !== "open" && input.state !== "closed") throw new HttpError(422, "Validation Failed");
    if (input.title !== undefined && input.title !== null) issue.title = String(input.title);
    if (input.body !== undefined) issue.body = input.body;
    if (input.state !== undefined) issue.state = input.state;
    if (input.labels !== undefined) issue.labels = input.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean);
    return { body: issueJson(c.api, r, issue) };
  },

  "issues/list-comments": (c) => {
    const r = c.repo();
    const n = Number(c.params.issue_number);
    if (!r.issues.has(n)) throw notFound();
    const page = paginate(r.issueComments.filter((x) => x.issueNumber === n), c.url);
    return { ...page, body: (page.body as FakeIssueComment[]).map((x) => issueCommentJson(c.api, r, x)) };
  },

  "issues/create-comment": (c) => {
    const r = c.repo();
    const n = Number(c.params.issue_number);
    if (!r.issues.has(n)) throw notFound();
    const comment = r.addIssueComment(n, c.actor, (c.body as { body: string }).body);
    return { status: 201, body: issueCommentJson(c.api, r, comment) };
  },

  "issues/get-comment": (c) => {
    const r = c.repo();
    const comment = r.issueComments.find((x) => x.id === Number(c.params.comment_id));
    if (!comment) throw notFound();
    return { body: issueCommentJson(c.api, r, comment) };
  },

  "issues/update-comment": (c) => {
    const r = c.repo();
    const comment = r.issueComments.find((x) => x.id === Number(c.params.comment_id));
    if (!comment) throw notFound();
    comment.body = (c.body as { body: string }).body;
    comment.updatedAt = now();
    return { body: issueCommentJson(c.api, r, comment) };
  },
};
