/**
 * Runs one program inside the bubblewrap sandbox (rule X7); see ./index.ts for the contract.
 */
import { accessSync, constants, existsSync, lstatSync, realpathSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { runSupervised, type SupervisedExit } from "../tools/supervised-process.ts";
import { scrubEnvironment } from "../tools/environment.ts";
import { bwrapArguments, DEFAULT_RESOURCE_LIMITS, type ResourceLimits } from "./bwrap-args.ts";
import { GIT_SAFETY_ENVIRONMENT, sandboxEnvironment } from "./environment.ts";
import { findDotGit, findGitCommonDir, maskGitFiles } from "./git-config.ts";
import { onGitHubActions, unsafeHostCommandsAllowed, warnUnsafeHostOnce } from "./policy.ts";
import { probeSandbox, runQuietly, sandboxRemedy, type SandboxAvailability } from "./probe.ts";
import { resolveToolchain, type Toolchain } from "./toolchain.ts";
import { QuorumError } from "../../kernel/errors.ts";

export interface SandboxedCommand {
  /** Program and arguments; no shell. The program is looked up on the sandbox's PATH. */
  argv: readonly string[];
  /** Working directory (host path); must be inside `writable` or `readOnly`. */
  cwd: string;
  /** Folders the program may change: an agent's own worktree, a throwaway checkout. */
  writable?: readonly string[];
  /** Folders the program may read: the checkout when it may not change it. */
  readOnly?: readonly string[];
  /** Variables on top of the sandbox's own (e.g. `CI`, `NO_COLOR`); secret-looking names are dropped. */
  env?: Readonly<Record<string, string>>;
  /** Wall time; the whole sandbox is killed when it is up. */
  timeoutMs: number;
  limits?: Partial<ResourceLimits>;
  signal?: AbortSignal | undefined;
  onStdout: (chunk: Buffer) => void;
  onStderr: (chunk: Buffer) => void;
  /** The error to reject with when the program cannot be found or started. */
  startError: (file: string, cause: Error, notFound: boolean) => Error;
}

/** Commands are refused: no sandbox here and no opt-in (or on GitHub, where no opt-in exists). */
export class SandboxUnavailableError extends QuorumError {
  override name = "SandboxUnavailableError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("sandbox_unavailable", message, options);
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function probeOnce(): Promise<SandboxAvailability> {
  return probeSandbox((bwrap, prlimit) => {
    const toolchain = resolveToolchain();
    const args = bwrapArguments({
      argv: ["true"],
      cwd: "/tmp",
      env: sandboxEnvironment(toolchain.path),
      toolchain,
      writable: [],
      readOnly: [],
      gitEntries: [],
      masks: [],
      limits: DEFAULT_RESOURCE_LIMITS,
      prlimit,
    });
    return runQuietly(bwrap, args);
  });
}

/** The sandbox's availability (probed once per process by starting `true` in it). */
export function sandboxAvailability(): Promise<SandboxAvailability> {
  return probeOnce();
}

function refusal(reason: string): SandboxUnavailableError {
  const where = onGitHubActions()
    ? "On GitHub, commands from agents and test runs run only inside the sandbox, so this one was refused."
    : "Commands from agents and test runs run only inside the sandbox; pass --unsafe-host-commands to run them without one, at your own risk.";
  return new SandboxUnavailableError(`No command sandbox: ${reason}. ${where} ${sandboxRemedy()}`);
}

function visible(file: string, folders: readonly string[], toolchain: Toolchain): boolean {
  if (folders.some((folder) => isInside(file, folder))) return true;
  return toolchain.mounts.some((mount) => (mount.kind === "symlink" ? isInside(file, mount.link) : isInside(file, mount.target)));
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The program's path as the sandbox will find it, or undefined when it is not there. */
function locateProgram(name: string, cwd: string, toolchain: Toolchain, folders: readonly string[]): string | undefined {
  if (name.includes("/")) {
    const file = path.resolve(cwd, name);
    return visible(file, folders, toolchain) && isExecutableFile(file) ? file : undefined;
  }
  for (const folder of toolchain.path.split(path.delimiter)) {
    const file = path.join(folder, name);
    if (isExecutableFile(file)) return file;
  }
  return undefined;
}

/**
 * A worktree's `node_modules` symlink to the main checkout's dependencies (see ../worktree.ts):
 * its target, mounted read-only so the test command finds its dependencies. Only a link named
 * `node_modules` at the top whose real target is a folder named `node_modules` counts.
 */
function linkedDependencies(folder: string): string | undefined {
  const link = path.join(folder, "node_modules");
  try {
    if (!lstatSync(link).isSymbolicLink()) return undefined;
    const target = realpathSync(link);
    return path.basename(target) === "node_modules" && statSync(target).isDirectory() ? target : undefined;
  } catch {
    return undefined;
  }
}

/** Runs on the host after the user's explicit opt-in (CLI only). */
function runOnHost(command: SandboxedCommand, reason: string): Promise<SupervisedExit> {
  warnUnsafeHostOnce(reason);
  const [file, ...args] = command.argv;
  return runSupervised(file ?? "", args, {
    cwd: command.cwd,
    env: { ...scrubEnvironment(process.env), ...GIT_SAFETY_ENVIRONMENT, ...scrubEnvironment(command.env ?? {}, Object.keys(command.env ?? {})) },
    timeoutMs: command.timeoutMs,
    signal: command.signal,
    onStdout: command.onStdout,
    onStderr: command.onStderr,
    startError: command.startError,
  });
}

/**
 * Runs `command.argv` in the sandbox and resolves when it and everything it started have ended.
 * Rejects with {@link SandboxUnavailableError} when there is no sandbox and no opt-in, and with
 * `command.startError(…)` when the program is not in the sandbox.
 */
export async function runSandboxed(command: SandboxedCommand): Promise<SupervisedExit> {
  const [file] = command.argv;
  if (file === undefined || file === "") throw command.startError("", new Error("the command is empty"), true);
  const availability = await probeOnce();
  if (!availability.available) {
    if (unsafeHostCommandsAllowed()) return runOnHost(command, availability.reason);
    throw refusal(availability.reason);
  }
  const toolchain = resolveToolchain();
  const writable = [...(command.writable ?? [])];
  const readOnly = [...(command.readOnly ?? [])];
  const folders = [...writable, ...readOnly];
  if (!folders.some((folder) => isInside(command.cwd, folder))) {
    throw command.startError(file, new Error(`the working directory ${command.cwd} is not mounted in the sandbox`), false);
  }
  if (!locateProgram(file, command.cwd, toolchain, folders)) {
    throw command.startError(file, Object.assign(new Error(`${file}: not found`), { code: "ENOENT" }), true);
  }
  const commonDirs = new Set<string>();
  for (const folder of folders) {
    const commonDir = findGitCommonDir(folder);
    if (commonDir) commonDirs.add(commonDir);
  }
  const masked = await Promise.all([...commonDirs].map((dir) => maskGitFiles(dir)));
  try {
    for (const { commonDir } of masked) if (!folders.some((folder) => isInside(commonDir, folder))) readOnly.push(commonDir);
    // An agent rooted at a subfolder of its worktree: git needs the worktree's `.git` file above it.
    for (const folder of folders) {
      const dotGit = findDotGit(folder);
      if (dotGit && !folders.some((other) => isInside(dotGit, other)) && !readOnly.includes(dotGit)) readOnly.push(dotGit);
    }
    for (const folder of folders) {
      const linked = linkedDependencies(folder);
      if (linked && !folders.some((other) => isInside(linked, other))) readOnly.push(linked);
    }
    const args = bwrapArguments({
      argv: command.argv,
      cwd: command.cwd,
      env: sandboxEnvironment(toolchain.path, command.env ?? {}),
      toolchain,
      writable,
      readOnly,
      gitEntries: writable.map((folder) => path.join(folder, ".git")).filter((entry) => existsSync(entry)),
      masks: masked.flatMap((mask) => mask.masks),
      limits: { ...DEFAULT_RESOURCE_LIMITS, ...command.limits },
      prlimit: availability.prlimit,
    });
    return await runSupervised(availability.bwrap, args, {
      cwd: command.cwd,
      env: { PATH: "/usr/bin:/bin" },
      timeoutMs: command.timeoutMs,
      signal: command.signal,
      onStdout: command.onStdout,
      onStderr: command.onStderr,
      startError: (name, cause) => command.startError(name, cause, false),
    });
  } finally {
    await Promise.all(masked.map((mask) => rm(mask.folder, { recursive: true, force: true })));
  }
}
