/**
 * A fake of the Actions runner's artifact backend, at the HTTP boundary `@actions/artifact` v6
 * talks to: the Twirp `ArtifactService` at `ACTIONS_RESULTS_URL` (CreateArtifact,
 * FinalizeArtifact, ListArtifacts, GetSignedArtifactURL, DeleteArtifact) and a blob store at the
 * signed URLs it hands out (Azure block upload: `comp=block` + `comp=blocklist`; plain GET).
 *
 * Artifacts belong to a workflow run (the backend id in the runtime token's `Actions.Results`
 * scope); names are unique per workflow run, as on GitHub (a second CreateArtifact with a live
 * name is a 409). Use {@link FakeResults.runtimeToken} for `ACTIONS_RUNTIME_TOKEN`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeArtifact {
  id: number;
  name: string;
  runBackendId: string;
  jobBackendId: string;
  finalized: boolean;
  deleted: boolean;
  blocks: Map<string, Buffer>;
  content: Buffer | null;
  createdAt: string;
}

const SERVICE = "/twirp/github.actions.results.api.v1.ArtifactService/";

export class FakeResults {
  readonly artifacts: FakeArtifact[] = [];
  readonly calls: string[] = [];
  #server: Server | undefined;
  #url = "";
  #nextId = 1;

  get url(): string {
    return this.#url;
  }

  /** A JWT (unsigned; the client only decodes it) whose scope names the workflow run and job. */
  static runtimeToken(runBackendId: string, jobBackendId: string): string {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    return `${b64({ alg: "none", typ: "JWT" })}.${b64({ scp: `Actions.GenericRead:x Actions.Results:${runBackendId}:${jobBackendId}` })}.sig`;
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        try {
          this.#handle(req, Buffer.concat(chunks), res);
        } catch (error) {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ code: "internal", msg: String(error) }));
        }
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, "127.0.0.1", resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.#url;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Live (finalized, not deleted) artifacts. */
  live(): FakeArtifact[] {
    return this.artifacts.filter((a) => a.finalized && !a.deleted);
  }

  #json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  #find(body: Record<string, unknown>): FakeArtifact | undefined {
    return this.artifacts.find((a) => !a.deleted && a.runBackendId === body.workflow_run_backend_id && a.name === body.name);
  }

  #handle(req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", this.#url);
    if (url.pathname.startsWith(SERVICE)) {
      const method = url.pathname.slice(SERVICE.length);
      this.calls.push(method);
      const body = (raw.length ? JSON.parse(raw.toString("utf8")) : {}) as Record<string, unknown>;
      return this.#twirp(method, body, res);
    }
    const blob = /^\/blobs\/(\d+)\/artifact\.zip$/.exec(url.pathname);
    const artifact = blob ? this.artifacts.find((a) => a.id === Number(blob[1])) : undefined;
    if (!artifact) return this.#json(res, 404, { message: "no such blob" });
    const comp = url.searchParams.get("comp");
    if (req.method === "PUT" && comp === "block") {
      artifact.blocks.set(url.searchParams.get("blockid") ?? "", raw);
      res.writeHead(201, { "x-ms-request-server-encrypted": "true", "x-ms-version": "2025-01-05" });
      return void res.end();
    }
    if (req.method === "PUT" && comp === "blocklist") {
      const ids = [...raw.toString("utf8").matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)<\//g)].map((m) => m[1] ?? "");
      artifact.content = Buffer.concat(ids.map((id) => artifact.blocks.get(id) ?? Buffer.alloc(0)));
      res.writeHead(201, { etag: `"0x${artifact.id}"`, "last-modified": new Date().toUTCString(), "x-ms-version": "2025-01-05" });
      return void res.end();
    }
    if (req.method === "PUT") {
      artifact.content = raw;
      res.writeHead(201, { etag: `"0x${artifact.id}"`, "x-ms-version": "2025-01-05" });
      return void res.end();
    }
    if (req.method === "GET" && artifact.content) {
      res.writeHead(200, { "content-type": "application/zip", "content-length": String(artifact.content.length) });
      return void res.end(artifact.content);
    }
    return this.#json(res, 404, { message: "blob has no content" });
  }

  #twirp(method: string, body: Record<string, unknown>, res: ServerResponse): void {
    const signed = (a: FakeArtifact) => `${this.#url}/blobs/${a.id}/artifact.zip?sig=fakesignature&se=2099-01-01`;
    switch (method) {
      case "CreateArtifact": {
        if (this.#find(body)) return this.#json(res, 409, { code: "already_exists", msg: "an artifact with this name already exists on the workflow run" });
        const a: FakeArtifact = {
          id: this.#nextId++,
          name: String(body.name),
          runBackendId: String(body.workflow_run_backend_id),
          jobBackendId: String(body.workflow_job_run_backend_id),
          finalized: false,
          deleted: false,
          blocks: new Map(),
          content: null,
          createdAt: new Date().toISOString(),
        };
        this.artifacts.push(a);
        return this.#json(res, 200, { ok: true, signed_upload_url: signed(a) });
      }
      case "FinalizeArtifact": {
        const a = this.#find(body);
        if (!a) return this.#json(res, 404, { code: "not_found", msg: "no such artifact" });
        a.finalized = true;
        return this.#json(res, 200, { ok: true, artifact_id: String(a.id) });
      }
      case "ListArtifacts": {
        const nameFilter = (body.name_filter as string | undefined) ?? undefined;
        const idFilter = body.id_filter as string | undefined;
        const list = this.live().filter(
          (a) => a.runBackendId === body.workflow_run_backend_id && (nameFilter === undefined || a.name === nameFilter) && (idFilter === undefined || String(a.id) === String(idFilter)),
        );
        return this.#json(res, 200, {
          artifacts: list.map((a) => ({
            workflow_run_backend_id: a.runBackendId,
            workflow_job_run_backend_id: a.jobBackendId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.content?.length ?? 0),
            created_at: a.createdAt,
          })),
        });
      }
      case "GetSignedArtifactURL": {
        const a = this.#find(body);
        if (!a) return this.#json(res, 404, { code: "not_found", msg: "no such artifact" });
        return this.#json(res, 200, { signed_url: signed(a) });
      }
      case "DeleteArtifact": {
        const a = this.#find(body);
        if (!a) return this.#json(res, 404, { code: "not_found", msg: "no such artifact" });
        a.deleted = true;
        return this.#json(res, 200, { ok: true, artifact_id: String(a.id) });
      }
      default:
        return this.#json(res, 404, { code: "bad_route", msg: `no method ${method}` });
    }
  }
}
