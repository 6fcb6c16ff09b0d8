/** agentType from `.claude/agents/<type>.md`, Claude Code tool names, automatic worktrees (rule S7). */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAgentDefinition } from "../../src/claude-code/agent-definition.ts";
import { createToolbox } from "../../src/agents/tools/index.ts";
import { resumeRun } from "../../src/engine/run.ts";
import { resolveWorkflowFile } from "../../src/workflows/resolve.ts";
import { eventsOf, runScript } from "../support/run-script.ts";
import { createScriptedRunner } from "../support/scripted-runner.ts";
import { useTemp } from "../workflows/helpers.ts";

const temp = useTemp();

const REVIEWER = `---
name: security-reviewer
description: Reviews code for security problems
tools: Read, Grep, Glob, Bash, WebFetch
model: opus
color: red
---
You are a meticulous security reviewer. Report only exploitable problems.
`;

function repoWithAgents(files: Record<string, string>): string {
  const source = temp.dir();
  writeFileSync(join(source, "README.md"), "fixture\n");
  const repo = temp.repoFrom(source);
  mkdirSync(join(repo, ".claude", "agents"), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(repo, ".claude", "agents", name), text);
  return repo;
}

describe("S7 agentType applies .claude/agents/<type>.md", () => {
  it("S7 the definition's prompt, tools (Claude Code names mapped) and model reach the agent", async () => {
    const repo = repoWithAgents({ "reviewer.md": REVIEWER });
    const runner = createScriptedRunner({ respond: () => "ok" });
    const run = await runScript(`return await agent("review src/", { agentType: "security-reviewer" })`, { runner, repo });
    expect(run.status).toBe("succeeded");
    expect(runner.calls[0]).toMatchObject({
      model: "opus",
      tools: ["read", "grep", "glob", "shell"],
      isolation: "none",
      instructions: "You are a meticulous security reviewer. Report only exploitable problems.",
    });
    expect(run.logs.some((l) => /tool "WebFetch" is not available to Quorum agents \(Quorum agents have no network access\)/.test(l))).toBe(true);
  });

  it("S7 the script's own model and tools win over the definition's; opts.phase models come after the definition", async () => {
    const repo = repoWithAgents({ "reviewer.md": REVIEWER });
    const runner = createScriptedRunner({ respond: () => "ok" });
    await runScript(`await agent("a", { agentType: "security-reviewer", model: "haiku", tools: ["Read"] }); return 1`, { runner, repo });
    expect(runner.calls[0]).toMatchObject({ model: "haiku", tools: ["read"] });
  });

  it("S7 an unknown agentType is a clear error in the script that names the known types and where to add one", async () => {
    const repo = repoWithAgents({ "reviewer.md": REVIEWER });
    const runner = createScriptedRunner({ respond: () => "ok" });
    const run = await runScript(`return await agent("x", { agentType: "nope" })`, { runner, repo });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/unknown agentType "nope".*Known types: Explore, Plan, general-purpose, security-reviewer.*\.claude\/agents\/nope\.md/);
    expect(runner.calls).toHaveLength(0);
  });

  it("S7 a definition without frontmatter is an error naming the file when its type is used", async () => {
    const repo = repoWithAgents({ "broken.md": "just text" });
    const run = await runScript(`return await agent("x", { agentType: "broken" })`, { runner: createScriptedRunner({ respond: () => "ok" }), repo });
    expect(run.error).toMatch(/\.claude\/agents\/broken\.md: an agent definition starts with YAML frontmatter/);
  });

  it("S7 the journal key includes the resolved definition: editing the file re-runs its agents on resume, an unchanged file does not", async () => {
    const repo = repoWithAgents({ "reviewer.md": REVIEWER });
    const script = `return await agent("review", { agentType: "security-reviewer" })`;
    const runner = createScriptedRunner({ respond: () => "ok" });
    const first = await runScript(script, { runner, repo });
    const resolveWorkflow = (n: string) => resolveWorkflowFile(n, repo, repo);
    await resumeRun({ repo, runId: first.runId, runner, resolveWorkflow, force: true });
    expect(runner.calls).toHaveLength(1);
    writeFileSync(join(repo, ".claude", "agents", "reviewer.md"), REVIEWER.replace("meticulous", "paranoid"));
    await resumeRun({ repo, runId: first.runId, runner, resolveWorkflow, force: true });
    expect(runner.calls).toHaveLength(2);
    expect(runner.calls[1]?.instructions).toMatch(/paranoid/);
  });

  it("S7 frontmatter: tools as a YAML list, model inherit, name from the file when absent", () => {
    const def = parseAgentDefinition("---\ndescription: d\ntools:\n  - Read\n  - Edit\nmodel: inherit\n---\nBody.\n", ".claude/agents/fixer.md", "fixer");
    expect(def).toEqual({ name: "fixer", description: "d", tools: ["Read", "Edit"], model: undefined, prompt: "Body.", source: ".claude/agents/fixer.md" });
  });
});

