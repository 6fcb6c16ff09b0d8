import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  QuorumError,
  errorMessage
} from "./chunk-TWYYX7QD.js";

// src/agents/sandbox/install.ts
import { execFile as execFile3 } from "node:child_process";
import { readFileSync as readFileSync2 } from "node:fs";

// src/agents/sandbox/probe.ts
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
var BWRAP_CANDIDATES = ["/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap"];
var PRLIMIT_CANDIDATES = ["/usr/bin/prlimit", "/bin/prlimit"];
var PROBE_TIMEOUT_MS = 3e4;
function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
function findProgram(name, candidates, envPath = process.env.PATH ?? "") {
  for (const candidate of candidates) if (executable(candidate)) return candidate;
  for (const folder of envPath.split(path.delimiter)) {
    if (!path.isAbsolute(folder)) continue;
    const file = path.join(folder, name);
    if (executable(file)) return file;
  }
  return void 0;
}
function findBwrap(env = process.env) {
  const configured = env.QUORUM_BWRAP;
  if (configured !== void 0 && configured !== "") return executable(configured) ? configured : void 0;
  return findProgram("bwrap", BWRAP_CANDIDATES);
}
function findPrlimit() {
  return findProgram("prlimit", PRLIMIT_CANDIDATES, "");
}
function sandboxRemedy() {
  return "Install bubblewrap (Debian/Ubuntu: sudo apt-get install -y bubblewrap). On Ubuntu 24.04, which restricts unprivileged user namespaces, also run: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0.";
}
var cached;
function probeSandbox(runProbe) {
  cached ??= (async () => {
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
function resetSandboxProbe() {
  cached = void 0;
}
function runQuietly(file, args) {
  return new Promise((resolve) => {
    execFile(file, args, { env: { PATH: "/usr/bin:/bin" }, timeout: PROBE_TIMEOUT_MS, windowsHide: true }, (error, _stdout, stderr) => {
      const code = error ? typeof error.code === "number" ? error.code : null : 0;
      resolve({ code, stderr: String(stderr) || (error && code === null ? error.message : "") });
    });
  });
}

// src/agents/sandbox/run-sandboxed.ts
import { accessSync as accessSync2, constants as constants2, existsSync as existsSync3, lstatSync as lstatSync2, realpathSync as realpathSync3, statSync as statSync2 } from "node:fs";
import { rm } from "node:fs/promises";
import path4 from "node:path";

// src/agents/tools/supervised-process.ts
import { spawn } from "node:child_process";
var KILL_GRACE_MS = 2e3;
function killGroup(pid, signal) {
  if (pid === void 0) return;
  try {
    if (process.platform === "win32") process.kill(pid, signal);
    else process.kill(-pid, signal);
  } catch {
  }
}
function runSupervised(file, args, options) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: process.platform !== "win32",
      windowsHide: true,
      shell: false
    });
    let timedOut = false;
    let cancelled = false;
    let exit;
    let graceTimer;
    const stop = () => {
      killGroup(child.pid, "SIGTERM");
      graceTimer = setTimeout(() => killGroup(child.pid, "SIGKILL"), KILL_GRACE_MS);
      graceTimer.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const cleanup = () => {
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    child.stdout.on("data", options.onStdout);
    child.stderr.on("data", options.onStderr);
    child.on("error", (error) => {
      cleanup();
      reject(options.startError(file, error, error.code === "ENOENT"));
    });
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      killGroup(child.pid, "SIGKILL");
    });
    child.on("close", (code, signal) => {
      cleanup();
      resolve({
        exitCode: exit?.code ?? code,
        exitSignal: exit?.signal ?? signal,
        timedOut,
        cancelled,
        durationMs: Math.round(performance.now() - started)
      });
    });
  });
}

