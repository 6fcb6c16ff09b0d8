/**
 * Runs one workflow script in a fresh QuickJS runtime and context, inside its own WebAssembly
 * instance (see `quickjs.ts` for why) (rule S4–S6).
 *
 * Order inside the guest: determinism guards and internal helpers (`guest-setup.ts`), the standard
 * globals (`standard-globals.ts`, rule S8), `__host`,
 * the globals, the prelude, then the wrapped body. The run settles when the body's promise does.
 *
 * Every entry into the guest is a *slice* with its own CPU deadline: booting, and each time a host
 * promise settles (resolve + pending jobs). Time spent inside synchronous host functions does not
 * count against the guest. Host promises that settle after the run ended are ignored.
 */
import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle, QuickJSRuntime } from "quickjs-emscripten-core";
import type { JsonValue } from "../../kernel/json.ts";
import { GuestBridge, GuestFailure, type GuestErrorInfo } from "./bridge.ts";
import { SandboxCancelledError, ScriptLimitError, type ScriptRuntimeError } from "./errors.ts";
import { FailureReport } from "./failures.ts";
import { GUEST_SETUP } from "./guest-setup.ts";
import { STANDARD_GLOBALS_SOURCE } from "./standard-globals.ts";
import { resolveSandboxLimits } from "./limits.ts";
import { instantiateQuickJS, type SandboxInstance } from "./quickjs.ts";
import type { HostFunction, SandboxLimits, SandboxRunOptions } from "./types.ts";
import { wrapBody } from "./wrap.ts";
import { errorMessage } from "../../kernel/errors.ts";

const SETUP_FILENAME = "quorum:sandbox-setup";
const PRELUDE_FILENAME = "quorum:prelude";
const STANDARD_GLOBALS_FILENAME = "quorum:standard-globals";
/** Memory this close to the instance's maximum means a failed allocation was the limit. */
const NEAR_FULL_BYTES = 16 * 1024 * 1024;

type Outcome = { ok: true; value: JsonValue | undefined } | { ok: false; error: Error };

let disposeFailures = 0;

/**
 * Runs `options.body` in a new sandbox and resolves to the script's returned value (a JSON copy;
 * `undefined` when it returns nothing).
 *
 * Rejects with {@link ScriptRuntimeError} (the script threw; message has the script's line),
 * {@link ScriptLimitError} (CPU slice, memory or stack limit), or {@link SandboxCancelledError}
 * (`options.signal` aborted, before or during the run).
 * @throws RangeError when `options.limits` holds an out-of-range value
 */
export async function runInSandbox(options: SandboxRunOptions): Promise<JsonValue | undefined> {
  const limits = resolveSandboxLimits(options.limits);
  if (options.signal?.aborted) throw new SandboxCancelledError(options.filename, options.signal.reason);
  const instance = await instantiateQuickJS(limits.memoryBytes);
  if (options.signal?.aborted) throw new SandboxCancelledError(options.filename, options.signal.reason);
  return new SandboxRun(instance, options, limits).start();
}

/** Dispose failures after clean runs (each one is a leaked handle: a bug). For tests. */
export function sandboxDisposeFailures(): number {
  return disposeFailures;
}

class SandboxRun {
  private readonly instance: SandboxInstance;
  private readonly options: SandboxRunOptions;
  private readonly limits: SandboxLimits;
  private readonly runtime: QuickJSRuntime;
  private readonly context: QuickJSContext;
  private readonly failures: FailureReport;
  private bridge: GuestBridge | null = null;
  /** Set once the guest reported the body's outcome (inside a slice; the slice ends the run). */
  private bodyOutcome: Outcome | null = null;
  private bodyStarted = false;
  /** Async host calls whose promise the guest still waits for. */
  private readonly calls = new Set<QuickJSDeferredPromise>();
  /** > 0 while the host is inside the guest (a slice is running). */
  private depth = 0;
  private deadline = Number.POSITIVE_INFINITY;
  private interrupted: "cpu" | "stop" | null = null;
  /** Set when the signal aborts while the guest is running; the slice ends the run. */
  private cancelRequested: Error | null = null;
  /** The instance cannot be trusted any more (native stack overflow, abort, out of memory). */
  private degraded = false;
  private finished = false;
  private settleRun: (outcome: Outcome) => void = () => {};

