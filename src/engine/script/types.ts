/**
 * Types of script validation (rule S1–S3): the workflow's `meta`, the problems found, and the
 * result handed to the engine.
 */
import type { JsonObject } from "../../kernel/json.ts";

/** How a run's findings are published (Quorum extension `meta.publish.mode`). */
export const PUBLISH_MODES = ["auto", "pull-request", "review", "comment", "none"] as const;
export type PublishMode = (typeof PUBLISH_MODES)[number];

/** One entry of `meta.phases`: a progress group shown in every view. */
export interface WorkflowPhase {
  title: string;
  detail?: string;
  /** Default model for agents of this phase (rule A7). */
  model?: string;
}

/** `meta.publish` (Quorum extension). */
export interface PublishOptions {
  mode?: PublishMode;
  draft?: boolean;
  labels?: string[];
}

/** The `export const meta = {…}` literal of a workflow script, as plain JSON (rule S1). */
export interface WorkflowMeta {
  name: string;
  description: string;
  whenToUse?: string;
  phases?: WorkflowPhase[];
  /** JSON Schema (draft 2020-12) of the run's args; checked to compile at validation time. */
  args?: JsonObject;
  publish?: PublishOptions;
}

/** A problem in a script. `line` is 1-based; `column` is 1-based (as editors show it). */
export interface ScriptProblem {
  message: string;
  line: number;
  column: number;
}

/** A script that passed validation, ready for the sandbox. */
export interface PreparedScript {
  ok: true;
  /** `null` when the script has no `export const meta`. */
  meta: WorkflowMeta | null;
  /**
   * The source transformed for execution, with every line and column of the user's file preserved:
   * the `export` keyword of meta is blanked with spaces (so `const meta` stays in scope) and a
   * leading `#!` line is blanked. The sandbox wraps it as an async function.
   */
  body: string;
  /** Things worth saying that do not stop the run (e.g. ajv strict-mode notes about `meta.args`). */
  warnings: string[];
}

export interface InvalidScript {
  ok: false;
  /** Sorted by line, then column. Never empty. */
  errors: ScriptProblem[];
}

export type ScriptValidation = PreparedScript | InvalidScript;
