/**
 * Real public Claude Code workflow scripts (test/fixtures/claude-code-corpus) run unmodified
 * through the real engine and sandbox, found by name in `.claude/workflows/`, with a model that
 * answers every schema in shape (rule S7, S8).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/kernel/json.ts";
import type { RunEvent } from "../../src/engine/events.ts";
import { startRun } from "../../src/engine/run.ts";
import { prepareScript } from "../../src/engine/script/index.ts";
import { resolveNestedWorkflowFile, resolveWorkflowFile } from "../../src/workflows/resolve.ts";
import { createScriptedRunner } from "../support/scripted-runner.ts";
import { fakeFromSchema } from "../support/schema-faker.ts";
import { useTemp } from "../workflows/helpers.ts";

const CORPUS = fileURLToPath(new URL("../fixtures/claude-code-corpus/", import.meta.url));

interface CorpusEntry {
  file: string;
  name: string;
  repository: string;
  license: string;
  args?: JsonValue;
  agentTypes?: string[];
}

const ENTRIES = JSON.parse(readFileSync(join(CORPUS, "sources.json"), "utf8")) as CorpusEntry[];
const temp = useTemp();

function repoFor(entry: CorpusEntry): string {
  const source = temp.dir();
  writeFileSync(join(source, "README.md"), `fixture for ${entry.repository}\n`);
  mkdirSync(join(source, ".claude", "workflows"), { recursive: true });
  copyFileSync(join(CORPUS, entry.file), join(source, ".claude", "workflows", `${entry.name}.js`));
  mkdirSync(join(source, ".claude", "agents"), { recursive: true });
  for (const type of entry.agentTypes ?? []) {
    writeFileSync(join(source, ".claude", "agents", `${type}.md`), `---\nname: ${type}\ndescription: stub of ${entry.repository}'s ${type}\ntools: Read, Grep, Glob\n---\nYou are the ${type}.\n`);
  }
  return temp.repoFrom(source);
}

describe("S7 real Claude Code workflow scripts run unmodified", () => {
  it("S7 the corpus lists at least six scripts, each with a redistributable license", () => {
    expect(ENTRIES.length).toBeGreaterThanOrEqual(6);
    for (const entry of ENTRIES) expect(["MIT", "Apache-2.0", "BSD-3-Clause", "ISC"]).toContain(entry.license);
  });

  it.each(ENTRIES.map((e) => [e.file, e] as const))("S7 S8 %s validates, resolves by name and runs to the end with a schema-faking model", async (_file, entry) => {
    const repo = repoFor(entry);
    const workflow = resolveWorkflowFile(entry.name, repo, repo);
    expect(workflow.filename).toBe(join(repo, ".claude", "workflows", `${entry.name}.js`));
    const prepared = prepareScript(workflow.source, workflow.filename);
    expect(prepared.warnings).toEqual([]);

    let seed = 0;
    const runner = createScriptedRunner({
      respond: ({ request }) => (request.schema ? fakeFromSchema(request.schema, seed++) : `fake answer ${seed++}: nothing else to report.`),
    });
    const events: RunEvent[] = [];
    const outcome = await startRun({
      workflow,
      repo,
      runner,
      ...(entry.args !== undefined ? { args: entry.args } : {}),
      limits: { maxConcurrency: 8 },
      resolveWorkflow: (n) => resolveNestedWorkflowFile(n, repo),
      sinks: [(e) => events.push(e)],
    });
    const logs = events.flatMap((e) => (e.type === "log" ? [e.message] : []));
    expect(outcome.error, logs.join("\n")).toBeUndefined();
    expect(outcome.status).toBe("succeeded");
    expect(outcome.result).toBeDefined();
    expect(runner.calls.length).toBeGreaterThan(0);
    // Every option the script passes is one Quorum understands (no "not known to Quorum" notes).
    expect(logs.filter((l) => /not known to Quorum/.test(l))).toEqual([]);
    // Phases the script starts are the ones its meta declares.
    const declared = new Set((prepared.meta?.phases ?? []).map((p) => p.title));
    for (const e of events) if (e.type === "phase.started") expect(declared.has(e.title), e.title).toBe(true);
    const failed = events.filter((e) => e.type === "agent.finished" && e.status === "failed");
    expect(failed).toEqual([]);
    // sticklane's deep-research de-duplicates sources with `new URL` (S8): mixed-case hosts,
    // default ports and fragments of the same page must collapse.
    if (entry.file === "sticklane-deep-research.js") expect(logs.some((l) => /novel \(\d+ filtered\)/.test(l)), logs.join("\n")).toBe(true);
  });
});
