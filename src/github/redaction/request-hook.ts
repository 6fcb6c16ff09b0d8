/**
 * The last net before GitHub (rule X4, X11): every write request's text parameters are redacted
 * in an Octokit `before` hook, whatever code built them — a publisher added later, an error
 * message quoted in a reply, a check-run button's description. The publishers redact first (and
 * count what they removed); this hook makes a forgotten call site harmless.
 *
 * Edge cases:
 * - Only writes (POST, PATCH, PUT, DELETE) are touched; reads carry no text of ours.
 * - Git object writes (`/git/blobs`, `/git/trees`) are left alone: they are file contents, which a
 *   fix's patch check already vetted (a patch adding a secret is refused); silently editing code
 *   would be worse. Commit messages (`/git/commits`) are redacted.
 * - Routing parameters (owner, repo, numbers, shas, refs, URLs, headers) are never changed.
 */
import { redactCanonical } from "../redact.ts";

/** Request options Octokit passes to hooks: the route's parameters plus its own keys. */
export type RequestParameters = Record<string, unknown> & { method?: string; url?: string };

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);
const ROUTING = new Set(["method", "url", "baseUrl", "headers", "request", "mediaType", "owner", "repo", "ref", "sha", "head_sha", "base", "head", "commit_id", "tree", "parents"]);
const GIT_OBJECTS = /\/git\/(?:blobs|trees)(?:$|[/?])/;

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redactCanonical(value, secrets).text;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, secrets);
    return out;
  }
  return value;
}

/** Redacts the text parameters of a write request in place (see the module comment). */
export function redactWriteRequest(options: RequestParameters, secrets: readonly string[]): void {
  const method = (options.method ?? "GET").toUpperCase();
  if (!WRITE_METHODS.has(method)) return;
  if (GIT_OBJECTS.test(options.url ?? "")) return;
  for (const [key, value] of Object.entries(options)) {
    if (ROUTING.has(key) || typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) continue;
    options[key] = redactValue(value, secrets);
  }
}
