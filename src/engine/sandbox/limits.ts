/** Resolves and checks the sandbox limits a caller asked for (rule S6). */
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from "./types.ts";

/** Above this the guest's native frames could overflow the host's own stack before QuickJS notices. */
export const MAX_STACK_BYTES = 512 * 1024;
const MIN_STACK_BYTES = 16 * 1024;
const MIN_MEMORY_BYTES = 8 * 1024 * 1024;
const MAX_MEMORY_BYTES = 1024 * 1024 * 1024;

/**
 * Defaults filled in, each value checked.
 * @throws RangeError naming the bad limit and the accepted range
 */
export function resolveSandboxLimits(partial: Partial<SandboxLimits> | undefined): SandboxLimits {
  const limits: SandboxLimits = { ...DEFAULT_SANDBOX_LIMITS, ...partial };
  check("cpuMsPerSlice", limits.cpuMsPerSlice, 1, 3_600_000, "ms");
  check("memoryBytes", limits.memoryBytes, MIN_MEMORY_BYTES, MAX_MEMORY_BYTES, "bytes");
  check("stackBytes", limits.stackBytes, MIN_STACK_BYTES, MAX_STACK_BYTES, "bytes");
  return limits;
}

function check(name: keyof SandboxLimits, value: number, min: number, max: number, unit: string): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`sandbox limit ${name} must be a number from ${min} to ${max} ${unit}; got ${String(value)}.`);
  }
}

/** `268435456` → `"256 MiB"`. */
export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${(bytes / 1024).toFixed(0)} KiB`;
}
