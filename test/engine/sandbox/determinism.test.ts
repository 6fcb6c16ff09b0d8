import { afterAll, describe, expect, it } from "vitest";
import { NONDETERMINISM_HINT, ScriptRuntimeError, sandboxDisposeFailures } from "../../../src/engine/sandbox/index.ts";
import { guestError, runGuest } from "./guest.ts";

const HINT = "is not available in workflow scripts: they must be deterministic so a resumed run replays the same way; pass times/ids in through args or an agent";

/** Evaluates `expression` in the guest and returns the message it throws (or "no error"). */
async function thrown(expression: string, setup = ""): Promise<string> {
  const result = await runGuest(`${setup}\ntry {\n  ${expression};\n  return "no error";\n} catch (e) {\n  return String(e && e.message);\n}`);
  return String(result);
}

afterAll(() => expect(sandboxDisposeFailures()).toBe(0));

describe("S4 determinism at run time", () => {
  it("S4 the hint says why and what to do instead", () => {
    expect(NONDETERMINISM_HINT).toBe(HINT);
  });

  it.each([
    ["Date.now()", "Date.now()"],
    ['Date["now"]()', "Date.now()"],
    ["const { now } = Date; now()", "Date.now()"],
    ["Math.random()", "Math.random()"],
    ['Math["random"]()', "Math.random()"],
    ['const k = "ran" + "dom"; Math[k]()', "Math.random()"],
    ["const r = Math.random; r()", "Math.random()"],
    ["const { random } = Math; random()", "Math.random()"],
    ["const { random: rnd } = globalThis.Math; rnd()", "Math.random()"],
    ["Reflect.apply(Math.random, Math, [])", "Math.random()"],
    ["Math.random.call(null)", "Math.random()"],
    ["[0].map(Math.random)", "Math.random()"],
    ["new Date()", "new Date() without an argument"],
    ["new Date", "new Date() without an argument"],
    ["new Date(...[])", "new Date() without an argument"],
    ["Date()", "Date() called without new"],
    ["Date(0)", "Date() called without new"],
    ["Reflect.apply(Date, null, [])", "Date() called without new"],
    ["Reflect.construct(Date, [])", "new Date() without an argument"],
    ["new Date.prototype.constructor()", "new Date() without an argument"],
    ["new (new Date(0).constructor)()", "new Date() without an argument"],
    ["new (Object.getPrototypeOf(new Date(0)).constructor)()", "new Date() without an argument"],
    ["Object.getPrototypeOf(new Date(0)).constructor.now()", "Date.now()"],
    ["class X extends Date { constructor() { super() } }; new X()", "new Date() without an argument"],
    ["class Y extends Date {}; new Y()", "new Date() without an argument"],
    ["const D = globalThis['Da' + 'te']; new D()", "new Date() without an argument"],
    ["performance.now()", "performance.now()"],
    ["const { now } = performance; now()", "performance.now()"],
    ["crypto.getRandomValues(new Uint8Array(4))", "crypto.getRandomValues()"],
    ["crypto.randomUUID()", "crypto.randomUUID()"],
  ])("S4 %s throws a clear error", async (expression, what) => {
    const message = await thrown(expression);
    expect(message.startsWith(what)).toBe(true);
    expect(message.endsWith(`${HINT}.`)).toBe(true);
  });

  it("S4 an uncaught call fails the run with the script's line", async () => {
    const error = await guestError("const a = 1\n\nconst t = Date.now()\n");
    expect(error).toBeInstanceOf(ScriptRuntimeError);
    expect(error.message).toMatch(/^wf\.js:3:\d+: Error: Date\.now\(\) is not available in workflow scripts/);
  });

  it("S4 new Date(x) with an argument works, and instanceof Date still works", async () => {
    const result = await runGuest(`
      class Stamp extends Date { constructor(ms) { super(ms) } }
      const d = new Date(0), s = new Stamp(86400000);
      return {
        iso: d.toISOString(),
        parsed: new Date("2024-01-02T03:04:05Z").getTime(),
        parts: new Date(Date.UTC(2020, 1, 3)).toISOString(),
        parse: Date.parse("2000-01-01T00:00:00Z"),
        copy: new Date(d).getTime(),
        instance: d instanceof Date && s instanceof Date && s instanceof Stamp,
        sub: s.toISOString(),
        ctor: d.constructor === Date && Date.prototype.constructor === Date,
        json: JSON.stringify({ d }),
        shape: [Date.name, Date.length, typeof Date.now],
      };
    `);
    expect(result).toEqual({
      iso: "1970-01-01T00:00:00.000Z",
      parsed: 1704164645000,
      parts: "2020-02-03T00:00:00.000Z",
      parse: 946684800000,
      copy: 0,
      instance: true,
      sub: "1970-01-02T00:00:00.000Z",
      ctor: true,
      json: '{"d":"1970-01-01T00:00:00.000Z"}',
      shape: ["Date", 7, "function"],
    });
  });

  it.each([
    ["assigning Math.random", "Math.random = () => 4", true],
    ["redefining Math.random", "Object.defineProperty(Math, 'random', { value: () => 4 })", true],
    ["deleting Math.random", "delete Math.random", true],
    ["assigning Date.now", "Date.now = () => 0", true],
    ["assigning the global Date", "globalThis.Date = function () {}", true],
    ["replacing Date.prototype.constructor", "Date.prototype.constructor = Object", true],
    ["redefining Date.prototype", "Object.defineProperty(Date, 'prototype', { value: {} })", true],
    ["assigning performance.now", "performance.now = () => 0", true],
    ["assigning crypto", "globalThis.crypto = {}", true],
    // QuickJS lets Object.defineProperty replace a locked property of the global object; that only
    // swaps in the script's own value: the originals are unreachable, so nothing is restored.
    ["redefining the global Date", "Object.defineProperty(globalThis, 'Date', { value: function Date() { return 1 } })", false],
    ["redefining the global performance", "Object.defineProperty(globalThis, 'performance', { value: { now: () => 1 } })", false],
  ])("S4 a script cannot restore what was removed (%s)", async (_what, attempt, refusedExpected) => {
    const result = await runGuest(`
      const NativeMath = Math, proto = Object.getPrototypeOf(new Date(0));
      let refused = false;
      try { ${attempt} } catch (e) { refused = e instanceof TypeError; }
      // Every way back to a clock or a random source must still fail.
      const probes = [
        () => NativeMath.random(),
        () => proto.constructor.now(),
        () => new proto.constructor(),
        () => Reflect.construct(proto.constructor, []),
        () => Object.getPrototypeOf(Math).constructor === Object && Math.random(),
      ];
      const still = probes.map((probe) => { try { probe(); return "works"; } catch (e) { return "throws"; } });
      return { refused, still };
    `);
    expect(result).toEqual({ refused: refusedExpected, still: ["throws", "throws", "throws", "throws", "throws"] });
  });
});
