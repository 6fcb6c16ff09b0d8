import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Commands and test runs go through the bubblewrap sandbox (~0.1–0.3 s each); flaky-hunt runs its
    // suite 20+ times, which takes minutes when the shared machine is loaded.
    testTimeout: 300_000,
    hookTimeout: 60_000,
    // Two cores: more workers only adds contention.
    maxWorkers: 2,
  },
});
