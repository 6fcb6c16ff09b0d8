import { describe, expect, it } from "vitest";
import type { ToolResult } from "../../../src/agents/contract.ts";
import { toolResults } from "../../support/fake-anthropic.ts";
import { makeRequest, memoryToolbox, useHarness } from "./helpers.ts";

describe("Anthropic provider: tool calls", () => {
  const h = useHarness();

  it("A4 parallel tool calls run together and are answered in one user turn, with is_error for the failing one", async () => {
    let started = 0;
    let release: () => void = () => {};
    const allStarted = new Promise<void>((resolve) => (release = resolve));
    const barrier = async (result: ToolResult): Promise<ToolResult> => {
      if (++started === 3) release();
      await allStarted; // would deadlock if the calls ran one after another
      return result;
    };
    const toolbox = memoryToolbox({
      read: (input) => barrier({ content: `contents of ${String(input["path"])}`, isError: false }),
      grep: () => barrier({ content: "Invalid regular expression: /(/", isError: true }),
    });
    h.fake.reply(
      {
        text: "Let me look at three things at once.",
        toolCalls: [
          { name: "read", input: { path: "a.ts" }, id: "toolu_a" },
          { name: "grep", input: { pattern: "(" }, id: "toolu_b" },
          { name: "read", input: { path: "c.ts" }, id: "toolu_c" },
        ],
      },
      { text: "done" },
    );
    const outcome = await h.run(makeRequest(), { toolbox });
    expect(outcome).toMatchObject({ ok: true, output: "done", turns: 2 });

    const messages = h.fake.requests[1]?.body["messages"] as { role: string }[];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(toolResults(h.fake.requests[1]?.body ?? {})).toEqual([
      { tool_use_id: "toolu_a", content: "contents of a.ts", is_error: false },
      { tool_use_id: "toolu_b", content: "Invalid regular expression: /(/", is_error: true },
      { tool_use_id: "toolu_c", content: "contents of c.ts", is_error: false },
    ]);
  });

  it("A4 every tool call and every turn is reported through onProgress", async () => {
    h.fake.reply(
      { toolCalls: [{ name: "read", input: { path: "src/index.ts" } }, { name: "grep", input: { pattern: "TODO\n|FIXME" } }] },
      { text: "ok" },
    );
    const toolbox = memoryToolbox({ read: () => ({ content: "x", isError: false }), grep: () => ({ content: "", isError: false }) });
    await h.run(makeRequest(), { toolbox });
    expect(h.progress).toEqual([
      { type: "turn", turn: 1 },
      { type: "tool", tool: "read", detail: "src/index.ts" },
      { type: "tool", tool: "grep", detail: "TODO |FIXME" },
      { type: "turn", turn: 2 },
    ]);
    expect(toolResults(h.fake.requests[1]?.body ?? {})[1]?.content).toBe("(no output)");
  });

  it("A9 a call to a tool the agent was not given is answered with is_error, not run", async () => {
    const toolbox = memoryToolbox({ read: () => ({ content: "x", isError: false }) });
    h.fake.reply({ toolCalls: [{ name: "write", input: { path: "a.ts", content: "" } }] }, { text: "ok" });
    await h.run(makeRequest({ tools: ["read"] }), { toolbox });
    expect(toolbox.calls).toEqual([]);
    expect(toolResults(h.fake.requests[1]?.body ?? {})[0]).toMatchObject({ is_error: true, content: 'Unknown tool "write". Available tools: read.' });
  });

  it("A4 pause_turn continues the same assistant turn without a new user message", async () => {
    h.fake.reply({ text: "thinking…", stopReason: "pause_turn" }, { text: "answer" });
    expect(await h.run(makeRequest())).toMatchObject({ ok: true, output: "answer", turns: 2 });
    const roles = (h.fake.requests[1]?.body["messages"] as { role: string }[]).map((m) => m.role);
    expect(roles).toEqual(["user", "assistant"]);
  });
});
