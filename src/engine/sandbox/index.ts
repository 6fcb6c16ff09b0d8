/** The script sandbox (rule S4–S6): the public surface of `src/engine/sandbox/`. */
export { runInSandbox, sandboxDisposeFailures } from "./run.ts";
export { ScriptRuntimeError, ScriptLimitError, SandboxCancelledError } from "./errors.ts";
export type { SandboxLimitKind, ScriptLocation } from "./errors.ts";
export { DEFAULT_SANDBOX_LIMITS } from "./types.ts";
export type { HostFunction, SandboxLimits, SandboxRunOptions } from "./types.ts";
export { BODY_PREFIX, BODY_SUFFIX, wrapBody } from "./wrap.ts";
export { NONDETERMINISM_HINT } from "./guest-setup.ts";
