import { afterAll, describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/kernel/json.ts";
import { ScriptRuntimeError, sandboxDisposeFailures } from "../../../src/engine/sandbox/index.ts";
import { guestError, runGuest } from "./guest.ts";

afterAll(() => expect(sandboxDisposeFailures()).toBe(0));

/** Guest code that tries `fnExpr.constructor.constructor(...)` and reports what it reached. */
const ESCAPE = (fnExpr: string) => `
  const F = (${fnExpr}).constructor.constructor;
  const sameFunction = F === Function;
  const seen = F("return [typeof process, typeof require, typeof globalThis.process, typeof Buffer]")();
  let thrown = null;
  try { F("return process")(); } catch (e) { thrown = e.constructor.name + ": " + e.message; }
  return { sameFunction, seen, thrown };
`;
const CONTAINED = {
  sameFunction: true,
  seen: ["undefined", "undefined", "undefined", "undefined"],
  thrown: "ReferenceError: 'process' is not defined",
};

describe("S5 the sandbox is an isolation boundary", () => {
  it("S5 no filesystem, process, network, timer or host API exists in the guest", async () => {
    const names = [
      "process", "require", "module", "exports", "__dirname", "__filename", "Buffer", "global",
      "setTimeout", "setInterval", "setImmediate", "clearTimeout", "queueMicrotask", "fetch",
      "XMLHttpRequest", "WebSocket", "importScripts", "Deno", "Bun", "std", "os", "print", "console",
      "SharedArrayBuffer", "Atomics", "WebAssembly",
    ];
    const types = await runGuest(`return ${JSON.stringify(names)}.map((n) => [n, typeof globalThis[n]]);`);
    const present = (types as [string, string][]).filter(([, t]) => t !== "undefined");
    expect(present).toEqual([["SharedArrayBuffer", "function"]]); // a plain buffer type: no threads or Atomics to share it with
  });

  it("S5 the guest's globals are the language built-ins plus what the host defined", async () => {
    const names = (await runGuest("return Object.getOwnPropertyNames(globalThis).sort();", { globals: { args: null } })) as string[];
    const builtins = new Set([
      "AggregateError", "Array", "ArrayBuffer", "BigInt", "BigInt64Array", "BigUint64Array", "Boolean", "DataView", "Date",
      "Error", "EvalError", "FinalizationRegistry", "Float16Array", "Float32Array", "Float64Array", "Function", "Infinity",
      "Int16Array", "Int32Array", "Int8Array", "InternalError", "Iterator", "JSON", "Map", "Math", "NaN", "Number", "Object",
      "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "SharedArrayBuffer", "String", "Symbol",
      "SyntaxError", "TypeError", "URIError", "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray", "WeakMap",
      "WeakRef", "WeakSet", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "eval",
      "globalThis", "isFinite", "isNaN", "parseFloat", "parseInt", "undefined", "unescape",
    ]);
    const extra = names.filter((n) => !builtins.has(n));
    // S8: the standard globals are guest code (standard-globals.ts), not host objects.
    const standard = ["DOMException", "TextDecoder", "TextEncoder", "URL", "URLSearchParams", "atob", "btoa", "structuredClone"];
    expect(extra.sort()).toEqual(["__host", "agent", "args", "crypto", "performance", ...standard].sort());
  });

  it('S5 __host.x.constructor.constructor("return process")() stays inside the guest', async () => {
    expect(await runGuest(ESCAPE("__host.agent"))).toEqual(CONTAINED);
  });

  it("S5 agent.constructor.constructor (a prelude function over __host) stays inside the guest", async () => {
    expect(await runGuest(ESCAPE("agent"))).toEqual(CONTAINED);
  });

  it("S5 a resolved value is a plain guest object: its constructor chain stays inside the guest", async () => {
    const result = await runGuest(`
      const value = await agent("x");
      const plain = Object.getPrototypeOf(value) === Object.prototype && value.constructor === Object;
      const escape = (() => { ${ESCAPE("value")} })();
      return { value, plain, escape };
    `);
    expect(result).toEqual({ value: { echo: "x" }, plain: true, escape: CONTAINED });
  });

  it("S5 a rejected host error is a guest Error: its constructor chain stays inside the guest", async () => {
    const result = await runGuest(`
      try {
        await agent("fail");
        return "no error";
      } catch (e) {
        const own = Object.getOwnPropertyNames(e).sort();
        return {
          message: e.message,
          isError: e instanceof Error && Object.getPrototypeOf(e) === Error.prototype,
          own,
          escape: (() => { ${ESCAPE("e")} })(),
        };
      }
    `);
    expect(result).toEqual({ message: "the agent failed", isError: true, own: ["message", "stack"], escape: CONTAINED });
  });

  it("S5 a host error never carries host properties into the guest", async () => {
    const result = await runGuest(
      `try { __host.boom(); } catch (e) { return { keys: Object.getOwnPropertyNames(e).sort(), name: e.name, message: e.message, ctor: e.constructor === Error }; }`,
      {
        host: {
          boom: () => {
            throw Object.assign(new TypeError("bad input"), { secret: "TOKEN", env: { HOME: "/root" } });
          },
        },
      },
    );
    expect(result).toEqual({ keys: ["message", "name", "stack"], name: "TypeError", message: "bad input", ctor: true });
  });

  it("S5 a host promise is a guest Promise: Promise and prototype chains stay inside the guest", async () => {
    const result = await runGuest(`
      const p = agent("x");
      const chain = [];
      for (let o = p; o !== null; o = Object.getPrototypeOf(o)) chain.push(o === p ? "p" : o === Promise.prototype ? "Promise.prototype" : o === Object.prototype ? "Object.prototype" : "other");
      const thenCtor = p.then.constructor.constructor("return typeof process")();
      const escape = (() => { ${ESCAPE("p")} })();
      return { isPromise: p instanceof Promise, chain, thenCtor, escape, value: await p };
    `);
    expect(result).toEqual({
      isPromise: true,
      chain: ["p", "Promise.prototype", "Object.prototype"],
      thenCtor: "undefined",
      escape: CONTAINED,
      value: { echo: "x" },
    });
  });

  it("S5 Object.getPrototypeOf chains from host functions end in guest intrinsics", async () => {
    const result = await runGuest(`
      const out = [];
      for (const f of [__host.agent, agent, __host]) {
        const chain = [];
        for (let o = Object.getPrototypeOf(f); o !== null; o = Object.getPrototypeOf(o)) {
          chain.push(o === Function.prototype ? "Function.prototype" : o === Object.prototype ? "Object.prototype" : "other");
        }
        out.push(chain);
      }
      return out;
    `);
    expect(result).toEqual([["Function.prototype", "Object.prototype"], ["Function.prototype", "Object.prototype"], ["Object.prototype"]]);
  });

  it("S5 a walk over everything reachable from globalThis finds no host object", async () => {
    const result = await runGuest(`
      const seen = new Set(), queue = [globalThis], suspicious = [];
      const HOSTISH = ["process", "require", "Buffer", "module", "setTimeout", "__proto__host"];
      const constructors = new Set([Function, (async () => {}).constructor, (function* () {}).constructor, (async function* () {}).constructor]);
      while (queue.length > 0) {
        const o = queue.shift();
        if (o === null || (typeof o !== "object" && typeof o !== "function") || seen.has(o)) continue;
        seen.add(o);
        if (typeof o === "function" && !constructors.has(o.constructor)) suspicious.push("foreign constructor on " + o.name);
        queue.push(Object.getPrototypeOf(o));
        for (const key of Reflect.ownKeys(o)) {
          if (typeof key === "string" && HOSTISH.includes(key)) suspicious.push("key " + key);
          const d = Reflect.getOwnPropertyDescriptor(o, key);
          if (d) queue.push(d.value, d.get, d.set);
        }
      }
      const F = Function;
      return { visited: seen.size, suspicious, process: F("return typeof process")() };
    `);
    expect(result).toMatchObject({ suspicious: [], process: "undefined" });
    expect((result as { visited: number }).visited).toBeGreaterThan(500);
  });

  it("S5 host return values cross as JSON copies only (no functions, class instances or prototypes)", async () => {
    class Secret {
      token = "abc";
      reveal() {
        return this.token;
      }
    }
    const result = await runGuest(
      `const v = __host.weird();
       return { v, keys: Object.keys(v), fn: typeof v.fn, secretProto: Object.getPrototypeOf(v.secret) === Object.prototype, reveal: typeof v.secret.reveal };`,
      { host: { weird: () => ({ fn: () => 1, date: new Date(0), nested: { toJSON: () => "x" }, secret: new Secret(), nan: Number.NaN }) as unknown as JsonValue } },
    );
    expect(result).toEqual({
      v: { date: "1970-01-01T00:00:00.000Z", nested: "x", secret: { token: "abc" }, nan: null },
      keys: ["date", "nested", "secret", "nan"],
      fn: "undefined",
      secretProto: true,
      reveal: "undefined",
    });
  });

  it("S5 poisoning JSON.stringify / JSON.parse in the guest neither crashes nor reaches the host", async () => {
    const received: unknown[] = [];
    const result = await runGuest(
      `JSON.parse = () => { throw new Error("poisoned parse") };
       JSON.stringify = () => '{"evil":true}';
       const sync = __host.record({ a: [1, 2] });
       const viaAgent = await agent({ b: "x" });
       return { sync, viaAgent };`,
      { host: { record: (value) => (received.push(value), { got: value ?? null }) } },
    );
    expect(received).toEqual([{ a: [1, 2] }]);
    expect(result).toEqual({ sync: { got: { a: [1, 2] } }, viaAgent: { echo: { b: "x" } } });
  });

  it("S5 Object.prototype.toJSON tampering only changes the guest's own data; the host stays untouched", async () => {
    const received: unknown[] = [];
    const result = await runGuest(
      `Object.prototype.toJSON = function () { return "tampered" };
       Object.prototype.polluted = "yes";
       globalThis.pwned = true;
       __host.record({ a: 1 });
       const back = await agent("y");
       return [back.echo, typeof back];`,
      { host: { record: (value) => void received.push(value) } },
    );
    expect(received).toEqual(["tampered"]); // still JSON text, parsed on the host
    expect(result).toBe("tampered"); // the script's own returned value went through its own toJSON
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "toJSON")).toBe(false);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it("S5 a poisoned Object.prototype.then or throwing toJSON fails inside the guest only", async () => {
    const error = await guestError(`
      Object.defineProperty(Object.prototype, "then", { get() { throw new Error("then trap") }, configurable: true });
      await agent("x");
    `);
    expect(error).toBeInstanceOf(ScriptRuntimeError);
    expect(error.message).toMatch(/then trap/);

    const result = await runGuest(`
      try { __host.record({ toJSON() { throw new Error("no json for you") } }); return "sent"; }
      catch (e) { return e.name + ": " + e.message; }
    `, { host: { record: () => null } });
    expect(result).toMatch(/^TypeError: __host\.record: argument 1 cannot be copied out of the sandbox as JSON \(no json for you\)/);
    expect(await runGuest("return 1 + 1")).toBe(2); // the host and new sandboxes are fine
  });

  it("S5 import() and require reached at run time (eval, Function) fail inside the guest", async () => {
    const result = await runGuest(`
      const out = [];
      for (const attempt of [() => eval("import('node:fs')"), () => Function("return import('node:child_process')")(), async () => Function("return require")()]) {
        try { await attempt(); out.push("loaded"); } catch (e) { out.push(e.name + ": " + e.message); }
      }
      return out;
    `);
    expect(result).toEqual([
      "ReferenceError: could not load module 'node:fs'",
      "ReferenceError: could not load module 'node:child_process'",
      "ReferenceError: 'require' is not defined",
    ]);
  });

  it("S5 values the script passes out are JSON copies: later guest changes do not reach the host", async () => {
    const received: JsonValue[] = [];
    await runGuest(`const o = { list: [1] }; __host.record(o); o.list.push(2); __host.record(o);`, {
      host: { record: (value) => void received.push(value ?? null) },
    });
    expect(received).toEqual([{ list: [1] }, { list: [1, 2] }]);
  });
});
