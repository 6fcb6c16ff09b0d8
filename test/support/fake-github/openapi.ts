/**
 * GitHub's published OpenAPI description (`@octokit/openapi`, "api.github.com"), loaded once per
 * process and used to check every request the fake server receives: the route and method must
 * exist, declared query parameters must have the declared types (and required ones be present),
 * and a JSON body must match the operation's requestBody schema.
 *
 * The file is ~13 MB: it is parsed once (cached on `globalThis`, so test files sharing a worker
 * share it) and request validators are compiled lazily, one per operation, on first use.
 *
 * OpenAPI 3.0 `nullable: true` is rewritten into JSON Schema (`type: [T, "null"]`, or an `anyOf`
 * with `{type: "null"}` when there is no `type`) before ajv sees it, because ajv only accepts
 * `nullable` next to `type`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

export interface Operation {
  method: string;
  template: string;
  operationId: string;
  /** JSON pointer (URI-fragment encoded) to the requestBody's JSON schema, when it has one. */
  bodySchemaRef: string | null;
  bodyRequired: boolean;
  /** Query parameters: name, whether required, and a pointer to the parameter's schema. */
  query: { name: string; required: boolean; schemaRef: string }[];
  /** Segments of the template: literal strings or parameter names. */
  segments: ({ literal: string } | { param: string })[];
  literalCount: number;
}

interface Spec {
  ajv: Ajv;
  /** Same description, coercing query strings to the declared types (`per_page=100` → 100). */
  queryAjv: Ajv;
  byMethod: Map<string, Operation[]>;
  validators: Map<string, ValidateFunction>;
}

const SCHEMA_ID = "github-openapi";
/** Parameters whose values may contain "/" when a client does not encode it. */
const SLASHED_PARAMS = new Set(["path", "ref", "branch", "dir", "basehead"]);
const CACHE_KEY = Symbol.for("quorum.fake-github.openapi");

type JsonObject = Record<string, unknown>;

function pointer(...parts: string[]): string {
  return parts.map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");
}

/** Rewrites `nullable` in place, skipping example payloads. */
function rewriteNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteNullable(item);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const obj = node as JsonObject;
  for (const [key, value] of Object.entries(obj)) {
    if (key === "example" || key === "examples") continue;
    rewriteNullable(value);
  }
  if (obj.nullable !== true) {
    if (obj.nullable === false) delete obj.nullable;
    return;
  }
  delete obj.nullable;
  if (typeof obj.type === "string") {
    obj.type = [obj.type, "null"];
    if (Array.isArray(obj.enum) && !obj.enum.includes(null)) obj.enum = [...obj.enum, null];
  } else if (obj.type === undefined) {
    const inner: JsonObject = { ...obj };
    for (const key of Object.keys(obj)) if (key !== "description" && key !== "title") delete obj[key];
    obj.anyOf = [inner, { type: "null" }];
  }
}

function load(): Spec {
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const doc = JSON.parse(readFileSync(file, "utf8")) as { paths: Record<string, Record<string, JsonObject>>; components: JsonObject };
  rewriteNullable(doc.paths);
  rewriteNullable(doc.components);

  const byMethod = new Map<string, Operation[]>();
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== "object" || op === null || typeof op.operationId !== "string") continue;
      let bodySchemaRef: string | null = null;
      let bodyRequired = false;
      let body = op.requestBody as JsonObject | undefined;
      let bodyPointer = `#/${pointer("paths", template, method, "requestBody")}`;
      if (body && typeof body.$ref === "string") {
        bodyPointer = body.$ref;
        body = body.$ref
          .slice(2)
          .split("/")
          .reduce<JsonObject | undefined>((o, k) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")] as JsonObject | undefined, doc as unknown as JsonObject);
        bodyPointer = `#/${bodyPointer.slice(2).split("/").map((s) => encodeURIComponent(s)).join("/")}`;
      }
      if (body) {
        bodyRequired = body.required === true;
        const content = body.content as Record<string, unknown> | undefined;
        if (content?.["application/json"]) bodySchemaRef = `${SCHEMA_ID}${bodyPointer}/${pointer("content", "application/json", "schema")}`;
      }
      const query: Operation["query"] = [];
      const parameters = Array.isArray(op.parameters) ? (op.parameters as JsonObject[]) : [];
      parameters.forEach((param, i) => {
        let p = param;
        let at = `#/${pointer("paths", template, method, "parameters", String(i))}`;
        if (typeof param.$ref === "string") {
          const name = param.$ref.split("/").pop() ?? "";
          p = ((doc.components.parameters as Record<string, JsonObject> | undefined) ?? {})[name] ?? {};
          at = `#/${pointer("components", "parameters", name)}`;
        }
        if (p.in === "query" && typeof p.name === "string" && p.schema) {
          query.push({ name: p.name, required: p.required === true, schemaRef: `${SCHEMA_ID}${at}/schema` });
        }
      });
      const segments = template
        .split("/")
        .slice(1)
        .map((s) => (/^\{[^}]+\}$/.test(s) ? { param: s.slice(1, -1) } : { literal: s }));
      const operation: Operation = {
        method: method.toUpperCase(),
        template,
        operationId: op.operationId,
        bodySchemaRef,
        bodyRequired,
        query,
        segments,
        literalCount: segments.filter((s) => "literal" in s).length,
      };
      const list = byMethod.get(operation.method) ?? [];
      list.push(operation);
      byMethod.set(operation.method, list);
    }
  }
  // Most literal segments first, so /git/refs/{ref} loses to nothing more specific by accident.
  for (const list of byMethod.values()) list.sort((a, b) => b.literalCount - a.literalCount || b.segments.length - a.segments.length);

  const ajv = new Ajv({ strict: false, validateSchema: false, validateFormats: false, allErrors: true, logger: false });
  ajv.addSchema(doc, SCHEMA_ID);
  const queryAjv = new Ajv({ strict: false, validateSchema: false, validateFormats: false, allErrors: true, logger: false, coerceTypes: true });
  queryAjv.addSchema(doc, SCHEMA_ID);
  return { ajv, queryAjv, byMethod, validators: new Map() };
}

