import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/kernel/json.ts";
import { normalizeFindings } from "../../src/github/finding.ts";
import { createScriptedRunner, type ScriptedTurn } from "../support/scripted-runner.ts";
import { EXAMPLES, runWorkflow, useTemp } from "./helpers.ts";

const temp = useTemp();
const FIXTURE = path.join(EXAMPLES, "vulnerable-api");

interface Flaw {
  id: string;
  title: string;
  severity: string;
  kind: string;
  location: { path: string; line: number };
}
const truth = JSON.parse(readFileSync(path.join(FIXTURE, "GROUND_TRUTH.json"), "utf8")) as { flaws: Flaw[]; controls: { location: { path: string; line: number } }[] };
const flaw = (id: string) => {
  const f = truth.flaws.find((x) => x.id === id);
  if (!f) throw new Error(`no flaw ${id}`);
  return f;
};

const ENDPOINTS = [
  ["GET", "/health", "src/app.js", 14, "none seen (public)"],
  ["POST", "/session/login", "src/routes/session.js", 16, "none seen (login)"],
  ["POST", "/session/token", "src/routes/session.js", 27, "none seen (login)"],
  ["GET", "/users/me", "src/routes/users.js", 8, "authenticate (router-level)"],
  ["PATCH", "/users/me", "src/routes/users.js", 13, "authenticate (router-level)"],
  ["GET", "/users/:id", "src/routes/users.js", 18, "authenticate (router-level)"],
  ["GET", "/invoices", "src/routes/invoices.js", 9, "authenticate (router-level)"],
  ["GET", "/invoices/:id", "src/routes/invoices.js", 13, "authenticate (router-level)"],
  ["DELETE", "/invoices/:id", "src/routes/invoices.js", 19, "authenticate (router-level)"],
  ["GET", "/reports/revenue", "src/routes/reports.js", 9, "requireSession; x-user-role header check"],
  ["GET", "/reports/mine", "src/routes/reports.js", 16, "requireSession"],
  ["GET", "/admin/users", "src/routes/admin.js", 8, "none seen"],
  ["POST", "/admin/users/:id/disable", "src/routes/admin.js", 12, "authenticate, requireRole(admin)"],
  ["DELETE", "/admin/users/:id", "src/routes/admin.js", 19, "authenticate, requireRole(admin)"],
] as const;
const endpoint = (e: (typeof ENDPOINTS)[number], route: string = e[1]) => ({ method: e[0], route, path: e[2], line: e[3], handler: "inline", guards: e[4] });

const suspicion = (f: Flaw): JsonValue => ({
  title: f.title,
  kind: f.kind === "missing-authentication" || f.kind === "idor" || f.kind === "privilege-escalation" || f.kind === "client-controlled-authorization" ? f.kind : f.kind === "token-validation" ? "token-validation" : "session-handling",
  severity: f.severity,
  path: f.location.path,
  line: f.location.line,
  explanation: `The code at ${f.location.path}:${f.location.line} lacks the check.`,
  exploit: "curl the endpoint as another user",
  evidence: [`${f.location.path}:${f.location.line}: …`],
});
const FALSE_POSITIVE: { title: string } & Record<string, JsonValue> = {
  title: "GET /users/:id exposes other users' profiles",
  kind: "idor",
  severity: "medium",
  path: "src/routes/users.js",
  line: 18,
  explanation: "Any user can read any profile.",
  exploit: "GET /users/3",
};

/** A model that knows the fixture's ground truth, with one false positive for the skeptics to kill. */
function respond({ request }: ScriptedTurn): JsonValue {
  const label = request.label;
  const [routes, , , , , usersById, , invoiceById, , revenue, , adminUsers] = ENDPOINTS;
  if (label === "map: route files") return { endpoints: ENDPOINTS.filter((e) => e[1] !== "/session/token").map((e) => endpoint(e)) };
  if (label === "map: middleware and guards") return { endpoints: [endpoint(invoiceById, "/invoices/{invoiceId}"), endpoint(usersById), endpoint(revenue), endpoint(adminUsers), endpoint(routes)] };
  if (label === "map: framework conventions") return { endpoints: [] };
  if (label === "map critic") return { complete: false, missed: [{ what: "the token login", why: "issues bearer tokens", where: "src/routes/session.js" }] };
  if (label === "map: missed areas") return { endpoints: [endpoint(ENDPOINTS[2])] };
  if (label === "check: auth mechanisms") return { suspicions: [suspicion(flaw("jwt-expiry-ignored")), suspicion(flaw("session-fixation-login"))] };
  const checks: Record<string, JsonValue[]> = {
    "check: GET /admin/users": [suspicion(flaw("missing-auth-admin-users"))],
    "check: GET /invoices/:id": [suspicion(flaw("idor-invoice-by-id"))],
    "check: GET /reports/revenue": [suspicion(flaw("client-supplied-role-header"))],
    "check: PATCH /users/me": [suspicion(flaw("mass-assignment-role"))],
    "check: POST /session/login": [suspicion(flaw("session-fixation-login"))],
    "check: GET /users/:id": [FALSE_POSITIVE],
  };
  if (label.startsWith("check: ")) return { suspicions: checks[label] ?? [] };
  if (label.startsWith("skeptic ")) {
    const onControl = request.prompt.includes("Location: src/routes/users.js:18");
    return onControl && !label.startsWith("skeptic 1/") ? { verdict: "refute", reason: "users.js:20 returns only id and name" } : { verdict: "confirm", reason: "checked the path" };
  }
  if (label.startsWith("fix: ")) {
    const at = /At (\S+):(\d+)/.exec(request.prompt);
    const file = at?.[1] ?? "unknown.js";
    return {
      summary: `Added the missing check in ${file}.`,
      changedFiles: [file],
      confidence: "high",
      tests: "none in this repository",
      // The engine hands a worktree agent's diff to the script as `diff` (rule A8).
      diff: `--- a/${file}\n+++ b/${file}\n@@ -${at?.[2]} +${at?.[2]} @@\n-old\n+fixed\n`,
    };
  }
  throw new Error(`unexpected agent ${label}`);
}

