import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CheckRunReporter, MIN_UPDATE_INTERVAL_MS, updateIntervalFor } from "../../../src/github/checkrun/reporter.ts";
import { MAX_CHECK_RUN_OUTPUT_CHARS } from "../../../src/github/checkrun/fit.ts";
import { buttonsFor } from "../../../src/github/app-buttons.ts";
import { finalButtons } from "../../../src/github/run/handoff.ts";
import { ManualClock } from "./clock.ts";
import { agent, finished, log, phase, started } from "./events.ts";

const API = "https://api.github.com";
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

interface Sent {
  method: "POST" | "PATCH";
  body: Record<string, unknown>;
}

type Reply = [number, Record<string, unknown>];
/** nock 15 hands a reply function the fetch Request (one parameter). */
const replyWith = (fn: (body: Record<string, unknown>) => Reply) =>
  (async (request: Request) => fn((await request.json()) as Record<string, unknown>)) as unknown as () => Reply;

/** Intercepts check-run create/update; `fail` answers with that status instead. */
function intercept(sent: Sent[], options: { failPatch?: number; failPost?: number; times?: number } = {}): void {
  nock(API)
    .post("/repos/acme/app/check-runs")
    .times(options.times ?? 5)
    .reply(
      replyWith((body) => {
        if (options.failPost) return [options.failPost, { message: "boom" }];
        sent.push({ method: "POST", body });
        return [201, { id: 77, html_url: "https://github.com/acme/app/runs/77" }];
      }),
    );
  nock(API)
    .patch("/repos/acme/app/check-runs/77")
    .times(options.times ?? 100)
    .reply(
      replyWith((body) => {
        if (options.failPatch) return [options.failPatch, { message: "Server Error" }];
        sent.push({ method: "PATCH", body });
        return [200, { id: 77 }];
      }),
    );
}

function makeReporter(clock: ManualClock, warnings: string[] = [], secrets: string[] = []) {
  const octokit = new Octokit({ baseUrl: API, log: quiet });
  return new CheckRunReporter(
    octokit,
    { owner: "acme", repo: "app", headSha: "a".repeat(40), workflow: "audit-auth", detailsUrl: "https://github.com/acme/app/actions/runs/1", externalId: "gh-1-audit-auth" },
    { clock, warn: (m) => warnings.push(m), secrets },
  );
}

const summaryOf = (s: Sent | undefined) => String((s?.body.output as { summary?: string } | undefined)?.summary ?? "");

