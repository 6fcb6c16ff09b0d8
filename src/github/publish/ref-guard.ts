/**
 * The ref guard (rule X5): every ref Quorum writes goes through {@link assertQuorumRef}. Only
 * branches under `refs/heads/quorum/` pass; the default branch never does, even if it were
 * named `quorum/…`.
 *
 * Edge cases:
 * - Accepts the full form (`refs/heads/quorum/x`) and the API's short form (`heads/quorum/x`,
 *   used by `git.updateRef`); returns the full form.
 * - Refuses anything `git check-ref-format` refuses (`..`, `//`, `@{`, control characters, a
 *   component starting with `.` or ending in `.lock`, a trailing `/` or `.`), so a crafted
 *   workflow name cannot escape the prefix.
 */
import { RefGuardError } from "../errors.ts";

export const QUORUM_REF_PREFIX = "refs/heads/quorum/";
export const QUORUM_BRANCH_PREFIX = "quorum/";

/** Returns the full ref (`refs/heads/quorum/…`) or throws {@link RefGuardError}. */
export function assertQuorumRef(ref: string, options: { defaultBranch?: string } = {}): string {
  const full = ref.startsWith("heads/") ? `refs/${ref}` : ref;
  if (!full.startsWith(QUORUM_REF_PREFIX)) throw new RefGuardError(ref, "it is not under refs/heads/quorum/");
  const branch = full.slice("refs/heads/".length);
  if (options.defaultBranch !== undefined && branch === options.defaultBranch) {
    throw new RefGuardError(ref, "it is the default branch");
  }
  const rest = full.slice(QUORUM_REF_PREFIX.length);
  if (!rest) throw new RefGuardError(ref, "the branch name after quorum/ is empty");
  if (
    /[\u0000-\u0020\u007f~^:?*[\\]/.test(full) ||
    full.includes("..") ||
    full.includes("//") ||
    full.includes("@{") ||
    full.endsWith("/") ||
    full.endsWith(".") ||
    full.split("/").some((c) => c.startsWith(".") || c.endsWith(".lock"))
  ) {
    throw new RefGuardError(ref, "it is not a valid branch name");
  }
  return full;
}

/** `quorum/<workflow>/<short fingerprint>`; throws when the result would not pass the guard. */
export function quorumBranchName(workflow: string, shortFingerprint: string): string {
  const branch = `${QUORUM_BRANCH_PREFIX}${workflow}/${shortFingerprint}`;
  assertQuorumRef(`refs/heads/${branch}`);
  return branch;
}
