/**
 * The contract of the script sandbox: a separate JS heap (QuickJS) that runs one workflow script.
 * Only JSON values cross the boundary; host functions are exposed to the guest as `__host.<name>`.
 */
import type { JsonValue } from "../../kernel/json.ts";

/** A host capability callable from the guest. Arguments and results are JSON copies. */
export type HostFunction = (...args: (JsonValue | undefined)[]) => JsonValue | undefined | Promise<JsonValue | undefined>;

export interface SandboxLimits {
  /** Synchronous CPU time the guest may run between two awaits, in ms (rule S6, default 5000). */
  cpuMsPerSlice: number;
  /**
   * Guest heap limit in bytes (rule S6, default 256 MiB, 8 MiB to 1 GiB). Enforced as the maximum
   * size of the run's own WebAssembly memory (plus a fixed 8 MiB for QuickJS's stack and data).
   */
  memoryBytes: number;
  /**
   * Guest stack limit in bytes (default 256 KiB, about 1,300 nested plain calls). Deep recursion
   * beyond it is a `ScriptLimitError`, not a crash. Larger values are refused: the guest's native
   * frames live on the host's own stack.
   */
  stackBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = Object.freeze({
  cpuMsPerSlice: 5_000,
  memoryBytes: 256 * 1024 * 1024,
  stackBytes: 256 * 1024,
});

export interface SandboxRunOptions {
  /** The script body as validated and transformed by `prepareScript` (top-level await/return allowed). */
  body: string;
  /** File name used in error messages and stack traces. */
  filename: string;
  /** Guest JavaScript evaluated before the script (defines the primitives over `__host`). */
  prelude: string;
  /** Global JSON values defined before the prelude runs (e.g. `args`). `undefined` stays undefined. */
  globals: Record<string, JsonValue | undefined>;
  /** Host functions, exposed as `__host.<name>`; async ones become guest promises. */
  host: Record<string, HostFunction>;
  limits?: Partial<SandboxLimits>;
  /** Aborting stops the script: the run promise rejects with a SandboxCancelledError. */
  signal?: AbortSignal;
}
