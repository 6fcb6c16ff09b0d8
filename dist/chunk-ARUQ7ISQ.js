import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  QuorumGitHubError,
  redactSecrets
} from "./chunk-DVOLNEEY.js";
import {
  errorMessage,
  require__
} from "./chunk-TWYYX7QD.js";
import {
  DefaultArtifactClient
} from "./chunk-AEWFMDHB.js";
import {
  __toESM
} from "./chunk-4VCDWV26.js";

// src/github/run/stage-handoff.ts
var import__ = __toESM(require__(), 1);
var HANDOFF_VERSION = 1;
var MAX_HANDOFF_BYTES = 32 * 1024 * 1024;
var str = { type: "string" };
var num = { type: "number" };
var nullableStr = { type: ["string", "null"] };
var usage = {
  type: "object",
  required: ["inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens"],
  properties: { inputTokens: num, outputTokens: num, cacheReadTokens: num, cacheWriteTokens: num }
};
var totals = {
  type: "object",
  required: ["agents", "succeeded", "failed", "cached", "usage", "costUsd", "elapsedMs"],
  properties: { agents: num, succeeded: num, failed: num, cached: num, usage, costUsd: num, elapsedMs: num }
};
var statusEnum = { enum: ["succeeded", "incomplete", "failed", "cancelled", "timed_out"] };
function event(type, required, properties) {
  return {
    if: { properties: { type: { const: type } } },
    then: { required: ["type", "at", ...required], properties }
  };
}
var EVENT_TYPES = ["run.started", "phase.started", "agent.queued", "agent.started", "agent.tool", "agent.finished", "log", "budget", "run.finished"];
var SCHEMA = {
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
    notes: { type: "array", items: str, maxItems: 1e3 },
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
            phases: { type: "array", items: { type: "object", required: ["title"], properties: { title: str, detail: str } } }
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
            model: str
          }),
          event("log", ["level", "message", "phase"], { level: { enum: ["info", "warn"] }, message: str, phase: nullableStr }),
          event("budget", ["spentTokens", "totalTokens", "costUsd", "maxCostUsd"], {
            spentTokens: num,
            totalTokens: { type: ["number", "null"] },
            costUsd: num,
            maxCostUsd: { type: ["number", "null"] },
            exceeded: { enum: ["tokens", "cost"] }
          }),
          event("run.finished", ["status", "totals"], { status: statusEnum, error: str, totals })
        ]
      }
    }
  }
};
var validator;
var HandoffError = class extends QuorumGitHubError {
  constructor(message, options) {
    super("handoff_invalid", message, options);
  }
};
function mapStrings(value, fix) {
  if (typeof value === "string") return fix(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fix));
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[fix(k)] = mapStrings(v, fix);
    return out;
  }
  return value;
}
function redactDeep(value, secrets) {
  return mapStrings(value, (s) => redactSecrets(s, secrets).text);
}
function writeStageHandoff(handoff, secrets) {
  return JSON.stringify(redactDeep({ version: HANDOFF_VERSION, ...handoff }, secrets));
}
function readStageHandoff(bytes, expected, secrets) {
  if (bytes.length > MAX_HANDOFF_BYTES) throw new HandoffError(`the hand-off is ${bytes.length} bytes, more than the ${MAX_HANDOFF_BYTES} allowed`);
  let parsed;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new HandoffError(`the hand-off is not JSON (${errorMessage(error)})`);
  }
  const validate = validator ??= new import__.Ajv2020({ allErrors: false, strict: false }).compile(SCHEMA);
  if (!validate(parsed)) {
    const first = validate.errors?.[0];
    throw new HandoffError(`the hand-off does not match its schema (${first ? `${first.instancePath || "/"} ${first.message ?? "invalid"}` : "invalid"})`);
  }
  const handoff = parsed;
  for (const key of ["workflowRunId", "runId", "workflow", "commit"]) {
    if (handoff[key] !== expected[key]) {
      throw new HandoffError(`the hand-off is for ${key} "${handoff[key].slice(0, 80)}", not "${expected[key]}" as planned: it belongs to another run`);
    }
  }
  return redactDeep(handoff, secrets);
}

// src/action/handoff-artifact.ts
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
var HANDOFF_ARTIFACT_PREFIX = "quorum-handoff-";
var FILE = "handoff.json";
var RETENTION_DAYS = 1;
function scratch() {
  return mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), "quorum-handoff-"));
}
function handoffArtifactName(runId, attempt) {
  return `${HANDOFF_ARTIFACT_PREFIX}${runId}-a${attempt}`;
}
async function uploadHandoff(runId, attempt, json, client = new DefaultArtifactClient()) {
  const dir = scratch();
  try {
    writeFileSync(join(dir, FILE), json);
    await client.uploadArtifact(handoffArtifactName(runId, attempt), [join(dir, FILE)], dir, { retentionDays: RETENTION_DAYS });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
async function downloadHandoff(runId, client = new DefaultArtifactClient()) {
  const prefix = `${HANDOFF_ARTIFACT_PREFIX}${runId}-a`;
  const { artifacts } = await client.listArtifacts();
  let best = null;
  for (const artifact of artifacts) {
    if (!artifact.name.startsWith(prefix)) continue;
    const attempt = Number(artifact.name.slice(prefix.length));
    if (!Number.isInteger(attempt) || attempt < 1) continue;
    if (!best || attempt > best.attempt) best = { id: artifact.id, attempt };
  }
  if (!best) return null;
  const dir = scratch();
  try {
    await client.downloadArtifact(best.id, { path: dir });
    const path = join(dir, FILE);
    const size = statSync(path).size;
    if (size > MAX_HANDOFF_BYTES) throw new HandoffError(`the hand-off is ${size} bytes, more than the ${MAX_HANDOFF_BYTES} allowed`);
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export {
  writeStageHandoff,
  readStageHandoff,
  uploadHandoff,
  downloadHandoff
};
