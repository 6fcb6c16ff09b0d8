/**
 * The hand-off between the run stage and the publish stage (rule X6): what a run produced —
 * status, result (findings with patches), notes, and the engine's events for the check run — as
 * one JSON document that the run job uploads as an artifact and the publish job checks before it
 * writes anything.
 *
 * The publish stage treats the document as untrusted data: the run job ran a model and the
 * repository's code, and anything there may have forged or altered it. So {@link readStageHandoff}
 *
 * - refuses a document larger than {@link MAX_HANDOFF_BYTES}, one that is not JSON, or one whose
 *   shape does not match the schema below (every event is checked against its type);
 * - refuses one made for another workflow run, another Quorum run, another workflow or another
 *   commit than the trigger stage planned (a hand-off cannot be replayed into another run);
 * - redacts every string in it again (rule X4) with the publish job's own secrets and the
 *   patterns of src/github/redact.ts, before anything is rendered or published.
 *
 * Findings are not trusted by being here: the publish stage normalizes them (src/github/finding.ts,
 * schema and fingerprints recomputed) and the publishers check patches as for any run.
 */
import { errorMessage } from "../../kernel/errors.ts";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { JsonValue } from "../../kernel/json.ts";
import type { RunEvent, RunStatus } from "../../engine/events.ts";
import { redactSecrets } from "../redact.ts";
import type { QuorumErrorOptions } from "../../kernel/errors.ts";
import { QuorumGitHubError } from "../errors.ts";

/** Bumped when the document's shape changes; a publish stage refuses other versions. */
export const HANDOFF_VERSION = 1;
/** Largest hand-off document accepted (events of thousands of agents fit many times over). */
export const MAX_HANDOFF_BYTES = 32 * 1024 * 1024;

export interface StageHandoff {
  version: typeof HANDOFF_VERSION;
  /** `GITHUB_RUN_ID` of the workflow run whose run job wrote it. */
  workflowRunId: string;
  /** The Quorum run id. */
  runId: string;
  workflow: string;
  /** The commit the run was on. */
  commit: string;
  /** The engine's final status; null when nothing ran. */
  status: RunStatus | null;
  result?: JsonValue;
  /** Why nothing ran, when `status` is null. */
  refusal?: string;
  notes: string[];
  events: RunEvent[];
}

/** What the publish stage expects the hand-off to be for (from the trigger stage's plan). */
export interface HandoffExpectation {
  workflowRunId: string;
  runId: string;
  workflow: string;
  commit: string;
}

const str = { type: "string" } as const;
const num = { type: "number" } as const;
const nullableStr = { type: ["string", "null"] } as const;
const usage = {
  type: "object",
  required: ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens"],
  properties: { inputTokens: num, outputTokens: num, cacheReadTokens: num, cacheWriteTokens: num },
} as const;
const totals = {
  type: "object",
  required: ["agents", "succeeded", "failed", "cached", "usage", "costUsd", "elapsedMs"],
  properties: { agents: num, succeeded: num, failed: num, cached: num, usage, costUsd: num, elapsedMs: num },
} as const;
const statusEnum = { enum: ["succeeded", "incomplete", "failed", "cancelled", "timed_out"] } as const;

function event(type: string, required: string[], properties: Record<string, unknown>) {
  return {
    if: { properties: { type: { const: type } } },
    then: { required: ["type", "at", ...required], properties },
  };
}

const EVENT_TYPES = ["run.started", "phase.started", "agent.queued", "agent.started", "agent.tool", "agent.finished", "log", "budget", "run.finished"];

const SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["version", "workflowRunId", "runId", "workflow", "commit", "status", "notes", "events"],
  properties: {
    version: { const: HANDOFF_VERSION },
    workflowRunId: str,
    runId: str,
    workflow: str,
    commit: str,
    status: { anyOf: [statusEnum, { type: "null" }] },
    result: {},
    refusal: str,
    notes: { type: "array", items: str, maxItems: 1000 },
    events: {
      type: "array",
      items: {
        type: "object",
        required: ["type", "at"],
        properties: { type: { enum: EVENT_TYPES }, at: num },
        allOf: [
          event("run.started", ["runId", "workflow", "resumed", "phases"], {
            runId: str,
            workflow: str,
            resumed: { type: "boolean" },
            commit: nullableStr,
            phases: { type: "array", items: { type: "object", required: ["title"], properties: { title: str, detail: str } } },
          }),
          event("phase.started", ["title"], { title: str }),
          event("agent.queued", ["agentId", "label", "phase"], { agentId: str, label: str, phase: nullableStr }),
          event("agent.started", ["agentId"], { agentId: str, model: str }),
          event("agent.tool", ["agentId", "tool", "detail"], { agentId: str, tool: str, detail: str }),
          event("agent.finished", ["agentId", "label", "phase", "status", "usage", "costUsd", "durationMs"], {
            agentId: str,
            label: str,
            phase: nullableStr,
            status: { enum: ["ok", "failed", "cached"] },
            reason: str,
            message: str,
            usage,
            costUsd: num,
            durationMs: num,
            model: str,
          }),
          event("log", ["level", "message", "phase"], { level: { enum: ["info", "warn"] }, message: str, phase: nullableStr }),
          event("budget", ["spentTokens", "totalTokens", "costUsd", "maxCostUsd"], {
            spentTokens: num,
            totalTokens: { type: ["number", "null"] },
            costUsd: num,
            maxCostUsd: { type: ["number", "null"] },
            exceeded: { enum: ["tokens", "cost"] },
          }),
          event("run.finished", ["status", "totals"], { status: statusEnum, error: str, totals }),
        ],
      },
    },
  },
} as const;

/** Compiled at the first hand-off read, not at start-up: only the publish job reads one (ajv compiling costs ~100 ms). */
let validator: ReturnType<Ajv2020["compile"]> | undefined;

export class HandoffError extends QuorumGitHubError {
  constructor(message: string, options?: QuorumErrorOptions) {
    super("handoff_invalid", message, options);
  }
}

/** Every string inside `value` through `fix` (keys too), as a fresh JSON value. */
function mapStrings(value: unknown, fix: (s: string) => string): unknown {
  if (typeof value === "string") return fix(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fix));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[fix(k)] = mapStrings(v, fix);
    return out;
  }
  return value;
}

/** Redacts every string of a JSON value with `secrets` and the known secret patterns (rule X4). */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  return mapStrings(value, (s) => redactSecrets(s, secrets).text) as T;
}

/** The run stage's hand-off document (redacted with the run stage's secrets), as JSON text. */
export function writeStageHandoff(handoff: Omit<StageHandoff, "version">, secrets: readonly string[]): string {
  return JSON.stringify(redactDeep({ version: HANDOFF_VERSION, ...handoff }, secrets));
}

/**
 * Checks a hand-off document (bytes from the artifact) against what the trigger stage planned and
 * returns it redacted. Throws {@link HandoffError} saying what is wrong; nothing may be published then.
 */
export function readStageHandoff(bytes: Buffer, expected: HandoffExpectation, secrets: readonly string[]): StageHandoff {
  if (bytes.length > MAX_HANDOFF_BYTES) throw new HandoffError(`the hand-off is ${bytes.length} bytes, more than the ${MAX_HANDOFF_BYTES} allowed`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new HandoffError(`the hand-off is not JSON (${errorMessage(error)})`);
  }
  const validate = (validator ??= new Ajv2020({ allErrors: false, strict: false }).compile(SCHEMA));
  if (!validate(parsed)) {
    const first = validate.errors?.[0];
    throw new HandoffError(`the hand-off does not match its schema (${first ? `${first.instancePath || "/"} ${first.message ?? "invalid"}` : "invalid"})`);
  }
  const handoff = parsed as unknown as StageHandoff;
  for (const key of ["workflowRunId", "runId", "workflow", "commit"] as const) {
    if (handoff[key] !== expected[key]) {
      throw new HandoffError(`the hand-off is for ${key} "${handoff[key].slice(0, 80)}", not "${expected[key]}" as planned: it belongs to another run`);
    }
  }
  return redactDeep(handoff, secrets);
}
