/** A mistake in how the command was called; the message says how to call it. */
export class UsageError extends Error {
  override name = "UsageError";
}
