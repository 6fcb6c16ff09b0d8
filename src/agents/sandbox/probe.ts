/**
 * Is the bubblewrap sandbox usable here? Decided once per process by actually starting `true`
 * in it with the same options real commands get (rule X7); the answer is cached.
 *
 * Typical failures and what they mean:
 * - bwrap not installed: `apt-get install bubblewrap` (the Action installs it on GitHub runners).
 * - "setting up uid map: Permission denied" / "No permissions to create new namespace": the kernel
 *   or AppArmor forbids unprivileged user namespaces. Ubuntu 24.04 (GitHub's ubuntu-24.04 runners)
 *   does this by default: `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`.
 * - Inside a container without user namespaces (Docker's default seccomp profile): run the job on
 *   the host or give the container `--security-opt seccomp=unconfined`.
 */
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { errorMessage } from "../../kernel/errors.ts";

/** Where bubblewrap is looked for, before PATH. */
const BWRAP_CANDIDATES = ["/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap"] as const;
const PRLIMIT_CANDIDATES = ["/usr/bin/prlimit", "/bin/prlimit"] as const;
const PROBE_TIMEOUT_MS = 30_000;

export type SandboxAvailability =
  | { available: true; bwrap: string; prlimit: string | undefined }
  | { available: false; reason: string };

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable among `candidates`, then on PATH. */
export function findProgram(name: string, candidates: readonly string[], envPath = process.env.PATH ?? ""): string | undefined {
  for (const candidate of candidates) if (executable(candidate)) return candidate;
  for (const folder of envPath.split(path.delimiter)) {
    if (!path.isAbsolute(folder)) continue;
    const file = path.join(folder, name);
    if (executable(file)) return file;
  }
  return undefined;
}

/** `QUORUM_BWRAP` names the bubblewrap program when set (a path; tests point it at nothing). */
export function findBwrap(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const configured = env.QUORUM_BWRAP;
  if (configured !== undefined && configured !== "") return executable(configured) ? configured : undefined;
  return findProgram("bwrap", BWRAP_CANDIDATES);
}

export function findPrlimit(): string | undefined {
  return findProgram("prlimit", PRLIMIT_CANDIDATES, "");
}

/** What to do about a failed probe, for error messages. */
export function sandboxRemedy(): string {
  return (
    "Install bubblewrap (Debian/Ubuntu: sudo apt-get install -y bubblewrap). On Ubuntu 24.04, which restricts " +
    "unprivileged user namespaces, also run: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0."
  );
}

let cached: Promise<SandboxAvailability> | undefined;

/**
 * Starts `true` through `runProbe` (which builds the real sandbox command line) once and caches
 * the answer. `runProbe` resolves with bwrap's exit code and stderr.
 */
export function probeSandbox(runProbe: (bwrap: string, prlimit: string | undefined) => Promise<{ code: number | null; stderr: string }>): Promise<SandboxAvailability> {
  cached ??= (async (): Promise<SandboxAvailability> => {
    const bwrap = findBwrap();
    if (!bwrap) return { available: false, reason: "bubblewrap (bwrap) is not installed" };
    const prlimit = findPrlimit();
    try {
      const { code, stderr } = await runProbe(bwrap, prlimit);
      if (code === 0) return { available: true, bwrap, prlimit };
      return { available: false, reason: `bubblewrap is installed but cannot create a sandbox here: ${stderr.trim() || `exit code ${String(code)}`}` };
    } catch (error) {
      return { available: false, reason: `bubblewrap could not be started: ${errorMessage(error)}` };
    }
  })();
  return cached;
}

/** Forgets the cached probe (tests that change PATH or install bwrap). */
export function resetSandboxProbe(): void {
  cached = undefined;
}

/** Runs `file args` with a clean environment and returns its exit code and stderr. */
export function runQuietly(file: string, args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { PATH: "/usr/bin:/bin" }, timeout: PROBE_TIMEOUT_MS, windowsHide: true }, (error, _stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stderr: String(stderr) || (error && code === null ? error.message : "") });
    });
  });
}