export function spec(): Spec {
  const g = globalThis as unknown as Record<symbol, Spec | undefined>;
  g[CACHE_KEY] ??= load();
  return g[CACHE_KEY];
}

export interface Match {
  operation: Operation;
  params: Record<string, string>;
}

function tryMatch(op: Operation, parts: string[], greedyLast: boolean): Record<string, string> | null {
  const segs = op.segments;
  if (greedyLast ? parts.length < segs.length : parts.length !== segs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if (!seg) return null;
    const last = i === segs.length - 1;
    const raw = greedyLast && last ? parts.slice(i).join("/") : (parts[i] ?? "");
    if ("literal" in seg) {
      if (raw !== seg.literal) return null;
    } else {
      if (raw === "") return null;
      params[seg.param] = decodeURIComponent(raw);
    }
  }
  return params;
}

/**
 * The operation for `method pathname`, or null. Parameters match one path segment; when nothing
 * matches, a last `path`, `ref` or `branch` parameter may span several (a client that does not
 * encode "/" in `contents/{path}` or `git/ref/{ref}`).
 */
export function matchOperation(method: string, pathname: string): Match | null {
  const list = spec().byMethod.get(method.toUpperCase()) ?? [];
  const parts = pathname.split("/").slice(1);
  for (const greedy of [false, true]) {
    for (const operation of list) {
      const last = operation.segments[operation.segments.length - 1];
      if (greedy && !(last && "param" in last && SLASHED_PARAMS.has(last.param))) continue;
      const params = tryMatch(operation, parts, greedy);
      if (params) return { operation, params };
    }
  }
  return null;
}

/** ajv errors for `body` against the operation's requestBody schema; null when valid. */
export function validateBody(operation: Operation, body: unknown): ErrorObject[] | null {
  if (!operation.bodySchemaRef) return null;
  const s = spec();
  let validate = s.validators.get(operation.bodySchemaRef);
  if (!validate) {
    validate = s.ajv.compile({ $ref: operation.bodySchemaRef });
    s.validators.set(operation.bodySchemaRef, validate);
  }
  return validate(body) ? null : [...(validate.errors ?? [])];
}

/**
 * ajv errors for the query string against the operation's declared query parameters (types,
 * enums, required ones); null when valid. Unknown parameters are ignored, as GitHub does.
 */
export function validateQuery(operation: Operation, params: URLSearchParams): ErrorObject[] | null {
  if (operation.query.length === 0) return null;
  const s = spec();
  const key = `query:${operation.method} ${operation.template}`;
  let validate = s.validators.get(key);
  if (!validate) {
    validate = s.queryAjv.compile({
      type: "object",
      properties: Object.fromEntries(operation.query.map((q) => [q.name, { $ref: q.schemaRef }])),
      required: operation.query.filter((q) => q.required).map((q) => q.name),
    });
    s.validators.set(key, validate);
  }
  const declared = new Set(operation.query.map((q) => q.name));
  const data: Record<string, string> = {};
  for (const [name, value] of params) if (declared.has(name)) data[name] = value;
  return validate(data) ? null : [...(validate.errors ?? [])];
}
