/**
 * End-to-end attacks on what Quorum writes, through the bundled Action against the fake GitHub
 * API, the fake Messages API and the fake artifact service: secrets disguised so GitHub would
 * still render them (rule X4, X11), fix patches that touch protected paths (rule X12).
 */
import { afterEach, describe, expect, it } from "vitest";
import { base64Needles } from "../../src/github/redaction/base64.ts";
import { decodedView, joinedView } from "../../src/github/redaction/canonical.ts";
import { unzipEntries } from "../support/zip.ts";
import { FakeResults } from "./support/fake-results.ts";
import { examplePayload, runActionProcess, TEST_MODEL_KEY, TEST_TOKEN } from "./support/harness.ts";
import { DEFAULT_BRANCH, OWNER, PATCHES, REPO } from "./support/fixtures.ts";
import { startWorld, type World } from "./support/world.ts";

/** A secret of the step that is neither a token nor a model key (collected by its variable's name). */
const NPM_TOKEN = "npm-registry-credential-0123456789abcdef";

const ECHO_SCRIPT = `export const meta = { name: "echo", description: "Publishes what one agent says", phases: [{ title: "Find" }] };
const SAID = {
  type: "object",
  properties: { title: { type: "string" }, body: { type: "string" }, log: { type: "string" }, evidence: { type: "string" }, patch: { type: "string" }, path: { type: "string" } },
  required: ["title", "body", "log", "evidence", "patch", "path"],
};
phase("Find");
const said = await agent("ECHO: report what you found", { label: "echo", schema: SAID });
log(said.log);
return { findings: [
  { title: said.title, severity: "high", body: said.body, evidence: [said.evidence], location: { path: said.path, line: 4 }, patch: said.patch },
  { title: "Listed: " + said.title, severity: "low", body: said.body + "\\n\\n" + said.log },
] };
`;

/** Three agents, each proposing a fix: each finding has a patch. */
const FIXES_SCRIPT = `export const meta = { name: "fixes", description: "One fix per agent", phases: [{ title: "Fix" }] };
const FIX = { type: "object", properties: { title: { type: "string" }, patch: { type: "string" } }, required: ["title", "patch"] };
phase("Fix");
const all = await parallel([1, 2, 3].map((i) => () => agent("FIX: propose fix " + i, { label: "fix " + i, schema: FIX })));
return { findings: all.filter(Boolean).map((s) => ({ title: s.title, severity: "high", body: "A fix.", location: { path: "src/admin.js", line: 4 }, patch: s.patch })) };
`;

function commentPayload(body: string): Record<string, unknown> {
  const payload = examplePayload("issue_comment", "created");
  (payload.comment as Record<string, unknown>).body = body;
  return payload;
}

/** Every way a reader of `text` could see `secret`: canonical views and base64. */
function shows(text: string, secret: string): boolean {
  const joined = joinedView(decodedView(text)).text;
  if (joined.includes(secret)) return true;
  const compact = text.replace(/\s/g, "");
  return base64Needles(secret).some((n) => compact.includes(n.text) || joined.includes(n.text));
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}

const disguise = {
  entities: (s: string) => s.replace(/_/g, "&#95;").replace(/-/g, "&#x2D;"),
  escaped: (s: string) => s.replace(/([_-])/g, "\\$1"),
  zeroWidth: (s: string) => [...s].join("\u200b"),
  lines: (s: string) => `${s.slice(0, 12)}\n${s.slice(12, 24)}\n${s.slice(24)}`,
  base64: (s: string) => Buffer.from(`x-access-token:${s}`).toString("base64"),
  percent: (s: string) => encodeURIComponent(s).replace(/-/g, "%2D").replace(/_/g, "%5F"),
};

