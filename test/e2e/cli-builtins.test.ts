/**
 * End-to-end: the built-in workflows through the real command line (`main(argv, io)`), the real
 * `@anthropic-ai/sdk` over HTTP to the fake Messages API, the real tools and real git worktrees,
 * on copies of the example fixtures (issue 5, "Done when"; rule B1, B2, K1).
 *
 * The fake model is an oracle keyed by the task text of each agent (see support/model-oracle.ts):
 * it reads, greps and edits through tool calls and decides from what the tools returned, so the
 * line numbers in findings and the patches the engine captures come from the repository itself.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { FakeAnthropic } from "../support/fake-anthropic.ts";
import {
  answer,
  expectToolsOk,
  lineOf,
  modelOracle,
  readLines,
  readOf,
  textOf,
  use,
  type AgentScript,
  type AgentTurn,
} from "./support/model-oracle.ts";
import { SLOW_TEST_TIMEOUT_MS } from "../support/budget.ts";

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../examples");

// ── temp repositories ─────────────────────────────────────────────────────────────────────────────
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
const tempDir = (prefix: string) => {
  const d = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(d);
  return d;
};
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
/** Makes `dir` a git repository on `main` with everything in it committed. */
function initAndCommit(dir: string, message: string): void {
  git(dir, "init", "-q", "--initial-branch=main");
  git(dir, "config", "user.email", "test@quorum.invalid");
  git(dir, "config", "user.name", "Quorum Test");
  git(dir, "config", "commit.gpgsign", "false");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", message);
}
/** A copy of an example folder as its own git repository with one commit (what the README says to do). */
function repoFrom(example: string): string {
  const d = tempDir(`quorum-e2e-${example}-`);
  cpSync(path.join(EXAMPLES, example), d, { recursive: true });
  initAndCommit(d, "fixture");
  return d;
}
/**
 * The README's layout: the example as a folder inside a larger git repository (`--repo
 * examples/vulnerable-api` in Quorum's own checkout). The outer repository has files of its own
 * (one the agents must never see) and a decoy `src/app.js` at its root.
 * Returns the folder (`repo`, what `--repo` names) and the repository's top (`top`).
 */
function folderInRepoFrom(example: string): { repo: string; top: string } {
  const top = tempDir(`quorum-e2e-outer-`);
  const repo = path.join(top, "examples", example);
  cpSync(path.join(EXAMPLES, example), repo, { recursive: true });
  writeFileSync(path.join(top, "README.md"), "# the outer project\n");
  mkdirSync(path.join(top, "src"));
  writeFileSync(path.join(top, "src/app.js"), "// the outer project's own app: not part of --repo\n");
  writeFileSync(path.join(top, "OUTSIDE-SECRET.txt"), "outside the folder the run was given\n");
  initAndCommit(top, "outer project with the example inside");
  return { repo, top };
}
/** `git apply --check` of a patch against a repository; throws with git's message when it does not apply. */
const applyCheck = (repo: string, patch: string, folder = "") =>
  execFileSync("git", ["apply", "--check", ...(folder ? [`--directory=${folder}`] : []), "-"], { cwd: repo, input: patch, stdio: ["pipe", "pipe", "pipe"] });
const worktrees = (repo: string) => git(repo, "worktree", "list", "--porcelain").split("\n").filter((l) => l.startsWith("worktree "));
/** Tracked files changed or anything new besides the run directory. */
const dirt = (repo: string) => git(repo, "status", "--porcelain").split("\n").filter((l) => l !== "" && l !== "?? .quorum/");

// ── the CLI ───────────────────────────────────────────────────────────────────────────────────────
interface Captured extends CliIo {
  out(): string;
  err(): string;
}
function captureIo(cwd: string, env: NodeJS.ProcessEnv, onStderr?: (chunk: string) => void): Captured {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s) => void (out += s) },
    stderr: {
      write: (s) => {
        err += s;
        onStderr?.(s);
      },
    },
    env,
    cwd,
    out: () => out,
    err: () => err,
  };
}

interface Finding {
  title: string;
  severity: string;
  body: string;
  location?: { path: string; line: number; endLine?: number };
  patch?: string;
  votes?: { confirm: number; refute: number };
  category?: string;
}

/** The run directory named in the CLI's last lines. */
function runDirOf(io: Captured): { id: string; dir: string } {
  const m = /^run (\S+): succeeded; run directory (.+)$/m.exec(io.err());
  if (!m?.[1] || !m[2]) throw new Error(`no run directory in:\n${io.err()}`);
  return { id: m[1], dir: m[2] };
}

