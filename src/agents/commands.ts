/**
 * What the agents room lends other rooms for running untrusted commands (the testing room's test
 * runs, rule B2): the command sandbox (rule X7), an environment scrubbed of secrets, command lines
 * split without a shell, allowlist matching (rule X2) and throwaway worktrees (rule A8). One door,
 * so the agents room can rearrange its inside without the borrowers noticing.
 */
export { runSandboxed, SandboxUnavailableError } from "./sandbox/index.ts";
export { scrubEnvironment } from "./tools/environment.ts";
export { parseCommandLine } from "./tools/shell-words.ts";
export { findAllowlistEntry } from "./tools/allowlist.ts";
export { withWorktree } from "./worktree.ts";
