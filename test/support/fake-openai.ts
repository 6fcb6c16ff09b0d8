/**
 * A fake OpenAI Chat Completions server for tests: real HTTP on 127.0.0.1 (ephemeral port), the
 * real wire protocol, scripted per test. The real `openai` SDK talks to it, so its retries,
 * headers, error classes and usage parsing are exercised.
 *
 * Script it with a queue (`enqueue(reply.text("hi"), …)`) or a handler (`setHandler((req) => …)`).
 * Every request is recorded in `requests` with its parsed JSON body.
 *
 * Like the real API it checks what it can: the path, JSON body, `Authorization` header, and that
 * every assistant `tool_calls` message is followed by one `tool` message per call id. A request
 * nobody scripted gets a 400 with type `fake_unscripted` (not retried), so a test fails loudly.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A tool call as the fake writes it into `choices[0].message.tool_calls`. */
export interface FakeToolCall {
  name: string;
  /** Object (serialised for you) or the raw `arguments` string (to send broken JSON). */
  arguments: unknown;
  id?: string;
}

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens?: number;
}

export type FakeReply =
  | {
      kind: "message";
      content: string | null;
      toolCalls?: FakeToolCall[];
      refusal?: string | null;
      finishReason?: "stop" | "length" | "tool_calls" | "content_filter";
      usage?: FakeUsage;
      model?: string;
    }
  | {
      kind: "error";
      status: number;
      message: string;
      type?: string;
      code?: string | null;
      param?: string | null;
      headers?: Record<string, string>;
    }
  /** Never answers; the connection stays open until the client gives up (abort, timeout). */
  | { kind: "hang" };

/** A recorded request. `body` is the parsed JSON (the Chat Completions request). */
export interface FakeRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: ChatRequestBody;
  at: number;
}

/** The parts of a Chat Completions request the fake and the tests look at. */
export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[];
  response_format?: { type: string; json_schema?: { name: string; schema?: unknown; strict?: boolean | null } };
  [key: string]: unknown;
}

export interface ChatMessage {
  role: string;
  content?: unknown;
  tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAIOptions {
  /** Answer any `response_format: json_schema` with a 400, as servers without it do. */
  refuseResponseFormat?: boolean;
  handler?: FakeHandler;
}

const DEFAULT_USAGE: FakeUsage = { prompt_tokens: 100, completion_tokens: 20, cached_tokens: 0 };
const CHAT_PATH = "/v1/chat/completions";

/** Builders for scripted replies. */
export const reply = {
  text(content: string, extra: Partial<Extract<FakeReply, { kind: "message" }>> = {}): FakeReply {
    return { kind: "message", content, finishReason: "stop", ...extra };
  },
  /** A JSON answer (content is the serialised value). */
  json(value: unknown, extra: Partial<Extract<FakeReply, { kind: "message" }>> = {}): FakeReply {
    return { kind: "message", content: JSON.stringify(value), finishReason: "stop", ...extra };
  },
  toolCalls(calls: FakeToolCall[], extra: Partial<Extract<FakeReply, { kind: "message" }>> = {}): FakeReply {
    return { kind: "message", content: null, toolCalls: calls, finishReason: "tool_calls", ...extra };
  },
  refusal(text: string): FakeReply {
    return { kind: "message", content: null, refusal: text, finishReason: "stop" };
  },
  truncated(content: string): FakeReply {
    return { kind: "message", content, finishReason: "length" };
  },
  error(status: number, message: string, extra: Omit<Extract<FakeReply, { kind: "error" }>, "kind" | "status" | "message"> = {}): FakeReply {
    return { kind: "error", status, message, ...extra };
  },
  hang(): FakeReply {
    return { kind: "hang" };
  },
};

export class FakeOpenAI {
  readonly requests: FakeRequest[] = [];
  refuseResponseFormat: boolean;
  #server: Server;
  #queue: FakeReply[] = [];
  #handler: FakeHandler | undefined;
  #port = 0;
  #calls = 0;

