/**
 * The command sandbox (rule X7): every process started for an agent (the `run` tool, shell-style
 * tools) or a test run goes through {@link runSandboxed}, one implementation for every caller.
 *
 * API (for tool authors):
 *
 *     const exit = await runSandboxed({
 *       argv: ["git", "log", "--oneline"],   // no shell; to run a shell line use ["bash", "-c", line]
 *       cwd: root,                             // must be inside writable or readOnly
 *       writable: [worktree],                  // folders it may change (an agent's own worktree)
 *       readOnly: [checkout],                  // folders it may read
 *       env: { CI: "1" },                      // extra variables; secret-looking names are dropped
 *       timeoutMs: 120_000,
 *       signal,                                // cancel: the whole sandbox is killed
 *       onStdout: (chunk) => …, onStderr: (chunk) => …,
 *       startError: (file, cause, notFound) => new ToolError(…),
 *     });                                      // → { exitCode, exitSignal, timedOut, cancelled, durationMs }
 *
 * It rejects with {@link SandboxUnavailableError} when bubblewrap cannot run here and the user did
 * not opt in ({@link allowUnsafeHostCommands}; never possible on GitHub). Output caps are the
 * caller's (its sinks decide what to keep; see ../tools/output-cap.ts).
 *
 * Inside: own user, PID, mount, IPC, UTS, cgroup and network namespaces; no capabilities; only the
 * sandbox's own processes in /proc; the toolchain and `readOnly` folders read-only, `writable`
 * folders read-write, a fresh /tmp (HOME=/tmp/home); no network; an environment built from an
 * allowlist; git's `.git/config` replaced by a scrubbed copy and git's system/global config off;
 * RLIMIT_DATA/FSIZE/NPROC limits; the supervisor kills the whole sandbox at the time limit.
 */
export { runSandboxed, sandboxAvailability, SandboxUnavailableError, type SandboxedCommand } from "./run-sandboxed.ts";
export { allowUnsafeHostCommands, onGitHubActions, unsafeHostCommandsAllowed } from "./policy.ts";
export { resetSandboxProbe, sandboxRemedy, type SandboxAvailability } from "./probe.ts";
export { DEFAULT_RESOURCE_LIMITS, type ResourceLimits } from "./bwrap-args.ts";
export { GIT_SAFETY_ENVIRONMENT } from "./environment.ts";
export { ensureSandbox } from "./install.ts";
