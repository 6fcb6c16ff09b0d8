/** Helpers for the sandbox tests: run a body with a small test prelude and host. */
import type { JsonValue } from "../../../src/kernel/json.ts";
import { runInSandbox, type HostFunction, type SandboxLimits } from "../../../src/engine/sandbox/index.ts";

/** The primitives the tests need, defined the way the real prelude does: over `__host`. */
export const TEST_PRELUDE = `
globalThis.agent = (prompt, opts) => __host.agent(prompt, opts);
`;

/** A fake agent: resolves `{ echo: prompt }` on a later tick, rejects for the prompt "fail". */
export const fakeAgent: HostFunction = async (prompt) => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  if (prompt === "fail") throw new Error("the agent failed");
  return { echo: prompt ?? null };
};

export interface GuestOptions {
  host?: Record<string, HostFunction>;
  prelude?: string;
  globals?: Record<string, JsonValue | undefined>;
  limits?: Partial<SandboxLimits>;
  signal?: AbortSignal;
  filename?: string;
}

export function runGuest(body: string, options: GuestOptions = {}): Promise<JsonValue | undefined> {
  return runInSandbox({
    body,
    filename: options.filename ?? "wf.js",
    prelude: options.prelude ?? TEST_PRELUDE,
    globals: options.globals ?? {},
    host: { agent: fakeAgent, ...options.host },
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Runs `body` and returns the error it rejects with (fails the test when it resolves). */
export async function guestError(body: string, options: GuestOptions = {}): Promise<Error> {
  try {
    const value = await runGuest(body, options);
    throw new Error(`expected the script to fail, but it returned ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("expected the script to fail")) throw error;
    return error as Error;
  }
}