// Each scenario runs the bundled Action as a process; on a loaded machine that takes a while.
describe("e2e: nothing Quorum writes carries a secret, however it is spelled", { timeout: 240_000 }, () => {
  let world: World | undefined;
  let results: FakeResults | undefined;
  afterEach(async () => {
    await world?.stop();
    await results?.stop();
    world = undefined;
    results = undefined;
  });

  it("X11 X4 a token, the model key and a step secret in entities, escapes, zero-width, line breaks, base64 and percent-encoding reach no GitHub body, check run, summary, output or artifact", async () => {
    world = await startWorld(() => ({
      json: {
        title: `Token ${disguise.entities(TEST_TOKEN)} leaked`,
        body: `Found ${disguise.zeroWidth(TEST_TOKEN)} and ${disguise.escaped(TEST_MODEL_KEY)} in the logs; npm: ${disguise.lines(NPM_TOKEN)}.`,
        log: `auth header ${disguise.base64(TEST_TOKEN)} and key ${disguise.percent(TEST_MODEL_KEY)}`,
        evidence: `curl -u x:${disguise.lines(TEST_TOKEN)} https://example.test`,
        path: "src/admin.js",
        patch: PATCHES["src/admin.js"],
      },
    }));
    world.repo.commit(DEFAULT_BRANCH, { ".github/quorum/workflows/echo.js": ECHO_SCRIPT }, "add echo");
    results = new FakeResults();
    await results.start();
    world.gh.openIssue(OWNER, REPO, { title: "Echo please" });
    const run = await runActionProcess({
      eventName: "issue_comment",
      payload: commentPayload("/workflow echo"),
      workspace: world.workspace,
      apiUrl: world.gh.url,
      anthropicUrl: world.model.url,
      sha: world.repo.branchSha(DEFAULT_BRANCH),
      runId: "8101",
      env: { NPM_TOKEN, ACTIONS_RESULTS_URL: `${results.url}/`, ACTIONS_RUNTIME_TOKEN: FakeResults.runtimeToken("run-8101", "job-1") },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const secrets = [TEST_TOKEN, TEST_MODEL_KEY, NPM_TOKEN];

    // The run did publish: a PR, a check run with both findings, a summary reply.
    expect(world.repo.pulls).toHaveLength(1);
    const check = world.repo.checkRuns[0]!;
    expect(check.output?.summary).toContain("Listed: Token [REDACTED:");
    expect(world.repo.pulls[0]!.title).toContain("[REDACTED:");

    // Every text parameter of every write to GitHub (file contents of git objects excepted).
    const writes = world.gh.requests.filter((r) => r.method !== "GET" && !/\/git\/(blobs|trees)/.test(r.path));
    expect(writes.length).toBeGreaterThan(5);
    const leaks: string[] = [];
    for (const request of writes) {
      for (const text of strings(request.body)) {
        for (const secret of secrets) if (shows(text, secret)) leaks.push(`${request.method} ${request.path}: ${text.slice(0, 120)}`);
      }
    }
    for (const secret of secrets) {
      if (shows(run.summary, secret)) leaks.push("job summary");
      for (const [name, value] of Object.entries(run.outputs)) if (shows(value, secret)) leaks.push(`output ${name}`);
    }
    // Every file of every uploaded artifact.
    const artifacts = results.artifacts.filter((a) => a.content);
    expect(artifacts.length).toBeGreaterThan(0);
    const uploaded = new Set<string>();
    for (const artifact of artifacts) {
      for (const [name, bytes] of unzipEntries(artifact.content!)) {
        uploaded.add(name);
        const text = bytes.toString("utf8");
        for (const secret of secrets) if (shows(text, secret)) leaks.push(`artifact ${artifact.name}/${name}`);
        if (name.endsWith(".jsonl")) for (const line of text.split("\n").filter(Boolean)) JSON.parse(line);
        if (name.endsWith(".json")) JSON.parse(text);
      }
    }
    expect([...uploaded]).toEqual(expect.arrayContaining(["journal.jsonl", "events.jsonl", "result.json", "findings.json", "report.md"]));
    expect(leaks).toEqual([]);
    expect(run.summary).toContain("[REDACTED:");
    expect(world.gh.violations).toEqual([]);
  });

  it("X12 fix patches adding a workflow, a symlink or CODEOWNERS (behind a harmless fix) open no pull request; the check run lists each with the reason", async () => {
    const workflowPatch = "diff --git a/.github/workflows/evil.yml b/.github/workflows/evil.yml\nnew file mode 100644\n--- /dev/null\n+++ b/.github/workflows/evil.yml\n@@ -0,0 +1,2 @@\n+on: push\n+jobs: {}\n";
    const symlinkPatch = "diff --git a/src/link.js b/src/link.js\nnew file mode 120000\n--- /dev/null\n+++ b/src/link.js\n@@ -0,0 +1 @@\n+/etc/passwd\n\\ No newline at end of file\n";
    const sneaky = `${PATCHES["src/admin.js"]}diff --git a/CODEOWNERS b/CODEOWNERS\nnew file mode 100644\n--- /dev/null\n+++ b/CODEOWNERS\n@@ -0,0 +1 @@\n+* @attacker\n`;
    const patches = [workflowPatch, symlinkPatch, sneaky];
    world = await startWorld(({ body }) => {
      const i = Number(/propose fix (\d)/.exec(JSON.stringify(body))?.[1] ?? 1);
      return { json: { title: `Fix ${i}`, patch: patches[i - 1] } };
    });
    world.repo.commit(DEFAULT_BRANCH, { ".github/quorum/workflows/fixes.js": FIXES_SCRIPT }, "add fixes");
    world.gh.openIssue(OWNER, REPO, { title: "Fix please" });
    const run = await runActionProcess({
      eventName: "issue_comment",
      payload: commentPayload("/workflow fixes"),
      workspace: world.workspace,
      apiUrl: world.gh.url,
      anthropicUrl: world.model.url,
      sha: world.repo.branchSha(DEFAULT_BRANCH),
      runId: "8102",
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(world.repo.pulls).toHaveLength(0);
    expect([...world.repo.refs.keys()].filter((r) => r.startsWith("refs/heads/quorum/"))).toEqual([]);
    const summary = world.repo.checkRuns[0]?.output?.summary ?? "";
    expect(summary).toContain(".github/workflows/evil.yml: a GitHub Actions workflow");
    expect(summary).toContain("src/link.js: a symbolic link (mode 120000)");
    expect(summary).toContain("CODEOWNERS: a CODEOWNERS file");
    expect(summary).toContain("publish.allowPaths");
    expect(world.gh.violations).toEqual([]);
  });
});
