/**
 * A local fake of GitHub's REST API for publisher and end-to-end tests.
 *
 * - Keeps state: repositories (default branch, Git objects, refs), pull requests with computed
 *   files, reviews and review comments, issues and comments, check runs, collaborator roles.
 * - Checks every request against GitHub's OpenAPI description: an unknown route or method is a
 *   404 and a violation; a query parameter of the wrong type or value is a 422 and a violation;
 *   a JSON body that does not match the operation's schema is a 422 and a
 *   violation; a known operation the fake does not implement is a 501 and a violation. Tests
 *   assert `violations` is empty.
 * - Serves Actions artifacts of workflow runs (list, download through a 302 to a signed blob URL on
 *   the fake, outside the OpenAPI check) and cancels workflow runs, so a later job can restore an
 *   earlier run's artifact through the REST API and `/workflow cancel` can stop a job.
 * - Injects failures: the next N requests to an operation answer 5xx, a secondary rate limit
 *   (403 + `retry-after`), a primary rate limit (403 + `x-ratelimit-remaining: 0`) or any status.
 *   Injected failures are answered after the OpenAPI checks and before the handler, so state
 *   does not change.
 *
 * Listens on 127.0.0.1 on an ephemeral port; `url` is the `baseUrl` to give Octokit.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ErrorObject } from "ajv";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cloneFakeRepo } from "./clone.ts";
import { actionHandlers, ARTIFACT_BLOB_PREFIX } from "./handlers/actions.ts";
import { checkHandlers } from "./handlers/checks.ts";
import { gitHandlers } from "./handlers/git.ts";
import { issueHandlers } from "./handlers/issues.ts";
import { pullHandlers } from "./handlers/pulls.ts";
import { repoHandlers } from "./handlers/repos.ts";
import type { Handlers } from "./handlers/types.ts";
import { HttpError, notFound, type Reply } from "./http.ts";
import { matchOperation, spec, validateBody, validateQuery } from "./openapi.ts";
import { deniedBy, type TokenPermissions } from "./permissions.ts";
import { FakeRepo, newId, now, type FakeArtifact, type FakePull, type FakePullFile, type FakeUser, type FakeWorkflowRun, type Role } from "./state.ts";

export interface Violation {
  kind: "unknown-route" | "invalid-query" | "invalid-body" | "invalid-json" | "unimplemented";
  method: string;
  path: string;
  operationId?: string;
  message: string;
  errors?: ErrorObject[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  operationId: string | null;
  params: Record<string, string>;
  body: unknown;
  status: number;
  at: number;
  headers: { authorization?: string; userAgent?: string };
}

export type Failure =
  | { kind: "server-error"; status?: 500 | 502 | 503 | 504 }
  | { kind: "secondary-rate-limit"; retryAfter?: number }
  | { kind: "rate-limit"; resetInS?: number }
  | { kind: "status"; status: number; message?: string; errors?: unknown[] };

interface PendingFailure {
  route: string;
  method: string | undefined;
  failure: Failure;
  remaining: number;
}

const HANDLERS: Handlers = { ...repoHandlers, ...gitHandlers, ...pullHandlers, ...issueHandlers, ...checkHandlers, ...actionHandlers };

/** Days an artifact is kept when the test does not say (GitHub's default retention is 90). */
const ARTIFACT_RETENTION_DAYS = 90;

export const DEFAULT_ACTOR: FakeUser = { login: "quorum-test[bot]", id: 4242, type: "Bot" };

/** The workflow file fake workflow runs ran unless said otherwise (Quorum's own). */
export const DEFAULT_WORKFLOW_PATH = ".github/workflows/quorum.yml";

