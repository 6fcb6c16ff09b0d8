/**
 * The error type tools throw for problems the model caused or can fix (a bad path, a refused
 * command, no match). The toolbox turns it into `{ isError: true, content: message }`, so the
 * message says what went wrong and what to do next.
 */
export class ToolError extends Error {
  override name = "ToolError";
}
