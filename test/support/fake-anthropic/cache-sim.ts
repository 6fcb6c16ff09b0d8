/**
 * Prompt-cache and token accounting of the fake Messages API.
 *
 * Tokens are estimated as ceil(chars / 4) per unit (a tool definition, the system text, a content
 * block). The cache prefix runs tools → system → messages, as on the real API; each unit carrying
 * `cache_control` is a breakpoint whose prefix hash (model + output format + every unit up to it,
 * `cache_control` itself excluded) becomes a cache entry once the response is sent. A request reads
 * the longest prefix whose entry exists and writes the rest up to its last breakpoint; everything
 * after the last breakpoint is plain input. Simplifications: no 20-block lookback, no TTL.
 */
import { createHash } from "node:crypto";

export interface WireUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface CachePlan {
  usage: Omit<WireUsage, "output_tokens">;
  breakpoints: number;
  /** Hashes to register as cached once the response is sent. */
  entries: string[];
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

type Json = Record<string, unknown>;

interface Unit {
  repr: string;
  tokens: number;
  breakpoint: boolean;
}

/** Splits a request body into cache units in prefix order. */
function units(body: Json): Unit[] {
  const out: Unit[] = [];
  const push = (value: unknown, text: string) => {
    out.push({ repr: stableRepr(value), tokens: estimateTokens(text), breakpoint: hasCacheControl(value) });
  };
  for (const tool of asArray(body["tools"])) push(tool, JSON.stringify(stripCacheControl(tool)));
  const system = body["system"];
  if (typeof system === "string") push({ type: "text", text: system }, system);
  else for (const block of asArray(system)) push(block, blockText(block));
  for (const message of asArray(body["messages"])) {
    const role = isRecord(message) ? String(message["role"]) : "?";
    const content = isRecord(message) ? message["content"] : undefined;
    if (typeof content === "string") push({ role, type: "text", text: content }, content);
    else for (const block of asArray(content)) push({ role, block }, blockText(block));
  }
  return out;
}

export class CacheSimulator {
  readonly #entries = new Set<string>();
  readonly #minCacheableTokens: number;

  constructor(minCacheableTokens = 0) {
    this.#minCacheableTokens = minCacheableTokens;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Computes the input-side usage of a request (nothing is registered yet). */
  plan(body: Json): CachePlan {
    const list = units(body);
    let hash = sha256(stableRepr({ model: body["model"], format: isRecord(body["output_config"]) ? body["output_config"]["format"] : null }));
    let total = 0;
    let read = 0;
    let lastCacheable = 0;
    let breakpoints = 0;
    const entries: string[] = [];
    for (const unit of list) {
      hash = sha256(hash + unit.repr);
      total += unit.tokens;
      if (!unit.breakpoint) continue;
      breakpoints++;
      if (total < this.#minCacheableTokens) continue;
      entries.push(hash);
      lastCacheable = total;
      if (this.#entries.has(hash)) read = total;
    }
    const write = Math.max(0, lastCacheable - read);
    return {
      usage: { input_tokens: total - read - write, cache_read_input_tokens: read, cache_creation_input_tokens: write },
      breakpoints,
      entries,
    };
  }

  /** Makes a plan's prefixes readable by later requests. */
  commit(plan: CachePlan): void {
    for (const entry of plan.entries) this.#entries.add(entry);
  }
}

/** The text of a content block, as the model would read it. */
export function blockText(block: unknown): string {
  if (!isRecord(block)) return String(block);
  switch (block["type"]) {
    case "text":
      return String(block["text"] ?? "");
    case "thinking":
      return String(block["thinking"] ?? "");
    case "tool_use":
      return `${String(block["name"])} ${JSON.stringify(block["input"])}`;
    case "tool_result": {
      const content = block["content"];
      return typeof content === "string" ? content : asArray(content).map(blockText).join("\n");
    }
    default:
      return JSON.stringify(stripCacheControl(block));
  }
}

function hasCacheControl(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (isRecord(value["cache_control"])) return true;
  return isRecord(value["block"]) && isRecord(value["block"]["cache_control"]);
}

function stripCacheControl(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripCacheControl);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "cache_control").map(([k, v]) => [k, stripCacheControl(v)]));
}

/** Canonical JSON without `cache_control`: what the cache compares. */
function stableRepr(value: unknown): string {
  return JSON.stringify(stripCacheControl(value), (_k, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
