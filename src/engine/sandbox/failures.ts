/**
 * Turns what went wrong in a sandbox into the error a caller sees: the script's own exception
 * (with its line), a limit (CPU, memory, stack), or a crash of the QuickJS instance.
 */
import type { GuestErrorInfo } from "./bridge.ts";
import { QuorumError } from "../../kernel/errors.ts";
import { ScriptLimitError, ScriptRuntimeError, type SandboxLimitKind, type ScriptLocation } from "./errors.ts";
import { formatBytes } from "./limits.ts";
import { scriptFrames, scriptLocations } from "./stack.ts";
import type { SandboxLimits } from "./types.ts";

export class FailureReport {
  private readonly filename: string;
  private readonly limits: SandboxLimits;

  constructor(filename: string, limits: SandboxLimits) {
    this.filename = filename;
    this.limits = limits;
  }

  /**
   * What a thrown guest value means. QuickJS reports a stack overflow and a failed allocation as
   * `InternalError`s; when memory is exhausted it may even throw `null` or a half-built object,
   * hence `memoryNearlyFull`. Errors from our own prelude or setup (no frame in the script) are
   * reported as such, since they are not the script's fault.
   */
  classify(info: GuestErrorInfo, where: { file: string; memoryNearlyFull: boolean }): { error: Error; outOfMemory: boolean } {
    const location = this.locate(info.stack);
    if (info.name === "InternalError" && info.message === "stack overflow") return { error: this.limitError("stack", location), outOfMemory: false };
    if ((info.name === "InternalError" && info.message === "out of memory") || (!info.errorLike && where.memoryNearlyFull)) {
      return { error: this.limitError("memory", location), outOfMemory: true };
    }
    if (where.file !== this.filename && location === null) {
      return { error: new QuorumError("sandbox_setup_failed", `the sandbox's own ${where.file} code failed: ${info.name}: ${info.message}\n${info.stack}`, { audience: "bug" }), outOfMemory: false };
    }
    return { error: this.runtimeError(info), outOfMemory: false };
  }

  runtimeError(info: GuestErrorInfo): ScriptRuntimeError {
    return new ScriptRuntimeError({
      filename: this.filename,
      location: this.locate(info.stack),
      guestName: info.errorLike ? info.name : "Error",
      guestMessage: info.errorLike ? info.message : `the script threw a non-Error value: ${info.message}`,
      scriptFrames: scriptFrames(info.stack, this.filename),
    });
  }

  limitError(limit: SandboxLimitKind, location: ScriptLocation | null): ScriptLimitError {
    const detail = {
      cpu:
        `the script ran for more than ${this.limits.cpuMsPerSlice} ms without awaiting an agent or other host call ` +
        "(sandbox CPU limit per slice). Look for an endless loop, or move heavy computation into an agent.",
      memory:
        `the script exceeded the sandbox memory limit of ${formatBytes(this.limits.memoryBytes)}. ` +
        "Keep less in memory: summarise or filter agent results instead of accumulating them.",
      stack:
        `the script exceeded the sandbox stack limit of ${formatBytes(this.limits.stackBytes)} (recursion or nesting too deep). ` +
        "Make the recursion shallower or iterative.",
    }[limit];
    return new ScriptLimitError({ limit, filename: this.filename, location, detail });
  }

  /**
   * An exception thrown on the host side while the guest ran. A RangeError is the host's own stack
   * overflowing inside QuickJS's native code (deep recursion in JSON, the parser, …); a
   * WebAssembly RuntimeError is an abort. Either leaves the instance inconsistent (`degraded`).
   * Anything else is a bug in the sandbox and is passed on as it is.
   */
  hostFault(error: unknown): { error: Error; degraded: boolean } {
    if (error instanceof RangeError) return { error: this.limitError("stack", null), degraded: true };
    if (error instanceof Error && error.name === "RuntimeError") {
      return { error: new QuorumError("sandbox_crashed", `${this.filename}: the sandbox crashed (${error.message}); the script's state is lost. Please report this with the script.`, { audience: "bug", cause: error }), degraded: true };
    }
    return { error: error instanceof Error ? error : new Error(String(error)), degraded: false };
  }

  private locate(stack: string): ScriptLocation | null {
    return scriptLocations(stack, this.filename)[0] ?? null;
  }
}
