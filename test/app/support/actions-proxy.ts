/**
 * GitHub Actions in front of the fake GitHub API: the App's client talks to this proxy, which
 * answers the Actions endpoints the App uses — `workflow_dispatch` (with `return_run_details`),
 * cancel, get a run — and forwards every other request to the FakeGitHub unchanged. Requests it
 * answers itself are checked against GitHub's OpenAPI description like the fake's own; problems
 * are collected in `violations`.
 *
 * Kept next to the App's tests rather than in test/support/fake-github (another room's file);
 * folding these handlers into the fake would let every end-to-end test use them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { matchOperation, validateBody } from "../../support/fake-github/openapi.ts";

export interface RecordedDispatch {
  owner: string;
  repo: string;
  workflowFile: string;
  ref: string;
  inputs: Record<string, string>;
  workflowRunId: number;
}

export interface FakeWorkflowRun {
  id: number;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
}

const FIRST_RUN_ID = 7000;
const HOP_BY_HOP = new Set(["connection", "content-length", "transfer-encoding", "keep-alive", "content-encoding"]);

export class ActionsProxy {
  readonly dispatches: RecordedDispatch[] = [];
  readonly runs = new Map<number, FakeWorkflowRun>();
  readonly violations: string[] = [];
  readonly #target: string;
  readonly #server: Server;
  #url = "";
  #nextRun = FIRST_RUN_ID;

  private constructor(target: string) {
    this.#target = target;
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ message: `actions-proxy crashed: ${String(error)}` }));
      });
    });
  }

  static async start(target: string): Promise<ActionsProxy> {
    const proxy = new ActionsProxy(target.replace(/\/+$/, ""));
    await new Promise<void>((resolve) => proxy.#server.listen(0, "127.0.0.1", resolve));
    proxy.#url = `http://127.0.0.1:${(proxy.#server.address() as AddressInfo).port}`;
    return proxy;
  }

  get url(): string {
    return this.#url;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", this.#url);
    const method = (req.method ?? "GET").toUpperCase();
    const match = matchOperation(method, url.pathname);
    const own = match?.operation.operationId;
    if (own === "actions/create-workflow-dispatch" || own === "actions/cancel-workflow-run" || own === "actions/get-workflow-run") {
      const body: unknown = raw.length > 0 ? JSON.parse(raw.toString("utf8")) : undefined;
      const errors = body === undefined ? null : validateBody(match!.operation, body);
      if (errors) {
        this.violations.push(`${method} ${url.pathname}: ${errors.map((e) => `${e.instancePath} ${e.message ?? ""}`).join("; ")}`);
        res.writeHead(422, { "content-type": "application/json" }).end(JSON.stringify({ message: "Invalid request." }));
        return;
      }
      this.#actions(own, match!.params, body as Record<string, unknown> | undefined, res);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string" && name !== "host" && name !== "content-length") headers[name] = value;
    const response = await fetch(`${this.#target}${url.pathname}${url.search}`, { method, headers, ...(raw.length > 0 ? { body: raw } : {}) });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) out[name] = value;
    });
    res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
  }

  #actions(operationId: string, params: Record<string, string>, body: Record<string, unknown> | undefined, res: ServerResponse): void {
    const json = (status: number, value?: unknown) => {
      if (value === undefined) res.writeHead(status).end();
      else res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    };
    const base = `https://github.com/${params.owner ?? ""}/${params.repo ?? ""}/actions/runs`;
    if (operationId === "actions/create-workflow-dispatch") {
      const id = this.#nextRun++;
      this.runs.set(id, { id, status: "queued", conclusion: null });
      this.dispatches.push({
        owner: params.owner ?? "",
        repo: params.repo ?? "",
        workflowFile: params.workflow_id ?? "",
        ref: String(body?.ref ?? ""),
        inputs: (body?.inputs ?? {}) as Record<string, string>,
        workflowRunId: id,
      });
      if (body?.return_run_details === true) json(200, { workflow_run_id: id, run_url: `${this.#url}/repos/${params.owner}/${params.repo}/actions/runs/${id}`, html_url: `${base}/${id}` });
      else json(204);
      return;
    }
    const run = this.runs.get(Number(params.run_id));
    if (!run) return json(404, { message: "Not Found" });
    if (operationId === "actions/cancel-workflow-run") {
      if (run.status === "completed") return json(409, { message: "Cannot cancel a workflow run that is completed." });
      run.status = "completed";
      run.conclusion = "cancelled";
      return json(202, {});
    }
    json(200, { id: run.id, status: run.status, conclusion: run.conclusion, html_url: `${base}/${run.id}` });
  }
}
