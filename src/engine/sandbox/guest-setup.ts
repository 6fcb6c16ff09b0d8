/**
 * Guest code evaluated first in every sandbox, before globals, the prelude and the script.
 *
 * 1. Determinism (rule S4), enforced at run time so no spelling gets around it (`Math["random"]`,
 *    aliases, destructuring, `Reflect.apply`, `Date.prototype.constructor`, subclasses,
 *    `Reflect.construct`): `Math.random`, `Date.now`, `Date()` and `new Date()` without an argument,
 *    `performance.now`, `crypto.getRandomValues` and `crypto.randomUUID` throw. `Date` is replaced by
 *    a wrapper that shares the original prototype, so `new Date(x)` and `instanceof Date` work. The
 *    original `Date` is kept only in this closure; every replaced property is non-writable and
 *    non-configurable, so a script cannot put anything back. (QuickJS lets `Object.defineProperty`
 *    replace even a locked property of the global object; that swaps in the script's own value,
 *    never an original, which no script can reach.)
 * 2. Internal helpers for the host, captured before any other code runs and never reachable from
 *    the guest's globals: the pristine `JSON.parse` / `JSON.stringify` (values cross only as JSON
 *    text, so a script that poisons the global `JSON` cannot affect the bridge), an error describer
 *    that never throws, `makeHost` (builds the frozen `__host` object; an async host failure gets
 *    the stack of its call site so the error names the script's line), and `watch` (reports the
 *    body's outcome to the host once).
 *
 * The expression evaluates to `[jsonParse, jsonStringify, describeError, makeHost, watch]`.
 * Edge case: local-time `Date` methods (`getHours`, `toString`) follow the host's time zone.
 */

export const NONDETERMINISM_HINT =
  "is not available in workflow scripts: they must be deterministic so a resumed run replays the same way; pass times/ids in through args or an agent";

export const GUEST_SETUP = String.raw`
(() => {
  "use strict";
  const defineProperty = Object.defineProperty;
  const freeze = Object.freeze;
  const construct = Reflect.construct;
  const NativeError = Error;
  const NativeDate = Date;
  const DatePrototype = NativeDate.prototype;
  const jsonParse = JSON.parse;
  const jsonStringify = JSON.stringify;
  const toText = String;

  const refuse = (what) => new NativeError(what + " ${NONDETERMINISM_HINT}.");
  const thrower = (what, name) => ({ [name]() { throw refuse(what); } })[name];
  const lock = (target, key, value) =>
    defineProperty(target, key, { value, writable: false, enumerable: false, configurable: false });

  lock(Math, "random", thrower("Math.random()", "random"));

  const SafeDate = function Date(...args) {
    if (new.target === undefined) throw refuse("Date() called without new (the current time)");
    if (args.length === 0) throw refuse("new Date() without an argument (the current time)");
    return construct(NativeDate, args, new.target);
  };
  defineProperty(SafeDate, "length", { value: 7 });
  lock(SafeDate, "prototype", DatePrototype);
  lock(SafeDate, "now", thrower("Date.now()", "now"));
  lock(SafeDate, "parse", NativeDate.parse);
  lock(SafeDate, "UTC", NativeDate.UTC);
  lock(DatePrototype, "constructor", SafeDate);
  lock(globalThis, "Date", SafeDate);
  lock(globalThis, "performance", freeze({ now: thrower("performance.now()", "now") }));
  lock(globalThis, "crypto", freeze({
    getRandomValues: thrower("crypto.getRandomValues()", "getRandomValues"),
    randomUUID: thrower("crypto.randomUUID()", "randomUUID"),
  }));

  const field = (value, key) => {
    try {
      const v = value[key];
      return typeof v === "string" ? v : undefined;
    } catch {
      return undefined;
    }
  };
  const text = (value) => {
    try {
      return typeof value === "string" ? value : toText(value);
    } catch {
      return "(a value that cannot be printed)";
    }
  };
  // -> [isErrorLike, name, message, stack]
  const describeError = (value) => {
    if (value !== null && (typeof value === "object" || typeof value === "function")) {
      const message = field(value, "message");
      if (message !== undefined) return [true, field(value, "name") ?? "Error", message, field(value, "stack") ?? ""];
      return [false, "Error", text(value), field(value, "stack") ?? ""];
    }
    return [false, "Error", text(value), ""];
  };
  const NativePromise = Promise;
  const promiseThen = NativePromise.prototype.then;
  const apply = Reflect.apply;

  // Wraps a raw host function. A host promise becomes a guest promise whose rejection carries the
  // stack of the call site (the host's error is created later, with no guest frames).
  const wrapHost = (name, raw) => ({
    [name](...args) {
      const result = apply(raw, undefined, args);
      if (!(result instanceof NativePromise)) return result;
      const site = new NativeError();
      return apply(promiseThen, result, [undefined, (error) => {
        try {
          if (error instanceof NativeError && typeof error.stack !== "string") {
            defineProperty(error, "stack", { value: site.stack, writable: true, configurable: true, enumerable: false });
          }
        } catch {}
        throw error;
      }]);
    },
  })[name];
  // -> the frozen __host object
  const makeHost = (raws) => {
    const host = {};
    for (const name of Object.keys(raws)) {
      defineProperty(host, name, { value: wrapHost(name, raws[name]), writable: false, enumerable: true, configurable: false });
    }
    return freeze(host);
  };
  // Reports the body's outcome to the host exactly once: done(true, value) or done(false, error).
  const watch = (promise, done) => {
    apply(promiseThen, promise, [(value) => done(true, value), (error) => done(false, error)]);
  };

  return [jsonParse, jsonStringify, describeError, makeHost, watch];
})()
`;
