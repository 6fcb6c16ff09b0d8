import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/kernel/json.ts";
import { createScriptedRunner, type ScriptedAnswer, type ScriptedTurn } from "../support/scripted-runner.ts";
import { EXAMPLES, runWorkflow, useTemp } from "./helpers.ts";

const temp = useTemp();
const QUESTION = "How are API requests authenticated?";

const cite = (p: string, line: number, quote: string) => ({ path: p, line, quote });
const SWEEPS: Record<string, { statement: string; citations: ReturnType<typeof cite>[] }[]> = {
  "sweep: tokens": [
    { statement: "Bearer tokens are checked with jwt.verify, which is told to ignore expiry.", citations: [cite("src/auth.js", 18, "ignoreExpiration: true")] },
    { statement: "Tokens are issued for one hour with HS256.", citations: [cite("src/auth.js", 8, 'expiresIn: "1h"'), cite("src/auth.js", 9, "expiresIn")] },
    { statement: "Expired tokens are refreshed automatically.", citations: [cite("src/auth/refresh.js", 12, "refresh(token)")] },
  ],
  "sweep: sessions and roles": [
    { statement: "Browser sessions are looked up by the sid cookie.", citations: [cite("src/auth.js", 30, "sessions.get(req.cookies.sid)")] },
    { statement: "Admin actions require the admin role.", citations: [cite("src/routes/admin.js", 12, 'requireRole("admin")')] },
    { statement: "Requests are rate limited per IP.", citations: [cite("src/app.js", 400, "rateLimit(")] },
    { statement: "bearer tokens are checked with jwt.verify which is told to ignore expiry", citations: [cite("src/auth.js", 18, "jwt.verify")] },
  ],
};

/** A model that really reads the cited lines of the fixture, the way the verifier is asked to. */
function respond(repo: string) {
  return ({ request }: ScriptedTurn): JsonValue => {
    const label = request.label;
    if (label === "scope") return { angles: [{ name: "tokens", brief: "jwt" }, { name: "sessions and roles", brief: "cookies, roles" }] };
    const sweep = SWEEPS[label];
    if (sweep) return { claims: sweep };
    if (label.startsWith("verify claim ")) {
      const citations = [...request.prompt.matchAll(/^(\d+)\. (\S+):(\d+)(?:-\d+)? — quoted as: (".*")$/gm)].map((m) => {
        const file = path.join(repo, m[2] ?? "");
        const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
        const line = Number(m[3]);
        const exists = line >= 1 && line <= lines.length;
        const quote = JSON.parse(m[4] ?? '""') as string;
        return { index: Number(m[1]), exists, supports: exists && (lines[line - 1] ?? "").includes(quote), note: exists ? "read it" : "no such line" };
      });
      const good = citations.filter((c) => c.exists && c.supports).length;
      const statement = /<claim>\n(.*)\n<\/claim>/.exec(request.prompt)?.[1] ?? "";
      return { citations, verdict: good === 0 ? "unsupported" : good < citations.length ? "partly" : "supported", statement };
    }
    if (label === "synthesize") {
      const ids = [...request.prompt.matchAll(/^(C\d+): /gm)].map((m) => m[1] ?? "");
      return {
        summary: { text: "Bearer tokens and session cookies; admin routes also check the role.", claims: ["C1", "C3"] },
        sections: [
          { heading: "Tokens", points: [{ text: "Tokens are verified but never expire in practice.", claims: ["C1", "C2"] }] },
          { heading: "Sessions and roles", points: ids.slice(2).map((id) => ({ text: `Point for ${id}.`, claims: [id] })).concat([{ text: "Passwords are hashed with bcrypt.", claims: ["C99"] }]) },
        ],
        openQuestions: ["Whether the mobile app uses a different flow."],
      };
    }
    if (label === "completeness critic") return { complete: false, missed: [{ what: "logout does not revoke tokens", why: "stolen tokens stay valid", where: "src/routes/session.js" }] };
    throw new Error(`unexpected agent ${label}`);
  };
}

