/** A mistake in how the command was called; the message says how to call it. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** No model provider could be set up; the message says what to set. */
export class MissingProviderError extends Error {
  override name = "MissingProviderError";
}