// src/agents/tools/environment.ts
import { delimiter, isAbsolute } from "node:path";
var PASSED_VARIABLES = /* @__PURE__ */ new Set([
  "PATH",
  "HOME",
  "LANG",
  "LANGUAGE",
  "TERM",
  "CI",
  "TMPDIR",
  "TMP",
  "TEMP",
  "USER",
  "LOGNAME",
  "TZ",
  "SYSTEMROOT",
  "WINDIR",
  "COMSPEC",
  "PATHEXT"
]);
var PASSED_PREFIXES = ["LC_"];
var SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|PASSPHRASE|AUTH|COOKIE|CREDENTIAL|SESSION|PRIVATE/i;
var SECRET_PREFIXES = ["ACTIONS_", "GITHUB_TOKEN", "ANTHROPIC_", "OPENAI_", "QUORUM_"];
function isSecretVariable(name) {
  const upper = name.toUpperCase();
  return SECRET_NAME.test(upper) || SECRET_PREFIXES.some((prefix) => upper.startsWith(prefix));
}
function isPassed(upper, extra) {
  return PASSED_VARIABLES.has(upper) || extra.has(upper) || PASSED_PREFIXES.some((prefix) => upper.startsWith(prefix));
}
function absolutePathEntries(value) {
  return value.split(delimiter).filter((entry) => isAbsolute(entry)).join(delimiter);
}
function scrubEnvironment(env, extraAllowed = []) {
  const extra = new Set(extraAllowed.map((name) => name.toUpperCase()));
  const scrubbed = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === void 0) continue;
    const upper = name.toUpperCase();
    if (!isPassed(upper, extra) || isSecretVariable(upper)) continue;
    scrubbed[name] = upper === "PATH" ? absolutePathEntries(value) : value;
  }
  return scrubbed;
}

// src/agents/sandbox/bwrap-args.ts
var DEFAULT_RESOURCE_LIMITS = {
  memoryBytes: 4 * 1024 ** 3,
  fileSizeBytes: 1024 ** 3,
  maxProcesses: 1024
};
var SANDBOX_HOME = "/tmp/home";
function mountArgs(mount) {
  switch (mount.kind) {
    case "ro-bind":
      return ["--ro-bind", mount.source, mount.target];
    case "bind":
      return ["--bind", mount.source, mount.target];
    case "symlink":
      return ["--symlink", mount.target, mount.link];
  }
}
function bwrapArguments(plan) {
  const args = [
    "--unshare-all",
    "--die-with-parent",
    "--cap-drop",
    "ALL",
    "--hostname",
    "sandbox",
    "--clearenv"
  ];
  for (const [name, value] of Object.entries(plan.env)) args.push("--setenv", name, value);
  args.push("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", SANDBOX_HOME);
  for (const mount of plan.toolchain.mounts) args.push(...mountArgs(mount));
  for (const folder of plan.readOnly) args.push("--ro-bind", folder, folder);
  for (const folder of plan.writable) args.push("--bind", folder, folder);
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
      "--"
    );
  }
  args.push(...plan.argv);
  return args;
}

// src/agents/sandbox/environment.ts
var COPIED = ["LANG", "LANGUAGE", "TZ", "TERM"];
var GIT_SAFETY_ENVIRONMENT = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_TERMINAL_PROMPT: "0",
  GIT_OPTIONAL_LOCKS: "0",
  GIT_PAGER: "cat",
  PAGER: "cat",
  GIT_ASKPASS: "/bin/false",
  SSH_ASKPASS: "/bin/false",
  GIT_NO_REPLACE_OBJECTS: "1",
  // The checkout is a bind mount: git must find a `.git` above a subfolder-rooted agent.
  GIT_DISCOVERY_ACROSS_FILESYSTEM: "1",
  ...gitCommandLineConfig([
    ["core.fsmonitor", "false"],
    ["core.hooksPath", "/dev/null"],
    ["core.pager", "cat"],
    ["core.sshCommand", "false"],
    ["core.editor", "false"],
    ["core.askPass", "/bin/false"],
    ["diff.external", ""],
    ["credential.helper", ""],
    ["protocol.allow", "never"],
    ["uploadpack.packObjectsHook", ""]
  ])
};
function gitCommandLineConfig(pairs) {
  const env = { GIT_CONFIG_COUNT: String(pairs.length) };
  pairs.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}