describe("S7 Claude Code tool names in scripts", () => {
  it("S7 Read/Grep/Glob/LS/Bash map to Quorum's tools; WebFetch, WebSearch, TodoWrite and Task are left out with one note each", async () => {
    const runner = createScriptedRunner({ respond: () => "ok" });
    const run = await runScript(
      `await agent("a", { tools: ["Read", "Grep", "Glob", "LS", "Bash", "WebFetch", "WebSearch", "TodoWrite", "Task", "mcp__github__search"] });
       await agent("b", { tools: ["WebFetch"] }); return 1`,
      { runner },
    );
    expect(run.status).toBe("succeeded");
    expect(runner.calls[0]?.tools).toEqual(["read", "grep", "glob", "list", "shell"]);
    expect(runner.calls[0]?.isolation).toBe("none");
    expect(runner.calls[1]?.tools).toEqual([]);
    for (const name of ["WebFetch", "WebSearch", "TodoWrite", "Task", "mcp__github__search"]) {
      expect(run.logs.filter((l) => l.includes(`tool "${name}" is not available`))).toHaveLength(1);
    }
  });

  it("S7 an unknown tool name is an error that lists Quorum's and Claude Code's names", async () => {
    const run = await runScript(`return await agent("a", { tools: ["Frobnicate"] })`, { runner: createScriptedRunner({ respond: () => "ok" }) });
    expect(run.error).toMatch(/unknown tool "Frobnicate"; choose from read, list, .*Bash.*WebFetch/);
  });

  it("S7 Edit/Write without isolation run in an automatic worktree; a text answer comes back as is (Claude Code's shape), an object gets its diff", async () => {
    const diff = "diff --git a/src/x.js b/src/x.js\n--- a/src/x.js\n+++ b/src/x.js\n@@ -1 +1 @@\n-a\n+b\n";
    const runner = createScriptedRunner({ respond: ({ request }) => (request.prompt === "object" ? { done: true, diff } : "edited") });
    const run = await runScript(
      `const text = await agent("text", { tools: ["Read", "Edit", "MultiEdit", "Write"] })
       const obj = await agent("object", { tools: ["Edit"] })
       const explicit = await agent("text", { tools: ["Edit"], isolation: "worktree" })
       return { text, obj, explicit }`,
      { runner },
    );
    expect(run.status).toBe("succeeded");
    expect(runner.calls[0]).toMatchObject({ tools: ["read", "edit", "write"], isolation: "worktree" });
    const result = run.result as { text: unknown; obj: { diff: string }; explicit: { text: string; diff: string } };
    expect(result.text).toBe("edited");
    expect(result.obj).toMatchObject({ done: true, diff: expect.stringContaining("src/x.js") });
    expect(result.explicit).toEqual({ text: "edited", diff: "" });
    expect(run.logs.filter((l) => /runs in its own git worktree/.test(l))).toHaveLength(1);
    expect(eventsOf(run.events, "agent.finished").every((e) => e.status === "ok")).toBe(true);
  });

  it("S7 an agent that calls WebFetch anyway gets a tool result saying it is not available", async () => {
    const root = temp.dir();
    const toolbox = createToolbox({ root, tools: ["read", "shell"], isolation: "none", runAllowlist: [] });
    const web = await toolbox.call("WebFetch", { url: "https://example.com" }, new AbortController().signal);
    expect(web).toEqual({ isError: true, content: expect.stringMatching(/^The WebFetch tool is not available: Quorum agents have no network access\. Available tools: read, shell\.$/) });
  });

  it("S7 X7 Bash (the shell tool) runs a real shell line inside the sandbox: no secrets, the checkout read-only outside a worktree", async () => {
    const root = temp.dir();
    writeFileSync(join(root, "data.txt"), "alpha\nbeta\n");
    const signal = new AbortController().signal;
    const previous = process.env.ANTHROPIC_API_KEY;
    process.env.ANTHROPIC_API_KEY = "sk-ant-secret-for-the-test";
    try {
      const reader = createToolbox({ root, tools: ["shell"], isolation: "none", runAllowlist: [] });
      const piped = await reader.call("shell", { command: "grep -c a data.txt && echo \"key=[$ANTHROPIC_API_KEY]\"" }, signal);
      expect(piped.content).toContain("2\nkey=[]");
      expect(piped.isError).toBe(false);
      const write = await reader.call("shell", { command: "echo pwned > data.txt" }, signal);
      expect(write.isError).toBe(true);
      expect(readFileSync(join(root, "data.txt"), "utf8")).toBe("alpha\nbeta\n");
      const editor = createToolbox({ root, tools: ["shell"], isolation: "worktree", runAllowlist: [] });
      const edited = await editor.call("shell", { command: "echo gamma >> data.txt && wc -l < data.txt" }, signal);
      expect(edited).toMatchObject({ isError: false, content: expect.stringContaining("3") });
    } finally {
      if (previous === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = previous;
    }
  });
});
