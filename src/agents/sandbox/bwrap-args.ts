/**
 * The bubblewrap command line for one sandboxed command (rule X7). Pure: no file system access
 * beyond what the caller resolved (toolchain, git masks), so it can be read and tested.
 *
 * What the command gets:
 * - its own user, PID, mount, IPC, UTS, cgroup and network namespaces (`--unshare-all`): it sees
 *   only its own processes in `/proc`, no network (not even the host's loopback), and no
 *   capabilities (`--cap-drop ALL`);
 * - `--die-with-parent` (killing bwrap kills everything inside); the supervisor starts bwrap in a
 *   new session without a terminal (no keystrokes to push with TIOCSTI) and process group, and the
 *   sandbox's first process stays in that group, so killing the group ends the PID namespace even
 *   while bwrap is still setting up;
 * - `--clearenv` and only the variables the caller passes (built from an allowlist);
 * - the toolchain read-only, a fresh `/tmp` (HOME is `/tmp/home`), a minimal `/dev`;
 * - the folders in `writable` read-write (their `.git` read-only) and those in `readOnly`
 *   read-only, at their own paths;
 * - git files masked with scrubbed copies (see ./git-config.ts);
 * - resource limits through `prlimit` (memory, file size, processes, no core dumps) when present.
 */
import type { Mount, Toolchain } from "./toolchain.ts";

/** Per-process resource limits inside the sandbox; the time limit is the supervisor's. */
export interface ResourceLimits {
  /** RLIMIT_DATA in bytes: heap and other private writable memory of each process. */
  memoryBytes: number;
  /** RLIMIT_FSIZE in bytes: the largest file a process may write. */
  fileSizeBytes: number;
  /** RLIMIT_NPROC: processes of the sandbox user (enforced when Quorum does not run as root). */
  maxProcesses: number;
}

export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = {
  memoryBytes: 4 * 1024 ** 3,
  fileSizeBytes: 1024 ** 3,
  maxProcesses: 1024,
};

/** Where HOME points inside the sandbox (a fresh, empty folder on the sandbox's own /tmp). */
export const SANDBOX_HOME = "/tmp/home";

export interface BwrapPlan {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string>>;
  toolchain: Toolchain;
  writable: readonly string[];
  readOnly: readonly string[];
  /** `.git` folders or files inside `writable` folders, mounted read-only over them. */
  gitEntries: readonly string[];
  masks: readonly { source: string; target: string }[];
  limits: ResourceLimits;
  /** Absolute path of `prlimit`, or undefined to run without resource limits. */
  prlimit: string | undefined;
}

function mountArgs(mount: Mount): string[] {
  switch (mount.kind) {
    case "ro-bind":
      return ["--ro-bind", mount.source, mount.target];
    case "bind":
      return ["--bind", mount.source, mount.target];
    case "symlink":
      return ["--symlink", mount.target, mount.link];
  }
}

/** The arguments after `bwrap`. */
export function bwrapArguments(plan: BwrapPlan): string[] {
  const args = [
    "--unshare-all",
    "--die-with-parent",
    "--cap-drop",
    "ALL",
    "--hostname",
    "sandbox",
    "--clearenv",
  ];
  for (const [name, value] of Object.entries(plan.env)) args.push("--setenv", name, value);
  // The fresh /tmp first: a toolchain or checkout that lives under the host's /tmp (a CI clone,
  // a runner's tool cache) is mounted over it afterwards instead of being hidden by it.
  args.push("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", SANDBOX_HOME);
  for (const mount of plan.toolchain.mounts) args.push(...mountArgs(mount));
  for (const folder of plan.readOnly) args.push("--ro-bind", folder, folder);
  for (const folder of plan.writable) args.push("--bind", folder, folder);
  // Git's own data stays read-only even in a writable checkout: a hook or config written there
  // would run later, outside the sandbox.
  for (const gitEntry of plan.gitEntries) args.push("--ro-bind", gitEntry, gitEntry);
  for (const mask of plan.masks) args.push("--ro-bind", mask.source, mask.target);
  args.push("--chdir", plan.cwd, "--");
  if (plan.prlimit) {
    args.push(
      plan.prlimit,
      `--data=${plan.limits.memoryBytes}`,
      `--fsize=${plan.limits.fileSizeBytes}`,
      `--nproc=${plan.limits.maxProcesses}`,
      "--core=0",
      "--",
    );
  }
  args.push(...plan.argv);
  return args;
}
