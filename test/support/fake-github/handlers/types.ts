import type { Reply } from "../http.ts";
import type { FakeRepo, FakeUser } from "../state.ts";

export interface HandlerContext {
  /** The fake server's base URL (what Octokit uses as `baseUrl`). */
  api: string;
  url: URL;
  params: Record<string, string>;
  /** The JSON body, already checked against the OpenAPI schema. */
  body: Record<string, unknown>;
  /** The authenticated user making the request. */
  actor: FakeUser;
  repo: () => FakeRepo;
}

/** One operation of the API, keyed by its OpenAPI `operationId`. */
export type Handler = (c: HandlerContext) => Reply;
export type Handlers = Record<string, Handler>;
