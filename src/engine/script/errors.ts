/** The error thrown by `prepareScript` when a workflow script does not validate. */
import { QuorumError } from "../../kernel/errors.ts";
import type { ScriptProblem } from "./types.ts";

/**
 * A workflow script is invalid (rule S1–S3). The message lists every problem as
 * `file:line:col message`, one per line, so editors and terminals can jump to it.
 */
export class ScriptValidationError extends QuorumError {
  override readonly name = "ScriptValidationError";
  readonly filename: string;
  readonly problems: readonly ScriptProblem[];

  constructor(filename: string, problems: readonly ScriptProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const lines = problems.map((p) => `${filename}:${p.line}:${p.column} ${p.message}`);
    super("invalid_script", `${filename} is not a valid workflow script (${count}); nothing was run:\n${lines.join("\n")}`);
    this.filename = filename;
    this.problems = problems;
  }
}
