/**
 * Installation-token permissions, as GitHub enforces them for `GITHUB_TOKEN` and App tokens: a
 * token given {@link TokenPermissions} may call an operation only if its permission category
 * allows it — reading needs `read` or `write`, anything but GET/HEAD needs `write`. Otherwise the
 * answer is GitHub's 403 "Resource not accessible by integration". Tokens the test did not scope
 * may do anything (the fake's default).
 *
 * Categories follow GitHub's permission names; `metadata` (repository info, collaborators'
 * permission levels) is always readable.
 */

export type PermissionLevel = "read" | "write";
export type PermissionName = "contents" | "checks" | "issues" | "pull_requests" | "actions" | "metadata";
export type TokenPermissions = Partial<Record<PermissionName, PermissionLevel>>;

/** Metadata reads every token may make. */
const METADATA = new Set(["repos/get", "repos/get-collaborator-permission-level", "users/get-by-username", "apps/get-authenticated"]);

/** The permission an operation needs (by operationId). */
export function permissionOf(operationId: string): PermissionName {
  if (METADATA.has(operationId)) return "metadata";
  const group = operationId.slice(0, operationId.indexOf("/"));
  switch (group) {
    case "checks":
      return "checks";
    case "issues":
    case "reactions":
      return "issues";
    case "pulls":
      return "pull_requests";
    case "actions":
      return "actions";
    default:
      // git/*, repos/* (contents, refs, commits, merges) and anything else: the repository's contents.
      return "contents";
  }
}

/** Why `permissions` do not allow `method` on `operationId`, or null when they do. */
export function deniedBy(permissions: TokenPermissions, operationId: string, method: string): string | null {
  const needed = permissionOf(operationId);
  const write = method !== "GET" && method !== "HEAD";
  if (needed === "metadata" && !write) return null;
  const granted = permissions[needed];
  if (granted === "write" || (granted === "read" && !write)) return null;
  return `${needed}: ${write ? "write" : "read"}`;
}
