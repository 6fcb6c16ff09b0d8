/**
 * Shared pieces of the security attack tests: the planted fake secrets, a checkout that carries
 * them the way a GitHub runner does, and ways to run attacker code through the real sandbox.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runSandboxed } from "../../../src/agents/sandbox/index.ts";

/** Fake secrets: planted in this process's environment and argv, a parent process, files. */
export const FAKE_TOKEN = "ghs_FAKEquorumTOKEN0123456789abcdef";
export const FAKE_KEY = "sk-ant-api03-FAKEquorumKEY0123456789";
/** Both, for "contains neither" assertions. */
export const SECRETS = [FAKE_TOKEN, FAKE_KEY] as const;

/** Plants the secrets in this (the test worker's) environment and argv; returns an undo. */
export function plantInThisProcess(): () => void {
  const saved = { token: process.env["INPUT_GITHUB-TOKEN"], key: process.env["INPUT_ANTHROPIC-API-KEY"], gh: process.env.GITHUB_TOKEN };
  process.env["INPUT_GITHUB-TOKEN"] = FAKE_TOKEN;
  process.env["INPUT_ANTHROPIC-API-KEY"] = FAKE_KEY;
  process.env.GITHUB_TOKEN = FAKE_TOKEN;
  process.argv.push(`--planted=${FAKE_TOKEN}`, `--planted-key=${FAKE_KEY}`);
  return () => {
    process.argv.splice(process.argv.indexOf(`--planted=${FAKE_TOKEN}`), 2);
    const restore = (name: string, value: string | undefined) => {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    };
    restore("INPUT_GITHUB-TOKEN", saved.token);
    restore("INPUT_ANTHROPIC-API-KEY", saved.key);
    restore("GITHUB_TOKEN", saved.gh);
  };
}

export interface Fixture {
  /** A git checkout whose .git/config holds the token as actions/checkout leaves it. */
  checkout: string;
  /** A folder outside the checkout standing for RUNNER_TEMP / the home directory, with secret files. */
  outside: string;
  /** A secret file in `outside`. */
  secretFile: string;
  cleanup(): void;
}

/** A checkout with the runner's credentials next to it (and in its .git/config). */
export function makeFixture(files: Record<string, string> = {}): Fixture {
  const base = mkdtempSync(path.join(os.tmpdir(), "quorum-attack-"));
  const checkout = path.join(base, "checkout");
  const outside = path.join(base, "_temp");
  mkdirSync(checkout);
  mkdirSync(outside);
  const secretFile = path.join(outside, "git-credentials.config");
  writeFileSync(secretFile, `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${FAKE_TOKEN}\n`);
  writeFileSync(path.join(outside, "key.txt"), FAKE_KEY);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: checkout, env: { PATH: process.env.PATH ?? "", GIT_CONFIG_NOSYSTEM: "1", HOME: base } });
  git("init", "-q", "-b", "main");
  for (const [name, text] of Object.entries({ "README.md": "fixture\n", ...files })) {
    mkdirSync(path.dirname(path.join(checkout, name)), { recursive: true });
    writeFileSync(path.join(checkout, name), text);
  }
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "fixture");
  // What actions/checkout leaves behind: the token in .git/config, and (v6) an included file.
  git("config", "http.https://github.com/.extraheader", `AUTHORIZATION: basic ${FAKE_TOKEN}`);
  git("config", `includeIf.gitdir:${checkout}/.git.path`, secretFile);
  git("config", "remote.origin.url", `https://x-access-token:${FAKE_TOKEN}@github.com/o/r.git`);
  return { checkout, outside, secretFile, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

export interface Ran {
  exitCode: number | null;
  timedOut: boolean;
  output: string;
}

/** Runs `argv` in the real sandbox with the checkout writable (a test run) or read-only. */
export async function inSandbox(
  checkout: string,
  argv: readonly string[],
  options: { writable?: boolean; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Ran> {
  let output = "";
  const exit = await runSandboxed({
    argv,
    cwd: checkout,
    ...(options.writable === false ? { readOnly: [checkout] } : { writable: [checkout] }),
    timeoutMs: options.timeoutMs ?? 60_000,
    signal: options.signal,
    onStdout: (chunk) => {
      if (output.length < 1_000_000) output += chunk.toString("utf8");
    },
    onStderr: (chunk) => {
      if (output.length < 1_000_000) output += chunk.toString("utf8");
    },
    startError: (file, cause) => new Error(`${file}: ${cause.message}`),
  });
  return { exitCode: exit.exitCode, timedOut: exit.timedOut, output };
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Runs `node <script>` in the sandbox from a separate parent process that was itself started with
 * the secrets in its environment (INPUT_GITHUB-TOKEN, INPUT_ANTHROPIC-API-KEY, as the Action's
 * process is) and its argv. Resolves with what the sandboxed script printed.
 */
export function fromSecretParent(checkout: string, script: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, "secret-parent.ts"), checkout, script, `--token=${FAKE_TOKEN}`, `--key=${FAKE_KEY}`], {
      env: { ...process.env, "INPUT_GITHUB-TOKEN": FAKE_TOKEN, "INPUT_ANTHROPIC-API-KEY": FAKE_KEY, ANTHROPIC_API_KEY: FAKE_KEY },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`secret-parent exited ${String(code)}: ${stderr}`));
      else resolve(JSON.parse(stdout) as Ran);
    });
  });
}
