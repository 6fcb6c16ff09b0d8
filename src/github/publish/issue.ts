/**
 * Findings of a run with no issue or pull request to answer on (a schedule, a dispatch) and no
 * proven patch become issues: one per fingerprint, marked with a label (rule P4–P6).
 *
 * | the fingerprint's issue | what happens |
 * |---|---|
 * | none yet | an issue is opened with the label and the fingerprint marker |
 * | open | its body is brought up to date (last run, evidence); nothing new is opened |
 * | closed | left closed, unless `publish.reopenClosedIssues`: then reopened and updated |
 *
 * Idempotency: existing issues are found by the label and the marker in their body (every page of
 * `issues.listForRepo` with the label, open and closed). A body that would not change is not
 * written again, so a re-run of the same run makes no write at all.
 *
 * Edge cases:
 * - A marker in an issue without the label does not count (anyone can write a marker into an
 *   issue; the label needs triage permission).
 * - Pull requests are issues to the API too; they are skipped.
 */
import { errorMessage } from "../../kernel/errors.ts";
import type { Octokit } from "@octokit/rest";
import { fingerprintOf, type ValidFinding } from "../finding.ts";
import type { PublishContext } from "./context.ts";
import { markersIn } from "./marker.ts";
import { issueBody, pullRequestTitle } from "./render.ts";

export interface IssueOptions {
  /** Marks Quorum's issues (config `publish.issueLabel`, default `quorum`). */
  label: string;
  /** Reopen a closed issue when its finding is found again (config `publish.reopenClosedIssues`). */
  reopenClosed: boolean;
}

export type IssueOutcome =
  | { finding: ValidFinding; fingerprint: string; ok: true; number: number; url: string; state: "created" | "updated" | "unchanged" | "reopened" | "closed" }
  | { finding: ValidFinding; fingerprint: string; ok: false; error: string };

interface KnownIssue {
  number: number;
  url: string;
  state: "open" | "closed";
  body: string;
}

/** Quorum's issues by fingerprint: every issue with the label whose body carries a marker. */
async function knownIssues(octokit: Octokit, ctx: PublishContext, label: string): Promise<Map<string, KnownIssue>> {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner: ctx.owner, repo: ctx.repo, labels: label, state: "all", per_page: 100 });
  const byFingerprint = new Map<string, KnownIssue>();
  for (const issue of issues) {
    if (issue.pull_request) continue;
    const known: KnownIssue = { number: issue.number, url: issue.html_url, state: issue.state === "closed" ? "closed" : "open", body: issue.body ?? "" };
    for (const fingerprint of markersIn(issue.body)) {
      // The oldest issue wins when two carry the same marker (the list is newest first).
      byFingerprint.set(fingerprint, known);
    }
  }
  return byFingerprint;
}


export async function publishIssues(octokit: Octokit, ctx: PublishContext, findings: readonly ValidFinding[], options: IssueOptions): Promise<IssueOutcome[]> {
  const entries = findings.map((finding) => ({ finding, fingerprint: fingerprintOf(finding, ctx.workflow) }));
  let known: Map<string, KnownIssue>;
  try {
    known = await knownIssues(octokit, ctx, options.label);
  } catch (error) {
    const why = `could not list the repository's "${options.label}" issues: ${errorMessage(error)}. Does the token have \`issues: write\`?`;
    return entries.map((e) => ({ ...e, ok: false as const, error: why }));
  }
  const out: IssueOutcome[] = [];
  for (const { finding, fingerprint } of entries) {
    try {
      const body = issueBody(finding, fingerprint, ctx).text;
      const existing = known.get(fingerprint);
      if (!existing) {
        const { data } = await octokit.rest.issues.create({ owner: ctx.owner, repo: ctx.repo, title: pullRequestTitle(finding, ctx).text, body, labels: [options.label] });
        const created: KnownIssue = { number: data.number, url: data.html_url, state: "open", body };
        known.set(fingerprint, created); // a twin later in this batch updates it instead of opening another
        out.push({ finding, fingerprint, ok: true, number: data.number, url: data.html_url, state: "created" });
        continue;
      }
      if (existing.state === "closed" && !options.reopenClosed) {
        out.push({ finding, fingerprint, ok: true, number: existing.number, url: existing.url, state: "closed" });
        continue;
      }
      const reopen = existing.state === "closed";
      if (!reopen && existing.body === body) {
        out.push({ finding, fingerprint, ok: true, number: existing.number, url: existing.url, state: "unchanged" });
        continue;
      }
      await octokit.rest.issues.update({ owner: ctx.owner, repo: ctx.repo, issue_number: existing.number, body, ...(reopen ? { state: "open" as const } : {}) });
      existing.body = body;
      existing.state = "open";
      out.push({ finding, fingerprint, ok: true, number: existing.number, url: existing.url, state: reopen ? "reopened" : "updated" });
    } catch (error) {
      out.push({ finding, fingerprint, ok: false, error: `the issue could not be written: ${errorMessage(error)}` });
    }
  }
  return out;
}
