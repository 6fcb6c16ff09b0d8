/**
 * Time budgets of the test suite, from one knob: `QUORUM_TEST_TIMEOUT_SCALE` (default 1).
 *
 * Budgets are upper limits that only fail a test that hangs; no assertion in the suite depends on
 * how fast the machine is. A loaded or slow machine (a shared CI runner, a CPU hog beside the
 * suite) sets e.g. `QUORUM_TEST_TIMEOUT_SCALE=3` to give every budget three times as long;
 * vitest.config.ts reads the same module, so the default test timeout follows the knob too.
 */

function readScale(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error(`QUORUM_TEST_TIMEOUT_SCALE must be a positive number (e.g. 2), got "${raw}".`);
  }
  return scale;
}

export const TIMEOUT_SCALE = readScale(process.env.QUORUM_TEST_TIMEOUT_SCALE);

/** `ms` scaled by the knob. */
export function budget(ms: number): number {
  return Math.round(ms * TIMEOUT_SCALE);
}

/**
 * Every test, unless it says otherwise. Commands and test runs go through the bubblewrap sandbox
 * (~0.1–0.3 s each); flaky-hunt runs its suite 20+ times, which takes minutes on a loaded machine.
 */
export const TEST_TIMEOUT_MS = budget(300_000);

/** Every hook (set-up and tear-down), unless it says otherwise. */
export const HOOK_TIMEOUT_MS = budget(60_000);

/**
 * End-to-end tests that run a real test suite many times over (flaky-hunt detection and proof
 * runs) or a whole bundled Action: on an idle machine they take 10–30 s, on a loaded one several
 * times that.
 */
export const SLOW_TEST_TIMEOUT_MS = budget(600_000);
