/**
 * The trigger job's plan (rule X6): the runs it started — each a run request handed over with its
 * run id, commit and check run fixed — passed to the run and publish jobs as the job output `plan`
 * (`needs.trigger.outputs.plan`). Both later jobs take their runs from it instead of deciding
 * again from the event, so the three jobs agree on what runs and where it is reported.
 *
 * The plan comes from the trigger job of the same workflow run, which runs no model and no
 * repository code; it is still checked here against its schema before anything uses it.
 */
import { errorMessage } from "../kernel/errors.ts";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { RunRequest } from "../github/trigger.ts";
import { QuorumError, type QuorumErrorOptions } from "../kernel/errors.ts";

/** A run request with its hand-off fixed by the trigger stage. */
export type PlannedRun = RunRequest & { handoff: NonNullable<RunRequest["handoff"]> };

export class PlanError extends QuorumError {
  constructor(message: string, options?: QuorumErrorOptions) {
    super("plan_invalid", message, options);
  }
}

const str = { type: "string" } as const;
const replyTo = {
  type: ["object", "null"],
  required: ["issueNumber", "comment"],
  properties: {
    issueNumber: { type: "integer" },
    comment: { type: ["object", "null"], required: ["id", "url", "body"], properties: { id: { type: "integer" }, url: str, body: str } },
  },
} as const;
const SCHEMA = {
  type: "array",
  maxItems: 100,
  items: {
    type: "object",
    required: ["source", "workflow", "sender", "pullRequest", "replyTo", "handoff"],
    properties: {
      source: { enum: ["comment", "label", "pull_request", "schedule", "workflow_dispatch"] },
      workflow: { type: "string", minLength: 1 },
      args: { type: "object" },
      resumeRunId: str,
      sender: { type: ["string", "null"] },
      pullRequest: { type: ["object", "null"], required: ["number"], properties: { number: { type: "integer" }, headSha: str } },
      replyTo,
      handoff: {
        type: "object",
        required: ["runId", "headSha"],
        additionalProperties: false,
        properties: {
          runId: { type: "string", minLength: 1 },
          headSha: { type: "string", pattern: "^[0-9a-f]{40}([0-9a-f]{24})?$" },
          freeform: { type: "object", required: ["blobSha"], additionalProperties: false, properties: { blobSha: { type: "string", pattern: "^[0-9a-f]{40}([0-9a-f]{24})?$" } } },
          checkRunId: { type: "integer" },
          byApp: { type: "boolean" },
          announced: { type: "boolean" },
        },
      },
    },
  },
} as const;

/** Compiled at the first plan read, not at start-up: the trigger job never reads one (ajv compiling costs ~100 ms). */
let validator: ReturnType<Ajv2020["compile"]> | undefined;

/** The plan as the `plan` output: an approved script's text is left out (the run stage fetches its blob). */
export function encodePlan(runs: readonly PlannedRun[]): string {
  return JSON.stringify(
    runs.map((run) => {
      const { freeform, ...handoff } = run.handoff;
      return { ...run, handoff: { ...handoff, ...(freeform ? { freeform: { blobSha: freeform.blobSha } } : {}) } };
    }),
  );
}

/** Reads the `plan` input. Throws {@link PlanError} saying what to fix. */
export function decodePlan(text: string): PlannedRun[] {
  if (!text.trim()) throw new PlanError("Input plan is empty: pass `${{ needs.trigger.outputs.plan }}` from the trigger job (see the example workflow).");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PlanError(`Input plan is not JSON (${errorMessage(error)}): pass the trigger job's \`plan\` output unchanged.`);
  }
  const validate = (validator ??= new Ajv2020({ strict: false }).compile(SCHEMA));
  if (!validate(parsed)) {
    const first = validate.errors?.[0];
    throw new PlanError(`Input plan does not match its schema (${first ? `${first.instancePath || "/"} ${first.message ?? "invalid"}` : "invalid"}): pass the trigger job's \`plan\` output unchanged.`);
  }
  return parsed as unknown as PlannedRun[];
}
