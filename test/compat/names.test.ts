/** Claude Code's workflow names and paths (rule S7): `x.workflow.js`, `{ scriptPath }`, `plugin:name`. */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentRunner } from "../../src/agents/contract.ts";
import { cliRunEnvironment } from "../../src/cli/run-environment.ts";
import { startRun } from "../../src/engine/run.ts";
import { workflowRef } from "../../src/engine/primitives/host.ts";
import { findRepoWorkflow, repoWorkflowNames, resolveNestedWorkflowFile, resolveWorkflowFile } from "../../src/workflows/resolve.ts";
import { useTemp } from "../workflows/helpers.ts";

const temp = useTemp();
const SCRIPT = (name: string, result: string) => `export const meta = { name: '${name}', description: 'test' }\nreturn ${result}\n`;

function repoWith(files: Record<string, string>): string {
  const repo = temp.dir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(repo, path, ".."), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  return repo;
}

const noRunner: AgentRunner | null = null;

async function runNested(repo: string, body: string) {
  const env = cliRunEnvironment({ stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: repo } as never, {}, repo).env;
  return startRun({ ...env, runner: noRunner, workflow: { name: "parent", source: body, filename: join(repo, "parent.js") }, repo });
}

describe("S7 workflow names as Claude Code saves them", () => {
  it("S7 `<name>.workflow.js` and `<name>.js` resolve by name in .claude/workflows and .github/quorum/workflows", () => {
    const repo = repoWith({
      ".claude/workflows/sweep.workflow.js": SCRIPT("sweep", "1"),
      ".claude/workflows/plain.js": SCRIPT("plain", "2"),
      ".github/quorum/workflows/ours.workflow.js": SCRIPT("ours", "3"),
      ".claude/workflows/notes.md": "not a script",
    });
    expect(resolveWorkflowFile("sweep", repo, repo).filename).toBe(join(repo, ".claude/workflows/sweep.workflow.js"));
    expect(resolveWorkflowFile("plain", repo, repo).filename).toBe(join(repo, ".claude/workflows/plain.js"));
    expect(resolveWorkflowFile("ours", repo, repo).filename).toBe(join(repo, ".github/quorum/workflows/ours.workflow.js"));
    expect(repoWorkflowNames(repo)).toEqual(["ours", "plain", "sweep"]);
    expect(() => resolveWorkflowFile("nope", repo, repo)).toThrow(/unknown workflow "nope".*ours, plain, sweep/);
  });

  it("S7 .github/quorum/workflows wins over .claude/workflows; within a folder x.js wins over x.workflow.js", () => {
    const repo = repoWith({
      ".claude/workflows/dup.js": SCRIPT("dup", "'claude'"),
      ".github/quorum/workflows/dup.workflow.js": SCRIPT("dup", "'quorum'"),
      ".claude/workflows/both.js": SCRIPT("both", "'js'"),
      ".claude/workflows/both.workflow.js": SCRIPT("both", "'workflow.js'"),
    });
    expect(resolveWorkflowFile("dup", repo, repo).source).toContain("'quorum'");
    expect(resolveWorkflowFile("both", repo, repo).source).toContain("'js'");
  });

  it("S7 a script is also found by its meta.name when no file is named so", () => {
    const repo = repoWith({ ".claude/workflows/file-name.workflow.js": SCRIPT("meta-name", "1") });
    expect(findRepoWorkflow(repo, "meta-name")?.filename).toBe(join(repo, ".claude/workflows/file-name.workflow.js"));
  });

  it("S7 plugin names (`plugin:name`) get an error that explains plugins are not in a repository and what to do", () => {
    const repo = repoWith({});
    expect(() => resolveWorkflowFile("my-plugin:sweep", repo, repo)).toThrow(/Claude Code plugin.*Copy the plugin's script into \.claude\/workflows/);
    expect(() => resolveNestedWorkflowFile("my-plugin:sweep", repo)).toThrow(/Claude Code plugin/);
  });

  it("S7 quorum run finds a .workflow.js script by name from the CLI", async () => {
    const repo = repoWith({ ".claude/workflows/hello.workflow.js": SCRIPT("hello", "{ hi: args.who }") });
    const file = resolveWorkflowFile("hello", repo, repo);
    const outcome = await startRun({ workflow: file, repo, runner: null, args: { who: "you" }, resolveWorkflow: (n) => resolveNestedWorkflowFile(n, repo) });
    expect(outcome).toMatchObject({ status: "succeeded", result: { hi: "you" } });
  });
});

describe("S7 nested workflow() by name and by { scriptPath }", () => {
  it("S7 workflow(name) finds a .workflow.js script; workflow({ scriptPath }, args) runs a file inside the repository", async () => {
    const repo = repoWith({
      ".claude/workflows/child.workflow.js": SCRIPT("child", "{ got: args }"),
      "scripts/other.js": SCRIPT("other", "'other ran'"),
    });
    const outcome = await runNested(
      repo,
      "const a = await workflow('child', { n: 1 })\nconst b = await workflow({ scriptPath: 'scripts/other.js' })\nconst c = await workflow({ scriptPath: '.claude/workflows/child.workflow.js' }, 2)\nreturn { a, b, c }",
    );
    expect(outcome).toMatchObject({ status: "succeeded", result: { a: { got: { n: 1 } }, b: "other ran", c: { got: 2 } } });
  });

  it("S7 workflow({ scriptPath }) cannot leave the repository: .., absolute paths and symbolic links are refused", async () => {
    const outside = repoWith({ "secret.js": SCRIPT("secret", "'escaped'") });
    const repo = repoWith({});
    symlinkSync(join(outside, "secret.js"), join(repo, "link.js"));
    for (const ref of [`{ scriptPath: '../${outside.split("/").pop()}/secret.js' }`, `{ scriptPath: '${join(outside, "secret.js")}' }`, `'${join(outside, "secret.js")}'`, "{ scriptPath: 'link.js' }"]) {
      const outcome = await runNested(repo, `return await workflow(${ref})`);
      expect(outcome.status, ref).toBe("failed");
      expect(outcome.error, ref).toMatch(/outside the repository/);
    }
  });

  it("S7 workflow() refs: a string, { scriptPath } (never read as a name), { name }; anything else is a clear error", () => {
    expect(workflowRef("review")).toBe("review");
    expect(workflowRef({ scriptPath: "x.js" })).toBe("./x.js");
    expect(workflowRef({ scriptPath: "review" })).toBe("./review");
    expect(workflowRef({ scriptPath: ".claude/workflows/x.js" })).toBe(".claude/workflows/x.js");
    expect(workflowRef({ name: "review" })).toBe("review");
    expect(() => workflowRef({})).toThrow(/scriptPath/);
    expect(() => workflowRef(3)).toThrow(/workflow name/);
  });
});

describe("X10 workflow() paths in the CLI give no oracle on files outside the repository", () => {
  it("X10 workflow('/etc/passwd'), '../', and symbolic links out of the repository fail with one message whether the file exists or not", async () => {
    const outside = repoWith({ "secret.js": SCRIPT("secret", "'escaped'"), "broken.js": "this is not javascript (" });
    const repo = repoWith({});
    symlinkSync(join(outside, "secret.js"), join(repo, "link.js"));
    symlinkSync(join(outside, "missing.js"), join(repo, "dangling.js"));
    const name = outside.split("/").pop();
    const refs = [
      "'/etc/passwd'",
      "'/etc/no-such-file'",
      `'${join(outside, "broken.js")}'`,
      `{ scriptPath: '../${name}/secret.js' }`,
      `{ scriptPath: '../${name}/missing.js' }`,
      "{ scriptPath: 'link.js' }",
      "{ scriptPath: 'dangling.js' }",
    ];
    const errors = new Set<string>();
    for (const ref of refs) {
      const outcome = await runNested(repo, `return await workflow(${ref})`);
      expect(outcome.status, ref).toBe("failed");
      expect(outcome.error, ref).toMatch(/is not a file inside the repository: paths outside the repository, symbolic links that leave it and missing files are refused alike/);
      errors.add((outcome.error ?? "").replace(/"[^"]*"/, '"…"'));
    }
    expect([...errors]).toHaveLength(1);
  });
});
