/**
 * The contract between the GitHub App and the Action: the `workflow_dispatch` inputs the App
 * sends when it hands a run to the runner (docs/architecture.md: the App authorizes, creates the check run,
 * and dispatches; it runs no agents). Inputs are strings, as GitHub requires.
 *
 * An approved free-form script travels as a git blob sha (`script-blob`): blobs are
 * content-addressed, so the runner gets the approved script byte for byte or nothing (rule G7).
 */
import type { JsonValue } from "../kernel/json.ts";
import type { QuorumErrorOptions } from "../kernel/errors.ts";
import { QuorumGitHubError } from "./errors.ts";

/** The Actions workflow file the App dispatches, unless the repository config names another. */
export const DEFAULT_DISPATCH_WORKFLOW_FILE = "quorum.yml";

/** What started a run, kept for replies and the check run (never used for authorization again). */
export interface TriggerContext {
  event: string;
  sender: string;
  /** Issue or PR number the run belongs to, when there is one. */
  number?: number;
  isPullRequest?: boolean;
  /** The comment that triggered the run, to reply to (rule P3). */
  commentId?: number;
  /** Commit the check run is on. */
  headSha: string;
}

export interface DispatchRequest {
  /** Workflow name, or `freeform` with `scriptBlob` set. */
  workflow: string;
  args: JsonValue | undefined;
  runId: string;
  checkRunId: number | null;
  trigger: TriggerContext;
  /** Git blob sha of an approved free-form script. */
  scriptBlob?: string;
  /** Resume the run's journal instead of starting fresh. */
  resume?: boolean;
}

/** The inputs as the Action reads them (`INPUT_RUN-ID` → `core.getInput("run-id")`). */
export type DispatchInputs = Record<"workflow" | "args" | "run-id" | "check-run-id" | "trigger", string> & {
  "script-blob"?: string;
  resume?: string;
};

export class DispatchInputError extends QuorumGitHubError {
  constructor(message: string, options?: QuorumErrorOptions) {
    super("dispatch_input", message, options);
  }
}

export function encodeDispatch(request: DispatchRequest): DispatchInputs {
  return {
    workflow: request.workflow,
    args: request.args === undefined ? "" : JSON.stringify(request.args),
    "run-id": request.runId,
    "check-run-id": request.checkRunId === null ? "" : String(request.checkRunId),
    trigger: JSON.stringify(request.trigger),
    ...(request.scriptBlob ? { "script-blob": request.scriptBlob } : {}),
    ...(request.resume ? { resume: "true" } : {}),
  };
}

const RUN_ID = /^[A-Za-z0-9._-]{1,100}$/;
const BLOB_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Reads dispatch inputs (empty strings are "not given"); throws DispatchInputError on bad values. */
export function decodeDispatch(get: (name: string) => string): DispatchRequest | null {
  const runId = get("run-id").trim();
  if (runId === "") return null; // a plain workflow_dispatch by a person, not the App
  if (!RUN_ID.test(runId)) throw new DispatchInputError(`input run-id "${runId}" is not a run id (letters, digits, . _ -).`);
  const workflow = get("workflow").trim();
  if (workflow === "") throw new DispatchInputError("input workflow is empty; the App must name the workflow it dispatches.");
  const parse = (name: string): JsonValue | undefined => {
    const text = get(name).trim();
    if (text === "") return undefined;
    try {
      return JSON.parse(text) as JsonValue;
    } catch (error) {
      throw new DispatchInputError(`input ${name} is not JSON: ${(error as Error).message}`);
    }
  };
  const trigger = parse("trigger");
  if (trigger === undefined || trigger === null || typeof trigger !== "object" || Array.isArray(trigger) || typeof trigger.headSha !== "string") {
    throw new DispatchInputError("input trigger must be a JSON object with at least event, sender and headSha.");
  }
  const checkRun = get("check-run-id").trim();
  const scriptBlob = get("script-blob").trim();
  if (scriptBlob !== "" && !BLOB_SHA.test(scriptBlob)) throw new DispatchInputError(`input script-blob "${scriptBlob}" is not a git blob sha.`);
  if (workflow === "freeform" && scriptBlob === "") throw new DispatchInputError("a freeform run needs input script-blob: the approved script's blob sha.");
  return {
    workflow,
    args: parse("args"),
    runId,
    checkRunId: checkRun === "" ? null : Number(checkRun),
    trigger: trigger as unknown as TriggerContext,
    ...(scriptBlob !== "" ? { scriptBlob } : {}),
    ...(get("resume").trim() === "true" ? { resume: true } : {}),
  };
}
