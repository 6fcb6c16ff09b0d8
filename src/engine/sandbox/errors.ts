/**
 * How a sandboxed script can fail. Every message names the script file and, when known, the line
 * in the user's file, and says what to do next.
 */
import { QuorumError } from "../../kernel/errors.ts";

/** Where in the user's script something happened (1-based line and column). */
export interface ScriptLocation {
  line: number;
  column: number;
}

/** The script threw (or rejected) and nothing caught it. */
export class ScriptRuntimeError extends QuorumError {
  override readonly name = "ScriptRuntimeError";
  readonly filename: string;
  /** Top-most frame of the user's script, or `null` when the error carries none. */
  readonly location: ScriptLocation | null;
  /** `name` of the guest error (`TypeError`, …), or `"Error"` for a thrown non-Error value. */
  readonly guestName: string;
  readonly guestMessage: string;
  /** Stack frames that point into the user's script, top first, positions as in the file. */
  readonly scriptFrames: readonly string[];

  constructor(args: { filename: string; location: ScriptLocation | null; guestName: string; guestMessage: string; scriptFrames?: readonly string[] }) {
    super("script_failed", `${where(args.filename, args.location)}${args.guestName}: ${args.guestMessage}`);
    this.filename = args.filename;
    this.location = args.location;
    this.guestName = args.guestName;
    this.guestMessage = args.guestMessage;
    this.scriptFrames = args.scriptFrames ?? [];
  }
}

/** Which sandbox limit stopped the script (rule S6). */
export type SandboxLimitKind = "cpu" | "memory" | "stack";

/** The script hit a sandbox limit and was stopped; the host and other sandboxes are unaffected. */
export class ScriptLimitError extends QuorumError {
  override readonly name = "ScriptLimitError";
  readonly limit: SandboxLimitKind;
  readonly filename: string;
  readonly location: ScriptLocation | null;

  constructor(args: { limit: SandboxLimitKind; filename: string; location: ScriptLocation | null; detail: string }) {
    super("script_limit", `${where(args.filename, args.location)}${args.detail}`);
    this.limit = args.limit;
    this.filename = args.filename;
    this.location = args.location;
  }
}

/** The run's abort signal fired: the script was stopped wherever it was. */
export class SandboxCancelledError extends QuorumError {
  override readonly name = "SandboxCancelledError";

  constructor(filename: string, reason: unknown) {
    const why = reason instanceof Error ? reason.message : typeof reason === "string" ? reason : "";
    super("script_cancelled", `${filename}: the workflow script was cancelled${why ? ` (${why})` : ""}.`);
  }
}

function where(filename: string, location: ScriptLocation | null): string {
  return location ? `${filename}:${location.line}:${location.column}: ` : `${filename}: `;
}
