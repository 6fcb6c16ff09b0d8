/**
 * The fake Messages API of the real-path benchmarks: test/support/fake-anthropic.ts on loopback,
 * answering every request after a latency drawn uniformly from 50–500 ms. The latency is a hash of
 * the request's first user message, so the same agents get the same latencies in every run and in
 * the bare-SDK baseline. Finders get text, skeptics (schema agents) a JSON verdict.
 *
 * It keeps what scheduler efficiency needs: when each request arrived and how long it was held.
 */
import { createHash } from "node:crypto";
import { FakeAnthropic, type FakeRequest, type FakeReply } from "../../test/support/fake-anthropic.ts";

export const MIN_LATENCY_MS = 50;
export const MAX_LATENCY_MS = 500;

export interface TimedRequest {
  arrivedAt: number;
  latencyMs: number;
  prompt: string;
}

/** The text of the first user message, however it is split into blocks. */
export function firstUserText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
  const content = messages[0]?.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((b) => (b && typeof b === "object" && typeof (b as { text?: unknown }).text === "string" ? (b as { text: string }).text : "")).join("");
}

/** Uniform in [MIN_LATENCY_MS, MAX_LATENCY_MS], fixed by the prompt. */
export function latencyOf(prompt: string): number {
  const n = createHash("sha256").update(prompt).digest().readUInt32BE(0);
  return MIN_LATENCY_MS + (n % (MAX_LATENCY_MS - MIN_LATENCY_MS + 1));
}

function wantsJson(body: Record<string, unknown>): boolean {
  if (body.output_config !== undefined) return true;
  return Array.isArray(body.tools) && (body.tools as { name?: unknown }[]).some((t) => t.name === "submit_result");
}

export class LatencyModel {
  readonly fake: FakeAnthropic;
  readonly timed: TimedRequest[] = [];

  readonly #latency: (prompt: string) => number;

  /** `latency`: the answer's delay for a prompt (default {@link latencyOf}; profiling uses shorter ones). */
  constructor(latency: (prompt: string) => number = latencyOf) {
    this.#latency = latency;
    this.fake = new FakeAnthropic({ handler: (request) => this.#answer(request) });
  }

  async start(): Promise<string> {
    return this.fake.start();
  }

  async stop(): Promise<void> {
    await this.fake.stop();
  }

  /** Forgets what was recorded (between runs). */
  reset(): void {
    this.timed.length = 0;
    this.fake.requests.length = 0;
  }

  #answer(request: FakeRequest): FakeReply {
    const prompt = firstUserText(request.body);
    const latencyMs = this.#latency(prompt);
    this.timed.push({ arrivedAt: performance.now(), latencyMs, prompt });
    if (wantsJson(request.body)) {
      return { json: { verdict: latencyMs % 4 === 0 ? "refute" : "confirm", reason: "Checked the handler at src/app.ts:12; the guard is missing." }, delayMs: latencyMs };
    }
    return { text: `The handler at line ${latencyMs % 97} reads the session without checking its expiry; a stolen cookie stays valid forever.`, delayMs: latencyMs };
  }
}

export interface Efficiency {
  efficiency: number;
  spanMs: number;
  boundMs: number;
  sumLatencyMs: number;
  longestChainMs: number;
  requests: number;
}

/**
 * max(Σ latency / concurrency, longest chain) ÷ span of the model requests (first arrival → last
 * answer). `chains` groups prompts into dependent steps: each group's latency is its first step
 * (the finder) plus the slowest of the rest (its skeptics, which run side by side).
 */
export function schedulerEfficiency(timed: readonly TimedRequest[], concurrency: number, chainOf: (prompt: string) => { chain: string; first: boolean }): Efficiency {
  if (timed.length === 0) throw new Error("no model requests were recorded");
  const start = Math.min(...timed.map((t) => t.arrivedAt));
  const end = Math.max(...timed.map((t) => t.arrivedAt + t.latencyMs));
  const sumLatencyMs = timed.reduce((s, t) => s + t.latencyMs, 0);
  const chains = new Map<string, { first: number; rest: number }>();
  for (const t of timed) {
    const { chain, first } = chainOf(t.prompt);
    const c = chains.get(chain) ?? { first: 0, rest: 0 };
    if (first) c.first = t.latencyMs;
    else c.rest = Math.max(c.rest, t.latencyMs);
    chains.set(chain, c);
  }
  const longestChainMs = Math.max(...[...chains.values()].map((c) => c.first + c.rest));
  const boundMs = Math.max(sumLatencyMs / concurrency, longestChainMs);
  const spanMs = end - start;
  return { efficiency: boundMs / spanMs, spanMs, boundMs, sumLatencyMs, longestChainMs, requests: timed.length };
}
