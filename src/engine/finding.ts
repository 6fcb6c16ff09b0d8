/**
 * The Finding contract (docs/architecture.md): what a workflow returns in `result.findings`,
 * validated before anything is kept or published. The engine checks it at the end of every run
 * (rule K3: junk findings are a clear error, never silently accepted); src/github/finding.ts adds
 * the fingerprint that makes publishing idempotent (rule P6).
 *
 * Edge cases:
 * - A result without `findings` (or a null result) has no findings and no errors.
 * - `findings` that is not an array is one error; each invalid item is one error with its index and
 *   the ajv messages. Invalid findings are reported, never published, never silently dropped.
 * - Extra properties on a finding are allowed and ignored (workflows add `category`, `confidence`…).
 * - `location.path` is normalised (`./a.ts` → `a.ts`, backslashes → `/`); absolute paths and `..`
 *   segments are errors. `endLine` defaults to `line`; `endLine < line` is an error.
 */
import { Ajv, type ErrorObject } from "ajv";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface FindingLocation {
  path: string;
  line: number;
  endLine?: number;
}

export interface Finding {
  title: string;
  severity: Severity;
  body: string;
  location?: FindingLocation;
  /** Unified diff against the base (or, for reviews, the PR head). */
  patch?: string;
  evidence?: string | string[];
  votes?: { confirm: number; refute: number };
  fingerprint?: string;
}

/** A finding that passed validation; `location.endLine` is always set. */
export interface ValidFinding extends Finding {
  location?: Required<FindingLocation>;
}

export interface FindingError {
  /** Position in `result.findings`; -1 when `findings` itself is malformed. */
  index: number;
  /** The finding's title when it has a usable one, for the report. */
  title?: string;
  message: string;
}

export interface NormalizedFindings {
  findings: ValidFinding[];
  errors: FindingError[];
}

/** JSON Schema of one finding (ajv, draft-07). */
export const FINDING_SCHEMA = {
  type: "object",
  required: ["title", "severity", "body"],
  properties: {
    title: { type: "string", minLength: 1, maxLength: 1000 },
    severity: { type: "string", enum: [...SEVERITIES] },
    body: { type: "string", maxLength: 60000 },
    location: {
      type: "object",
      required: ["path", "line"],
      additionalProperties: false,
      properties: {
        path: { type: "string", minLength: 1, maxLength: 1024 },
        line: { type: "integer", minimum: 1 },
        endLine: { type: "integer", minimum: 1 },
      },
    },
    patch: { type: "string", minLength: 1, maxLength: 1_000_000 },
    evidence: {
      anyOf: [
        { type: "string", maxLength: 60000 },
        { type: "array", items: { type: "string", maxLength: 60000 }, maxItems: 100 },
      ],
    },
    votes: {
      type: "object",
      required: ["confirm", "refute"],
      properties: {
        confirm: { type: "integer", minimum: 0 },
        refute: { type: "integer", minimum: 0 },
      },
    },
    fingerprint: { type: "string", minLength: 1, maxLength: 200 },
  },
} as const;

let validator: ReturnType<Ajv["compile"]> | undefined;
function validate(value: unknown): ErrorObject[] | null {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(FINDING_SCHEMA);
  return validator(value) ? null : (validator.errors ?? []);
}

function describe(errors: ErrorObject[]): string {
  return errors
    .map((e) => {
      const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, ".") : "finding";
      const allowed = e.keyword === "enum" ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(", ")})` : "";
      return `${where} ${e.message ?? "is invalid"}${allowed}`;
    })
    .join("; ");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Normalises a repository path; returns an error message when it cannot be one. */
function normalizePath(path: string): { path: string } | { error: string } {
  const p = path.trim().replace(/\\/g, "/").replace(/^(\.\/)+/, "");
  if (p.startsWith("/") || /^[A-Za-z]:\//.test(p)) return { error: `location.path "${path}" must be relative to the repository root` };
  if (p.split("/").some((s) => s === ".." || s === "")) return { error: `location.path "${path}" must not contain ".." or empty segments` };
  return { path: p };
}

function normalizeOne(raw: unknown, index: number): ValidFinding | FindingError {
  const title = isRecord(raw) && typeof raw.title === "string" && raw.title.trim() ? raw.title.trim().slice(0, 200) : undefined;
  const fail = (message: string): FindingError => (title === undefined ? { index, message } : { index, title, message });
  const errors = validate(raw);
  if (errors || !isRecord(raw)) return fail(errors ? describe(errors) : "finding must be an object");
  const f = raw as unknown as Finding;
  const out: ValidFinding = { title: f.title.trim(), severity: f.severity, body: f.body };
  if (!out.title) return fail("title must not be blank");
  if (f.location) {
    const path = normalizePath(f.location.path);
    if ("error" in path) return fail(path.error);
    const endLine = f.location.endLine ?? f.location.line;
    if (endLine < f.location.line) return fail(`location.endLine (${endLine}) must not be before location.line (${f.location.line})`);
    out.location = { path: path.path, line: f.location.line, endLine };
  }
  if (f.patch !== undefined) out.patch = f.patch;
  if (f.evidence !== undefined) out.evidence = f.evidence;
  if (f.votes) out.votes = { confirm: f.votes.confirm, refute: f.votes.refute };
  if (f.fingerprint !== undefined) out.fingerprint = f.fingerprint.trim();
  return out;
}

/**
 * Validates `result.findings` of a run (the script's returned JSON value; anything is accepted and
 * checked). Returns the valid findings (normalised) and one error per
 * invalid item; the caller reports the errors and publishes only the findings.
 */
export function normalizeFindings(result: unknown): NormalizedFindings {
  const out: NormalizedFindings = { findings: [], errors: [] };
  if (!isRecord(result) || result.findings === undefined || result.findings === null) return out;
  const list = result.findings;
  if (!Array.isArray(list)) {
    out.errors.push({ index: -1, message: `result.findings must be an array of findings, got ${typeof list}` });
    return out;
  }
  list.forEach((raw, index) => {
    const one = normalizeOne(raw, index);
    if ("message" in one && "index" in one) out.errors.push(one);
    else out.findings.push(one);
  });
  return out;
}