describe("audit-auth", () => {
  it("B1 maps entry points from several angles, verifies every suspicion with three skeptics, and returns the planted flaws with patches", async () => {
    const repo = temp.repoFrom(FIXTURE);
    const runner = createScriptedRunner({ respond });
    const run = await runWorkflow("audit-auth", { repo, runner });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe("succeeded");
    const result = run.result as { findings: { title: string; location: { path: string; line: number }; patch?: string; votes: object; severity: string }[]; summary: string };

    const found = result.findings.map((f) => `${f.location.path}:${f.location.line}`).sort();
    expect(found).toEqual(truth.flaws.map((f) => `${f.location.path}:${f.location.line}`).sort());
    for (const control of truth.controls) expect(found).not.toContain(`${control.location.path}:${control.location.line}`);
    for (const f of result.findings) {
      expect(f.patch).toMatch(/^--- a\//);
      expect(f.votes).toEqual({ confirm: 3, refute: 0 });
      expect(f.severity).toBe(truth.flaws.find((t) => t.location.path === f.location.path && t.location.line === f.location.line)?.severity);
    }
    expect(normalizeFindings(result as unknown as JsonValue).errors).toEqual([]);

    // Map merged the angles (14 distinct entry points, the critic's gap included); Find merged the duplicate suspicion.
    expect(run.logs).toContain("Map: merged 5 entry point(s) found by more than one angle.");
    expect(run.logs).toContain("Map: the completeness critic named 1 gap(s); 1 new entry point(s) found there.");
    expect(runner.calls.filter((c) => c.label.startsWith("check: "))).toHaveLength(1 + 14);
    expect(run.logs).toContain("Find: merged 1 suspicion(s) reported for the same line and kind.");
    // Three skeptics per suspicion, each with its own lens; the false positive is dropped by a majority.
    const skeptics = runner.calls.filter((c) => c.label.startsWith("skeptic "));
    expect(skeptics).toHaveLength(7 * 3);
    expect(new Set(skeptics.map((s) => /## Your lens\n(.*)/.exec(s.prompt)?.[1]?.slice(0, 12))).size).toBe(3);
    expect(run.logs).toContain(`adversarialVerify: dropped "${FALSE_POSITIVE.title}" (2 of 3 refuted).`);
    // Fixes run in worktrees, one per confirmed finding.
    const fixes = runner.calls.filter((c) => c.label.startsWith("fix: "));
    expect(fixes).toHaveLength(6);
    expect(fixes.every((c) => c.isolation === "worktree" && c.tools.includes("edit"))).toBe(true);
    expect([...new Set(runner.calls.map((c) => c.phase))]).toEqual(["Map", "Find", "Verify", "Fix"]);
    expect(result.summary).toBe("Mapped 14 entry point(s) and checked 14; 7 suspicion(s), 6 confirmed by skeptics, 1 refuted; 6 with a patch.");
  });

  it("B1 caps are logged, not silent: maxEndpoints keeps the riskiest entry points and names the rest", async () => {
    const repo = temp.repoFrom(FIXTURE);
    const runner = createScriptedRunner({ respond });
    const run = await runWorkflow("audit-auth", { repo, runner, args: { maxEndpoints: 3, fix: false } });
    expect(run.error).toBeUndefined();
    const checked = runner.calls.filter((c) => c.label.startsWith("check: ") && c.label !== "check: auth mechanisms").map((c) => c.label);
    expect(checked).toHaveLength(3);
    // Unguarded, state-changing entry points first.
    expect(checked).toContain("check: POST /session/login");
    expect(run.logs.find((l) => l.startsWith("Map: checking 3 of 14 entry points (maxEndpoints); not checked:"))).toBeDefined();
    expect(run.logs).toContain("Fix: skipped (fix: false); findings are reported without patches.");
    expect(runner.calls.some((c) => c.label.startsWith("fix: "))).toBe(false);
  });

  it("R1 B1 suspicions no skeptic could check are 'not verified', never 'refuted'; the run is incomplete", async () => {
    const repo = temp.repoFrom(FIXTURE);
    const runner = createScriptedRunner({
      respond: (turn) => (turn.request.label.startsWith("skeptic ") ? { fail: "api_error", message: "the Anthropic API still failed after 4 retries: 529 overloaded_error" } : respond(turn)),
    });
    const run = await runWorkflow("audit-auth", { repo, runner, args: { fix: false } });
    expect(run.status).toBe("incomplete");
    const result = run.result as { findings: unknown[]; summary: string };
    expect(result.findings).toEqual([]);
    expect(result.summary).toMatch(/0 confirmed by skeptics, 0 refuted, \d+ not verified because no skeptic answered \(they failed to run; this is not a refutation\)/);
    expect(run.error).toMatch(/^incomplete: \d+ of \d+ agents failed to run \(api_error ×\d+\)/);
  });
});
