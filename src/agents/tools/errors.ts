import { QuorumError } from "../../kernel/errors.ts";

/**
 * The error type tools throw for problems the model caused or can fix (a bad path, a refused
 * command, no match). The toolbox turns it into `{ isError: true, content: message }`, so the
 * message says what went wrong and what to do next. Subclasses pass their own stable code.
 */
export class ToolError extends QuorumError {
  override name = "ToolError";
  constructor(message: string, code = "tool_error", options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