describe("P1 check-run progress", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it("P1 creates `quorum / <workflow>` in progress on the commit, with details link and run id", async () => {
    const sent: Sent[] = [];
    intercept(sent);
    const reporter = makeReporter(new ManualClock());
    expect(await reporter.start()).toBe(true);
    expect(sent[0]?.body).toMatchObject({
      name: "quorum / audit-auth",
      head_sha: "a".repeat(40),
      status: "in_progress",
      details_url: "https://github.com/acme/app/actions/runs/1",
      external_id: "gh-1-audit-auth",
    });
    expect(reporter.url).toBe("https://github.com/acme/app/runs/77");
  });

  it("P1 coalesces: many events within 10 s make one update; a phase change goes out at once; the end completes it", async () => {
    const sent: Sent[] = [];
    intercept(sent);
    const clock = new ManualClock();
    const reporter = makeReporter(clock);
    await reporter.start();
    const t = clock.now();
    reporter.sink(started(t));
    reporter.sink(phase(t, "Map"));
    await vi.waitFor(() => expect(sent).toHaveLength(2)); // create + the phase change
    expect(summaryOf(sent[1])).toContain("phase **Map**");
    for (let i = 0; i < 50; i++) for (const e of agent(t + i, `a${i}`, "Map")) reporter.sink(e);
    clock.advance(MIN_UPDATE_INTERVAL_MS - 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toHaveLength(2); // not yet: at most one update per 10 s
    clock.advance(1);
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    expect(summaryOf(sent[2])).toContain("50/50 done");
    reporter.sink(phase(clock.now(), "Find"));
    await vi.waitFor(() => expect(sent).toHaveLength(4));
    reporter.sink(finished(clock.now(), "succeeded", { findings: [] }, 50, 50));
    await reporter.finish({ verdict: { conclusion: "success", headline: "No findings" } });
    expect(sent).toHaveLength(5);
    expect(sent[4]?.body).toMatchObject({ status: "completed", conclusion: "success", output: { title: "No findings" } });
    expect(clock.pending).toBe(0);
    // Nothing is sent after the end.
    reporter.sink(log(clock.now(), "late"));
    clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toHaveLength(5);
  });

  it("P1 P2 an adopted check run (the App's) is updated, never created; the end carries the buttons given", async () => {
    const sent: Sent[] = [];
    intercept(sent);
    const octokit = new Octokit({ baseUrl: API, log: quiet });
    const reporter = new CheckRunReporter(
      octokit,
      { owner: "acme", repo: "app", headSha: "a".repeat(40), workflow: "audit-auth", detailsUrl: "https://github.com/acme/app/actions/runs/1", externalId: "r-1", existingId: 77 },
      { clock: new ManualClock() },
    );
    expect(reporter.id).toBe(77);
    expect(await reporter.start()).toBe(true);
    await reporter.finish({ verdict: { conclusion: "cancelled", headline: "Cancelled" }, actions: finalButtons("cancelled", true) });
    expect(sent.map((s) => s.method)).toEqual(["PATCH", "PATCH"]);
    expect(sent[0]?.body).toMatchObject({ status: "in_progress", details_url: "https://github.com/acme/app/actions/runs/1" });
    expect(sent[0]?.body).not.toHaveProperty("actions"); // the App's Cancel button stays while it runs
    expect(sent[1]?.body).toMatchObject({ status: "completed", conclusion: "cancelled", actions: buttonsFor("resumable") });
    expect(sent[1]?.body).not.toHaveProperty("details_url");
    // Re-run only when a journal exists to resume; otherwise the buttons go.
    expect(finalButtons("failure", true)).toEqual(buttonsFor("resumable"));
    expect(finalButtons("failure", false)).toEqual([]);
    expect(finalButtons("neutral", true)).toEqual([]);
  });

  it("P1 P8 when the adopted check run cannot be updated (not the App's token, or gone), the reporter makes its own", async () => {
    const sent: Sent[] = [];
    const warnings: string[] = [];
    nock(API).patch("/repos/acme/app/check-runs/55").reply(403, { message: "Resource not accessible by integration" });
    intercept(sent);
    const octokit = new Octokit({ baseUrl: API, log: quiet });
    const reporter = new CheckRunReporter(octokit, { owner: "acme", repo: "app", headSha: "a".repeat(40), workflow: "audit-auth", name: "quorum / freeform: x", existingId: 55 }, { clock: new ManualClock(), warn: (m) => warnings.push(m) });
    expect(await reporter.start()).toBe(true);
    expect(reporter.id).toBe(77);
    expect(sent[0]).toMatchObject({ method: "POST", body: { name: "quorum / freeform: x", status: "in_progress" } });
    expect(warnings[0]).toMatch(/Could not update check run 55 made for this run \(403.*creating a check run of its own.*installation token/);
    await reporter.finish({ verdict: { conclusion: "success", headline: "No findings" }, actions: buttonsFor("resumable") });
    expect(sent.at(-1)).toMatchObject({ method: "PATCH", body: { conclusion: "success" } });
    expect(sent.at(-1)?.body).not.toHaveProperty("actions"); // buttons on its own check run would do nothing
  });

  it("P1 the update interval grows with the run's age: 10 s at first, elapsed/12 later", () => {
    expect(updateIntervalFor(0)).toBe(10_000);
    expect(updateIntervalFor(2 * 60_000)).toBe(10_000);
    expect(updateIntervalFor(10 * 60_000)).toBe(50_000);
    expect(updateIntervalFor(60 * 60_000)).toBe(300_000);
  });

  it("P1 output stays within 65,535 characters and says what was cut", async () => {
    const sent: Sent[] = [];
    intercept(sent);
    const clock = new ManualClock();
    const reporter = makeReporter(clock);
    await reporter.start();
    reporter.sink(started(clock.now(), ["Find"]));
    for (let i = 0; i < 400; i++) for (const e of agent(clock.now(), `f${i}`, "Find", "failed", "x".repeat(3000))) reporter.sink(e);
    for (let i = 0; i < 300; i++) reporter.sink(log(clock.now(), `line ${i} ${"y".repeat(5000)}`));
    const findings = Array.from({ length: 3000 }, (_, i) => ({ title: `Finding ${i} ${"z".repeat(150)}`, severity: "high", location: `src/f${i}.ts:1`, where: "listed here" }));
    reporter.sink(finished(clock.now(), "succeeded", { findings: [] }, 400, 0));
    await reporter.finish({ verdict: { conclusion: "neutral", headline: "3000 findings" }, extras: { findings, notes: ["n".repeat(100_000)] } });
    const output = sent.at(-1)?.body.output as { summary: string; text: string };
    expect(output.summary.length).toBeLessThanOrEqual(MAX_CHECK_RUN_OUTPUT_CHARS);
    expect(output.text.length).toBeLessThanOrEqual(MAX_CHECK_RUN_OUTPUT_CHARS);
    expect(output.summary).toMatch(/and 2900 more \(see the job summary\)/);
    expect(output.text).toMatch(/and 370 more \(see events\.jsonl/);
    expect(output.text).toMatch(/more characters\)/); // clipped log lines say so
  });

  it("P8 a failing update is logged and never thrown; a failed create is retried by the next flush", async () => {
    const warnings: string[] = [];
    nock(API).post("/repos/acme/app/check-runs").reply(502, { message: "Bad Gateway" });
    const clock = new ManualClock();
    const reporter = makeReporter(clock, warnings);
    expect(await reporter.start()).toBe(false);
    expect(warnings[0]).toMatch(/Could not create the check run "quorum \/ audit-auth" \(502.*The run goes on/);
    const sent: Sent[] = [];
    intercept(sent, { failPatch: 500 });
    expect(() => reporter.sink(phase(clock.now(), "Map"))).not.toThrow();
    await vi.waitFor(() => expect(sent).toHaveLength(1)); // created on the phase change
    reporter.sink(phase(clock.now(), "Find"));
    await vi.waitFor(() => expect(warnings.some((w) => /Could not update/.test(w))).toBe(true));
    await expect(reporter.finish({ verdict: { conclusion: "success", headline: "No findings" } })).resolves.toBeUndefined();
    expect(reporter.failures).toBeGreaterThanOrEqual(3);
  });

  it("X4 the check run never carries the run's secrets", async () => {
    const sent: Sent[] = [];
    intercept(sent);
    const clock = new ManualClock();
    const token = "ghs_abcdefghijklmnopqrstuvwxyz0123456789AB";
    const reporter = makeReporter(clock, [], ["my-own-secret-value"]);
    await reporter.start();
    reporter.sink(started(clock.now()));
    reporter.sink(log(clock.now(), `found ${token} and my-own-secret-value in .env`));
    reporter.sink(finished(clock.now(), "failed", undefined, 0, 0));
    reporter.state.error = `crashed near my-own-secret-value`;
    await reporter.finish({ verdict: { conclusion: "failure", headline: "Workflow failed" } });
    const all = JSON.stringify(sent);
    expect(all).not.toContain(token);
    expect(all).not.toContain("my-own-secret-value");
    expect(all).toContain("[REDACTED:github-token]");
    expect(all).toContain("[REDACTED:secret]");
  });
});