  constructor(instance: SandboxInstance, options: SandboxRunOptions, limits: SandboxLimits) {
    this.instance = instance;
    this.options = options;
    this.limits = limits;
    this.failures = new FailureReport(options.filename, limits);
    this.runtime = instance.module.newRuntime();
    this.runtime.setMemoryLimit(limits.memoryBytes);
    this.runtime.setMaxStackSize(limits.stackBytes);
    this.runtime.setInterruptHandler(this.shouldInterrupt);
    this.context = this.runtime.newContext();
  }

  start(): Promise<JsonValue | undefined> {
    return new Promise((resolve, reject) => {
      this.settleRun = (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error));
      this.options.signal?.addEventListener("abort", this.onAbort, { once: true });
      this.slice(() => this.boot());
      this.slice(() => this.runJobs());
    });
  }

  // ---- entering the guest -------------------------------------------------------------------

  /**
   * Runs `enter` as one guest slice under a fresh CPU deadline and ends the run when the slice
   * produced an outcome, was interrupted, was cancelled, or crashed the instance.
   */
  private slice(enter: () => Outcome | null): void {
    if (this.finished) return;
    this.depth++;
    this.deadline = performance.now() + this.limits.cpuMsPerSlice;
    let outcome: Outcome | null;
    try {
      outcome = enter();
    } catch (error) {
      const fault = this.failures.hostFault(error);
      if (fault.degraded) this.degraded = true;
      outcome = { ok: false, error: fault.error };
    } finally {
      this.depth--;
      this.deadline = Number.POSITIVE_INFINITY;
    }
    if (this.cancelRequested) outcome = { ok: false, error: this.cancelRequested };
    else if (this.interrupted === "stop") outcome = { ok: false, error: this.cancelled() };
    else if (this.interrupted === "cpu" && !(outcome && !outcome.ok && outcome.error instanceof ScriptLimitError)) {
      outcome = { ok: false, error: this.failures.limitError("cpu", null) };
    }
    if (outcome) this.finish(outcome);
  }

  private readonly shouldInterrupt = (): boolean => {
    if (this.cancelRequested || this.options.signal?.aborted) {
      this.interrupted ??= "stop";
      return true;
    }
    if (performance.now() > this.deadline) {
      this.interrupted ??= "cpu";
      return true;
    }
    return false;
  };

  private readonly onAbort = (): void => {
    const error = this.cancelled();
    if (this.depth > 0) this.cancelRequested = error;
    else this.finish({ ok: false, error });
  };

  /** Boots the guest: setup, `__host`, globals, prelude, then evaluates the wrapped body. */
  private boot(): Outcome | null {
    const ctx = this.context;
    const setup = ctx.evalCode(GUEST_SETUP, SETUP_FILENAME, { type: "global", strict: true });
    if ("error" in setup && setup.error) return this.failWith(setup.error, SETUP_FILENAME);
    this.bridge = new GuestBridge(ctx, setup.unwrap());
    // URL, TextEncoder, structuredClone, … implemented inside the guest (rule S8), before anything else.
    const standard = ctx.evalCode(STANDARD_GLOBALS_SOURCE, STANDARD_GLOBALS_FILENAME, { type: "global", strict: true });
    if ("error" in standard && standard.error) return this.failWith(standard.error, STANDARD_GLOBALS_FILENAME);
    standard.unwrap().dispose();
    this.exposeHost();
    for (const [name, value] of Object.entries(this.options.globals)) {
      const handle = this.bridge.toGuest(value);
      ctx.defineProp(ctx.global, name, { value: handle, configurable: true, enumerable: false });
      handle.dispose();
    }
    const prelude = ctx.evalCode(this.options.prelude, PRELUDE_FILENAME, { type: "global" });
    if ("error" in prelude && prelude.error) return this.failWith(prelude.error, PRELUDE_FILENAME);
    prelude.unwrap().dispose();
    const body = ctx.evalCode(wrapBody(this.options.body), this.options.filename, { type: "global", strict: true });
    if ("error" in body && body.error) return this.failWith(body.error, this.options.filename);
    const promise = body.unwrap();
    const done = ctx.newFunction("done", (ok, value) => this.onBodySettled(ctx.dump(ok) === true, value));
    try {
      this.bridge.watch(promise, done);
    } finally {
      done.dispose();
      promise.dispose();
    }
    this.bodyStarted = true;
    return null;
  }

  /** Called by the guest (inside a job) when the body's promise settles. */
  private onBodySettled(ok: boolean, value: QuickJSHandle): void {
    if (this.bodyOutcome) return;
    if (!ok) {
      this.bodyOutcome = { ok: false, error: this.classify(this.bridge!.describe(value), this.options.filename) };
      return;
    }
    try {
      this.bodyOutcome = { ok: true, value: this.bridge!.toHost(value) };
    } catch (error) {
      if (!(error instanceof GuestFailure)) throw error;
      this.bodyOutcome = {
        ok: false,
        error: this.failures.runtimeError({ ...error.info, message: `the script's result cannot be copied out of the sandbox as JSON: ${error.info.message}` }),
      };
    }
  }

  /** Runs every pending guest job, then looks at the body's promise. */
  private runJobs(): Outcome | null {
    const jobs = this.runtime.executePendingJobs();
    if ("error" in jobs && jobs.error) return this.failWith(jobs.error, this.options.filename);
    return this.inspectBody();
  }

  private inspectBody(): Outcome | null {
    if (this.bodyOutcome) return this.bodyOutcome;
    if (!this.bodyStarted || this.interrupted) return null; // slice() reports an interrupt
    if (this.calls.size === 0 && !this.runtime.hasPendingJob()) {
      return {
        ok: false,
        error: this.failures.runtimeError({
          errorLike: true,
          name: "Error",
          message:
            "the script is waiting on a promise that can never settle: no agent or other host call is pending. " +
            "Look for an `await` on a promise that nothing resolves (e.g. `new Promise(() => {})`).",
          stack: "",
        }),
      };
    }
    return null;
  }

  // ---- host functions -----------------------------------------------------------------------

  private exposeHost(): void {
    const ctx = this.context;
    const raws = ctx.newObject();
    try {
      for (const [name, fn] of Object.entries(this.options.host)) {
        const handle = ctx.newFunction(name, (...args) => this.callHost(name, fn, args));
        ctx.defineProp(raws, name, { value: handle, configurable: true, enumerable: true });
        handle.dispose();
      }
      const host = this.bridge!.makeHost(raws);
      ctx.defineProp(ctx.global, "__host", { value: host, configurable: true, enumerable: false });
      host.dispose();
    } finally {
      raws.dispose();
    }
  }

  /** The guest called `__host.<name>(...args)`: JSON in, JSON (or a guest promise) out. */
  private callHost(name: string, fn: HostFunction, argHandles: QuickJSHandle[]): QuickJSHandle | { error: QuickJSHandle } {
    const bridge = this.bridge!;
    const args: (JsonValue | undefined)[] = [];
    for (const [index, handle] of argHandles.entries()) {
      try {
        args.push(bridge.toHost(handle));
      } catch (error) {
        const why = error instanceof GuestFailure ? error.info.message : errorMessage(error);
        return { error: bridge.newError(`__host.${name}: argument ${index + 1} cannot be copied out of the sandbox as JSON (${why}). Pass plain data: strings, numbers, booleans, null, arrays and objects.`, "TypeError") };
      }
    }
    const started = performance.now();
    let result: ReturnType<HostFunction>;
    try {
      result = fn(...args);
    } catch (error) {
      return { error: this.hostErrorToGuest(error) };
    } finally {
      this.deadline += performance.now() - started;
    }
    if (isPromiseLike(result)) return this.bridgePromise(name, result);
    try {
      return bridge.toGuest(result);
    } catch (error) {
      return { error: bridge.newError(`__host.${name} returned a value that is not JSON (${errorMessage(error)}).`, "TypeError") };
    }
  }

  /** A guest promise that follows the host promise (the guest wrapper adds the call-site stack). */
  private bridgePromise(name: string, promise: PromiseLike<JsonValue | undefined>): QuickJSHandle {
    const deferred = this.context.newPromise();
    this.calls.add(deferred);
    Promise.resolve(promise).then(
      (value) => this.settleCall(deferred, () => this.resolvedValue(name, value)),
      (error: unknown) => this.settleCall(deferred, () => ({ reject: true, handle: this.hostErrorToGuest(error) })),
    );
    return deferred.handle;
  }

  private resolvedValue(name: string, value: JsonValue | undefined): { reject: boolean; handle: QuickJSHandle } {
    try {
      return { reject: false, handle: this.bridge!.toGuest(value) };
    } catch (error) {
      if (error instanceof GuestFailure) throw error;
      return { reject: true, handle: this.bridge!.newError(`__host.${name} resolved to a value that is not JSON (${errorMessage(error)}).`, "TypeError") };
    }
  }

  /** A host promise settled: pass the value in and let the guest run until it waits again. */
  private settleCall(deferred: QuickJSDeferredPromise, make: () => { reject: boolean; handle: QuickJSHandle }): void {
    if (this.finished || !this.calls.delete(deferred)) return;
    this.slice(() => {
      try {
        const { reject, handle } = make();
        try {
          if (reject) deferred.reject(handle);
          else deferred.resolve(handle);
        } catch (error) {
          // Settling ran guest code (a `then` getter on a prototype) that was interrupted or ran
          // out of memory; slice() and the body's state report it.
          if (error instanceof RangeError) throw error;
        } finally {
          handle.dispose();
        }
      } catch (error) {
        if (!(error instanceof GuestFailure)) throw error;
        return { ok: false, error: this.classify(error.info, this.options.filename) };
      } finally {
        deferred.dispose();
      }
      return this.runJobs();
    });
  }

  /** A guest Error carrying a host error's message and name (never the host object itself). */
  private hostErrorToGuest(error: unknown): QuickJSHandle {
    const name = error instanceof Error && typeof error.name === "string" ? error.name : undefined;
    return this.bridge!.newError(errorMessage(error), name);
  }

  // ---- ending the run -----------------------------------------------------------------------

  private finish(outcome: Outcome): void {
    if (this.finished) return;
    if (this.depth > 0) {
      // Never dispose the instance under the guest's feet: the running slice ends the run.
      this.cancelRequested ??= outcome.ok ? this.cancelled() : outcome.error;
      return;
    }
    this.finished = true;
    this.options.signal?.removeEventListener("abort", this.onAbort);
    this.teardown();
    this.settleRun(outcome);
  }

  /** Disposes every handle, the context and the runtime; a degraded instance is dropped instead. */
  private teardown(): void {
    const calls = [...this.calls];
    this.calls.clear();
    // A degraded instance, or one that ran out of memory even if the script caught it (QuickJS may
    // leak then), is not disposed: the whole WebAssembly instance is garbage once unreferenced.
    if (this.degraded || this.memoryNearlyFull()) return;
    try {
      for (const deferred of calls) if (deferred.alive) deferred.dispose();
      this.bridge?.dispose();
      this.context.dispose();
      this.runtime.dispose();
    } catch {
      if (!this.degraded) disposeFailures++;
    }
  }

  // ---- errors -------------------------------------------------------------------------------

  /** Turns a thrown guest value (handle consumed) into the run's failure. */
  private failWith(thrown: QuickJSHandle, file: string): Outcome {
    const info = this.bridge ? this.bridge.describe(thrown) : this.describeWithoutBridge(thrown);
    thrown.dispose();
    return { ok: false, error: this.classify(info, file) };
  }

  private classify(info: GuestErrorInfo, file: string): Error {
    if (this.interrupted === "stop" || this.cancelRequested) return this.cancelRequested ?? this.cancelled();
    // QuickJS records positions only at some instructions, so an interrupted loop's reported line
    // is often an earlier one: a CPU-limit error names no line rather than a wrong one.
    if (this.interrupted === "cpu") return this.failures.limitError("cpu", null);
    const { error, outOfMemory } = this.failures.classify(info, { file, memoryNearlyFull: this.memoryNearlyFull() });
    if (outOfMemory) this.degraded = true; // QuickJS may leak after running out of memory
    return error;
  }

  private cancelled(): SandboxCancelledError {
    return new SandboxCancelledError(this.options.filename, this.options.signal?.reason);
  }

  private describeWithoutBridge(thrown: QuickJSHandle): GuestErrorInfo {
    try {
      const dumped: unknown = this.context.dump(thrown);
      if (dumped && typeof dumped === "object") {
        const { name, message, stack } = dumped as Record<string, unknown>;
        return { errorLike: true, name: String(name ?? "Error"), message: String(message ?? ""), stack: String(stack ?? "") };
      }
      return { errorLike: false, name: "Error", message: String(dumped), stack: "" };
    } catch {
      return { errorLike: false, name: "Error", message: "(unreadable error)", stack: "" };
    }
  }

  /** Whether the instance's memory grew to (almost) its maximum: an allocation may have failed. */
  private memoryNearlyFull(): boolean {
    return this.instance.memory.buffer.byteLength + NEAR_FULL_BYTES >= this.instance.maxBytes;
  }

}

function isPromiseLike(value: unknown): value is PromiseLike<JsonValue | undefined> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
