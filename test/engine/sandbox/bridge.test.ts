import { afterAll, describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/kernel/json.ts";
import { SandboxCancelledError, ScriptRuntimeError, runInSandbox, sandboxDisposeFailures } from "../../../src/engine/sandbox/index.ts";
import { guestError, runGuest } from "./guest.ts";

afterAll(() => expect(sandboxDisposeFailures()).toBe(0));

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("S2 the body runs with top-level await and return", () => {
  it("S2 the returned value resolves the run as a JSON copy", async () => {
    const result = await runGuest(`
      const first = await agent("a");
      const [b, c] = await Promise.all([agent("b"), agent("c")]);
      return { echoes: [first.echo, b.echo, c.echo], when: new Date(0), nan: NaN, skip: undefined, fn() {} };
    `);
    expect(result).toEqual({ echoes: ["a", "b", "c"], when: "1970-01-01T00:00:00.000Z", nan: null });
  });

  it("S2 a script without return resolves to undefined; primitives come back as they are", async () => {
    expect(await runGuest("await agent('x')")).toBeUndefined();
    expect(await runGuest("return 'text'")).toBe("text");
    expect(await runGuest("return null")).toBeNull();
    expect(await runGuest("return [1, true, 'a']")).toEqual([1, true, "a"]);
  });

  it("S2 a result that is not JSON is a clear error", async () => {
    const error = await guestError("const a = {}; a.self = a;\nreturn a");
    expect(error).toBeInstanceOf(ScriptRuntimeError);
    expect(error.message).toMatch(/the script's result cannot be copied out of the sandbox as JSON/);
    expect((await guestError("return 10n")).message).toMatch(/cannot be copied out of the sandbox as JSON/);
  });

  it("S2 a runtime error names the line and column in the user's file", async () => {
    const error = (await guestError("const a = 1\n\nconst b = a.missing.deep\n")) as ScriptRuntimeError;
    expect(error).toBeInstanceOf(ScriptRuntimeError);
    expect(error.location).toEqual({ line: 3, column: 20 });
    expect(error.message).toBe("wf.js:3:20: TypeError: cannot read property 'deep' of undefined");
    expect(error.guestName).toBe("TypeError");
  });

  it("S2 columns on line 1 are the user's, not the wrapper's", async () => {
    const error = (await guestError("null.x")) as ScriptRuntimeError;
    expect(error.location).toEqual({ line: 1, column: 5 });
  });

  it("S2 an error thrown deep inside functions reports the top-most frame of the script", async () => {
    const error = (await guestError("function outer() {\n  inner()\n}\nfunction inner() {\n  throw new RangeError('nope')\n}\nawait agent(1)\nouter()")) as ScriptRuntimeError;
    expect(error.message).toMatch(/^wf\.js:5:\d+: RangeError: nope$/);
    expect(error.scriptFrames.map((f) => f.replace(/:\d+\)$/, ")"))).toEqual(["at inner (wf.js:5)", "at outer (wf.js:2)", "at <anonymous> (wf.js:8)"]);
  });

  it("S2 an uncaught rejection from an async host call names the line of the call", async () => {
    const error = await guestError("const ok = await agent('fine')\n\nconst bad = await agent('fail')\n");
    expect(error.message).toMatch(/^wf\.js:3:\d+: Error: the agent failed$/);
  });

  it("S2 an uncaught error from a sync host call names the line of the call", async () => {
    const error = await guestError("\n__host.boom()", { host: { boom: () => { throw new Error("no way") } } });
    expect(error.message).toMatch(/^wf\.js:2:\d+: Error: no way$/);
  });

  it("S2 a thrown non-Error value is reported as such", async () => {
    expect((await guestError("throw 'plain string'")).message).toBe("wf.js: Error: the script threw a non-Error value: plain string");
  });

  it("S2 a script that waits on a promise nothing can settle fails instead of hanging", async () => {
    const error = await guestError("await new Promise(() => {})");
    expect(error.message).toMatch(/waiting on a promise that can never settle/);
  });
});

describe("S5 values and calls cross the boundary as JSON", () => {
  it("S5 globals are defined before the prelude, as copies; undefined stays undefined", async () => {
    const args = { repo: "acme/api", limit: 3 };
    const result = await runGuest(
      `args.limit = 99; return { seenByPrelude, args, missing: typeof nothing, has: "nothing" in globalThis };`,
      { globals: { args, nothing: undefined }, prelude: "globalThis.seenByPrelude = args.repo;" },
    );
    expect(result).toEqual({ seenByPrelude: "acme/api", args: { repo: "acme/api", limit: 99 }, missing: "undefined", has: true });
    expect(args.limit).toBe(3);
  });

  it("S5 sync host results are returned directly, async ones become guest promises", async () => {
    const result = await runGuest(
      `const s = __host.sync(2); const p = __host.later(3);
       return { s, sIsPromise: s instanceof Promise, pIsPromise: p instanceof Promise, p: await p };`,
      { host: { sync: (n) => (n as number) * 10, later: async (n) => (await tick(1), (n as number) * 100) } },
    );
    expect(result).toEqual({ s: 20, sIsPromise: false, pIsPromise: true, p: 300 });
  });

  it("S5 arguments arrive as JSON copies (undefined stays undefined, functions vanish, NaN is null)", async () => {
    const calls: (JsonValue | undefined)[][] = [];
    await runGuest(`__host.record(undefined, () => 1, NaN, "s", 1.5, false, null, { a: [1, { b: undefined }], f() {} }, Symbol("x"));`, {
      host: { record: (...args) => void calls.push(args) },
    });
    expect(calls).toEqual([[undefined, undefined, null, "s", 1.5, false, null, { a: [1, {}] }, undefined]]);
  });

  it("S5 arguments that are not JSON are a TypeError in the guest", async () => {
    const result = await runGuest(`
      const cyclic = {}; cyclic.me = cyclic;
      const out = [];
      for (const bad of [cyclic, 5n]) { try { __host.record(bad); out.push("sent"); } catch (e) { out.push(e.name); } }
      return out;`, { host: { record: () => null } });
    expect(result).toEqual(["TypeError", "TypeError"]);
  });

  it("S5 a host result that is not JSON is a TypeError in the guest, sync or async", async () => {
    const result = await runGuest(
      `const out = [];
       try { __host.big(); } catch (e) { out.push(e.name + ": " + e.message); }
       try { await __host.bigLater(); } catch (e) { out.push(e.name + ": " + e.message); }
       return out;`,
      { host: { big: () => 10n as unknown as JsonValue, bigLater: async () => 10n as unknown as JsonValue } },
    );
    expect(result).toEqual([
      expect.stringMatching(/^TypeError: __host\.big returned a value that is not JSON/),
      expect.stringMatching(/^TypeError: __host\.bigLater resolved to a value that is not JSON/),
    ]);
  });

  it("S5 host errors become guest Errors with the message (and name)", async () => {
    const result = await runGuest(
      `const out = [];
       try { __host.sync(); } catch (e) { out.push([e instanceof Error, e.name, e.message]); }
       try { await __host.later(); } catch (e) { out.push([e instanceof Error, e.name, e.message]); }
       try { await __host.rejectsString(); } catch (e) { out.push([e instanceof Error, e.name, e.message]); }
       return out;`,
      {
        host: {
          sync: () => {
            throw new RangeError("too many");
          },
          later: async () => {
            throw new Error("budget exhausted");
          },
          rejectsString: () => Promise.reject("just text"),
        },
      },
    );
    expect(result).toEqual([
      [true, "RangeError", "too many"],
      [true, "Error", "budget exhausted"],
      [true, "Error", "just text"],
    ]);
  });

  it("S5 host promises that settle after the run ended are ignored safely", async () => {
    let settleLater: (() => void) | undefined;
    const late = new Promise<void>((resolve) => (settleLater = resolve));
    const result = await runGuest(`__host.slow(); __host.failsLater(); return "finished first";`, {
      host: {
        slow: async () => (await late, "too late"),
        failsLater: async () => {
          await late;
          throw new Error("too late too");
        },
      },
    });
    expect(result).toBe("finished first");
    settleLater!();
    await tick(20);
    expect(await runGuest("return 'still fine'")).toBe("still fine");
  });

  it("S5 many host calls are fine: 1000 sync and 1000 awaited async calls", async () => {
    const result = await runInSandbox({
      body: "let s = 0;\nfor (let i = 0; i < 1000; i++) s += __host.sync(i);\nfor (let i = 0; i < 1000; i++) s += await __host.async(i);\nreturn s",
      filename: "calls.js",
      prelude: "",
      globals: {},
      host: { sync: (n) => n, async: async (n) => n },
    });
    expect(result).toBe(999_000);
  });
});

describe("L4 cancellation stops the script", () => {
  it("L4 an already aborted signal rejects at once with SandboxCancelledError", async () => {
    const controller = new AbortController();
    controller.abort(new Error("the run was cancelled"));
    const error = await guestError("return 1", { signal: controller.signal });
    expect(error).toBeInstanceOf(SandboxCancelledError);
    expect(error.message).toBe("wf.js: the workflow script was cancelled (the run was cancelled).");
  });

  it("L4 aborting while the script awaits rejects the run; the late result is ignored", async () => {
    const controller = new AbortController();
    let calls = 0;
    const running = runGuest("await __host.slow(); __host.count(); await __host.slow(); return 'done'", {
      signal: controller.signal,
      host: { slow: async () => (await tick(30), null), count: () => void calls++ },
    });
    setTimeout(() => controller.abort("timed out"), 5);
    await expect(running).rejects.toBeInstanceOf(SandboxCancelledError);
    await tick(60);
    expect(calls).toBe(0);
  });

  it("L4 aborting during a synchronous host call stops the script right after it", async () => {
    const controller = new AbortController();
    const reached: string[] = [];
    const error = await guestError("__host.stop(); __host.mark('after'); while (true) {}", {
      signal: controller.signal,
      host: { stop: () => void controller.abort(), mark: (what) => void reached.push(String(what)) },
    });
    expect(error).toBeInstanceOf(SandboxCancelledError);
    expect(reached.length).toBeLessThanOrEqual(1); // at most the call already in flight; never the loop
  });
});
