/**
 * Waits for a condition by polling, with no deadline of its own: the test's time budget
 * (test/support/budget.ts) is the only limit. Use it instead of "sleep N ms and hope the other
 * side got there", which fails on a loaded machine.
 */
export async function waitUntil(condition: () => boolean, pollMs = 10): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, pollMs));
}
