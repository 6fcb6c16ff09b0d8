/**
 * Moves values across the sandbox boundary as JSON text, and nothing else (rule S5).
 *
 * Host → guest: `JSON.stringify` on the host, the guest's pristine `JSON.parse` inside. Guest →
 * host: the guest's pristine `JSON.stringify` inside, `JSON.parse` on the host. No host object,
 * function or prototype ever reaches the guest, and no guest handle outlives a call. Primitives
 * skip the JSON round trip. Non-finite numbers become `null` (as in JSON); `undefined`, functions
 * and symbols become `undefined`.
 */
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import type { JsonValue } from "../../kernel/json.ts";
import { QuorumError } from "../../kernel/errors.ts";

/** What the guest-side describer reports about a thrown value. */
export interface GuestErrorInfo {
  /** True when the value looked like an Error (had a string `message`). */
  errorLike: boolean;
  name: string;
  message: string;
  stack: string;
}

/**
 * A guest operation failed (user `toJSON` threw, a BigInt, an interrupt, out of memory…). The
 * sandbox turns it into a script error; one that escapes unclassified is a bug.
 */
export class GuestFailure extends QuorumError {
  override readonly name = "GuestFailure";
  readonly info: GuestErrorInfo;
  constructor(info: GuestErrorInfo) {
    super("guest_failure", `${info.name}: ${info.message}`, { audience: "bug" });
    this.info = info;
  }
}

type CallResult = ReturnType<QuickJSContext["callFunction"]>;

const UNDESCRIBABLE: GuestErrorInfo = { errorLike: false, name: "Error", message: "(an error that could not be read: the sandbox was stopped or out of memory)", stack: "" };

export class GuestBridge {
  private readonly context: QuickJSContext;
  private readonly parse: QuickJSHandle;
  private readonly stringify: QuickJSHandle;
  private readonly describer: QuickJSHandle;
  private readonly hostMaker: QuickJSHandle;
  private readonly watcher: QuickJSHandle;

  /** Takes ownership of the handle of the guest-setup result array and disposes it. */
  constructor(context: QuickJSContext, helpers: QuickJSHandle) {
    this.context = context;
    try {
      this.parse = context.getProp(helpers, 0);
      this.stringify = context.getProp(helpers, 1);
      this.describer = context.getProp(helpers, 2);
      this.hostMaker = context.getProp(helpers, 3);
      this.watcher = context.getProp(helpers, 4);
    } finally {
      helpers.dispose();
    }
  }

  /**
   * A new guest value equal to `value`. The caller disposes the handle.
   * @throws TypeError when `value` is not JSON-serialisable on the host (BigInt, cycle)
   * @throws GuestFailure when the guest cannot build it (out of memory, stopped)
   */
  toGuest(value: JsonValue | undefined): QuickJSHandle {
    const ctx = this.context;
    if (value === undefined) return ctx.undefined;
    if (value === null) return ctx.null;
    if (typeof value === "boolean") return value ? ctx.true : ctx.false;
    // QuickJS takes strings as C strings, which end at a NUL: those go through JSON, which escapes it.
    if (typeof value === "string" && !value.includes("\u0000")) return ctx.newString(value);
    if (typeof value === "number") return Number.isFinite(value) ? ctx.newNumber(value) : ctx.null;
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) return ctx.undefined;
    const text = ctx.newString(json);
    try {
      return this.unwrap(ctx.callFunction(this.parse, ctx.undefined, text));
    } finally {
      text.dispose();
    }
  }

  /**
   * A host JSON copy of the guest value `handle` (which stays owned by the caller). Runs the
   * guest's `toJSON` methods, getters and proxies, so it must be called under the CPU deadline.
   * @throws GuestFailure when the guest value cannot be serialised (BigInt, cycle, a throwing toJSON)
   */
  toHost(handle: QuickJSHandle): JsonValue | undefined {
    const ctx = this.context;
    switch (ctx.typeof(handle)) {
      case "undefined":
      case "function":
      case "symbol":
        return undefined;
      case "string": {
        const text = ctx.getString(handle);
        // A C string ends at a NUL; when the guest's string is longer, read it through JSON instead.
        const length = ctx.getProp(handle, "length");
        const guestLength = ctx.getNumber(length);
        length.dispose();
        if (guestLength === text.length) return text;
        break;
      }
      case "number": {
        const n = ctx.getNumber(handle);
        return Number.isFinite(n) ? n : null;
      }
      case "boolean":
        return ctx.dump(handle) === true;
    }
    const json = this.unwrap(ctx.callFunction(this.stringify, ctx.undefined, handle));
    try {
      return ctx.typeof(json) === "string" ? (JSON.parse(ctx.getString(json)) as JsonValue) : undefined;
    } finally {
      json.dispose();
    }
  }

  /** A new guest `Error` with this message (and name, when not plain "Error"). The caller disposes it. */
  newError(message: string, name?: string): QuickJSHandle {
    const ctx = this.context;
    return name && name !== "Error" ? ctx.newError({ name, message }) : ctx.newError(message);
  }

  /** Describes a thrown guest value without ever throwing (user getters run, under the deadline). */
  describe(thrown: QuickJSHandle): GuestErrorInfo {
    const ctx = this.context;
    try {
      const array = this.unwrapOrNull(ctx.callFunction(this.describer, ctx.undefined, thrown));
      if (array === null) return UNDESCRIBABLE;
      try {
        const read = (index: number) => {
          const item = ctx.getProp(array, index);
          try {
            return ctx.typeof(item) === "string" ? ctx.getString(item) : ctx.dump(item) === true;
          } finally {
            item.dispose();
          }
        };
        const [errorLike, name, message, stack] = [read(0), read(1), read(2), read(3)];
        return { errorLike: errorLike === true, name: String(name), message: String(message), stack: String(stack) };
      } finally {
        array.dispose();
      }
    } catch {
      return UNDESCRIBABLE;
    }
  }

  /**
   * The frozen `__host` object built in the guest from `raws` (an object of raw host functions,
   * still owned by the caller). The caller disposes the result.
   * @throws GuestFailure when the guest cannot build it
   */
  makeHost(raws: QuickJSHandle): QuickJSHandle {
    return this.unwrap(this.context.callFunction(this.hostMaker, this.context.undefined, raws));
  }

  /** Makes the guest call `done(ok, value)` once `promise` settles (both handles stay the caller's). */
  watch(promise: QuickJSHandle, done: QuickJSHandle): void {
    this.unwrap(this.context.callFunction(this.watcher, this.context.undefined, promise, done)).dispose();
  }

  dispose(): void {
    for (const handle of [this.parse, this.stringify, this.describer, this.hostMaker, this.watcher]) if (handle.alive) handle.dispose();
  }

  private unwrapOrNull(result: CallResult): QuickJSHandle | null {
    if ("error" in result && result.error) {
      result.error.dispose();
      return null;
    }
    return (result as Extract<CallResult, { value: unknown }>).value;
  }

  private unwrap(result: CallResult): QuickJSHandle {
    if ("error" in result && result.error) {
      const info = this.describe(result.error);
      result.error.dispose();
      throw new GuestFailure(info);
    }
    return (result as Extract<CallResult, { value: unknown }>).value;
  }
}
