/**
 * A fake Anthropic Messages API on 127.0.0.1, speaking the wire protocol the real
 * `@anthropic-ai/sdk` expects (POST /v1/messages, non-streaming), so tests exercise the SDK's own
 * retries, headers and error classes.
 *
 * Scripted per test: a queue of replies (`server.reply(...)`) is used first, then the handler
 * (`server.handle(fn)`); with neither, the call gets a 400 naming the missing script. Every request
 * is recorded with the usage the fake computed for it.
 *
 * Usage: input tokens ≈ chars / 4; cache reads and writes follow the request's `cache_control`
 * breakpoints (see fake-anthropic/cache-sim.ts); output tokens ≈ chars / 4 of the reply content.
 *
 * Structured output: a reply with `json` becomes the text JSON when the request carries
 * `output_config.format` (native structured output), a `submit_result` tool call when the request
 * offers that tool, and the text JSON otherwise — so one script serves both provider modes.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CacheSimulator, estimateTokens, isRecord, asArray, blockText, type WireUsage } from "./fake-anthropic/cache-sim.ts";
import { checkRequest } from "./fake-anthropic/wire-check.ts";

export { estimateTokens } from "./fake-anthropic/cache-sim.ts";

export type FakeStopReason = "end_turn" | "tool_use" | "max_tokens" | "stop_sequence" | "pause_turn" | "refusal" | "model_context_window_exceeded";

export interface FakeToolCall {
  name: string;
  input: unknown;
  id?: string;
}

export interface FakeError {
  status: number;
  /** API error type, e.g. `overloaded_error`, `rate_limit_error`, `invalid_request_error`. */
  type: string;
  message: string;
  /** `retry-after` header, in seconds. */
  retryAfter?: number;
  /** `retry-after-ms` header (the SDK prefers it; tests use small values to stay fast). */
  retryAfterMs?: number;
}

export interface FakeReply {
  text?: string;
  /** The answer object: text JSON, or a submit_result call (see the file comment). */
  json?: unknown;
  toolCalls?: FakeToolCall[];
  /** Adds a thinking block before everything else (as adaptive-thinking models send). */
  thinking?: string;
  /** Raw content blocks; replaces text/json/toolCalls/thinking. */
  content?: unknown[];
  /** Default: `tool_use` when the content has a tool call, else `end_turn`. */
  stopReason?: FakeStopReason;
  stopDetails?: { type: "refusal"; category: string | null; explanation: string | null };
  /** Overrides the computed usage fields. */
  usage?: Partial<WireUsage>;
  model?: string;
  /** Waits this long before answering (a response in flight). */
  delayMs?: number;
  error?: FakeError;
}

export interface FakeRequest {
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** 0-based index of this call on the server. */
  callIndex: number;
}

export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface RecordedRequest extends FakeRequest {
  status: number;
  /** The usage sent back (for 200 responses). */
  usage?: WireUsage;
}

export interface FakeAnthropicOptions {
  handler?: FakeHandler;
  replies?: FakeReply[];
  /** Prefixes shorter than this are not cached (the real minimum depends on the model). */
  minCacheableTokens?: number;
}

export class FakeAnthropic {
  readonly requests: RecordedRequest[] = [];
  readonly cache: CacheSimulator;
  #queue: FakeReply[];
  #handler: FakeHandler | undefined;
  #server: Server | undefined;
  #url = "";
  #ids = 0;

  constructor(options: FakeAnthropicOptions = {}) {
    this.#queue = [...(options.replies ?? [])];
    this.#handler = options.handler;
    this.cache = new CacheSimulator(options.minCacheableTokens ?? 0);
  }

