import { defineConfig } from "vitest/config";
import { HOOK_TIMEOUT_MS, TEST_TIMEOUT_MS } from "./test/support/budget.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One knob for every budget: QUORUM_TEST_TIMEOUT_SCALE (test/support/budget.ts).
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: HOOK_TIMEOUT_MS,
    // Two cores: more workers only adds contention.
    maxWorkers: 2,
  },
});
