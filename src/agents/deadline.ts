/**
 * One abort signal per agent that fires when the run stops it or its wall time runs out, and
 * remembers which of the two happened (rule A5: `stopped` vs `time_limit`).
 */

export type StopReason = "stopped" | "time_limit";

export interface AgentDeadline {
  /** Pass to every request and tool call. */
  signal: AbortSignal;
  /** Why `signal` fired, or `null` while it has not. */
  stopReason(): StopReason | null;
  /** Clears the timer; call once the agent is done. */
  dispose(): void;
}

/**
 * Edge cases: an already-aborted run signal gives `stopped` at once; a non-finite or non-positive
 * `timeoutMs` means no wall-time limit; if both fire, the first wins.
 */
export function startDeadline(runSignal: AbortSignal, timeoutMs: number): AgentDeadline {
  const controller = new AbortController();
  let reason: StopReason | null = null;
  const fire = (why: StopReason): void => {
    if (reason) return;
    reason = why;
    controller.abort(new Error(why === "stopped" ? "The run stopped this agent." : `The agent ran out of wall time (${timeoutMs} ms).`));
  };
  const onRunAbort = (): void => fire("stopped");
  if (runSignal.aborted) fire("stopped");
  else runSignal.addEventListener("abort", onRunAbort, { once: true });
  const timer = Number.isFinite(timeoutMs) && timeoutMs > 0 ? setTimeout(() => fire("time_limit"), timeoutMs) : undefined;
  return {
    signal: controller.signal,
    stopReason: () => reason,
    dispose: () => {
      clearTimeout(timer);
      runSignal.removeEventListener("abort", onRunAbort);
    },
  };
}

/**
 * Settles with `promise`, or rejects as soon as `signal` aborts, so a tool that ignores its
 * signal cannot hold the agent past its limits. The abandoned promise's rejection is swallowed.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
