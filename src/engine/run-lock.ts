/**
 * One executor per run (rule R3): a lock file in the run directory, created exclusively, naming
 * its owner (pid, host, the process's start time). A second process that wants the run is refused
 * while the owner lives; a lock whose owner died (kill -9, a closed laptop) is stale and is taken
 * over. A run whose record still says `running` but whose owner is gone is shown as `interrupted`.
 *
 * Liveness: same host, the pid exists, and — where the OS tells (Linux /proc) — the process
 * with that pid started when the owner did, so a recycled pid does not keep a dead run "running".
 * A lock from another host cannot be checked and counts as alive.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { QuorumError } from "../kernel/errors.ts";

export const LOCK_FILE = "lock.json";

export interface LockOwner {
  pid: number;
  host: string;
  /** Start time of the owning process as the OS reports it (Linux: clock ticks after boot), or null. */
  processStart: string | null;
  lockedAt: string;
}

/** Another live process executes this run. */
export class RunLockedError extends QuorumError {
  override name = "RunLockedError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("run_locked", message, options);
  }
}

/** Start time of process `pid` (field 22 of /proc/<pid>/stat), or null where there is no /proc. */
export function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether the lock's owner is (as far as this host can tell) still running. */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (!Number.isInteger(owner.pid) || owner.pid <= 0 || !pidExists(owner.pid)) return false;
  if (owner.processStart === null) return true;
  const now = processStartOf(owner.pid);
  return now === null || now === owner.processStart;
}

/** The lock's owner, or null when there is no lock (or it is unreadable: a crash mid-write). */
export function readLock(runDir: string): LockOwner | null {
  try {
    const value = JSON.parse(readFileSync(join(runDir, LOCK_FILE), "utf8")) as Partial<LockOwner>;
    if (typeof value.pid !== "number" || typeof value.host !== "string") return null;
    return { pid: value.pid, host: value.host, processStart: typeof value.processStart === "string" ? value.processStart : null, lockedAt: String(value.lockedAt ?? "") };
  } catch {
    return null;
  }
}

/** Whether a live process holds the run's lock. */
export function runIsLive(runDir: string): boolean {
  const owner = readLock(runDir);
  return owner !== null && ownerAlive(owner);
}

export interface RunLock {
  release(): void;
}

/**
 * Takes the run's lock for this process, or throws {@link RunLockedError} naming the owner. A
 * stale lock (dead owner, or unreadable) is replaced; if two processes race for a stale lock,
 * exactly one wins (the file is created with O_EXCL).
 */
export function acquireRunLock(runDir: string, runId: string): RunLock {
  const path = join(runDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), processStart: processStartOf(process.pid), lockedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readLock(runDir);
      if (owner !== null && ownerAlive(owner)) {
        throw new RunLockedError(
          `run ${runId} is being executed by another process (pid ${owner.pid} on ${owner.host}, since ${owner.lockedAt}); ` +
            "one run has one executor at a time. Wait for it to finish or stop it (Ctrl-C), then resume.",
        );
      }
      try {
        unlinkSync(path); // stale: its owner is gone
      } catch {
        // another process removed it first; the O_EXCL create decides who wins
      }
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(me)}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        const owner = readLock(runDir);
        if (owner && owner.pid === me.pid && owner.host === me.host && owner.lockedAt === me.lockedAt) {
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        }
      },
    };
  }
  throw new RunLockedError(`run ${runId}: another process took the lock at the same moment; one run has one executor at a time.`);
}