describe("deep-research", () => {
  it("B4 scopes, sweeps, verifies every citation against the code, and answers with path:line citations that all exist", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "vulnerable-api"));
    const runner = createScriptedRunner({ respond: respond(repo) });
    const run = await runWorkflow("deep-research", { repo, runner, args: { question: QUESTION } });
    expect(run.error).toBeUndefined();
    const result = run.result as { findings: unknown[]; summary: string; claims: { id: string; statement: string; citations: { path: string; line: number }[] }[] };

    // Six distinct claims (the repeated one merged); the two whose citations do not exist are dropped.
    expect(run.logs).toContain("Sweep: merged 1 claim(s) made from more than one angle.");
    expect(runner.calls.filter((c) => c.label.startsWith("verify claim "))).toHaveLength(6);
    expect(run.logs).toContain("Verify: dropped 2 of 6 claim(s): unsupported, unverifiable, or without a citation that exists.");
    expect(run.logs).toContain("Verify: removed 1 citation(s) from kept claims because they do not exist or do not support the claim.");
    expect(result.claims.map((c) => c.statement)).toEqual([
      "Bearer tokens are checked with jwt.verify, which is told to ignore expiry.",
      "Tokens are issued for one hour with HS256.",
      "Browser sessions are looked up by the sid cookie.",
      "Admin actions require the admin role.",
    ]);

    // Every citation in the answer points at a real line of the fixture; none of the bogus ones survive.
    const cited = [...result.summary.matchAll(/`([^`\s]+):(\d+)(?:-(\d+))?`/g)];
    expect(cited.length).toBeGreaterThanOrEqual(4);
    for (const [, file, line] of cited) {
      const lines = readFileSync(path.join(repo, file ?? ""), "utf8").split("\n");
      expect(Number(line)).toBeLessThanOrEqual(lines.length);
    }
    expect(result.summary).not.toMatch(/refresh\.js|app\.js:400|auth\.js:9\b|bcrypt/);
    // Every statement of the answer cites the lines it rests on.
    const body = result.summary.split("### Not established")[0] ?? "";
    for (const line of body.split("\n").filter((l) => l.startsWith("- "))) expect(line).toMatch(/\(`[^`]+:\d+`(, `[^`]+:\d+`)*\)$/);
    expect(result.summary).toContain("Bearer tokens and session cookies; admin routes also check the role. (`src/auth.js:18`, `src/auth.js:30`)");
    expect(run.logs).toContain("Synthesize: dropped 1 point(s) that cited no verified claim.");
    // What is not established is labelled as such (the writer's open questions and the completeness critic's gaps).
    expect(result.summary).toContain("### Not established");
    expect(result.summary).toContain("- logout does not revoke tokens (look at src/routes/session.js)");
    expect(result.findings).toEqual([]);
    expect([...new Set(runner.calls.map((c) => c.phase))]).toEqual(["Scope", "Sweep", "Verify", "Synthesize"]);
  });

  it("B4 when no claim survives, the answer says so instead of guessing", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "vulnerable-api"));
    const runner = createScriptedRunner({
      respond: ({ request }): JsonValue =>
        request.label === "scope"
          ? { angles: [{ name: "x", brief: "y" }] }
          : request.label.startsWith("sweep")
            ? { claims: [{ statement: "Made up.", citations: [cite("nope.js", 1, "x")] }] }
            : { citations: [{ index: 1, exists: false, supports: false }], verdict: "unsupported", statement: "Made up." },
    });
    const run = await runWorkflow("deep-research", { repo, runner, args: { question: QUESTION } });
    expect(run.error).toBeUndefined();
    expect((run.result as { summary: string }).summary).toMatch(/No claim about this question survived verification/);
    expect(runner.calls.some((c) => c.label === "synthesize")).toBe(false);
  });

  it("R1 B4 when the verifiers fail to run, the answer says they could not verify, never that no claim survived; the run is incomplete", async () => {
    const repo = temp.repoFrom(path.join(EXAMPLES, "vulnerable-api"));
    const runner = createScriptedRunner({
      respond: ({ request }): ScriptedAnswer =>
        request.label === "scope"
          ? { angles: [{ name: "x", brief: "y" }] }
          : request.label.startsWith("sweep")
            ? { claims: [{ statement: "Tokens never expire.", citations: [cite("src/auth.js", 18, "ignoreExpiration: true")] }] }
            : { fail: "api_error", message: "the Anthropic API still failed after 4 retries: 529 overloaded_error" },
    });
    const run = await runWorkflow("deep-research", { repo, runner, args: { question: QUESTION } });
    expect(run.status).toBe("incomplete");
    const summary = (run.result as { summary: string }).summary;
    expect(summary).not.toMatch(/survived verification/);
    expect(summary).toMatch(/No answer: 1 of 1 claim\(s\) could not be verified because their agents failed to run\. This is not a finding that the code says otherwise/);
    expect(run.logs).toContain("Verify: 1 of 1 claim(s) could not be checked: their verifier returned nothing (it failed to run).");
  });
});
