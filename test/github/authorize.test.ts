import { Octokit } from "@octokit/rest";
import examples from "@octokit/webhooks-examples";
import nock from "nock";
import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import { authorizeSender, effectiveRole, shouldIgnoreEvent } from "../../src/github/authorize.ts";

const API = "https://api.github.com";
const octokit = new Octokit({ baseUrl: API, log: { debug() {}, info() {}, warn() {}, error() {} } });

function permission(login: string, body: Record<string, unknown>, status = 200): nock.Scope {
  return nock(API).get(`/repos/acme/app/collaborators/${encodeURIComponent(login)}/permission`).reply(status, body);
}

function payloadOf(event: string, action: string): unknown {
  const group = (examples as unknown as { name: string; examples: { action?: string }[] }[]).find((e) => e.name === event);
  const payload = group?.examples.find((p) => p.action === action);
  if (!payload) throw new Error(`no ${event}.${action} example in @octokit/webhooks-examples`);
  return payload;
}

describe("G5 who may trigger a run", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it("G5 write, maintain and admin are allowed, asked of the API", async () => {
    permission("wendy", { permission: "write", role_name: "write" });
    permission("mia", { permission: "write", role_name: "maintain" });
    permission("ada", { permission: "admin", role_name: "admin" });
    for (const login of ["wendy", "mia", "ada"]) {
      const result = await authorizeSender(octokit, { owner: "acme", repo: "app", login, senderType: "User" });
      expect(result, login).toMatchObject({ allowed: true, via: "api" });
    }
  });

  it("G5 read and triage are refused with a short reason; role_name wins over the legacy permission", async () => {
    permission("rita", { permission: "read", role_name: "read" });
    permission("tom", { permission: "read", role_name: "triage" });
    const rita = await authorizeSender(octokit, { owner: "acme", repo: "app", login: "rita" });
    const tom = await authorizeSender(octokit, { owner: "acme", repo: "app", login: "tom" });
    expect(rita).toMatchObject({ allowed: false, code: "insufficient_permission", role: "read" });
    expect(tom).toMatchObject({ allowed: false, code: "insufficient_permission", role: "triage" });
    expect(tom.allowed ? "" : tom.reason).toMatch(/@tom has triage access.*needs write, maintain or admin/);
  });

  it("G5 a custom role falls back to its base permission", async () => {
    permission("sec", { permission: "write", role_name: "security-manager" });
    permission("aud", { permission: "read", role_name: "auditor" });
    expect(await authorizeSender(octokit, { owner: "acme", repo: "app", login: "sec" })).toMatchObject({ allowed: true, role: "write" });
    expect(await authorizeSender(octokit, { owner: "acme", repo: "app", login: "aud" })).toMatchObject({ allowed: false, role: "read" });
    expect(effectiveRole({ permission: "write", role_name: null })).toBe("write");
  });

  it("G5 a non-collaborator (404) is refused; other API errors are thrown", async () => {
    permission("stranger", { message: "Not Found" }, 404);
    expect(await authorizeSender(octokit, { owner: "acme", repo: "app", login: "stranger" })).toMatchObject({
      allowed: false,
      code: "not_collaborator",
    });
    permission("flaky", { message: "Server Error" }, 500);
    await expect(authorizeSender(octokit, { owner: "acme", repo: "app", login: "flaky" })).rejects.toMatchObject({ status: 500 });
  });

  it("G5 bots are skipped without an API call unless allow-listed", async () => {
    const bot = await authorizeSender(octokit, { owner: "acme", repo: "app", login: "dependabot[bot]", senderType: "Bot" });
    expect(bot).toMatchObject({ allowed: false, code: "bot" });
    expect(bot.allowed ? "" : bot.reason).toMatch(/allowBots/);
    // A login ending in [bot] is a bot even when the type says otherwise.
    expect(await authorizeSender(octokit, { owner: "acme", repo: "app", login: "renovate[bot]", senderType: "User" })).toMatchObject({ code: "bot" });
    // Allow-listed, with or without the [bot] suffix, any case.
    for (const entry of ["dependabot[bot]", "Dependabot"]) {
      expect(
        await authorizeSender(octokit, { owner: "acme", repo: "app", login: "dependabot[bot]", senderType: "Bot" }, { allowBots: [entry] }),
      ).toMatchObject({ allowed: true, via: "bot-allow-list" });
    }
  });

  it("G5 edited and deleted comments are ignored; created ones are not (real webhook payloads)", () => {
    expect(shouldIgnoreEvent("issue_comment", payloadOf("issue_comment", "created"))).toEqual({ ignore: false });
    const edited = shouldIgnoreEvent("issue_comment", payloadOf("issue_comment", "edited"));
    expect(edited).toMatchObject({ ignore: true });
    expect(edited.ignore && edited.reason).toMatch(/edited does not trigger/);
    expect(shouldIgnoreEvent("issue_comment", payloadOf("issue_comment", "deleted"))).toMatchObject({ ignore: true });
    expect(shouldIgnoreEvent("pull_request_review_comment", payloadOf("pull_request_review_comment", "edited"))).toMatchObject({ ignore: true });
    expect(shouldIgnoreEvent("issue_comment", { action: "created" })).toMatchObject({ ignore: true });
    expect(shouldIgnoreEvent("pull_request", payloadOf("pull_request", "opened"))).toEqual({ ignore: false });
  });
});