  constructor(options: FakeOpenAIOptions = {}) {
    this.refuseResponseFormat = options.refuseResponseFormat ?? false;
    this.#handler = options.handler;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        sendError(res, 400, `fake-openai crashed: ${String(error)}`, "fake_crash");
      });
    });
  }

  /** `http://127.0.0.1:<port>/v1`, what the SDK takes as `baseURL`. */
  get baseURL(): string {
    return `http://127.0.0.1:${this.#port}/v1`;
  }

  /** Requests to the chat endpoint only (the ones the model "saw"). */
  get chatRequests(): FakeRequest[] {
    return this.requests.filter((r) => r.path === CHAT_PATH);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(0, "127.0.0.1", () => resolve());
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Replies served in order, before the handler is asked. */
  enqueue(...replies: FakeReply[]): this {
    this.#queue.push(...replies);
    return this;
  }

  setHandler(handler: FakeHandler): this {
    this.#handler = handler;
    return this;
  }

  /** Scripted replies not yet served. */
  get pending(): number {
    return this.#queue.length;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? "").split("?")[0] ?? "";
    let body: ChatRequestBody;
    try {
      body = JSON.parse(raw) as ChatRequestBody;
    } catch {
      sendError(res, 400, "We could not parse the JSON body of your request.", "invalid_request_error");
      return;
    }
    const request: FakeRequest = { index: this.requests.length, method: req.method ?? "", path, headers: req.headers, body, at: Date.now() };
    this.requests.push(request);

    if (path !== CHAT_PATH) return sendError(res, 404, `Invalid URL (${req.method} ${path})`, "invalid_request_error");
    if (req.method !== "POST") return sendError(res, 405, `Method ${req.method} not allowed`, "invalid_request_error");
    if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
      return sendError(res, 401, "You didn't provide an API key.", "invalid_request_error", null);
    }
    const shapeError = checkConversation(body);
    if (shapeError) return sendError(res, 400, shapeError, "invalid_request_error", null, "messages");
    if (this.refuseResponseFormat && body.response_format?.type === "json_schema") {
      return sendError(
        res,
        400,
        "Invalid value for 'response_format': json_schema is not supported by this server.",
        "invalid_request_error",
        null,
        "response_format",
      );
    }

    const scripted = this.#queue.shift() ?? (await this.#handler?.(request));
    if (!scripted) {
      return sendError(res, 400, `fake-openai: no scripted reply for chat request #${this.#calls}`, "fake_unscripted");
    }
    this.#calls += 1;
    if (scripted.kind === "hang") return; // the client's abort or timeout closes the socket
    if (scripted.kind === "error") {
      return sendError(res, scripted.status, scripted.message, scripted.type ?? "api_error", scripted.code ?? null, scripted.param ?? null, scripted.headers);
    }
    sendJson(res, 200, completionBody(scripted, body.model, this.#calls));
  }
}

/** Starts a fake server (remember to `stop()` it). */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  return new FakeOpenAI(options).start();
}

function completionBody(scripted: Extract<FakeReply, { kind: "message" }>, model: string, n: number): unknown {
  const usage = scripted.usage ?? DEFAULT_USAGE;
  const toolCalls = scripted.toolCalls?.map((call, i) => ({
    id: call.id ?? `call_${n}_${i}`,
    type: "function",
    function: {
      name: call.name,
      arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
  return {
    id: `chatcmpl-fake-${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: scripted.model ?? model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: scripted.content,
          refusal: scripted.refusal ?? null,
          annotations: [],
          ...(toolCalls && toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: scripted.finishReason ?? (toolCalls ? "tool_calls" : "stop"),
      },
    ],
    usage: {
      prompt_tokens: usage.prompt_tokens,
      completion_tokens: usage.completion_tokens,
      total_tokens: usage.prompt_tokens + usage.completion_tokens,
      prompt_tokens_details: { cached_tokens: usage.cached_tokens ?? 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
    },
    system_fingerprint: "fp_fake",
  };
}

/**
 * The checks the real API makes on a conversation: a model, messages, and every assistant
 * `tool_calls` message answered by `tool` messages for each of its ids before anything else.
 */
function checkConversation(body: ChatRequestBody): string | null {
  if (typeof body.model !== "string" || body.model === "") return "you must provide a model parameter";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "'messages' must be a non-empty array";
  const messages = body.messages;
  for (let i = 0; i < messages.length; i++) {
    const calls = messages[i]?.tool_calls;
    if (!calls || calls.length === 0) continue;
    const answered = new Set<string>();
    let j = i + 1;
    while (j < messages.length && messages[j]?.role === "tool") {
      answered.add(String(messages[j]?.tool_call_id));
      j++;
    }
    const missing = calls.filter((c) => !answered.has(c.id)).map((c) => c.id);
    if (missing.length > 0) {
      return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(", ")}`;
    }
  }
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (message?.role !== "tool") continue;
    const previous = messages.slice(0, i).reverse().find((m) => m.role !== "tool");
    if (!previous?.tool_calls?.some((c) => c.id === message.tool_call_id)) {
      return `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.`;
    }
  }
  return null;
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { message, type, param, code } }, headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "x-request-id": `req_fake_${Date.now()}`, ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
