/**
 * A scripted "model" for the fake Messages API that behaves like an agent: it recognises which
 * agent a request belongs to from the task text (the first user message), works in turns (tool
 * calls first, then an answer), and decides from what the real tools returned — so line numbers,
 * quotes and edits come from the repository, not from the test.
 *
 * Every request is stateless on the wire (it carries the whole conversation), so an agent's script
 * is a function of the conversation so far: the turn number and every tool call with its result.
 *
 * A request no script claims, or a script that throws (an expectation about the tools' output that
 * did not hold), is answered with a 400 and recorded in `problems`, so a test can assert it empty
 * and see why a run went wrong.
 */
import type { FakeHandler, FakeReply, FakeRequest } from "../../support/fake-anthropic.ts";
import { firstUserText } from "../../support/fake-anthropic.ts";

/** One tool call of the conversation and what the real tool answered. */
export interface ToolExchange {
  name: string;
  input: Record<string, unknown>;
  output: string;
  isError: boolean;
}

/** What an agent script sees of one request. */
export interface AgentTurn {
  /** The task (first user message). */
  prompt: string;
  /** Names of the tools offered in this request. */
  tools: string[];
  /** 0 for the agent's first request. */
  turn: number;
  /** Every tool call so far with its result, oldest first. */
  history: ToolExchange[];
  /** The tool calls of the previous turn, with their results. */
  last: ToolExchange[];
  /** Whether the request asks for JSON through `output_config.format`. */
  native: boolean;
  callIndex: number;
}

export interface AgentScript {
  /** A short name for the calls log, e.g. "diagnose". */
  name: string;
  /** Claims a request by its task text. */
  matches(prompt: string): boolean;
  reply(turn: AgentTurn): FakeReply;
}

export interface OracleCall {
  agent: string;
  turn: number;
  callIndex: number;
  prompt: string;
  /** The tool calls the reply made (names), or "answer". */
  did: string[];
}

export interface ModelOracle {
  handler: FakeHandler;
  calls: OracleCall[];
  /** Requests no script claimed, and scripts that threw: each says what and why. */
  problems: string[];
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function blockText(block: unknown): string {
  if (!isRecord(block)) return "";
  if (typeof block["text"] === "string") return block["text"];
  const content = block["content"];
  if (typeof content === "string") return content;
  return asArray(content).map(blockText).join("\n");
}

/** Pairs each assistant tool_use with the tool_result that answered it. */
function exchanges(body: Json): ToolExchange[][] {
  const messages = asArray(body["messages"]).filter(isRecord);
  const turns: ToolExchange[][] = [];
  messages.forEach((message, i) => {
    if (message["role"] !== "assistant") return;
    const uses = asArray(message["content"]).filter((b): b is Json => isRecord(b) && b["type"] === "tool_use");
    const next = messages[i + 1];
    const results = next ? asArray(next["content"]).filter((b): b is Json => isRecord(b) && b["type"] === "tool_result") : [];
    turns.push(
      uses.map((use) => {
        const result = results.find((r) => r["tool_use_id"] === use["id"]);
        return {
          name: String(use["name"]),
          input: isRecord(use["input"]) ? use["input"] : {},
          output: result ? blockText(result) : "",
          isError: result?.["is_error"] === true,
        };
      }),
    );
  });
  return turns;
}

/** Builds the handler for `new FakeAnthropic().handle(...)` from agent scripts (first match wins). */
export function modelOracle(scripts: readonly AgentScript[], onRequest?: (request: FakeRequest) => void): ModelOracle {
  const calls: OracleCall[] = [];
  const problems: string[] = [];
  const handler: FakeHandler = (request) => {
    onRequest?.(request);
    const prompt = firstUserText(request.body);
    const script = scripts.find((s) => s.matches(prompt));
    if (!script) {
      problems.push(`no script for the agent whose task starts: ${JSON.stringify(prompt.slice(0, 120))}`);
      return { error: { status: 400, type: "invalid_request_error", message: "model-oracle: no script for this agent" } };
    }
    const turns = exchanges(request.body);
    const view: AgentTurn = {
      prompt,
      tools: asArray(request.body["tools"]).filter(isRecord).map((t) => String(t["name"])),
      turn: turns.length,
      history: turns.flat(),
      last: turns.at(-1) ?? [],
      native: isRecord(request.body["output_config"]) && isRecord(request.body["output_config"]["format"]),
      callIndex: request.callIndex,
    };
    try {
      const reply = script.reply(view);
      calls.push({ agent: script.name, turn: view.turn, callIndex: request.callIndex, prompt, did: reply.toolCalls?.map((c) => c.name) ?? ["answer"] });
      return reply;
    } catch (error) {
      problems.push(`${script.name} (turn ${view.turn}): ${error instanceof Error ? error.message : String(error)}`);
      return { error: { status: 400, type: "invalid_request_error", message: `model-oracle: ${script.name} gave up` } };
    }
  };
  return { handler, calls, problems };
}

/** The file text a `read` result shows, as numbered lines (read prints `number<TAB>text`). */
export function readLines(output: string): Map<number, string> {
  const lines = new Map<number, string>();
  for (const raw of output.split("\n")) {
    const m = /^\s*(\d+)\t(.*)$/.exec(raw);
    if (m) lines.set(Number(m[1]), m[2] ?? "");
  }
  if (lines.size === 0) throw new Error(`not a read result: ${JSON.stringify(output.slice(0, 200))}`);
  return lines;
}

/** The first line number whose text contains `needle` (optionally at or after `from`). */
export function lineOf(lines: Map<number, string>, needle: string | RegExp, from = 1): number {
  for (const [n, text] of lines) {
    if (n < from) continue;
    if (typeof needle === "string" ? text.includes(needle) : needle.test(text)) return n;
  }
  throw new Error(`no line matching ${String(needle)}`);
}

/** Lines `first..last` joined as the file has them (for exact `edit` oldText). */
export function textOf(lines: Map<number, string>, first: number, last = first): string {
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines.get(n);
    if (text === undefined) throw new Error(`line ${n} was not in the read output`);
    out.push(text);
  }
  return out.join("\n");
}

/** The result of the `read` of `path` in the conversation (the latest one). */
export function readOf(history: readonly ToolExchange[], path: string): Map<number, string> {
  const found = [...history].reverse().find((x) => x.name === "read" && x.input["path"] === path);
  if (!found) throw new Error(`${path} was never read`);
  if (found.isError) throw new Error(`read ${path} failed: ${found.output}`);
  return readLines(found.output);
}

/** Throws when any of these tool calls failed (the script relies on them). */
export function expectToolsOk(exchangesOfTurn: readonly ToolExchange[]): void {
  const failed = exchangesOfTurn.filter((x) => x.isError);
  if (failed.length > 0) throw new Error(`tool call(s) failed: ${failed.map((x) => `${x.name} ${JSON.stringify(x.input)} → ${x.output}`).join(" | ")}`);
}

/** A final structured answer (text JSON in native mode, submit_result otherwise: the fake decides). */
export const answer = (json: unknown): FakeReply => ({ json });
/** One turn of tool calls. */
export const use = (...calls: { name: string; input: Record<string, unknown> }[]): FakeReply => ({ toolCalls: calls });