function sandboxEnvironment(sandboxPath, extra = {}, host = process.env) {
  const env = { PATH: sandboxPath, HOME: SANDBOX_HOME, TMPDIR: "/tmp", USER: "sandbox", LOGNAME: "sandbox" };
  for (const name of COPIED) {
    const value = host[name];
    if (value !== void 0) env[name] = value;
  }
  for (const [name, value] of Object.entries(host)) {
    if (name.startsWith("LC_") && value !== void 0) env[name] = value;
  }
  Object.assign(env, GIT_SAFETY_ENVIRONMENT);
  for (const [name, value] of Object.entries(extra)) {
    if (!isSecretVariable(name) && name !== "PATH") env[name] = value;
  }
  return env;
}

// src/agents/sandbox/git-config.ts
import { execFile as execFile2 } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path2 from "node:path";
var KEPT_KEYS = /^(core\.(repositoryformatversion|bare|filemode|symlinks|ignorecase|precomposeunicode|logallrefupdates)|extensions\.[a-z0-9]+)$/i;
function listConfig(file) {
  return new Promise((resolve) => {
    execFile2(
      "git",
      ["config", "--file", file, "--list", "--null"],
      { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", LC_ALL: "C" }, windowsHide: true },
      (error, stdout) => resolve(error ? "" : stdout)
    );
  });
}
async function scrubbedConfigText(file) {
  const listed = await listConfig(file);
  const sections = /* @__PURE__ */ new Map();
  for (const record of listed.split("\0")) {
    const newline = record.indexOf("\n");
    if (newline <= 0) continue;
    const key = record.slice(0, newline);
    const value = record.slice(newline + 1);
    if (!KEPT_KEYS.test(key) || !/^[A-Za-z0-9.-]+$/.test(value)) continue;
    const dot = key.lastIndexOf(".");
    const section = key.slice(0, dot);
    const lines = sections.get(section) ?? [];
    lines.push(`	${key.slice(dot + 1)} = ${value}`);
    sections.set(section, lines);
  }
  return [...sections].map(([section, lines]) => `[${section}]
${lines.join("\n")}
`).join("");
}
function findDotGit(dir) {
  for (let current = dir; ; current = path2.dirname(current)) {
    const dotGit = path2.join(current, ".git");
    if (statSync(dotGit, { throwIfNoEntry: false })) return dotGit;
    if (path2.dirname(current) === current) return void 0;
  }
}
function findGitCommonDir(dir) {
  for (let current = dir; ; current = path2.dirname(current)) {
    const dotGit = path2.join(current, ".git");
    const info = statSync(dotGit, { throwIfNoEntry: false });
    if (info?.isDirectory()) return realpathSync(dotGit);
    if (info?.isFile()) {
      const gitDir = gitDirOfFile(dotGit);
      if (!gitDir) return void 0;
      const commonFile = path2.join(gitDir, "commondir");
      if (!existsSync(commonFile)) return gitDir;
      const common = readText(commonFile).trim();
      return realpathSync(path2.resolve(gitDir, common));
    }
    if (path2.dirname(current) === current) return void 0;
  }
}
function readText(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
function gitDirOfFile(dotGit) {
  const match = /^gitdir:\s*(.+?)\s*$/m.exec(readText(dotGit));
  if (!match?.[1]) return void 0;
  const resolved = path2.resolve(path2.dirname(dotGit), match[1]);
  return existsSync(resolved) ? realpathSync(resolved) : void 0;
}
function submoduleConfigs(modules, depth) {
  if (depth > 4 || !existsSync(modules)) return [];
  const found = [];
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path2.join(modules, entry.name);
    const config = path2.join(dir, "config");
    if (existsSync(config) && existsSync(path2.join(dir, "HEAD"))) found.push(config);
    found.push(...submoduleConfigs(path2.join(dir, "modules"), depth + 1), ...existsSync(path2.join(dir, "HEAD")) ? [] : submoduleConfigs(dir, depth + 1));
  }
  return found;
}
async function maskGitFiles(commonDir) {
  const folder = await mkdtemp(path2.join(os.tmpdir(), "quorum-gitmask-"));
  const masks = [];
  const configs = [path2.join(commonDir, "config"), ...submoduleConfigs(path2.join(commonDir, "modules"), 0)];
  for (const [index, config] of configs.entries()) {
    if (!existsSync(config)) continue;
    const source = path2.join(folder, `config-${index}`);
    await writeFile(source, await scrubbedConfigText(config), { mode: 420 });
    masks.push({ source, target: config });
  }
  const worktrees = path2.join(commonDir, "worktrees");
  const names = existsSync(worktrees) ? readdirSync(worktrees) : [];
  const empty = path2.join(folder, "empty");
  await writeFile(empty, "", { mode: 420 });
  for (const name of names) {
    const worktreeConfig = path2.join(worktrees, name, "config.worktree");
    if (existsSync(worktreeConfig)) masks.push({ source: empty, target: worktreeConfig });
  }
  return { commonDir, masks, folder };
}

// src/agents/sandbox/policy.ts
var unsafeHostAllowed = false;
var warned = false;
var warn = (message) => process.stderr.write(`quorum: warning: ${message}
`);
function onGitHubActions(env = process.env) {
  return env.GITHUB_ACTIONS === "true";
}
function unsafeHostCommandsAllowed(env = process.env) {
  return unsafeHostAllowed && !onGitHubActions(env);
}
function warnUnsafeHostOnce(reason) {
  if (warned) return;
  warned = true;
  warn(
    `commands run WITHOUT a sandbox (${reason}); you opted in with --unsafe-host-commands. Test code and agent commands can read your environment, your files and the network. Install bubblewrap (apt-get install bubblewrap) to run them sandboxed.`
  );
}

// src/agents/sandbox/toolchain.ts
import { existsSync as existsSync2, lstatSync, readlinkSync, realpathSync as realpathSync2 } from "node:fs";
import os2 from "node:os";
import path3 from "node:path";
var SYSTEM_FOLDERS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
var ETC_ENTRIES = [
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
  "/etc/inputrc"
];
var SYSTEM_PATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];
function isInside(child, parent) {
  const relative = path3.relative(parent, child);
  return relative === "" || !relative.startsWith("..") && !path3.isAbsolute(relative);
}
function secretFolders(env) {
  const folders = ["/root", "/home", "/tmp", "/var/tmp", "/run", "/proc", "/sys", "/dev", os2.homedir(), os2.tmpdir()];
  for (const name of ["HOME", "RUNNER_TEMP", "RUNNER_TOOL_CACHE_TEMP", "RUNNER_WORKSPACE", "GITHUB_ACTION_PATH"]) {
    const value = env[name];
    if (value && path3.isAbsolute(value)) folders.push(value);
  }
  return folders.filter((folder) => folder !== "/" && folder !== "");
}
function real(file) {
  try {
    return realpathSync2(file);
  } catch {
    return void 0;
  }
}
function nodePrefix() {
  const node = real(process.execPath);
  if (!node) return void 0;
  const bin = path3.dirname(node);
  return path3.basename(bin) === "bin" ? path3.dirname(bin) : bin;
}
function pathEntryFolder(entry, hidden) {
  if (!path3.isAbsolute(entry)) return void 0;
  const resolved = real(entry);
  if (!resolved) return void 0;
  const folder = path3.basename(resolved) === ".bin" && path3.basename(path3.dirname(resolved)) === "node_modules" ? path3.dirname(resolved) : resolved;
  if (hidden.some((secret) => isInside(folder, secret) || isInside(entry, secret) || isInside(secret, folder))) return void 0;
  return folder;
}
function systemMounts() {
  const mounts = [];
  for (const folder of SYSTEM_FOLDERS) {
    const info = lstatSync(folder, { throwIfNoEntry: false });
    if (!info) continue;
    if (info.isSymbolicLink()) mounts.push({ kind: "symlink", target: readlinkSync(folder), link: folder });
    else if (info.isDirectory()) mounts.push({ kind: "ro-bind", source: folder, target: folder });
  }
  for (const entry of ETC_ENTRIES) {
    if (existsSync2(entry)) mounts.push({ kind: "ro-bind", source: entry, target: entry });
  }
  return mounts;
}
var cached2;
function resolveToolchain(env = process.env) {
  const hostPath = env.PATH ?? "";
  const key = `${hostPath}\0${process.execPath}`;
  if (cached2?.key === key) return cached2.toolchain;
  const hidden = secretFolders(env);
  const mounts = systemMounts();
  const covered = (folder) => mounts.some((mount) => mount.kind !== "symlink" && isInside(folder, mount.target));
  const entries = [];
  const prefix = nodePrefix();
  if (prefix && !covered(prefix)) mounts.push({ kind: "ro-bind", source: prefix, target: prefix });
  if (prefix) entries.push(path3.join(prefix, "bin"));
  for (const entry of hostPath.split(path3.delimiter)) {
    const folder = pathEntryFolder(entry, hidden);
    if (!folder || entries.includes(entry)) continue;
    if (!covered(folder)) mounts.push({ kind: "ro-bind", source: folder, target: folder });
    entries.push(entry);
  }
  for (const entry of SYSTEM_PATH) if (!entries.includes(entry) && existsSync2(entry)) entries.push(entry);
  const toolchain = { mounts, path: entries.join(path3.delimiter) };
  cached2 = { key, toolchain };
  return toolchain;
}