export class FakeGitHub {
  readonly violations: Violation[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Artifact blobs served through download redirects (not API requests, so not in `requests`). */
  readonly blobDownloads: { artifactId: number; status: number }[] = [];
  /** The user every request is made as. */
  actor: FakeUser;
  /** Tokens with scoped permissions ({@link FakeGitHub.scopeToken}); others may do anything. */
  readonly #scopes = new Map<string, TokenPermissions>();
  readonly #repos = new Map<string, FakeRepo>();
  readonly #failures: PendingFailure[] = [];
  readonly #server: Server;
  #url = "";

  private constructor(actor: FakeUser) {
    this.actor = actor;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: `fake-github crashed: ${(error as Error).stack ?? String(error)}` }));
      });
    });
  }

  /** Starts a server (and loads the OpenAPI description, once per process). */
  static async start(options: { actor?: FakeUser } = {}): Promise<FakeGitHub> {
    spec();
    const fake = new FakeGitHub(options.actor ?? DEFAULT_ACTOR);
    await new Promise<void>((resolve) => fake.#server.listen(0, "127.0.0.1", resolve));
    const { port } = fake.#server.address() as AddressInfo;
    fake.#url = `http://127.0.0.1:${port}`;
    return fake;
  }

  /** Base URL for Octokit (`baseUrl`). */
  get url(): string {
    return this.#url;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.#server.close((e) => (e ? reject(e) : resolve())));
  }

  // ── state set-up ────────────────────────────────────────────────────────────

  /** Creates a repository with one commit holding `files` on the default branch. */
  createRepo(options: { owner: string; repo: string; defaultBranch?: string; private?: boolean; files?: Record<string, string> }): FakeRepo {
    const r = new FakeRepo(options.owner, options.repo, options.defaultBranch ?? "main", options.private ?? false);
    r.commit(r.defaultBranch, options.files ?? { "README.md": `# ${options.repo}\n` }, "Initial commit");
    this.#repos.set(r.fullName.toLowerCase(), r);
    return r;
  }

  repo(owner: string, repo: string): FakeRepo {
    const r = this.#repos.get(`${owner}/${repo}`.toLowerCase());
    if (!r) throw new Error(`fake-github: no repository ${owner}/${repo}; call createRepo first`);
    return r;
  }

  /**
   * A local Git clone of the repository with the same commit shas (what `actions/checkout` gives
   * a job), in `dir` or a new temp folder; `branch` defaults to the default branch.
   */
  clone(owner: string, repo: string, options: { dir?: string; branch?: string } = {}): string {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), "fake-github-clone-"));
    return cloneFakeRepo(this.repo(owner, repo), dir, options.branch);
  }

  /**
   * Gives `token` only `permissions` (as a workflow job's `permissions:` or an App token's scope):
   * requests with it that need more are answered 403 "Resource not accessible by integration".
   */
  scopeToken(token: string, permissions: TokenPermissions): void {
    this.#scopes.set(token, permissions);
  }

  /** Recorded requests made with `token` (its `Authorization` header). */
  requestsWith(token: string): RecordedRequest[] {
    return this.requests.filter((r) => (r.headers.authorization ?? "").split(" ").pop() === token);
  }

  setRole(owner: string, repo: string, login: string, role: Role, customRoleName?: string): void {
    const r = this.repo(owner, repo);
    r.collaborators.set(login.toLowerCase(), role);
    if (customRoleName) r.customRoles.set(login.toLowerCase(), customRoleName);
  }

  /**
   * Opens a pull request from `head` (created from the default branch with `files` committed) into
   * the default branch, as `user`. `files` on the PR override the computed diff when given.
   */
  openPullRequest(
    owner: string,
    repo: string,
    options: { head: string; files: Record<string, string | null>; title?: string; body?: string; user?: FakeUser; prFiles?: FakePullFile[] },
  ): FakePull {
    const r = this.repo(owner, repo);
    const baseSha = r.branchSha(r.defaultBranch);
    const headSha = r.commit(options.head, options.files, options.title ?? "change", r.defaultBranch);
    const number = r.nextNumber();
    const user = options.user ?? { login: "contributor", id: 77, type: "User" as const };
    const pull: FakePull = {
      number,
      id: newId(),
      title: options.title ?? `Change ${options.head}`,
      body: options.body ?? null,
      state: "open",
      draft: false,
      merged: false,
      user,
      head: { ref: options.head, sha: headSha },
      base: { ref: r.defaultBranch, sha: baseSha },
      createdAt: new Date().toISOString(),
      ...(options.prFiles ? { files: options.prFiles } : {}),
    };
    r.pulls.push(pull);
    r.issues.set(number, { number, id: pull.id, title: pull.title, body: pull.body, user, state: "open", isPull: true, labels: [] });
    return pull;
  }

  /** Opens an issue; returns its number. */
  openIssue(owner: string, repo: string, options: { title: string; body?: string; user?: FakeUser }): number {
    const r = this.repo(owner, repo);
    const number = r.nextNumber();
    r.issues.set(number, {
      number,
      id: newId(),
      title: options.title,
      body: options.body ?? null,
      user: options.user ?? { login: "reporter", id: 78, type: "User" },
      state: "open",
      isPull: false,
      labels: [],
    });
    return number;
  }

  /**
   * Records an Actions workflow run (queued or running unless said otherwise) that artifacts can
   * belong to and `/workflow cancel` can cancel; `onCancel` is called when it is cancelled.
   */
  startWorkflowRun(
    owner: string,
    repo: string,
    options: {
      id: number;
      name?: string;
      event?: string;
      headSha?: string;
      status?: FakeWorkflowRun["status"];
      conclusion?: string;
      onCancel?: () => void;
      /** Workflow file (default `.github/workflows/quorum.yml`, workflow id 1; another path gets id 2). */
      path?: string;
      /** A fork the run's head comes from (a `pull_request` run of a fork). */
      headRepository?: { id: number; fullName: string };
    },
  ): FakeWorkflowRun {
    const r = this.repo(owner, repo);
    const run: FakeWorkflowRun = {
      id: options.id,
      name: options.name ?? "quorum",
      event: options.event ?? "issue_comment",
      headBranch: r.defaultBranch,
      headSha: options.headSha ?? r.branchSha(r.defaultBranch),
      status: options.status ?? "in_progress",
      conclusion: options.conclusion ?? null,
      runAttempt: 1,
      createdAt: now(),
      updatedAt: now(),
      path: options.path ?? DEFAULT_WORKFLOW_PATH,
      workflowId: (options.path ?? DEFAULT_WORKFLOW_PATH) === DEFAULT_WORKFLOW_PATH ? 1 : 2,
      ...(options.headRepository ? { headRepository: options.headRepository } : {}),
      ...(options.onCancel ? { onCancel: options.onCancel } : {}),
    };
    r.workflowRuns.set(run.id, run);
    return run;
  }

  /**
   * Adds an artifact (a zip) to a workflow run, recording the run as completed if it is unknown.
   * This is what the REST API shows of artifacts a job uploaded through the runner's service.
   */
  addArtifact(owner: string, repo: string, options: { workflowRunId: number; name: string; content: Buffer; expired?: boolean; createdAt?: Date }): FakeArtifact {
    const r = this.repo(owner, repo);
    if (!r.workflowRuns.has(options.workflowRunId)) this.startWorkflowRun(owner, repo, { id: options.workflowRunId, status: "completed", conclusion: "success" });
    const created = options.createdAt ?? new Date();
    const artifact: FakeArtifact = {
      id: newId(),
      name: options.name,
      workflowRunId: options.workflowRunId,
      content: options.content,
      digest: `sha256:${createHash("sha256").update(options.content).digest("hex")}`,
      createdAt: created.toISOString(),
      expiresAt: new Date(created.getTime() + ARTIFACT_RETENTION_DAYS * 86_400_000).toISOString(),
      expired: options.expired ?? false,
      signature: randomBytes(12).toString("hex"),
    };
    r.artifacts.push(artifact);
    return artifact;
  }

  /**
   * The next `times` requests to `route` (an operationId such as `pulls/create`, or a path
   * template such as `/repos/{owner}/{repo}/pulls`) fail with `failure`.
   */
  failNext(route: string, failure: Failure, options: { times?: number; method?: string } = {}): void {
    this.#failures.push({ route, method: options.method?.toUpperCase(), failure, remaining: options.times ?? 1 });
  }

  /** Recorded requests for one operation. */
  requestsTo(operationId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }

  // ── request handling ────────────────────────────────────────────────────────

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.#url);
    const method = (req.method ?? "GET").toUpperCase();
    if (url.pathname.startsWith(ARTIFACT_BLOB_PREFIX)) return this.#serveBlob(url, method, res);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      operationId: null,
      params: {},
      body: undefined,
      status: 0,
      at: Date.now(),
      headers: {
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(req.headers["user-agent"] ? { userAgent: req.headers["user-agent"] } : {}),
      },
    };
    this.requests.push(record);
    const send = (reply: Reply): void => {
      const status = reply.status ?? 200;
      record.status = status;
      const headers: Record<string, string> = {
        "x-github-request-id": `FAKE:${newId()}`,
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "4999",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
        ...reply.headers,
      };
      if (status === 204 || reply.body === undefined) {
        res.writeHead(status, headers);
        res.end();
        return;
      }
      res.writeHead(status, { ...headers, "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(reply.body));
    };
    const sendError = (error: HttpError): void => send({ status: error.status, body: error.toBody(), headers: error.headers });

    const match = matchOperation(method, url.pathname);
    if (!match) {
      this.violations.push({ kind: "unknown-route", method, path: url.pathname, message: `${method} ${url.pathname} is not in GitHub's OpenAPI description` });
      return sendError(notFound());
    }
    const { operation, params } = match;
    record.operationId = operation.operationId;
    record.params = params;

    const queryErrors = validateQuery(operation, url.searchParams);
    if (queryErrors) {
      const message = queryErrors.map((e) => `query${e.instancePath.replace(/\//g, ".")} ${e.message ?? "is invalid"}`).join("; ");
      this.violations.push({ kind: "invalid-query", method, path: url.pathname, operationId: operation.operationId, message, errors: queryErrors });
      return sendError(new HttpError(422, `Invalid request.\n\n${message}`));
    }

    let body: unknown = undefined;
    if (raw.trim()) {
      try {
        body = JSON.parse(raw);
      } catch {
        this.violations.push({ kind: "invalid-json", method, path: url.pathname, operationId: operation.operationId, message: "request body is not JSON" });
        return sendError(new HttpError(400, "Problems parsing JSON"));
      }
    }
    record.body = body;
    if (operation.bodySchemaRef) {
      if (body === undefined && operation.bodyRequired) {
        this.violations.push({ kind: "invalid-body", method, path: url.pathname, operationId: operation.operationId, message: "request body is required" });
        return sendError(new HttpError(422, "Invalid request.\n\nNo body given."));
      }
      const errors = body === undefined ? null : validateBody(operation, body);
      if (errors) {
        const message = errors.map((e) => `${e.instancePath || "(body)"} ${e.message ?? "is invalid"}`).join("; ");
        this.violations.push({ kind: "invalid-body", method, path: url.pathname, operationId: operation.operationId, message, errors });
        return sendError(new HttpError(422, `Invalid request.\n\n${message}`));
      }
    }

    const token = (req.headers.authorization ?? "").split(" ").pop() ?? "";
    const scope = this.#scopes.get(token);
    const denied = scope ? deniedBy(scope, operation.operationId, method) : null;
    if (denied) return sendError(new HttpError(403, `Resource not accessible by integration (needs ${denied})`));

    const failure = this.#takeFailure(operation.operationId, operation.template, method);
    if (failure) return sendError(failureError(failure));

    const handler = HANDLERS[operation.operationId];
    if (!handler) {
      this.violations.push({
        kind: "unimplemented",
        method,
        path: url.pathname,
        operationId: operation.operationId,
        message: `fake-github does not implement ${operation.operationId} (${method} ${operation.template}); add a handler`,
      });
      return sendError(new HttpError(501, `fake-github does not implement ${operation.operationId}`));
    }
    try {
      send(
        handler({
          api: this.#url,
          url,
          params,
          body: (body ?? {}) as Record<string, unknown>,
          actor: this.actor,
          repo: () => {
            const r = this.#repos.get(`${params.owner ?? ""}/${params.repo ?? ""}`.toLowerCase());
            if (!r) throw notFound();
            return r;
          },
        }),
      );
    } catch (error) {
      if (error instanceof HttpError) return sendError(error);
      throw error;
    }
  }

  /** The blob storage behind artifact downloads: the signed URL must match exactly. */
  #serveBlob(url: URL, method: string, res: ServerResponse): void {
    const m = /^(\d+)\/artifact\.zip$/.exec(url.pathname.slice(ARTIFACT_BLOB_PREFIX.length));
    const id = Number(m?.[1] ?? NaN);
    const artifact = [...this.#repos.values()].flatMap((r) => r.artifacts).find((a) => a.id === id);
    const ok = method === "GET" && artifact !== undefined && url.searchParams.get("sig") === artifact.signature;
    this.blobDownloads.push({ artifactId: id, status: ok ? 200 : 403 });
    if (!ok || !artifact) {
      res.writeHead(403, { "content-type": "application/xml" });
      res.end("<Error><Code>AuthenticationFailed</Code></Error>");
      return;
    }
    res.writeHead(200, { "content-type": "application/zip", "content-length": String(artifact.content.length) });
    res.end(artifact.content);
  }

  #takeFailure(operationId: string, template: string, method: string): Failure | null {
    const pending = this.#failures.find(
      (f) => f.remaining > 0 && (f.route === operationId || f.route === template) && (f.method === undefined || f.method === method),
    );
    if (!pending) return null;
    pending.remaining -= 1;
    return pending.failure;
  }
}

function failureError(failure: Failure): HttpError {
  switch (failure.kind) {
    case "server-error":
      return new HttpError(failure.status ?? 502, "Server Error");
    case "secondary-rate-limit":
      return new HttpError(
        403,
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE.",
        undefined,
        { "retry-after": String(failure.retryAfter ?? 1) },
      );
    case "status":
      return new HttpError(failure.status, failure.message ?? "Injected failure", failure.errors);
    case "rate-limit":
      return new HttpError(403, "API rate limit exceeded for installation ID 1.", undefined, {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + (failure.resetInS ?? 1)),
      });
  }
}
