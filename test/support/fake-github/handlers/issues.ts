/** `issues/*`: issues (and PRs as issues) and their comments. */
import { notFound, paginate } from "../http.ts";
import { issueCommentJson, userJson } from "../shapes.ts";
import type { FakeIssueComment } from "../state.ts";
import { now } from "../state.ts";
import type { Handlers } from "./types.ts";

export const issueHandlers: Handlers = {
  "issues/get": (c) => {
    const r = c.repo();
    const issue = r.issues.get(Number(c.params.issue_number));
    if (!issue) throw notFound();
    return {
      body: {
        id: issue.id,
        number: issue.number,
        title: issue.title,
        body: issue.body,
        state: issue.state,
        user: userJson(c.api, issue.user),
        labels: issue.labels.map((name) => ({ name })),
        html_url: `https://github.com/${r.fullName}/${issue.isPull ? "pull" : "issues"}/${issue.number}`,
        url: `${c.api}/repos/${r.fullName}/issues/${issue.number}`,
        ...(issue.isPull ? { pull_request: { url: `${c.api}/repos/${r.fullName}/pulls/${issue.number}` } } : {}),
      },
    };
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