// src/agents/sandbox/run-sandboxed.ts
var SandboxUnavailableError = class extends QuorumError {
  name = "SandboxUnavailableError";
  constructor(message, options) {
    super("sandbox_unavailable", message, options);
  }
};
function isInside2(child, parent) {
  const relative = path4.relative(parent, child);
  return relative === "" || !relative.startsWith("..") && !path4.isAbsolute(relative);
}
function probeOnce() {
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
      prlimit
    });
    return runQuietly(bwrap, args);
  });
}
function sandboxAvailability() {
  return probeOnce();
}
function refusal(reason) {
  const where = onGitHubActions() ? "On GitHub, commands from agents and test runs run only inside the sandbox, so this one was refused." : "Commands from agents and test runs run only inside the sandbox; pass --unsafe-host-commands to run them without one, at your own risk.";
  return new SandboxUnavailableError(`No command sandbox: ${reason}. ${where} ${sandboxRemedy()}`);
}
function visible(file, folders, toolchain) {
  if (folders.some((folder) => isInside2(file, folder))) return true;
  return toolchain.mounts.some((mount) => mount.kind === "symlink" ? isInside2(file, mount.link) : isInside2(file, mount.target));
}
function isExecutableFile(file) {
  try {
    accessSync2(file, constants2.X_OK);
    return statSync2(file).isFile();
  } catch {
    return false;
  }
}
function locateProgram(name, cwd, toolchain, folders) {
  if (name.includes("/")) {
    const file = path4.resolve(cwd, name);
    return visible(file, folders, toolchain) && isExecutableFile(file) ? file : void 0;
  }
  for (const folder of toolchain.path.split(path4.delimiter)) {
    const file = path4.join(folder, name);
    if (isExecutableFile(file)) return file;
  }
  return void 0;
}
function linkedDependencies(folder) {
  const link = path4.join(folder, "node_modules");
  try {
    if (!lstatSync2(link).isSymbolicLink()) return void 0;
    const target = realpathSync3(link);
    return path4.basename(target) === "node_modules" && statSync2(target).isDirectory() ? target : void 0;
  } catch {
    return void 0;
  }
}
function runOnHost(command, reason) {
  warnUnsafeHostOnce(reason);
  const [file, ...args] = command.argv;
  return runSupervised(file ?? "", args, {
    cwd: command.cwd,
    env: { ...scrubEnvironment(process.env), ...GIT_SAFETY_ENVIRONMENT, ...scrubEnvironment(command.env ?? {}, Object.keys(command.env ?? {})) },
    timeoutMs: command.timeoutMs,
    signal: command.signal,
    onStdout: command.onStdout,
    onStderr: command.onStderr,
    startError: command.startError
  });
}
async function runSandboxed(command) {
  const [file] = command.argv;
  if (file === void 0 || file === "") throw command.startError("", new Error("the command is empty"), true);
  const availability = await probeOnce();
  if (!availability.available) {
    if (unsafeHostCommandsAllowed()) return runOnHost(command, availability.reason);
    throw refusal(availability.reason);
  }
  const toolchain = resolveToolchain();
  const writable = [...command.writable ?? []];
  const readOnly = [...command.readOnly ?? []];
  const folders = [...writable, ...readOnly];
  if (!folders.some((folder) => isInside2(command.cwd, folder))) {
    throw command.startError(file, new Error(`the working directory ${command.cwd} is not mounted in the sandbox`), false);
  }
  if (!locateProgram(file, command.cwd, toolchain, folders)) {
    throw command.startError(file, Object.assign(new Error(`${file}: not found`), { code: "ENOENT" }), true);
  }
  const commonDirs = /* @__PURE__ */ new Set();
  for (const folder of folders) {
    const commonDir = findGitCommonDir(folder);
    if (commonDir) commonDirs.add(commonDir);
  }
  const masked = await Promise.all([...commonDirs].map((dir) => maskGitFiles(dir)));
  try {
    for (const { commonDir } of masked) if (!folders.some((folder) => isInside2(commonDir, folder))) readOnly.push(commonDir);
    for (const folder of folders) {
      const dotGit = findDotGit(folder);
      if (dotGit && !folders.some((other) => isInside2(dotGit, other)) && !readOnly.includes(dotGit)) readOnly.push(dotGit);
    }
    for (const folder of folders) {
      const linked = linkedDependencies(folder);
      if (linked && !folders.some((other) => isInside2(linked, other))) readOnly.push(linked);
    }
    const args = bwrapArguments({
      argv: command.argv,
      cwd: command.cwd,
      env: sandboxEnvironment(toolchain.path, command.env ?? {}),
      toolchain,
      writable,
      readOnly,
      gitEntries: writable.map((folder) => path4.join(folder, ".git")).filter((entry) => existsSync3(entry)),
      masks: masked.flatMap((mask) => mask.masks),
      limits: { ...DEFAULT_RESOURCE_LIMITS, ...command.limits },
      prlimit: availability.prlimit
    });
    return await runSupervised(availability.bwrap, args, {
      cwd: command.cwd,
      env: { PATH: "/usr/bin:/bin" },
      timeoutMs: command.timeoutMs,
      signal: command.signal,
      onStdout: command.onStdout,
      onStderr: command.onStderr,
      startError: (name, cause) => command.startError(name, cause, false)
    });
  } finally {
    await Promise.all(masked.map((mask) => rm(mask.folder, { recursive: true, force: true })));
  }
}

