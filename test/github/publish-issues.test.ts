/**
 * Findings of runs with no issue or PR to answer on become issues, one per fingerprint (rule P6):
 * found again → updated, not duplicated; closed → left closed unless configured; marked by a label.
 */
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fingerprintOf, type ValidFinding } from "../../src/github/finding.ts";
import { fingerprintMarker } from "../../src/github/publish/marker.ts";
import { publishIssues } from "../../src/github/publish/issue.ts";
import type { PublishContext } from "../../src/github/publish/context.ts";

const API = "https://api.github.com";
const octokit = new Octokit({ baseUrl: API, log: { debug() {}, info() {}, warn() {}, error() {} } });
const ctx: PublishContext = { owner: "acme", repo: "app", workflow: "audit-auth", runId: "gh-2-audit-auth", secrets: ["sk-ant-secret-value-0001"] };
const finding: ValidFinding = { title: "Admin route has no guard", severity: "high", body: "GET /admin/users answers anyone. The key sk-ant-secret-value-0001 leaked here.", location: { path: "src/admin.js", line: 4, endLine: 4 } };
const fp = fingerprintOf(finding, "audit-auth");
const LIST = "/repos/acme/app/issues";

function existing(number: number, state: "open" | "closed", body: string, extra: Record<string, unknown> = {}) {
  return { id: number, number, state, title: "t", body, html_url: `https://github.com/acme/app/issues/${number}`, labels: [{ name: "quorum" }], ...extra };
}

describe("P6 issues for findings with no issue or PR to answer on", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it("P6 a new finding opens one issue with the label, the marker and the secrets redacted", async () => {
    let created: { title: string; body: string; labels: string[] } | undefined;
    nock(API).get(LIST).query({ labels: "quorum", state: "all", per_page: "100" }).reply(200, []);
    nock(API)
      .post(LIST, (body: { title: string; body: string; labels: string[] }) => ((created = body), true))
      .reply(201, existing(7, "open", ""));
    const [outcome] = await publishIssues(octokit, ctx, [finding], { label: "quorum", reopenClosed: false });
    expect(outcome).toMatchObject({ ok: true, number: 7, state: "created" });
    expect(created?.title).toBe("[quorum/audit-auth] Admin route has no guard");
    expect(created?.labels).toEqual(["quorum"]);
    expect(created?.body).toContain(fingerprintMarker(fp));
    expect(created?.body).toContain("**Last found by run:** `gh-2-audit-auth`");
    expect(created?.body).not.toContain("sk-ant-secret-value-0001");
  });

  it("P6 found again by another run: the open issue's body is updated, no second issue (found on the second page)", async () => {
    const others = Array.from({ length: 100 }, (_, i) => existing(100 + i, "open", `${fingerprintMarker("a".repeat(64 - String(i).length) + String(i))}`));
    nock(API)
      .get(LIST)
      .query({ labels: "quorum", state: "all", per_page: "100" })
      .reply(200, others, { link: `<${API}${LIST}?labels=quorum&state=all&per_page=100&page=2>; rel="next"` });
    nock(API).get(LIST).query({ labels: "quorum", state: "all", per_page: "100", page: "2" }).reply(200, [existing(7, "open", `old body\n${fingerprintMarker(fp)}`)]);
    let update: { body?: string; state?: string } | undefined;
    nock(API)
      .patch(`${LIST}/7`, (body: { body?: string; state?: string }) => ((update = body), true))
      .reply(200, existing(7, "open", ""));
    const [outcome] = await publishIssues(octokit, { ...ctx, runId: "gh-3-audit-auth" }, [finding], { label: "quorum", reopenClosed: false });
    expect(outcome).toMatchObject({ ok: true, number: 7, state: "updated" });
    expect(update?.body).toContain("**Last found by run:** `gh-3-audit-auth`");
    expect(update?.state).toBeUndefined();
  });

  it("P6 the same run published again writes nothing at all", async () => {
    const [first] = await (async () => {
      nock(API).get(LIST).query(true).reply(200, []);
      let body = "";
      nock(API).post(LIST, (b: { body: string }) => ((body = b.body), true)).reply(201, existing(9, "open", ""));
      const out = await publishIssues(octokit, ctx, [finding], { label: "quorum", reopenClosed: false });
      nock(API).get(LIST).query(true).reply(200, [existing(9, "open", body)]);
      return out;
    })();
    expect(first).toMatchObject({ state: "created" });
    const [again] = await publishIssues(octokit, ctx, [finding], { label: "quorum", reopenClosed: false });
    expect(again).toMatchObject({ ok: true, number: 9, state: "unchanged" });
  });

  it("P6 a closed issue stays closed for the same fingerprint unless publish.reopenClosedIssues", async () => {
    nock(API).get(LIST).query(true).reply(200, [existing(5, "closed", fingerprintMarker(fp))]);
    const [kept] = await publishIssues(octokit, ctx, [finding], { label: "quorum", reopenClosed: false });
    expect(kept).toMatchObject({ ok: true, number: 5, state: "closed" });

    nock(API).get(LIST).query(true).reply(200, [existing(5, "closed", fingerprintMarker(fp))]);
    let update: { state?: string } | undefined;
    nock(API).patch(`${LIST}/5`, (body: { state?: string }) => ((update = body), true)).reply(200, existing(5, "open", ""));
    const [reopened] = await publishIssues(octokit, ctx, [finding], { label: "quorum", reopenClosed: true });
    expect(reopened).toMatchObject({ ok: true, number: 5, state: "reopened" });
    expect(update?.state).toBe("open");
  });

  it("P6 a marker in a pull request, or in an issue without the label, does not count: only the label's issues are searched", async () => {
    // The API is asked for the label's issues only; a PR among them is skipped.
    nock(API).get(LIST).query({ labels: "quorum", state: "all", per_page: "100" }).reply(200, [existing(3, "open", fingerprintMarker(fp), { pull_request: { url: "x" } })]);
    nock(API).post(LIST).reply(201, existing(11, "open", ""));
    const [outcome] = await publishIssues(octokit, ctx, [finding], { label: "quorum", reopenClosed: false });
    expect(outcome).toMatchObject({ ok: true, number: 11, state: "created" });
  });

  it("P6 two findings with one fingerprint in one run make one issue", async () => {
    nock(API).get(LIST).query(true).reply(200, []);
    nock(API).post(LIST).reply(201, existing(12, "open", ""));
    nock(API).patch(`${LIST}/12`).reply(200, existing(12, "open", ""));
    const twin = { ...finding, body: "Same place, other words." };
    const outcomes = await publishIssues(octokit, ctx, [finding, twin], { label: "quorum", reopenClosed: false });
    expect(outcomes.map((o) => (o.ok ? o.number : 0))).toEqual([12, 12]);
  });

  it("P6 when the issues cannot be listed, every finding fails with what the token needs; nothing is created blind", async () => {
    nock(API).get(LIST).query(true).reply(403, { message: "Resource not accessible by integration" });
    const [outcome] = await publishIssues(octokit, ctx, [finding], { label: "quorum", reopenClosed: false });
    expect(outcome).toMatchObject({ ok: false });
    if (outcome && !outcome.ok) expect(outcome.error).toMatch(/could not list the repository's "quorum" issues: .*Resource not accessible by integration.*issues: write/);
  });
});