  /** Base URL for the SDK (`baseURL`), e.g. http://127.0.0.1:41234. */
  get url(): string {
    if (!this.#url) throw new Error("FakeAnthropic: call start() first");
    return this.#url;
  }

  /** Queues replies, used in order before the handler. */
  reply(...replies: FakeReply[]): this {
    this.#queue.push(...replies);
    return this;
  }

  handle(handler: FakeHandler): this {
    this.#handler = handler;
    return this;
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        void this.#serve(req.method ?? "", req.url ?? "", req.headers, Buffer.concat(chunks).toString("utf8"), res).catch((error: unknown) => {
          sendError(res, 500, "api_error", `fake-anthropic crashed: ${error instanceof Error ? error.stack : String(error)}`);
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.#server = server;
    this.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.#url;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #serve(method: string, path: string, headers: IncomingHttpHeaders, raw: string, res: ServerResponse): Promise<void> {
    if (method !== "POST" || path.split("?")[0] !== "/v1/messages") {
      sendError(res, 404, "not_found_error", `fake-anthropic only serves POST /v1/messages, not ${method} ${path}`);
      return;
    }
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      body = isRecord(parsed) ? parsed : {};
    } catch {
      sendError(res, 400, "invalid_request_error", "request body is not valid JSON");
      return;
    }
    const callIndex = this.requests.length;
    const record: RecordedRequest = { body, headers, callIndex, status: 0 };
    this.requests.push(record);

    const plan = this.cache.plan(body);
    const problem = checkRequest(body, headers, plan.breakpoints);
    if (problem) {
      record.status = 400;
      sendError(res, 400, "invalid_request_error", problem);
      return;
    }
    const script = this.#queue.shift() ?? (await this.#handler?.({ body, headers, callIndex }));
    if (!script) {
      record.status = 400;
      sendError(res, 400, "invalid_request_error", `fake-anthropic: no reply scripted for call #${callIndex}`);
      return;
    }
    if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
    if (script.error) {
      record.status = script.error.status;
      const extra: Record<string, string> = {};
      if (script.error.retryAfter !== undefined) extra["retry-after"] = String(script.error.retryAfter);
      if (script.error.retryAfterMs !== undefined) extra["retry-after-ms"] = String(script.error.retryAfterMs);
      sendError(res, script.error.status, script.error.type, script.error.message, extra);
      return;
    }

    const content = script.content ?? this.#content(script, body);
    const stopReason = script.stopReason ?? (content.some((b) => isRecord(b) && b["type"] === "tool_use") ? "tool_use" : "end_turn");
    const usage: WireUsage = {
      ...plan.usage,
      output_tokens: Math.max(1, estimateTokens(content.map(blockText).join(""))),
      ...script.usage,
    };
    this.cache.commit(plan);
    record.status = 200;
    record.usage = usage;
    send(res, 200, {
      id: `msg_fake_${callIndex}`,
      type: "message",
      role: "assistant",
      model: script.model ?? body["model"],
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      stop_details: script.stopDetails ?? null,
      container: null,
      diagnostics: null,
      usage: {
        ...usage,
        cache_creation: { ephemeral_5m_input_tokens: usage.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
        inference_geo: null,
        output_tokens_details: null,
        server_tool_use: null,
        service_tier: "standard",
        speed: null,
      },
    });
  }

  #content(script: FakeReply, body: Record<string, unknown>): unknown[] {
    const blocks: unknown[] = [];
    if (script.thinking !== undefined) blocks.push({ type: "thinking", thinking: script.thinking, signature: "fake-signature" });
    if (script.text !== undefined) blocks.push({ type: "text", text: script.text, citations: null });
    if (script.json !== undefined) {
      const native = isRecord(body["output_config"]) && isRecord(body["output_config"]["format"]);
      const submitTool = asArray(body["tools"]).some((t) => isRecord(t) && t["name"] === "submit_result");
      if (!native && submitTool) blocks.push(this.#toolUse({ name: "submit_result", input: script.json }));
      else blocks.push({ type: "text", text: JSON.stringify(script.json), citations: null });
    }
    for (const call of script.toolCalls ?? []) blocks.push(this.#toolUse(call));
    if (blocks.length === 0) blocks.push({ type: "text", text: "", citations: null });
    return blocks;
  }

  #toolUse(call: FakeToolCall): unknown {
    this.#ids++;
    return { type: "tool_use", id: call.id ?? `toolu_fake_${this.#ids}`, name: call.name, input: call.input, caller: { type: "direct" } };
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "request-id": `req_fake_${Date.now()}`, ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
  send(res, status, { type: "error", error: { type, message }, request_id: "req_fake" }, headers);
}

/** The text of the last user message of a request (what a scripted "model" usually keys on). */
export function lastUserText(body: Record<string, unknown>): string {
  const messages = asArray(body["messages"]);
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (!isRecord(m) || m["role"] !== "user") continue;
    const content = m["content"];
    return typeof content === "string" ? content : asArray(content).map(blockText).join("\n");
  }
  return "";
}

/** The text of the first user message (the task as the agent got it). */
export function firstUserText(body: Record<string, unknown>): string {
  const first = asArray(body["messages"])[0];
  if (!isRecord(first)) return "";
  const content = first["content"];
  return typeof content === "string" ? content : asArray(content).map(blockText).join("");
}

/** The tool_result blocks of the last user message. */
export function toolResults(body: Record<string, unknown>): { tool_use_id: string; content: string; is_error: boolean }[] {
  const messages = asArray(body["messages"]);
  const last = messages[messages.length - 1];
  if (!isRecord(last) || last["role"] !== "user") return [];
  return asArray(last["content"])
    .filter((b): b is Record<string, unknown> => isRecord(b) && b["type"] === "tool_result")
    .map((b) => ({ tool_use_id: String(b["tool_use_id"]), content: blockText(b), is_error: b["is_error"] === true }));
}

/** How many assistant turns a request already contains (0 for an agent's first request). */
export function assistantTurns(body: Record<string, unknown>): number {
  return asArray(body["messages"]).filter((m) => isRecord(m) && m["role"] === "assistant").length;
}
