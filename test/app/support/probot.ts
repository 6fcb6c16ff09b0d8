/**
 * Probot's own testing pattern for the App: a Probot instance with retry and throttling off, a
 * throwaway RSA key, real webhook payloads from @octokit/webhooks-examples (edited copies for
 * other senders and command texts), and nock for GitHub with every request body checked against
 * GitHub's OpenAPI description.
 */
import { generateKeyPairSync } from "node:crypto";
import examples from "@octokit/webhooks-examples";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { quorumApp } from "../../../src/app/app.ts";
import type { QuorumAppOptions } from "../../../src/app/options.ts";
import { matchOperation, validateBody } from "../../support/fake-github/openapi.ts";

export const API = "https://api.github.com";
export const APP_ID = 31337;
export const INSTALLATION_ID = 1;
export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const DEFAULT_BRANCH = "master";
export const BOT_LOGIN = "quorum-workflows[bot]";
export const HEAD = "c0ffee0000000000000000000000000000000001";
export const NOW = new Date("2026-03-01T12:00:00.000Z");
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});

/** A Probot with the Quorum App loaded, as Probot's docs test apps. */
export async function makeProbot(options: QuorumAppOptions = {}): Promise<Probot> {
  const probot = new Probot({
    appId: APP_ID,
    privateKey,
    logLevel: "fatal",
    // The function form, as in Probot's testing docs: Probot merges its own throttle options into
    // every client it creates, and only a function applied last can switch them off.
    Octokit: ProbotOctokit.defaults((instanceOptions: object) => ({ ...instanceOptions, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  await probot.load(quorumApp({ appId: APP_ID, botLogin: BOT_LOGIN, now: () => NOW, ...options }));
  return probot;
}

/**
 * A Probot for the real webhook server (createAppServer loads the App into it): this App's id and
 * key, deliveries verified with `secret`.
 */
export function serverProbot(secret: string): Probot {
  return new Probot({
    appId: APP_ID,
    privateKey,
    secret,
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults((instanceOptions: object) => ({ ...instanceOptions, retry: { enabled: false }, throttle: { enabled: false } })),
  });
}

type Json = Record<string, unknown>;
type Example = Json & { action?: string };

/** A deep copy of a real payload from @octokit/webhooks-examples, for this App's installation. */
export function example(event: string, action: string): Json {
  const group = (examples as unknown as { name: string; examples: Example[] }[]).find((e) => e.name === event);
  const payload = group?.examples.find((p) => p.action === action);
  if (!payload) throw new Error(`no ${event}.${action} example in @octokit/webhooks-examples`);
  const copy = structuredClone(payload);
  copy.installation = { id: INSTALLATION_ID, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
  return copy;
}

function setSender(payload: Json, login: string, type: string): void {
  const sender = payload.sender as Json;
  sender.login = login;
  sender.type = type;
}

/** `issue_comment.<action>` on issue #1 (or PR #1) with `body`, by `login`. */
export function commentPayload(body: string, options: { login?: string; type?: string; action?: "created" | "edited"; pull?: boolean; commentId?: number } = {}): Json {
  const payload = example("issue_comment", options.action ?? "created");
  const comment = payload.comment as Json;
  const login = options.login ?? OWNER;
  const type = options.type ?? "User";
  comment.body = body;
  comment.id = options.commentId ?? comment.id;
  (comment.user as Json).login = login;
  (comment.user as Json).type = type;
  setSender(payload, login, type);
  const issue = payload.issue as Json;
  if (options.pull) issue.pull_request = { url: `${API}${REPO_PATH}/pulls/1`, html_url: `https://github.com/${OWNER}/${REPO}/pull/1`, diff_url: "", patch_url: "" };
  else delete issue.pull_request;
  return payload;
}

/** `check_run.requested_action` for a button press on `checkRun`, by `login`. */
export function buttonPayload(identifier: string, checkRun: Json, options: { login?: string; type?: string } = {}): Json {
  const payload = example("check_run", "requested_action");
  payload.requested_action = { identifier };
  payload.repository = structuredClone(example("issue_comment", "created").repository);
  const base = payload.check_run as Json;
  payload.check_run = { ...base, pull_requests: [], app: { ...(base.app as Json), id: APP_ID }, ...checkRun };
  setSender(payload, options.login ?? OWNER, options.type ?? "User");
  return payload;
}

/** Delivers a webhook to the App the way Probot's tests do. */
export async function deliver(probot: Probot, name: string, payload: Json): Promise<void> {
  await probot.receive({ id: `delivery-${Math.random().toString(16).slice(2)}`, name, payload } as never);
}

/** Bodies GitHub would refuse fail the test here, not in production: checked against @octokit/openapi. */
export function validRequest(method: string, path: string, body: unknown): true {
  const match = matchOperation(method, path);
  if (!match) throw new Error(`${method} ${path} is not in GitHub's OpenAPI description`);
  const errors = body === undefined ? null : validateBody(match.operation, body);
  if (errors) throw new Error(`${method} ${path}: invalid body: ${errors.map((e) => `${e.instancePath} ${e.message ?? ""}`).join("; ")}`);
  return true;
}

/**
 * Captures the JSON body of a mocked request after checking it against the OpenAPI description.
 * Use it as nock's body matcher with a static reply: a reply function that takes the request body
 * never resolves under nock 15's fetch interception.
 */
export function capture(method: string, path: string, into: Json[]): (body: Json) => boolean {
  return (body) => {
    validRequest(method, path, body);
    into.push(body);
    return true;
  };
}

/** nock scope for api.github.com with the installation token already mocked. */
export function github(): nock.Scope {
  return nock(API)
    .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
    .reply(201, { token: "ghs_quorumtesttokenquorumtesttoken00", expires_at: "2099-01-01T00:00:00Z", permissions: { checks: "write" }, repository_selection: "all" });
}

const FILE_PATH = (path: string) => new RegExp(`^${REPO_PATH}/contents/${path.replace(/\//g, "(?:/|%2F)").replace(/\./g, "\\.")}(\\?.*)?$`);

/** No .github/quorum.yml nor .yaml on the default branch. */
export function noConfig(scope: nock.Scope): nock.Scope {
  return scope.get(FILE_PATH(".github/quorum.yml")).reply(404, { message: "Not Found" }).get(FILE_PATH(".github/quorum.yaml")).reply(404, { message: "Not Found" });
}

/** `.github/quorum.yml` with `yaml`. */
export function config(scope: nock.Scope, yaml: string): nock.Scope {
  return scope.get(FILE_PATH(".github/quorum.yml")).reply(200, { type: "file", encoding: "base64", size: yaml.length, name: "quorum.yml", path: ".github/quorum.yml", content: Buffer.from(yaml).toString("base64") });
}

/** The repository has no workflow scripts of its own (both folders missing). */
export function noRepoWorkflows(scope: nock.Scope): nock.Scope {
  return scope.get(FILE_PATH(".github/quorum/workflows")).reply(404, { message: "Not Found" }).get(FILE_PATH(".claude/workflows")).reply(404, { message: "Not Found" });
}

export function permission(scope: nock.Scope, login: string, role: "admin" | "maintain" | "write" | "triage" | "read"): nock.Scope {
  const legacy = role === "maintain" ? "write" : role === "triage" ? "read" : role;
  return scope.get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission: legacy, role_name: role, user: { login } });
}

export function defaultHead(scope: nock.Scope, sha = HEAD): nock.Scope {
  return scope.get(new RegExp(`^${REPO_PATH}/git/ref/heads(?:/|%2F)${DEFAULT_BRANCH}$`)).reply(200, { ref: `refs/heads/${DEFAULT_BRANCH}`, object: { sha, type: "commit" } });
}

/** A check run as GitHub returns it. */
export function checkRunJson(fields: Json): Json {
  const id = fields.id as number;
  return {
    node_id: `CR_${id}`,
    head_sha: HEAD,
    external_id: null,
    url: `${API}${REPO_PATH}/check-runs/${id}`,
    html_url: `https://github.com/${OWNER}/${REPO}/runs/${id}`,
    details_url: null,
    status: "queued",
    conclusion: null,
    started_at: NOW.toISOString(),
    completed_at: null,
    output: { title: null, summary: null, text: null, annotations_count: 0, annotations_url: "" },
    name: "quorum / x",
    check_suite: { id: 1 },
    app: { id: APP_ID, slug: "quorum-workflows" },
    pull_requests: [],
    ...fields,
  };
}

/** An issue comment written by the App (its run index lives in such comments). */
export function ownComment(id: number, body: string): Json {
  return { id, body, user: { login: BOT_LOGIN, type: "Bot" }, performed_via_github_app: { id: APP_ID }, html_url: `https://github.com/${OWNER}/${REPO}/issues/1#issuecomment-${id}` };
}

/** No network but the local fakes (Probot's pattern: `nock.disableNetConnect()`). */
export function isolateNetwork(): void {
  nock.disableNetConnect();
  // The fake Messages API (the free-form author's model) listens on loopback.
  nock.enableNetConnect((host) => host.startsWith("127.0.0.1"));
}
