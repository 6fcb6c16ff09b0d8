/** Workflow script validation (rule S1–S3): the public surface of `src/engine/script/`. */
export { validateScript, prepareScript } from "./validate.ts";
export { ScriptValidationError } from "./errors.ts";
export { PUBLISH_MODES } from "./types.ts";
export type {
  InvalidScript,
  PreparedScript,
  PublishMode,
  PublishOptions,
  ScriptProblem,
  ScriptValidation,
  WorkflowMeta,
  WorkflowPhase,
} from "./types.ts";
