/**
 * Each webhook delivery handled at most once (rule X14). GitHub names every delivery with a GUID
 * (`X-GitHub-Delivery`, Probot's `context.id`); a delivery sent again — a replay of a captured,
 * validly signed request, or a retry — carries the same id and is dropped.
 *
 * - {@link MemoryDeliveryStore}: one server process; ids are remembered for {@link DELIVERY_TTL_SECONDS}
 *   (GitHub keeps deliveries for redelivery three days), at most {@link MAX_REMEMBERED_DELIVERIES}
 *   (the oldest are forgotten first).
 * - {@link RedisDeliveryStore}: several replicas behind one webhook URL share the ids through Redis
 *   (`REDIS_URL`), claimed atomically with `SET key 1 NX EX <ttl>`.
 *
 * Edge cases:
 * - A delivery whose handling failed is released, so that a redelivery from the App's settings
 *   (same id) runs it again.
 * - If Redis cannot be reached the delivery is refused (the handler throws, GitHub shows a failed
 *   delivery that can be redelivered): without the shared store, at-most-once cannot be promised.
 */
import { errorMessage } from "../kernel/errors.ts";
import { createClient } from "redis";

/** How long a delivery id is remembered: GitHub's redelivery window. */
export const DELIVERY_TTL_SECONDS = 3 * 24 * 3600;
/** Ids remembered in memory at most; the oldest are forgotten first. */
export const MAX_REMEMBERED_DELIVERIES = 100_000;
/** Prefix of the Redis keys. */
export const REDIS_KEY_PREFIX = "quorum:delivery:";

export interface DeliveryStore {
  /** Where ids are kept, for logs. */
  readonly description: string;
  /** True the first time `id` is seen within the TTL (it is now remembered); false for a repeat. */
  claim(id: string): Promise<boolean>;
  /** Forgets `id`: its handling failed, and a redelivery must run. */
  release(id: string): Promise<void>;
  close(): Promise<void>;
}

export class MemoryDeliveryStore implements DeliveryStore {
  readonly description = "memory";
  readonly #seen = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: { ttlSeconds?: number; max?: number; now?: () => number } = {}) {
    this.#ttlMs = (options.ttlSeconds ?? DELIVERY_TTL_SECONDS) * 1000;
    this.#max = options.max ?? MAX_REMEMBERED_DELIVERIES;
    this.#now = options.now ?? Date.now;
  }

  async claim(id: string): Promise<boolean> {
    const now = this.#now();
    const expires = this.#seen.get(id);
    if (expires !== undefined && expires > now) return false;
    this.#seen.delete(id);
    this.#seen.set(id, now + this.#ttlMs);
    // Map keeps insertion order: the first entries are the oldest.
    for (const [old, until] of this.#seen) {
      if (this.#seen.size <= this.#max && until > now) break;
      this.#seen.delete(old);
    }
    return true;
  }

  async release(id: string): Promise<void> {
    this.#seen.delete(id);
  }

  async close(): Promise<void> {
    this.#seen.clear();
  }
}

/** The part of a node-redis client the store uses. */
export interface RedisLike {
  set(key: string, value: string, options: { expiration: { type: "EX"; value: number }; condition: "NX" }): Promise<unknown>;
  del(key: string): Promise<unknown>;
  close(): Promise<unknown>;
}

export class RedisDeliveryStore implements DeliveryStore {
  readonly description: string;
  readonly #client: RedisLike;
  readonly #ttlSeconds: number;

  constructor(client: RedisLike, options: { ttlSeconds?: number; description?: string } = {}) {
    this.#client = client;
    this.#ttlSeconds = options.ttlSeconds ?? DELIVERY_TTL_SECONDS;
    this.description = options.description ?? "redis";
  }

  async claim(id: string): Promise<boolean> {
    const reply = await this.#client.set(`${REDIS_KEY_PREFIX}${id}`, "1", { expiration: { type: "EX", value: this.#ttlSeconds }, condition: "NX" });
    return reply === "OK";
  }

  async release(id: string): Promise<void> {
    await this.#client.del(`${REDIS_KEY_PREFIX}${id}`);
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}

/** Connects to `url` and returns a shared store. Throws when Redis cannot be reached. */
export async function connectRedisDeliveryStore(url: string, warn: (message: string) => void = () => undefined, options: { ttlSeconds?: number } = {}): Promise<RedisDeliveryStore> {
  const client = createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(retries * 200, 5_000) } });
  client.on("error", (error: unknown) => warn(`Redis (${redacted(url)}): ${errorMessage(error)}`));
  await client.connect();
  return new RedisDeliveryStore(client as unknown as RedisLike, { ...options, description: `redis at ${redacted(url)}` });
}

/** A Redis URL without its password, for logs. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable REDIS_URL)";
  }
}

/** The store the server uses: Redis when `REDIS_URL` is set, else memory. */
export async function deliveryStoreFromEnv(env: Record<string, string | undefined>, warn?: (message: string) => void): Promise<DeliveryStore> {
  const url = env.REDIS_URL?.trim();
  return url ? connectRedisDeliveryStore(url, warn) : new MemoryDeliveryStore();
}
