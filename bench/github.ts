/**
 * GitHub requests made by a 1000-agent run with 20 findings (issue 4: target ≤ 120), counted at
 * the fake GitHub server while the real orchestration runs in-process: trigger → check run →
 * reply → engine (1000 scripted agents) → publishing → final check run → summary reply.
 *
 * A real run of 1000 agents lasts tens of minutes, and the check run's update cadence depends on
 * that. The agents here answer in 20 ms, so the reporter gets a clock stretched 2000× (each agent
 * "takes" 40 s; the run "lasts" about 45 minutes): its coalescing sees the cadence of a real run.
 *
 * Two shapes of the same run:
 * - on a pull request, 20 findings inside the diff → one review (rule P5);
 * - on an issue, 20 findings with patches → 20 pull requests (rule P4).
 *
 * The checkout is a clone of the fake repository with the same commit shas, as `actions/checkout`
 * leaves it: the publisher reads the base commit's files from it (verified by hash). The PR shape
 * is measured once more with an empty checkout, where every tree and file is read through the API.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { Clock } from "../src/github/checkrun/clock.ts";
import { DEFAULT_CONFIG, type QuorumConfig } from "../src/github/config.ts";
import { createOctokit } from "../src/github/octokit.ts";
import { runOnGitHub, WorkflowCatalog } from "../src/github/run/index.ts";
import type { RunRequest } from "../src/github/trigger.ts";
import { FakeGitHub } from "../test/support/fake-github/index.ts";
import { createScriptedRunner } from "../test/support/scripted-runner.ts";
import type { Row } from "./run.ts";

const AGENT_LATENCY_MS = 20;
const STRETCH = 2000;
const FINDINGS = 20;
export const GITHUB_REQUEST_TARGET = 120;

/** The default config with the output caps raised to the bench's finding count, so all 20 publish. */
function benchConfig(): QuorumConfig {
  const config = structuredClone(DEFAULT_CONFIG) as QuorumConfig;
  config.publish.maxPullRequests = FINDINGS;
  config.publish.maxReviewComments = FINDINGS;
  return config;
}

const SCRIPT = `export const meta = {
  name: "bench-audit",
  description: "1000 agents in four phases, 20 findings",
  phases: [{ title: "Map" }, { title: "Find" }, { title: "Verify" }, { title: "Fix" }],
};
phase("Map");
await agent("map the repository", { label: "map" });
phase("Find");
await parallel(Array.from({ length: 499 }, (_, i) => () => agent("find " + i, { label: "find " + i })));
phase("Verify");
await parallel(Array.from({ length: 480 }, (_, i) => () => agent("verify " + i, { label: "verify " + i })));
phase("Fix");
await parallel(Array.from({ length: 20 }, (_, i) => () => agent("fix " + i, { label: "fix " + i })));
return { findings: args.findings };
`;

function file(i: number, extra = ""): string {
  return `const express = require("express");\nconst router = express.Router();\n${extra}router.get("/r${i}", (req, res) => res.json(load${i}()));\nmodule.exports = router;\n`;
}

