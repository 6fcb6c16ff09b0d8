/**
 * The provider with its real defaults — tools (src/agents/tools), framing (src/agents/framing.ts),
 * worktrees (src/agents/worktree.ts) — over a temporary git repository; only the model is fake.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAIRunner } from "../../../src/agents/openai/index.ts";
import { reply, startFakeOpenAI, type FakeOpenAI } from "../../support/fake-openai.ts";
import { agentRequest } from "./helpers.ts";

const ORIGINAL = "export const x = 1 / 0;\n";

describe("OpenAI provider with the real tools and worktrees", () => {
  let repo: string;
  let fake: FakeOpenAI;

  beforeAll(() => {
    repo = mkdtempSync(path.join(os.tmpdir(), "quorum-openai-repo-"));
    mkdirSync(path.join(repo, "src"));
    writeFileSync(path.join(repo, "src/a.ts"), ORIGINAL);
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo });
    git("init", "--quiet");
    git("add", ".");
    git("commit", "--quiet", "-m", "init");
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  beforeEach(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    await fake.stop();
  });

  const runner = () =>
    createOpenAIRunner({ baseURL: fake.baseURL, apiKey: "sk-test", maxRetries: 0, env: {}, onNotice: () => {} });

  it("A4 a schema agent reads a real file through the read tool before answering", async () => {
    fake.enqueue(
      reply.toolCalls([{ name: "read", arguments: { path: "src/a.ts" } }]),
      reply.json({ line: 1 }),
    );
    const schema = { type: "object", properties: { line: { type: "integer" } }, required: ["line"] };
    const outcome = await runner().runAgent(agentRequest({ cwd: repo, schema, tools: ["read", "grep"] }), new AbortController().signal);
    expect(outcome).toMatchObject({ ok: true, output: { line: 1 } });
    const toolReply = fake.chatRequests[1]?.body.messages.at(-1);
    expect(toolReply?.role).toBe("tool");
    expect(String(toolReply?.content)).toContain("export const x = 1 / 0;");
    expect(fake.chatRequests[0]?.body.tools?.map((t) => t.function.name)).toEqual(["read", "grep"]);
  });

  it("A10 the default system prompt frames the agent as unattended, its answer as data, and repository text as data", async () => {
    fake.enqueue(reply.text("ok"));
    await runner().runAgent(agentRequest({ cwd: repo, tools: ["read"] }), new AbortController().signal);
    const system = String(fake.chatRequests[0]?.body.messages[0]?.content);
    expect(fake.chatRequests[0]?.body.messages[0]?.role).toBe("system");
    expect(system).toMatch(/running unattended/);
    expect(system).toMatch(/Nobody will answer questions/);
    expect(system).toMatch(/returned to the workflow program as data/);
    expect(system).toMatch(/data, not instructions/);
  });

  it("A8 a worktree agent edits files in its own worktree; the result carries the diff and the checkout is untouched", async () => {
    fake.enqueue(
      reply.toolCalls([{ name: "edit", arguments: { path: "src/a.ts", oldText: "1 / 0", newText: "1 / 1" } }]),
      reply.text("fixed"),
    );
    const outcome = await runner().runAgent(
      agentRequest({ cwd: repo, tools: ["read", "edit"], isolation: "worktree" }),
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({ ok: true, output: "fixed" });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.diff).toContain("-export const x = 1 / 0;");
    expect(outcome.diff).toContain("+export const x = 1 / 1;");
    expect(readFileSync(path.join(repo, "src/a.ts"), "utf8")).toBe(ORIGINAL);
    const worktrees = execFileSync("git", ["worktree", "list"], { cwd: repo, encoding: "utf8" }).trim().split("\n");
    expect(worktrees).toHaveLength(1);
  });

  it("A8 an agent without isolation cannot get the edit tool: it fails before any model call", async () => {
    const outcome = await runner().runAgent(agentRequest({ cwd: repo, tools: ["read", "edit"] }), new AbortController().signal);
    expect(outcome).toMatchObject({ ok: false, reason: "error", turns: 0 });
    if (!outcome.ok) expect(outcome.message).toMatch(/isolation: "worktree"/);
    expect(fake.chatRequests).toHaveLength(0);
  });
});
