/**
 * Rule X14: a webhook delivery is handled at most once. One validly signed delivery (a real
 * payload from @octokit/webhooks-examples) is sent three times to the real webhook server
 * (createAppServer: Probot's middleware verifying the signature); GitHub sees the work of one.
 * With `REDIS_URL`, replicas share the delivery ids through a real redis-server the test starts.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import nock from "nock";
import { createClient } from "redis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryDeliveryStore } from "../../src/app/deliveries.ts";
import { createAppServer, type AppServer } from "../../src/app/http-server.ts";
import { API, APP_ID, BOT_LOGIN, capture, commentPayload, github, isolateNetwork, noConfig, NOW, permission, REPO_PATH, serverProbot } from "./support/probot.ts";

const SECRET = "webhook-secret-for-delivery-tests";
type Json = Record<string, unknown>;

beforeEach(() => isolateNetwork());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  expect(pending).toEqual([]);
});

async function listen(env: Record<string, string>): Promise<{ app: AppServer; url: string; close: () => Promise<void> }> {
  const app = await createAppServer({ WEBHOOK_PATH: "/hooks", ...env }, { probot: serverProbot(SECRET), options: { appId: APP_ID, botLogin: BOT_LOGIN, now: () => NOW } });
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/hooks`;
  return { app, url, close: () => new Promise<void>((resolve) => app.server.close(() => resolve())).then(() => app.deliveries.close()) };
}

/** One signed delivery, as GitHub sends it. */
function signedDelivery(id: string, payload: Json): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
  return { body, headers: { "content-type": "application/json", "x-github-event": "issue_comment", "x-github-delivery": id, "x-hub-signature-256": signature } };
}

/** What one handling of the delivery costs on GitHub: (the installation token,) config, permission, one refusal reply. */
function oneHandling(replies: Json[], options: { token?: boolean } = {}): void {
  const scope = options.token === false ? nock(API) : github();
  noConfig(scope);
  permission(scope, "reader", "read");
  scope.post(`${REPO_PATH}/issues/1/comments`, capture("POST", `${REPO_PATH}/issues/1/comments`, replies)).reply(201, { id: 1, html_url: "" });
}

const send = (url: string, delivery: { headers: Record<string, string>; body: string }) => fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body }).then((r) => r.status);

describe("X14 webhook deliveries are handled at most once", () => {
  it("X14 one signed delivery sent three times to the real server is handled once (in memory, without REDIS_URL)", async () => {
    const replies: Json[] = [];
    oneHandling(replies);
    const { url, app, close } = await listen({});
    try {
      expect(app.deliveries.description).toBe("memory");
      const delivery = signedDelivery("72d3162e-cc78-11e3-81ab-4c9367dc0958", commentPayload("/workflow audit-auth", { login: "reader" }));
      expect(await Promise.all([send(url, delivery), send(url, delivery), send(url, delivery)])).toEqual([200, 200, 200]);
      expect(replies).toHaveLength(1);
      // Another delivery of the same event is another delivery: handled.
      oneHandling(replies, { token: false });
      expect(await send(url, signedDelivery("72d3162e-cc78-11e3-81ab-4c9367dc0959", commentPayload("/workflow audit-auth", { login: "reader" })))).toBe(200);
      expect(replies).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it("X14 the memory store forgets ids after the TTL and the oldest beyond its size; a released id can be claimed again", async () => {
    let now = 0;
    const store = new MemoryDeliveryStore({ ttlSeconds: 10, max: 2, now: () => now });
    expect(await store.claim("a")).toBe(true);
    expect(await store.claim("a")).toBe(false);
    now = 10_001;
    expect(await store.claim("a")).toBe(true);
    expect(await store.claim("b")).toBe(true);
    expect(await store.claim("c")).toBe(true);
    expect(await store.claim("a")).toBe(true); // the oldest was forgotten to keep two
    await store.release("c");
    expect(await store.claim("c")).toBe(true);
  });
});

const REDIS_SERVER = spawnSync("redis-server", ["--version"], { encoding: "utf8" }).status === 0;
if (!REDIS_SERVER) console.warn("X14 Redis tests skipped: no redis-server binary on PATH (Debian: apt-get install -y redis-server).");

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A throwaway redis-server on 127.0.0.1 (no persistence), ready when it says so. */
async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
  return { url: `redis://127.0.0.1:${port}`, child };
}

describe.skipIf(!REDIS_SERVER)("X14 with REDIS_URL, replicas share delivery ids", () => {
  let redis: { url: string; child: ChildProcess } | undefined;
  afterEach(async () => {
    if (redis?.child.pid !== undefined && redis.child.exitCode === null) {
      const exited = new Promise((resolve) => redis!.child.once("exit", resolve));
      redis.child.kill("SIGTERM");
      await exited;
    }
    redis = undefined;
  });

  it("X14 one signed delivery sent three times across two replicas sharing a real redis-server is handled once; the id is kept with a TTL", async () => {
    redis = await startRedis();
    const replies: Json[] = [];
    oneHandling(replies);
    const a = await listen({ REDIS_URL: redis.url });
    const b = await listen({ REDIS_URL: redis.url });
    try {
      expect(a.app.deliveries.description).toBe(`redis at ${redis.url}`);
      const id = "f2d3162e-cc78-11e3-81ab-4c9367dc0958";
      const delivery = signedDelivery(id, commentPayload("/workflow audit-auth", { login: "reader" }));
      expect(await Promise.all([send(a.url, delivery), send(b.url, delivery), send(a.url, delivery)])).toEqual([200, 200, 200]);
      expect(replies).toHaveLength(1);
      const client = createClient({ url: redis.url });
      await client.connect();
      try {
        const ttl = await client.ttl(`quorum:delivery:${id}`);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(3 * 24 * 3600);
      } finally {
        await client.close();
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});
