import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicRunner } from "../../../src/agents/anthropic/index.ts";
import type { Worktree } from "../../../src/agents/anthropic/index.ts";
import { createWorktree } from "../../../src/agents/worktree.ts";
import { makeRequest, useHarness } from "./helpers.ts";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" } });

describe("Anthropic provider: worktree isolation", () => {
  const h = useHarness();
  let repo = "";

  beforeEach(async () => {
    repo = await mkdtemp(path.join(os.tmpdir(), "quorum-anthropic-wt-"));
    git(repo, "init", "--quiet");
    await writeFile(path.join(repo, "README.md"), "hello\n");
    git(repo, "add", ".");
    git(repo, "commit", "--quiet", "-m", "init");
  });
  afterEach(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it("A8 a worktree agent edits a fresh worktree with the real tools; the result carries the diff and the worktree is removed", async () => {
    const created: Worktree[] = [];
    const runner = createAnthropicRunner({
      apiKey: "k",
      baseURL: h.fake.url,
      env: {},
      onNotice: () => {},
      worktreeFactory: async (root, id) => {
        const wt = await createWorktree(root, id);
        created.push(wt);
        return wt;
      },
    });
    h.fake.reply(
      { toolCalls: [{ name: "write", input: { path: "FIX.md", content: "fixed\n" } }] },
      { toolCalls: [{ name: "edit", input: { path: "README.md", oldText: "hello", newText: "hello, world" } }] },
      { text: "Wrote FIX.md and edited README.md." },
    );
    const outcome = await runner.runAgent(
      makeRequest({ cwd: repo, isolation: "worktree", tools: ["read", "edit", "write"] }),
      new AbortController().signal,
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.diff).toContain("+++ b/FIX.md");
    expect(outcome.diff).toContain("+fixed");
    expect(outcome.diff).toContain("+hello, world");
    expect(created).toHaveLength(1);
    expect(existsSync(created[0]?.path ?? "")).toBe(false);
    expect(git(repo, "worktree", "list").trim().split("\n")).toHaveLength(1);
    expect(await readFile(path.join(repo, "README.md"), "utf8")).toBe("hello\n");
    expect(existsSync(path.join(repo, "FIX.md"))).toBe(false);
    const system = (h.fake.requests[0]?.body["system"] as { text: string }[])[0]?.text ?? "";
    expect(system).toContain("private git worktree");
  });

  it("A8 the worktree is removed when the agent fails", async () => {
    const created: Worktree[] = [];
    const runner = h.runner({
      worktreeFactory: async (root, id) => {
        const wt = await createWorktree(root, id);
        created.push(wt);
        return wt;
      },
    });
    h.fake.reply({ error: { status: 400, type: "invalid_request_error", message: "bad" } });
    const outcome = await runner.runAgent(makeRequest({ cwd: repo, isolation: "worktree" }), new AbortController().signal);
    expect(outcome).toMatchObject({ ok: false, reason: "api_error" });
    expect(existsSync(created[0]?.path ?? "")).toBe(false);
  });
});
