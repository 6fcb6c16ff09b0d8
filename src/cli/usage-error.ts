import { QuorumError } from "../kernel/errors.ts";

/** A mistake in how the command was called; the message says how to call it. */
export class UsageError extends QuorumError {
  override name = "UsageError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("usage", message, options);
  }
}