/** A clock running STRETCH times faster than real time (timers shrink to match). */
function stretchedClock(): Clock {
  const t0 = Date.now();
  return {
    now: () => t0 + (Date.now() - t0) * STRETCH,
    setTimeout: (fn, ms) => {
      const h = setTimeout(fn, Math.max(0, ms / STRETCH));
      h.unref();
      return h;
    },
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
}

interface Measured {
  requests: number;
  byOperation: Record<string, number>;
  agents: number;
  published: number;
  conclusion: string | null;
}

async function measure(shape: "review" | "pull-requests", options: { clone: boolean }): Promise<Measured> {
  const gh = await FakeGitHub.start();
  const files: Record<string, string> = { ".github/quorum/workflows/bench-audit.js": SCRIPT };
  for (let i = 0; i < FINDINGS; i++) files[`src/r${i}.js`] = file(i);
  const repo = gh.createRepo({ owner: "acme", repo: "api", defaultBranch: "main", files });
  const issue = gh.openIssue("acme", "api", { title: "audit" });
  let pull: { number: number; headSha: string } | null = null;
  if (shape === "review") {
    const changed: Record<string, string> = {};
    for (let i = 0; i < FINDINGS; i++) changed[`src/r${i}.js`] = file(i, `router.use(audit${i});\n`);
    const p = gh.openPullRequest("acme", "api", { head: "feature", files: changed });
    pull = { number: p.number, headSha: p.head.sha };
  }
  const findings = Array.from({ length: FINDINGS }, (_, i) => ({
    title: `Route /r${i} has no authentication`,
    severity: "high",
    body: `GET /r${i} answers anonymous callers.`,
    location: { path: `src/r${i}.js`, line: shape === "review" ? 3 : 3 },
    ...(shape === "pull-requests"
      ? { patch: createTwoFilesPatch(`a/src/r${i}.js`, `b/src/r${i}.js`, file(i), file(i).replace(`"/r${i}", (req`, `"/r${i}", requireUser, (req`)) }
      : {}),
  }));
  const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const octokit = createOctokit({ baseUrl: gh.url, token: "ghs_benchbenchbenchbenchbenchbenchbench01", writeSpacingMs: 0, notificationSpacingMs: 0, retryAfterUnitMs: 1, log: quiet });
  const checkout = mkdtempSync(join(tmpdir(), "quorum-bench-gh-"));
  if (options.clone) gh.clone("acme", "api", { dir: checkout });
  const runner = createScriptedRunner({ respond: () => "ok", latencyMs: AGENT_LATENCY_MS });
  const request: RunRequest = {
    source: "comment",
    workflow: "bench-audit",
    args: { findings },
    sender: "maintainer",
    pullRequest: pull,
    replyTo: { issueNumber: pull?.number ?? issue, comment: { id: 1, url: "", body: "/workflow bench-audit" } },
  };
  const repoRef = { owner: "acme", repo: "api", defaultBranch: "main" };
  const before = gh.requests.length;
  const result = await runOnGitHub(
    {
      octokit,
      repo: repoRef,
      config: benchConfig(),
      catalog: new WorkflowCatalog(octokit, repoRef),
      checkout,
      runner,
      limits: { maxConcurrency: 16 },
      actionsRunId: "1",
      defaultHeadSha: repo.branchSha("main"),
      store: null,
      secrets: [],
      log: { info: () => {}, warn: () => {} },
      clock: stretchedClock(),
    },
    request,
  );
  const requests = gh.requests.slice(before);
  const byOperation: Record<string, number> = {};
  for (const r of requests) byOperation[r.operationId ?? r.path] = (byOperation[r.operationId ?? r.path] ?? 0) + 1;
  if (gh.violations.length > 0) throw new Error(`fake GitHub flagged requests: ${gh.violations.map((v) => v.message).join("; ")}`);
  await gh.stop();
  rmSync(checkout, { recursive: true, force: true });
  return {
    requests: requests.length,
    byOperation,
    agents: runner.calls.length,
    published: result.published.filter((p) => p.destination !== "failed").length,
    conclusion: result.conclusion,
  };
}

function top(byOperation: Record<string, number>): string {
  return Object.entries(byOperation)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([op, n]) => `${op} ${n}`)
    .join(", ");
}

/** Simulated length of the agents' part: 1000 agents of 40 s each, 16 at a time. */
const SIMULATED_MINUTES = Math.round((1000 / 16) * ((AGENT_LATENCY_MS * STRETCH) / 60_000));

/** Rows for `npm run bench`. */
export async function benchGithubRequests(): Promise<Row[]> {
  const review = await measure("review", { clone: true });
  const prs = await measure("pull-requests", { clone: true });
  const prsViaApi = await measure("pull-requests", { clone: false });
  const checkRuns = (m: Measured) => (m.byOperation["checks/create"] ?? 0) + (m.byOperation["checks/update"] ?? 0);
  const publishing = (m: Measured) =>
    Object.entries(m.byOperation)
      .filter(([op]) => op.startsWith("git/") || op.startsWith("pulls/"))
      .reduce((sum, [, n]) => sum + n, 0);
  return [
    {
      what: `GitHub requests: ${review.agents}-agent run on a PR, ${FINDINGS} findings → one review (~${SIMULATED_MINUTES} simulated minutes)`,
      measured: `${review.requests} (${top(review.byOperation)}); ${review.published} published, ${review.conclusion}`,
      target: `≤ ${GITHUB_REQUEST_TARGET}`,
      met: review.requests <= GITHUB_REQUEST_TARGET && review.published === FINDINGS,
    },
    {
      what: `GitHub requests: ${prs.agents}-agent run on an issue, ${FINDINGS} findings with patches → ${FINDINGS} PRs (~${SIMULATED_MINUTES} simulated minutes)`,
      measured: `${prs.requests} (${top(prs.byOperation)}); ${prs.published} published, ${prs.conclusion}`,
      target: `≤ ${GITHUB_REQUEST_TARGET}`,
      met: prs.requests <= GITHUB_REQUEST_TARGET && prs.published === FINDINGS,
      note:
        `publishing ${publishing(prs)} (the floor: 4 writes per PR — tree with contents inline, commit, ref, PR — plus one PR listing; base files read from the checkout), ` +
        `check run ${checkRuns(prs)} (progress updates of a ~${SIMULATED_MINUTES}-minute run), trigger and replies ${prs.requests - publishing(prs) - checkRuns(prs)}; ` +
        `within ${GITHUB_REQUEST_TARGET} only with at most ${GITHUB_REQUEST_TARGET - publishing(prs) - (prs.requests - publishing(prs) - checkRuns(prs))} check-run requests`,
    },
    {
      what: `The same ${FINDINGS} PRs with an empty checkout (every base tree and file read through the API)`,
      measured: `${prsViaApi.requests} (${top(prsViaApi.byOperation)}); ${prsViaApi.published} published`,
      target: "—",
      met: null,
    },
  ];
}