const events = (dir: string) =>
  readFileSync(path.join(dir, "events.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { type: string; phase?: string | null; message?: string; label?: string });

/** The patch files of the run directory, by name. */
function patchFiles(dir: string): Record<string, string> {
  const folder = path.join(dir, "patches");
  if (!existsSync(folder)) return {};
  return Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(path.join(folder, name), "utf8")]));
}
const withNewline = (s: string) => (s.endsWith("\n") ? s : `${s}\n`);

const line = (pattern: RegExp, text: string, what: string): RegExpExecArray => {
  const m = pattern.exec(text);
  if (!m) throw new Error(`${what}: no ${String(pattern)} in the prompt`);
  return m;
};

describe("e2e: the built-in workflows through `quorum run`, the real SDK, tools and worktrees", { timeout: SLOW_TEST_TIMEOUT_MS }, () => {
  let fake: FakeAnthropic;
  beforeEach(async () => {
    fake = new FakeAnthropic();
    await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
  });
  const cliEnv = () => ({ ANTHROPIC_API_KEY: "test", ANTHROPIC_BASE_URL: fake.url, PATH: process.env.PATH });

  it("B2 K1 quorum run flaky-hunt: detection finds exactly the planted flaky test with no model call; diagnosis, skeptics, a real worktree fix proven by re-runs, and its patch in the run directory", async () => {
    const truth = JSON.parse(readFileSync(path.join(EXAMPLES, "flaky-package/GROUND_TRUTH.json"), "utf8")) as {
      flaky: { name: string; location: { path: string; line: number } }[];
      stable: string[];
    };
    const planted = truth.flaky[0];
    if (!planted) throw new Error("the fixture names no flaky test");
    const repo = repoFrom("flaky-package");
    const RUNS = 14; // a 50% flaky test shows both outcomes in 14 runs except once in 8192

    // The detection result line, and how many model requests had arrived when it was printed.
    let requestsWhenDetected: number | null = null;
    const stderrAtRequest: string[] = [];
    const io = captureIo(tempDir("quorum-e2e-cwd-"), cliEnv(), (chunk) => {
      if (requestsWhenDetected === null && chunk.includes(`runTests: ${RUNS} readable run(s), 7 test(s), 1 flaky: ${planted.name}`)) {
        requestsWhenDetected = fake.requests.length;
      }
    });

    const name = (prompt: string) => line(/^Name: (.*)$/m, prompt, "the test name")[1] ?? "";
    const diagnose: AgentScript = {
      name: "diagnose",
      matches: (p) => p.startsWith("A test in this repository is flaky"),
      reply(t) {
        const where = line(/^Where: (\S+?):(\d+)$/m, t.prompt, "diagnose");
        const testPath = where[1] ?? "";
        if (t.turn === 0) return use({ name: "read", input: { path: testPath } });
        if (t.turn === 1) {
          expectToolsOk(t.last);
          // Follow the import to the code under test.
          const imported = /from "\.\.\/(src\/[\w-]+\.js)"/.exec([...readOf(t.history, testPath).values()].join("\n"));
          if (!imported?.[1]) throw new Error("the test imports nothing from src/");
          return use({ name: "read", input: { path: imported[1] } });
        }
        expectToolsOk(t.last);
        const test = readOf(t.history, testPath);
        const source = readOf(t.history, "src/cache.js");
        const start = lineOf(test, `test("${name(t.prompt)}"`);
        const random = lineOf(test, "Math.random", start);
        const sleep = lineOf(test, /setTimeout\(resolve, \d+\)/, start);
        const detached = lineOf(source, "void Promise.resolve()");
        return answer({
          rootCause:
            `refresh() starts the reload without returning its promise (src/cache.js:${detached}); the test waits a fixed 15 ms (${testPath}:${sleep}) ` +
            `while the loader answers after 2 ms or 40 ms at random (${testPath}:${random}), so the new value lands after the assertion in about half the runs.`,
          category: "timing",
          evidence: [`${testPath}:${random}: ${test.get(random)?.trim()}`, `${testPath}:${sleep}: ${test.get(sleep)?.trim()}`, `src/cache.js:${detached}: ${source.get(detached)?.trim()}`],
          path: testPath,
          line: sleep,
          fixIdea: "Make TtlCache.refresh() return the reload's promise and await it in the test instead of sleeping.",
        });
      },
    };
    const skeptic: AgentScript = {
      name: "skeptic",
      matches: (p) => p.startsWith("You are skeptic"),
      reply(t) {
        const at = line(/^Location: (\S+?):(\d+)/m, t.prompt, "skeptic");
        const file = at[1] ?? "";
        if (t.turn === 0) return use({ name: "read", input: { path: file } });
        const lines = readOf(t.history, file);
        const cited = lines.get(Number(at[2])) ?? "";
        return /setTimeout\(resolve, 15\)/.test(cited)
          ? answer({ verdict: "confirm", reason: `${file}:${at[2]} sleeps 15 ms while the loader takes 2 or 40 ms; both outcomes follow.` })
          : answer({ verdict: "refute", reason: `${file}:${at[2]} is not the sleep the claim describes.` });
      },
    };
    const fixer: AgentScript = {
      name: "fix",
      matches: (p) => p.startsWith("Fix a flaky test in this repository"),
      reply(t) {
        const testPath = line(/^Where: (\S+?):\d+$/m, t.prompt, "fix")[1] ?? "";
        if (t.turn === 0) {
          if (!["edit", "run", "read"].every((tool) => t.tools.includes(tool))) throw new Error(`the fixer lacks edit/run/read: ${t.tools.join(", ")}`);
          return use({ name: "read", input: { path: testPath } }, { name: "read", input: { path: "src/cache.js" } });
        }
        if (t.turn === 1) {
          expectToolsOk(t.last);
          const test = readOf(t.history, testPath);
          const source = readOf(t.history, "src/cache.js");
          // refresh() hands back its promise ...
          const doc = lineOf(source, "without waiting for it");
          const detached = lineOf(source, "void Promise.resolve()", doc);
          const oldSource = textOf(source, doc, detached);
          const newSource = oldSource
            .replace("without waiting for it; the new value lands when `load` settles.", "and resolves once the new value is stored.")
            .replace("void Promise.resolve()", "return Promise.resolve()");
          // ... and the test awaits it instead of sleeping.
          const start = lineOf(test, `test("${name(t.prompt)}"`);
          const call = lineOf(test, "cache.refresh(", start);
          const sleep = lineOf(test, "setTimeout(resolve, 15)", call);
          const oldTest = textOf(test, call, sleep);
          const newTest = (test.get(call) ?? "").replace("cache.refresh(", "await cache.refresh(");
          return use(
            { name: "edit", input: { path: "src/cache.js", oldText: oldSource, newText: newSource } },
            { name: "edit", input: { path: testPath, oldText: oldTest, newText: newTest } },
          );
        }
        if (t.turn === 2) {
          expectToolsOk(t.last);
          return use({ name: "run", input: { command: "npm test" } });
        }
        const run = t.last[0];
        const green = run !== undefined && !run.isError && /pass 7/.test(run.output) && /fail 0/.test(run.output);
        return answer({
          summary: "TtlCache.refresh() now returns the reload's promise and the test awaits it instead of sleeping 15 ms, so the assertion always runs after the new value is stored.",
          changedFiles: ["src/cache.js", testPath],
          confidence: green ? "high" : "low",
        });
      },
    };
    const oracle = modelOracle([diagnose, skeptic, fixer], () => {
      stderrAtRequest.push(io.err());
    });
    fake.handle(oracle.handler);

    const code = await main(["run", "flaky-hunt", "--repo", repo, "--args", JSON.stringify({ runs: RUNS })], io);
    expect(oracle.problems, oracle.problems.join("\n")).toEqual([]);
    expect(code, io.err()).toBe(0);

    // Detection ran with no model call: nothing reached the fake until detection had printed its
    // result and the Diagnose phase had started.
    expect(requestsWhenDetected).toBe(0);
    expect(stderrAtRequest[0]).toMatch(/▶ Detect[\s\S]*1 flaky: cache refresh[\s\S]*▶ Diagnose/);
    const { dir } = runDirOf(io);
    const log = events(dir);
    const detected = log.findIndex((e) => e.type === "log" && e.message?.startsWith(`runTests: ${RUNS} readable run(s), 7 test(s), 1 flaky: ${planted.name} (`));
    const firstAgent = log.findIndex((e) => e.type === "agent.queued");
    expect(detected).toBeGreaterThan(-1);
    expect(firstAgent).toBeGreaterThan(detected);
    expect(log.filter((e) => e.type === "agent.queued" && e.phase === "Detect")).toEqual([]);

    // Exactly the planted flaky test; every other test stable.
    const result = JSON.parse(io.out()) as { findings: Finding[]; summary: string; detection: { runs: number; tests: number; flaky: { name: string; passed: number; failed: number }[] } };
    expect(result.detection.runs).toBe(RUNS);
    expect(result.detection.tests).toBe(1 + truth.stable.length);
    expect(result.detection.flaky.map((f) => f.name)).toEqual([planted.name]);
    expect(result.detection.flaky[0]?.passed).toBeGreaterThan(0);
    expect(result.detection.flaky[0]?.failed).toBeGreaterThan(0);

    // The agents: a diagnosis that read the code first, three skeptics, one fixer that edited and ran the tests.
    const firstTurns = oracle.calls.filter((c) => c.turn === 0);
    expect(firstTurns.map((c) => c.agent).sort()).toEqual(["diagnose", "fix", "skeptic", "skeptic", "skeptic"]);
    expect(oracle.calls.find((c) => c.agent === "diagnose" && c.turn === 0)?.did).toEqual(["read"]);
    expect(oracle.calls.filter((c) => c.agent === "fix").map((c) => c.did)).toEqual([["read", "read"], ["edit", "edit"], ["run"], ["answer"]]);
    const runResult = fake.requests
      .map((r) => JSON.stringify(r.body["messages"]))
      .find((m) => m.includes("$ npm test"));
    expect(runResult).toMatch(/pass 7/); // the fixer's own `npm test` in its worktree passed with the edits

    // The finding: the planted test at the ground truth's location, confirmed, with the proven patch.
    expect(result.findings).toHaveLength(1);
    const finding = result.findings[0] as Finding;
    expect(finding).toMatchObject({ title: `Flaky test: ${planted.name}`, severity: "medium", location: planted.location, votes: { confirm: 3, refute: 0 } });
    expect(finding.body).toContain("With the patch applied the test passed 10 of 10 runs");
    expect(io.err()).toContain("runTests: running `npm test` × 10 with a patch applied");
    const patch = finding.patch ?? "";
    expect(patch).toContain("diff --git a/src/cache.js b/src/cache.js");
    expect(patch).toContain("+    return Promise.resolve()");
    expect(patch).toContain(`diff --git a/${planted.location.path} b/${planted.location.path}`);
    expect(patch).toContain('+  await cache.refresh("user", load);');
    expect(patch).toContain("-  await new Promise((resolve) => setTimeout(resolve, 15));");
    expect(() => applyCheck(repo, patch)).not.toThrow();

    // The run directory holds the findings, the report and the patch.
    expect(JSON.parse(readFileSync(path.join(dir, "findings.json"), "utf8"))).toEqual(result.findings);
    expect(readFileSync(path.join(dir, "report.md"), "utf8")).toContain(`Flaky test: ${planted.name}`);
    const patches = patchFiles(dir);
    expect(Object.keys(patches)).toHaveLength(1);
    expect(Object.keys(patches)[0]).toMatch(/^01-flaky-test-cache-refresh-[a-z-]+\.patch$/);
    expect(Object.values(patches)[0]).toBe(withNewline(patch));
    expect(() => applyCheck(repo, Object.values(patches)[0] ?? "")).not.toThrow();

    // The checkout is untouched and no worktree is left behind.
    expect(dirt(repo)).toEqual([]);
    expect(worktrees(repo)).toEqual([`worktree ${repo}`]);
  });

  const AUDIT_LAYOUTS = [
    { name: "B1 K1 quorum run audit-auth: findings at the ground truth's locations, a false positive refuted by skeptics, real worktree patches in the run directory", make: () => { const repo = repoFrom("vulnerable-api"); return { repo, top: repo }; } },
    { name: "B1 K1 A8 the README's command, audit-auth --repo examples/vulnerable-api (a folder inside a git repository): the same findings and patches, paths relative to the folder, nothing outside it seen", make: () => folderInRepoFrom("vulnerable-api") },
  ];
  for (const layout of AUDIT_LAYOUTS) it(layout.name, async () => {
    interface Flaw {
      id: string;
      severity: string;
      kind: string;
      location: { path: string; line: number; endLine?: number };
    }
    const truth = JSON.parse(readFileSync(path.join(EXAMPLES, "vulnerable-api/GROUND_TRUTH.json"), "utf8")) as {
      flaws: Flaw[];
      controls: { endpoint: string; location: { path: string; line: number } }[];
    };
    const { repo, top } = layout.make();
    // Patches are relative to --repo; git applies them from the repository's top with --directory
    // (run inside a subfolder, git apply would skip paths it considers outside and report success).
    const folder = path.relative(top, repo);
    const io = captureIo(tempDir("quorum-e2e-cwd-"), cliEnv());

    // ── Map: the route-files angle reads every source file and derives routes, mounts and guards.
    const ROUTE = /^\s*(\w+)\.(get|post|put|patch|delete)\("([^"]*)",\s*(.*)$/;
    const routesFrom = (t: AgentTurn) => {
      const files = new Map(t.history.filter((x) => x.name === "read").map((x) => [String(x.input["path"]), readLines(x.output)]));
      const mounts = new Map<string, string>(); // router variable → prefix
      for (const [, text] of files.get("src/app.js") ?? new Map<number, string>()) {
        const m = /app\.use\("([^"]+)", (\w+)\)/.exec(text);
        if (m?.[1] && m[2]) mounts.set(m[2], m[1]);
      }
      const endpoints: Record<string, unknown>[] = [];
      for (const [file, lines] of files) {
        const routerGuards = new Map<string, string[]>();
        for (const [n, text] of lines) {
          const use = /^(\w+)\.use\((\w+)\);/.exec(text);
          if (use?.[1] && use[2]) routerGuards.set(use[1], [...(routerGuards.get(use[1]) ?? []), `${use[2]} (router-level)`]);
          const m = ROUTE.exec(text);
          if (!m?.[1] || !m[2] || m[3] === undefined) continue;
          const prefix = m[1] === "app" ? "" : mounts.get(m[1]);
          if (prefix === undefined) continue;
          const perRoute = (m[4] ?? "").split(/,?\s*(?:async\s*)?\(req, res/)[0]?.split(/,\s*(?![^(]*\))/).filter((g) => g.trim() !== "") ?? [];
          const guards = [...(routerGuards.get(m[1]) ?? []), ...perRoute];
          endpoints.push({ method: m[2].toUpperCase(), route: prefix + (m[3] === "/" ? "" : m[3]) || "/", path: file, line: n, handler: "inline", guards: guards.join(", ") || "none seen" });
        }
      }
      return endpoints;
    };
    const mapRouteFiles: AgentScript = {
      name: "map: route files",
      matches: (p) => p.startsWith("Map the entry points") && p.includes("## Your angle: route files"),
      reply(t) {
        if (t.turn === 0) return use({ name: "glob", input: { pattern: "src/**/*.js" } });
        if (t.turn === 1) {
          expectToolsOk(t.last);
          const files = (t.last[0]?.output ?? "").split("\n").filter((f) => f.endsWith(".js"));
          return use(...files.map((f) => ({ name: "read", input: { path: f } })));
        }
        expectToolsOk(t.last);
        return answer({ endpoints: routesFrom(t) });
      },
    };
    // The middleware angle greps for guards and reports the routes that carry them (found twice: merged).
    const mapMiddleware: AgentScript = {
      name: "map: middleware and guards",
      matches: (p) => p.startsWith("Map the entry points") && p.includes("## Your angle: middleware and guards"),
      reply(t) {
        if (t.turn === 0) return use({ name: "grep", input: { pattern: "requireRole\\(|app\\.use\\(\"", path: "src" } });
        expectToolsOk(t.last);
        const hits = (t.last[0]?.output ?? "").split("\n").map((l) => /^(\S+?):(\d+): (.*)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
        const mounts = new Map<string, string>();
        for (const h of hits) {
          const m = /app\.use\("([^"]+)", (\w+)\)/.exec(h[3] ?? "");
          if (m?.[1] && m[2]) mounts.set(m[2], m[1]);
        }
        const endpoints = hits.flatMap((h) => {
          const m = ROUTE.exec(h[3] ?? "");
          const prefix = m?.[1] ? mounts.get(m[1]) : undefined;
          if (!m?.[2] || prefix === undefined) return [];
          return [{ method: m[2].toUpperCase(), route: prefix + (m[3] ?? ""), path: h[1], line: Number(h[2]), guards: "authenticate, requireRole(\"admin\")" }];
        });
        return answer({ endpoints });
      },
    };
    const mapConventions: AgentScript = {
      name: "map: framework conventions",
      matches: (p) => p.startsWith("Map the entry points") && p.includes("## Your angle: framework conventions"),
      reply(t) {
        if (t.turn === 0) return use({ name: "glob", input: { pattern: "**/{pages,app,api}/**/*.js" } });
        return answer({ endpoints: [] });
      },
    };
    const critic: AgentScript = {
      name: "map critic",
      matches: (p) => p.startsWith("You are a completeness critic"),
      reply: () => answer({ complete: true, missed: [] }),
    };

    // ── Find: naive per-endpoint heuristics over the handler the agent read. They find three planted
    // flaws, and flag GET /users/:id (a control: it returns public fields only) as an IDOR too.
    const PUBLIC = /^\/(health|session)\b/;
    const checkEndpoint: AgentScript = {
      name: "check",
      matches: (p) => p.startsWith("Audit one entry point"),
      reply(t) {
        const e = line(/^(\S+) (\S+) — registered at (\S+?):(\d+)/m, t.prompt, "check");
        const [method, route, file] = [e[1] ?? "", e[2] ?? "", e[3] ?? ""];
        const at = Number(e[4]);
        const guards = line(/^Guards seen while mapping \(may be incomplete or wrong\): (.*)$/m, t.prompt, "check")[1] ?? "";
        if (t.turn === 0) return use({ name: "read", input: { path: file } });
        const lines = readOf(t.history, file);
        const end = lineOf(lines, /^\s*\}\);/, at);
        const body = textOf(lines, at, end);
        const suspicions: Record<string, unknown>[] = [];
        const base = { path: file, explanation: `${method} ${route}: see ${file}:${at}-${end}.`, evidence: [`${file}:${at}: ${lines.get(at)?.trim()}`] };
        if (guards === "none seen" && !PUBLIC.test(route)) {
          suspicions.push({ ...base, title: `${method} ${route} has no authentication`, kind: "missing-authentication", severity: "critical", line: at, endLine: end, exploit: `curl -X ${method} http://localhost:3000${route} with no credentials` });
        }
        if (method === "GET" && body.includes("req.params.id") && !body.includes("ownerId") && !guards.includes("requireRole")) {
          suspicions.push({ ...base, title: `${method} ${route} returns any record by id (no ownership check)`, kind: "idor", severity: "high", line: at, endLine: end, exploit: `log in as one user and GET ${route.replace(":id", "103")}` });
        }
        if (body.includes('req.get("x-user-role")')) {
          const check = lineOf(lines, 'req.get("x-user-role")', at);
          suspicions.push({ ...base, title: `${method} ${route} trusts the client-supplied X-User-Role header`, kind: "client-controlled-authorization", severity: "high", line: check, exploit: `GET ${route} with the header X-User-Role: admin` });
        }
        return answer({ suspicions });
      },
    };
    const checkMechanisms: AgentScript = {
      name: "check: auth mechanisms",
      matches: (p) => p.startsWith("Audit how this repository authenticates callers"),
      reply(t) {
        if (t.turn === 0) return use({ name: "grep", input: { pattern: "jwt\\.verify\\(", path: "src" } });
        expectToolsOk(t.last);
        const suspicions = (t.last[0]?.output ?? "")
          .split("\n")
          .map((l) => /^(\S+?):(\d+): (.*)$/.exec(l))
          .filter((m): m is RegExpExecArray => m !== null && (m[3] ?? "").includes("ignoreExpiration: true"))
          .map((m) => ({
            title: "Bearer tokens are accepted after they expire",
            kind: "token-validation",
            severity: "high",
            path: m[1],
            line: Number(m[2]),
            explanation: `${m[1]}:${m[2]} verifies tokens with ignoreExpiration: true, so an expired token still authenticates.`,
            exploit: "replay a token captured more than an hour ago",
            evidence: [`${m[1]}:${m[2]}: ${m[3]?.trim()}`],
          }));
        return answer({ suspicions });
      },
    };

    // ── Verify: skeptics read the code; a handler that returns only public fields is refuted by the
    // defender and product-intent lenses (the attacker lens still confirms: 2 of 3 refute).
    const PUBLIC_FIELDS_ONLY = /res\.json\(\{ id: \w+\.id, name: \w+\.name \}\)/;
    const skeptic: AgentScript = {
      name: "skeptic",
      matches: (p) => p.startsWith("You are skeptic"),
      reply(t) {
        const at = line(/^Location: (\S+?):(\d+)(?:-(\d+))?$/m, t.prompt, "skeptic");
        const file = at[1] ?? "";
        if (t.turn === 0) return use({ name: "read", input: { path: file } });
        const lines = readOf(t.history, file);
        const first = Number(at[2]);
        const body = textOf(lines, first, at[3] ? Number(at[3]) : first);
        const lens = line(/^## Your lens\n(\w+)/m, t.prompt, "skeptic")[1];
        if (PUBLIC_FIELDS_ONLY.test(body) && lens !== "Attacker") {
          return answer({ verdict: "refute", reason: `${file}:${lineOf(lines, PUBLIC_FIELDS_ONLY, first)} returns only id and name, which every logged-in user may see.` });
        }
        return answer({ verdict: "confirm", reason: `Followed ${file}:${first}; nothing on the path prevents it.` });
      },
    };

    // ── Fix: a minimal edit per kind, made with the edit tool in the agent's worktree.
    const FIXES: Record<string, (lines: Map<number, string>, at: number) => { oldText: string; newText: string }> = {
      "missing-authentication": (lines, at) => {
        lineOf(lines, /import \{ authenticate, requireRole \}/);
        const oldText = textOf(lines, at);
        return { oldText, newText: oldText.replace(", (req, res)", ', authenticate, requireRole("admin"), (req, res)') };
      },
      idor: (lines, at) => {
        const check = lineOf(lines, "if (!invoice) return", at);
        const oldText = textOf(lines, at, check);
        return { oldText, newText: oldText.replace("if (!invoice) return", "if (!invoice || invoice.ownerId !== req.user.id) return") };
      },
      "client-controlled-authorization": (lines, at) => {
        const oldText = textOf(lines, at);
        return { oldText, newText: oldText.replace('req.get("x-user-role")', "req.user.role") };
      },
      "token-validation": (lines, at) => {
        const from = (lines.get(at - 1) ?? "").trim().startsWith("//") ? at - 1 : at;
        return { oldText: textOf(lines, from, at), newText: textOf(lines, at).replace(", ignoreExpiration: true", "") };
      },
    };
    const fixer: AgentScript = {
      name: "fix",
      matches: (p) => p.startsWith("Fix one confirmed authentication/authorization flaw"),
      reply(t) {
        const at = line(/^At (\S+?):(\d+)$/m, t.prompt, "fix");
        const kind = line(/^.* \(([a-z-]+), (?:critical|high|medium|low)\)$/m, t.prompt, "fix")[1] ?? "";
        const file = at[1] ?? "";
        if (t.turn === 0) return use({ name: "read", input: { path: file } });
        if (t.turn === 1) {
          const fix = FIXES[kind];
          if (!fix) throw new Error(`no fix for kind ${kind}`);
          return use({ name: "edit", input: { path: file, ...fix(readOf(t.history, file), Number(at[2])) } });
        }
        if (t.turn === 2) {
          expectToolsOk(t.last);
          return use({ name: "run", input: { command: "git diff --stat" } });
        }
        expectToolsOk(t.last);
        if (!(t.last[0]?.output ?? "").includes(file)) throw new Error(`git diff --stat in the worktree does not show ${file}: ${t.last[0]?.output}`);
        return answer({ summary: `Closed the hole at ${file}:${at[2]} with the repository's own guards.`, changedFiles: [file], tests: "none: the repository has no tests", confidence: "high" });
      },
    };

    const oracle = modelOracle([mapRouteFiles, mapMiddleware, mapConventions, critic, checkMechanisms, checkEndpoint, skeptic, fixer]);
    fake.handle(oracle.handler);

    const code = await main(["run", "audit-auth", "--repo", repo], io);
    expect(oracle.problems, oracle.problems.join("\n")).toEqual([]);
    expect(code, io.err()).toBe(0);
    const result = JSON.parse(io.out()) as { findings: Finding[]; summary: string };

    // The pipeline as the script reports it: 15 entry points (2 found by two angles), 16 checks,
    // 5 suspicions, the false positive refuted, 4 patched.
    expect(result.summary).toBe("Mapped 15 entry point(s) and checked 15; 5 suspicion(s), 4 confirmed by skeptics, 1 refuted; 4 with a patch.");
    expect(io.err()).toContain("Map: merged 2 entry point(s) found by more than one angle.");
    expect(oracle.calls.filter((c) => c.turn === 0 && c.agent.startsWith("check")).length).toBe(16);
    expect(oracle.calls.filter((c) => c.turn === 0 && c.agent === "skeptic").length).toBe(5 * 3);
    expect(io.err()).toContain('adversarialVerify: dropped "GET /users/:id returns any record by id (no ownership check)" (2 of 3 refuted).');

    // Findings: exactly the planted flaws the model found, at the ground truth's locations, in its format.
    const expected = ["missing-auth-admin-users", "idor-invoice-by-id", "client-supplied-role-header", "jwt-expiry-ignored"].map((id) => {
      const flaw = truth.flaws.find((f) => f.id === id);
      if (!flaw) throw new Error(`GROUND_TRUTH.json has no flaw ${id}`);
      return flaw;
    });
    expect(result.findings).toHaveLength(expected.length);
    for (const flaw of expected) {
      const finding = result.findings.find((f) => f.location?.path === flaw.location.path && f.location.line === flaw.location.line);
      expect(finding, `a finding for ${flaw.id}`).toBeDefined();
      expect(finding?.location).toEqual(flaw.location);
      expect(finding?.severity).toBe(flaw.severity);
      expect(finding?.category).toBe(flaw.kind);
      expect(finding?.votes).toEqual({ confirm: 3, refute: 0 });
    }
    for (const control of truth.controls) {
      expect(result.findings.some((f) => f.location?.path === control.location.path && f.location.line === control.location.line), `control ${control.endpoint}`).toBe(false);
    }

    // Patches: real diffs of the worktree edits, one file each, each applying to the repository.
    const expectedLines: Record<string, string> = {
      "src/routes/admin.js": '+adminRouter.get("/users", authenticate, requireRole("admin"), (req, res) => {',
      "src/routes/invoices.js": '+  if (!invoice || invoice.ownerId !== req.user.id) return res.status(404).json({ error: "not found" });',
      "src/routes/reports.js": '+  if (req.user.role !== "admin") return res.status(403).json({ error: "admins only" });',
      "src/auth.js": '+    const claims = jwt.verify(token, JWT_SECRET, { algorithms: ["HS256"] });',
    };
    for (const finding of result.findings) {
      const file = finding.location?.path ?? "";
      const patch = finding.patch ?? "";
      expect(patch.match(/^diff --git /gm), file).toHaveLength(1);
      expect(patch).toContain(`diff --git a/${file} b/${file}`);
      expect(patch).toContain(expectedLines[file]);
      expect(() => applyCheck(top, patch, folder)).not.toThrow();
    }
    // All four together give a repository whose changed files still parse.
    const patched = tempDir("quorum-e2e-patched-");
    git(patched, "clone", "-q", top, ".");
    const patchedFolder = path.join(patched, folder);
    for (const f of result.findings) execFileSync("git", ["apply", ...(folder ? [`--directory=${folder}`] : []), "-"], { cwd: patched, input: f.patch ?? "" });
    for (const file of Object.keys(expectedLines)) execFileSync(process.execPath, ["--check", path.join(patchedFolder, file)]);
    expect(readFileSync(path.join(patchedFolder, "src/auth.js"), "utf8")).not.toContain("ignoreExpiration");
    // Agents saw only the folder: no tool call named or returned anything of the outer repository.
    const seen = JSON.stringify(fake.requests.map((r) => r.body));
    expect(seen).not.toContain("OUTSIDE-SECRET");
    expect(seen).not.toContain("the outer project's own app");

    // The run directory: findings.json, report.md, and one patch file per fixed finding.
    const { dir } = runDirOf(io);
    expect(JSON.parse(readFileSync(path.join(dir, "findings.json"), "utf8"))).toEqual(result.findings);
    const report = readFileSync(path.join(dir, "report.md"), "utf8");
    for (const flaw of expected) expect(report).toContain(`${flaw.location.path}:${flaw.location.line}`);
    const patches = patchFiles(dir);
    expect(Object.keys(patches)).toHaveLength(4);
    expect(Object.values(patches).sort()).toEqual(result.findings.map((f) => withNewline(f.patch ?? "")).sort());
    for (const p of Object.values(patches)) expect(() => applyCheck(top, p, folder)).not.toThrow();

    // The edits happened only in worktrees: the checkout is untouched and no worktree is left.
    expect(oracle.calls.filter((c) => c.agent === "fix" && c.did.includes("edit"))).toHaveLength(4);
    expect(dirt(top)).toEqual([]);
    expect(worktrees(top)).toEqual([`worktree ${top}`]);
  });
});