// src/agents/sandbox/install.ts
var APPARMOR_USERNS = "/proc/sys/kernel/apparmor_restrict_unprivileged_userns";
var INSTALL_TIMEOUT_MS = 5 * 6e4;
function run(file, args) {
  return new Promise((resolve) => {
    execFile3(
      file,
      args,
      { env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", DEBIAN_FRONTEND: "noninteractive" }, timeout: INSTALL_TIMEOUT_MS, windowsHide: true },
      (error, stdout, stderr) => resolve({ ok: !error, output: `${String(stdout)}${String(stderr)}`.trim() })
    );
  });
}
function appArmorRestrictsUserNamespaces() {
  try {
    return readFileSync2(APPARMOR_USERNS, "utf8").trim() === "1";
  } catch {
    return false;
  }
}
async function ensureSandbox(log = () => void 0) {
  let availability = await sandboxAvailability();
  if (availability.available || process.platform !== "linux") return availability;
  const asRoot = (args) => process.getuid?.() === 0 ? run(args[0] ?? "", args.slice(1)) : run("sudo", ["-n", ...args]);
  if (/not installed/.test(availability.reason)) {
    log("Installing bubblewrap for the command sandbox (apt-get install -y bubblewrap)\u2026");
    let installed = await asRoot(["apt-get", "install", "-y", "--no-install-recommends", "bubblewrap"]);
    if (!installed.ok) {
      await asRoot(["apt-get", "update"]);
      installed = await asRoot(["apt-get", "install", "-y", "--no-install-recommends", "bubblewrap"]);
    }
    if (!installed.ok) log(`Could not install bubblewrap: ${installed.output.split("\n").slice(-3).join(" ")}`);
    resetSandboxProbe();
    availability = await sandboxAvailability();
  }
  if (!availability.available && appArmorRestrictsUserNamespaces()) {
    log("Allowing unprivileged user namespaces for bubblewrap (sysctl kernel.apparmor_restrict_unprivileged_userns=0)\u2026");
    const changed = await asRoot(["sysctl", "-w", "kernel.apparmor_restrict_unprivileged_userns=0"]);
    if (!changed.ok) log(`Could not change the sysctl: ${changed.output}`);
    resetSandboxProbe();
    availability = await sandboxAvailability();
  }
  log(availability.available ? `Command sandbox ready (${availability.bwrap}).` : `No command sandbox: ${availability.reason}`);
  return availability;
}

// src/agents/tools/errors.ts
var ToolError = class extends QuorumError {
  name = "ToolError";
  constructor(message, code = "tool_error", options) {
    super(code, message, options);
  }
};

// src/agents/tools/shell-words.ts
var SHELL_METACHARACTERS = /[;|&$`><\n\r\0]/;
var CommandSyntaxError = class extends ToolError {
  name = "CommandSyntaxError";
  constructor(message) {
    super(message, "command_syntax");
  }
};
function describeCharacter(character) {
  if (character === "\n") return "a newline";
  if (character === "\r") return "a carriage return";
  if (character === "\0") return "a NUL character";
  return `'${character}'`;
}
function parseCommandLine(command) {
  const metacharacter = SHELL_METACHARACTERS.exec(command);
  if (metacharacter) {
    throw new CommandSyntaxError(
      `Refused command: it contains ${describeCharacter(metacharacter[0])}. Commands run without a shell, so pipes, redirections, variables, command substitution and chaining (; && ||) are not available; run one command at a time.`
    );
  }
  const argv = [];
  let current = "";
  let inWord = false;
  let index = 0;
  while (index < command.length) {
    const character = command[index] ?? "";
    if (character === " " || character === "	") {
      if (inWord) argv.push(current);
      current = "";
      inWord = false;
      index += 1;
    } else if (character === "'") {
      const end = command.indexOf("'", index + 1);
      if (end === -1) throw new CommandSyntaxError(`Refused command: a single quote is not closed.`);
      current += command.slice(index + 1, end);
      inWord = true;
      index = end + 1;
    } else if (character === '"') {
      index += 1;
      for (; ; ) {
        if (index >= command.length) throw new CommandSyntaxError(`Refused command: a double quote is not closed.`);
        const inner = command[index] ?? "";
        const following = command[index + 1] ?? "";
        if (inner === '"') break;
        if (inner === "\\" && (following === '"' || following === "\\")) {
          current += following;
          index += 2;
        } else {
          current += inner;
          index += 1;
        }
      }
      inWord = true;
      index += 1;
    } else if (character === "\\") {
      if (index + 1 >= command.length) throw new CommandSyntaxError(`Refused command: it ends with a lone backslash.`);
      current += command[index + 1] ?? "";
      inWord = true;
      index += 2;
    } else {
      current += character;
      inWord = true;
      index += 1;
    }
  }
  if (inWord) argv.push(current);
  return argv;
}

// src/agents/tools/allowlist.ts
var READ_ONLY_GIT_COMMANDS = [
  "git log",
  "git show",
  "git diff",
  "git blame",
  "git status",
  "git ls-files",
  "git grep"
];
function defaultRunAllowlist(testCommand) {
  const entries = [];
  const trimmed = testCommand?.trim();
  if (trimmed) {
    parseAllowlistEntry(trimmed);
    entries.push(trimmed);
  }
  return [...entries, ...READ_ONLY_GIT_COMMANDS];
}
function parseAllowlistEntry(entry) {
  let argv;
  try {
    argv = parseCommandLine(entry);
  } catch (error) {
    if (!(error instanceof CommandSyntaxError)) throw error;
    throw new QuorumError(
      "invalid_allowlist_entry",
      `Run allowlist entry "${entry}" cannot be used: ${error.message.replace(/^Refused command: /, "")} Allowlist entries are single commands without shell syntax; wrap a pipeline in a package script and allow that.`
    );
  }
  if (argv.length === 0) throw new QuorumError("invalid_allowlist_entry", `Run allowlist entry "${entry}" is empty; remove it or name a command.`);
  return argv;
}
function findAllowlistEntry(argv, allowlist) {
  return allowlist.find((entry) => entry.length <= argv.length && entry.every((word, index) => argv[index] === word));
}

export {
  scrubEnvironment,
  SandboxUnavailableError,
  runSandboxed,
  ensureSandbox,
  ToolError,
  parseCommandLine,
  defaultRunAllowlist,
  parseAllowlistEntry,
  findAllowlistEntry
};
