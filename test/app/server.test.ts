import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppServerConfigError, checkServerEnv, createAppServer, HEALTH_PATH } from "../../src/app/http-server.ts";
import { appOptionsFromEnv } from "../../src/app/options.ts";
import { commentPayload, isolateNetwork } from "./support/probot.ts";

const SECRET = "webhook-secret-for-tests";

beforeEach(() => isolateNetwork());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

async function serve(): Promise<{ url: string; close: () => Promise<void> }> {
  const probot = new Probot({
    githubToken: "ghs_servertestservertestservertest00",
    secret: SECRET,
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults((o: object) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  const { server } = await createAppServer({ WEBHOOK_PATH: "/hooks" }, { probot, options: {} });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function deliveryHeaders(body: string, signed: boolean): Record<string, string> {
  const signature = `sha256=${createHmac("sha256", signed ? SECRET : "wrong").update(body).digest("hex")}`;
  return { "content-type": "application/json", "x-github-event": "issue_comment", "x-github-delivery": "d-1", "x-hub-signature-256": signature };
}

describe("G5 the webhook server (npm start)", () => {
  it("G5 accepts only deliveries signed with WEBHOOK_SECRET, and answers health checks", async () => {
    const { url, close } = await serve();
    try {
      // An edited comment: verified and handled, and (rule G5) it triggers nothing, so no GitHub call.
      const body = JSON.stringify(commentPayload("/workflow audit-auth", { action: "edited" }));
      const ok = await fetch(`${url}/hooks`, { method: "POST", headers: deliveryHeaders(body, true), body });
      expect(ok.status).toBe(200);
      const forged = await fetch(`${url}/hooks`, { method: "POST", headers: deliveryHeaders(body, false), body });
      expect(forged.status).toBe(400);
      expect((await fetch(`${url}${HEALTH_PATH}`)).status).toBe(200);
      expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
    } finally {
      await close();
    }
  });

  it("G5 refuses to start without the App's id, key and webhook secret, naming each", () => {
    expect(() => checkServerEnv({})).toThrow(AppServerConfigError);
    expect(() => checkServerEnv({ APP_ID: "1", PRIVATE_KEY_PATH: "k.pem" })).toThrow(/WEBHOOK_SECRET/);
    expect(() => checkServerEnv({ APP_ID: "1", PRIVATE_KEY: "k", WEBHOOK_SECRET: "s" })).not.toThrow();
    expect(appOptionsFromEnv({ APP_ID: "12", QUORUM_DISPATCH_WORKFLOW: "ai.yml" })).toMatchObject({ appId: 12, workflowFile: "ai.yml", authorRunner: null });
    expect(appOptionsFromEnv({ ANTHROPIC_API_KEY: "sk-ant-x" }).authorRunner).toBeTypeOf("function");
  });
});
