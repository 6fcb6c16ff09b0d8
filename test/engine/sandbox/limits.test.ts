import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_SANDBOX_LIMITS, ScriptLimitError, sandboxDisposeFailures } from "../../../src/engine/sandbox/index.ts";
import { guestError, runGuest } from "./guest.ts";

afterAll(() => expect(sandboxDisposeFailures()).toBe(0));

const MiB = 1024 * 1024;
/**
 * The CPU limit given to tests of the memory and stack limits: so long that on a loaded machine the
 * CPU deadline can never win the race against the limit under test.
 */
const NO_CPU_RACE_MS = 10 * 60_000;

async function limitError(body: string, options: Parameters<typeof guestError>[1] = {}): Promise<ScriptLimitError> {
  const error = await guestError(body, options);
  expect(error).toBeInstanceOf(ScriptLimitError);
  return error as ScriptLimitError;
}

describe("S6 limits stop a runaway script while the host lives on", () => {
  it("S6 the defaults are 5 s of CPU per slice and 256 MiB of memory", () => {
    expect(DEFAULT_SANDBOX_LIMITS).toMatchObject({ cpuMsPerSlice: 5_000, memoryBytes: 256 * MiB });
  });

  it("S6 an endless loop is stopped after the default 5000 ms with a clear error", async () => {
    const started = performance.now();
    const error = await limitError("const x = 1\nwhile (true) {}\n");
    const elapsed = performance.now() - started;
    expect(error.limit).toBe("cpu");
    expect(error.message).toMatch(/^wf\.js: the script ran for more than 5000 ms without awaiting an agent or other host call/);
    expect(elapsed).toBeGreaterThanOrEqual(4_900); // a lower bound only: a loaded machine can only make it later
  });

  it("S6 the CPU deadline applies per slice: it restarts each time the host enters the guest", async () => {
    // Four slices of ~150 ms of guest work each, separated by awaits: 600 ms in all, under a 400 ms limit.
    const result = await runGuest(
      `for (let slice = 0; slice < 4; slice++) {
         const start = __host.now();
         while (__host.now() - start < 150) {}
         await agent(slice);
       }
       return "done";`,
      { limits: { cpuMsPerSlice: 400 }, host: { now: () => performance.now() } },
    );
    expect(result).toBe("done");
  });

  it("S6 time spent in synchronous host functions does not count against the guest", async () => {
    const block = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
      return null;
    };
    const result = await runGuest(`for (let i = 0; i < 4; i++) __host.block(); return "ok";`, { limits: { cpuMsPerSlice: 200 }, host: { block: () => block(120) } });
    expect(result).toBe("ok");
  });

  it("S6 awaiting only guest promises does not yield to the host: an endless async loop is stopped too", async () => {
    const error = await limitError("for (;;) await null;", { limits: { cpuMsPerSlice: 200 } });
    expect(error.message).toMatch(/more than 200 ms without awaiting/);
  });

  it("S6 a loop after an await and inside a function is stopped too", async () => {
    const error = await limitError("function spin() { for (;;) {} }\nawait agent(1)\nspin()", { limits: { cpuMsPerSlice: 200 } });
    expect(error.limit).toBe("cpu");
  });

  it("S6 a memory bomb is stopped at the default 256 MiB with a clear error", async () => {
    const error = await limitError("const hoard = [];\nfor (let i = 0; ; i++) hoard.push(new Array(1e6).fill(i));\n", { limits: { cpuMsPerSlice: NO_CPU_RACE_MS } });
    expect(error.limit).toBe("memory");
    expect(error.message).toMatch(/^wf\.js:2:\d+: the script exceeded the sandbox memory limit of 256 MiB/);
  });

  it.each([
    ["strings", "const a = []; for (let i = 0; ; i++) a.push('x'.repeat(1 << 20) + i);"],
    ["small objects", "const a = []; for (let i = 0; ; i++) a.push({ i, list: [i, i] });"],
    ["map entries", "const m = new Map(); for (let i = 0; ; i++) m.set(i, 'value ' + i);"],
    ["one huge buffer", "new Uint8Array(200 * 1024 * 1024)"],
  ])("S6 a memory bomb made of %s hits the memory limit", async (_what, body) => {
    const error = await limitError(body, { limits: { memoryBytes: 32 * MiB, cpuMsPerSlice: NO_CPU_RACE_MS } });
    expect(error.limit).toBe("memory");
    expect(error.message).toMatch(/exceeded the sandbox memory limit of 32 MiB/);
  });

  it("S6 deep recursion is a stack-limit error with its line, not a crash", async () => {
    const error = await limitError("const ok = 1\nfunction down(n) { return down(n + 1) + 1 }\nreturn down(0)", { limits: { cpuMsPerSlice: NO_CPU_RACE_MS } });
    expect(error.limit).toBe("stack");
    expect(error.message).toMatch(/^wf\.js:2:\d+: the script exceeded the sandbox stack limit of 256 KiB/);
  });

  it("S6 a script may catch its own stack overflow and carry on", async () => {
    expect(await runGuest("function down() { return down() }\ntry { down() } catch (e) { return e.message }")).toBe("stack overflow");
  });

  it("S6 deep nesting that overflows inside the engine's native code is a stack-limit error too", async () => {
    const error = await limitError("let a = []; for (let i = 0; i < 1e6; i++) a = [a];\nreturn JSON.stringify(a).length", { limits: { cpuMsPerSlice: NO_CPU_RACE_MS } });
    expect(error.limit).toBe("stack");
    expect(await runGuest("return 40 + 2")).toBe(42);
  });

  it("S6 after every kind of limit error, other sandboxes in the same process still work", async () => {
    const concurrent = runGuest("const a = await agent('slow'); const b = await agent('slower'); return [a.echo, b.echo];");
    const failures = await Promise.all([
      guestError("while (true) {}", { limits: { cpuMsPerSlice: 100 } }),
      guestError("const a = []; for (;;) a.push(new Array(1e5).fill(0));", { limits: { memoryBytes: 16 * MiB, cpuMsPerSlice: NO_CPU_RACE_MS } }),
      guestError("function f() { return f() + 1 } f()", { limits: { cpuMsPerSlice: NO_CPU_RACE_MS } }),
      guestError("let a = []; for (let i = 0; i < 1e6; i++) a = [a]; JSON.stringify(a)", { limits: { cpuMsPerSlice: NO_CPU_RACE_MS } }),
    ]);
    expect(failures.map((e) => (e as ScriptLimitError).limit)).toEqual(["cpu", "memory", "stack", "stack"]);
    expect(await concurrent).toEqual(["slow", "slower"]);
    expect(await runGuest("const r = await agent('after'); return r.echo")).toBe("after");
  });

  it("S6 out-of-range limits are refused with a message naming the limit", async () => {
    await expect(runGuest("return 1", { limits: { memoryBytes: 1024 } })).rejects.toThrow(/sandbox limit memoryBytes must be a number from/);
    await expect(runGuest("return 1", { limits: { cpuMsPerSlice: 0 } })).rejects.toThrow(/cpuMsPerSlice/);
    await expect(runGuest("return 1", { limits: { stackBytes: 64 * MiB } })).rejects.toThrow(/stackBytes/);
  });
});
