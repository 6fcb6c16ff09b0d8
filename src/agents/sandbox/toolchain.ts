/**
 * The toolchain a sandboxed command sees, read-only (rule X7): the system's program and library
 * folders, a short list of `/etc` files programs need to start, the Node.js installation running
 * Quorum, and the folders of PATH that are not in a home directory or a temporary folder.
 *
 * Never mounted: `/opt` (self-hosted runners live in /opt/actions-runner with their credentials;
 * a PATH folder under /opt, such as the hosted tool cache, is mounted on its own), home directories (and `/root`), `/tmp` and `/var/tmp` of the host, the runner's
 * folders (`RUNNER_TEMP`, the `_work/_temp` and `_actions` folders, the runner's own directory with
 * its credentials), `/etc` files other than those below (no `/etc/shadow`, no `/etc/gitconfig`),
 * `/proc` and `/sys` of the host, `/run` (sockets of other services, e.g. the Docker socket).
 */
import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Top-level system folders: bound read-only, or recreated as the same symlink on merged-/usr systems. */
const SYSTEM_FOLDERS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] as const;

/**
 * `/etc` entries programs need: name lookups, the dynamic linker cache, certificates, the local
 * time, Debian's alternatives (many programs are symlinks through it). Nothing that holds a secret.
 */
const ETC_ENTRIES = [
  "/etc/passwd",
  "/etc/group",
  "/etc/nsswitch.conf",
  "/etc/hosts",
  "/etc/host.conf",
  "/etc/ld.so.cache",
  "/etc/ld.so.conf",
  "/etc/ld.so.conf.d",
  "/etc/localtime",
  "/etc/timezone",
  "/etc/alternatives",
  "/etc/ssl/certs",
  "/etc/ca-certificates",
  "/etc/mime.types",
  "/etc/os-release",
  "/etc/debian_version",
  "/etc/lsb-release",
  "/etc/inputrc",
] as const;

/** The PATH inside the sandbox always has these (when they exist). */
const SYSTEM_PATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"] as const;

export type Mount =
  | { kind: "ro-bind"; source: string; target: string }
  | { kind: "bind"; source: string; target: string }
  | { kind: "symlink"; target: string; link: string };

export interface Toolchain {
  mounts: Mount[];
  /** The PATH programs inside get. */
  path: string;
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** Folders whose content must never be visible: homes, temporary folders, the runner's own. */
export function secretFolders(env: Readonly<Record<string, string | undefined>>): string[] {
  const folders = ["/root", "/home", "/tmp", "/var/tmp", "/run", "/proc", "/sys", "/dev", os.homedir(), os.tmpdir()];
  for (const name of ["HOME", "RUNNER_TEMP", "RUNNER_TOOL_CACHE_TEMP", "RUNNER_WORKSPACE", "GITHUB_ACTION_PATH"]) {
    const value = env[name];
    if (value && path.isAbsolute(value)) folders.push(value);
  }
  return folders.filter((folder) => folder !== "/" && folder !== "");
}

function real(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The Node.js installation running Quorum (`<prefix>/bin/node`): programs such as `npm test` need
 * it even when it lives in a home directory (the GitHub runner's own Node.js does).
 */
function nodePrefix(): string | undefined {
  const node = real(process.execPath);
  if (!node) return undefined;
  const bin = path.dirname(node);
  return path.basename(bin) === "bin" ? path.dirname(bin) : bin;
}

/**
 * The folder to mount for one PATH entry: a `node_modules/.bin` folder brings its `node_modules`
 * (its entries are symlinks into it). Undefined when the entry does not exist or is in a folder
 * that must stay hidden.
 */
function pathEntryFolder(entry: string, hidden: readonly string[]): string | undefined {
  if (!path.isAbsolute(entry)) return undefined;
  const resolved = real(entry);
  if (!resolved) return undefined;
  const folder = path.basename(resolved) === ".bin" && path.basename(path.dirname(resolved)) === "node_modules" ? path.dirname(resolved) : resolved;
  if (hidden.some((secret) => isInside(folder, secret) || isInside(entry, secret) || isInside(secret, folder))) return undefined;
  return folder;
}

function systemMounts(): Mount[] {
  const mounts: Mount[] = [];
  for (const folder of SYSTEM_FOLDERS) {
    const info = lstatSync(folder, { throwIfNoEntry: false });
    if (!info) continue;
    if (info.isSymbolicLink()) mounts.push({ kind: "symlink", target: readlinkSync(folder), link: folder });
    else if (info.isDirectory()) mounts.push({ kind: "ro-bind", source: folder, target: folder });
  }
  for (const entry of ETC_ENTRIES) {
    if (existsSync(entry)) mounts.push({ kind: "ro-bind", source: entry, target: entry });
  }
  return mounts;
}

let cached: { key: string; toolchain: Toolchain } | undefined;

/**
 * The read-only toolchain mounts and the PATH for the sandbox, from the host's PATH in `env`.
 * Cached per PATH (the folders do not change during a run).
 */
export function resolveToolchain(env: Readonly<Record<string, string | undefined>> = process.env): Toolchain {
  const hostPath = env.PATH ?? "";
  const key = `${hostPath}\0${process.execPath}`;
  if (cached?.key === key) return cached.toolchain;
  const hidden = secretFolders(env);
  const mounts = systemMounts();
  const covered = (folder: string): boolean =>
    mounts.some((mount) => mount.kind !== "symlink" && isInside(folder, mount.target));
  const entries: string[] = [];
  const prefix = nodePrefix();
  if (prefix && !covered(prefix)) mounts.push({ kind: "ro-bind", source: prefix, target: prefix });
  if (prefix) entries.push(path.join(prefix, "bin"));
  for (const entry of hostPath.split(path.delimiter)) {
    const folder = pathEntryFolder(entry, hidden);
    if (!folder || entries.includes(entry)) continue;
    if (!covered(folder)) mounts.push({ kind: "ro-bind", source: folder, target: folder });
    entries.push(entry);
  }
  for (const entry of SYSTEM_PATH) if (!entries.includes(entry) && existsSync(entry)) entries.push(entry);
  const toolchain = { mounts, path: entries.join(path.delimiter) };
  cached = { key, toolchain };
  return toolchain;
}
