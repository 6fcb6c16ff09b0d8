import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultRunAllowlist } from "../../../src/agents/tools/index.ts";
import { useTempDirs } from "../../support/repo-fixtures.ts";
import { toolsFor } from "./helpers.ts";

const temp = useTempDirs();
const SECRETS = {
  GITHUB_TOKEN: "ghs_secret_github_token",
  ANTHROPIC_API_KEY: "sk-ant-secret",
  ACTIONS_RUNTIME_TOKEN: "actions-runtime-secret",
  ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.invalid",
  OPENAI_BASE_URL: "https://openai.invalid",
  NPM_AUTH: "npm-auth-secret",
  MY_PASSWORD: "password-secret",
} as const;

/** False once `pid` has exited (a zombie waiting for a reaper counts as exited). */
async function isAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return !/^State:\s+Z/m.test(status);
}

/** Waits up to `timeoutMs` for `pid` to exit (a kill is delivered asynchronously); true when it did. */
async function exitsSoon(pid: number, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isAlive(pid))) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

describe("run", () => {
  it("X2 an allowlisted command runs in the checkout and reports its exit code", async () => {
    const root = await temp.dir({ "hello.txt": "hi\n" });
    const { call } = toolsFor(root, { runAllowlist: ["node -e"] });
    const result = await call("run", { command: `node -e "console.log(require('fs').readFileSync('hello.txt','utf8').trim(), process.cwd())"` });
    expect(result.isError).toBe(false);
    expect(result.content).toMatch(new RegExp(`^\\$ node -e .*\\nhi ${root}\\n\\[exit code 0, [\\d.]+ s\\]$`));
    const failing = await call("run", { command: "node -e 'process.exit(3)'" });
    expect(failing.isError).toBe(true);
    expect(failing.content).toMatch(/\[exit code 3,/);
  });

  it("X2 commands not on the allowlist are refused with the allowlist named", async () => {
    const root = await temp.dir();
    const { call } = toolsFor(root, { runAllowlist: ["git log", "npm test"] });
    for (const command of ["rm -rf /", "git push", "gitlog", "/usr/bin/git log", "npm testx", "npm"]) {
      const result = await call("run", { command });
      expect(result.isError).toBe(true);
      expect(result.content).toMatch(/not on the allowlist\. Allowed commands start with: "git log", "npm test"\./);
    }
  });

  it("X2 shell metacharacters and newlines are refused outright, even quoted", async () => {
    const root = await temp.dir();
    const { call } = toolsFor(root, { runAllowlist: ["node -e"] });
    const commands = ["node -e 1; id", "node -e 1 | cat", "node -e 1 && id", "node -e $HOME", "node -e `id`", "node -e 1 > out", "node -e 1 < in", "node -e '1\nid'", "node -e 'a;b'"];
    for (const command of commands) {
      const result = await call("run", { command });
      expect(result.isError).toBe(true);
      expect(result.content).toMatch(/^Refused command: it contains/);
    }
  });

  it("X2 git options that reach outside the repository or start programs are refused", async () => {
    const root = await temp.repo();
    const { call } = toolsFor(root, { runAllowlist: defaultRunAllowlist() });
    for (const command of [
      "git diff --no-index /etc/passwd README.md",
      "git log --output=/tmp/x",
      "git blame --contents /proc/self/environ README.md",
      "git grep -Ovim needle",
      "git grep --open-files-in-pager=sh x",
      "git diff --ext-diff",
    ]) {
      const result = await call("run", { command });
      expect(result.isError).toBe(true);
      expect(result.content).toMatch(/the option ".*" reads or writes outside the repository/);
    }
    const log = await call("run", { command: "git log --format=%s" });
    expect(log).toMatchObject({ isError: false });
    expect(log.content).toContain("fixture");
  });

  it("X2 a command over its time limit is killed with its process group", async () => {
    const root = await temp.dir({
      // The command starts a grandchild that would keep the pipes open for a minute.
      "hang.js": [
        "const { spawn } = require('node:child_process');",
        "const child = spawn(process.execPath, ['-e', 'setTimeout(function(){}, 60000)'], { stdio: 'inherit' });",
        "require('node:fs').writeFileSync('grandchild.pid', String(child.pid));",
        "console.log('started');",
        "setTimeout(function(){}, 60000);",
      ].join("\n"),
    });
    const { call } = toolsFor(root, { runAllowlist: ["node hang.js"], runTimeoutMs: 500 });
    const started = Date.now();
    const result = await call("run", { command: "node hang.js" });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/started\n\[killed: time limit of 0\.5 s reached\]$/);
    const grandchild = Number(await readFile(path.join(root, "grandchild.pid"), "utf8"));
    expect(await exitsSoon(grandchild)).toBe(true);
  });

  it("X2 background processes a command leaves behind are killed when it exits", async () => {
    const root = await temp.dir({
      "leave.js": [
        "const { spawn } = require('node:child_process');",
        "const child = spawn(process.execPath, ['-e', 'setTimeout(function(){}, 60000)'], { stdio: 'ignore' });",
        "require('node:fs').writeFileSync('background.pid', String(child.pid));",
        "child.unref();",
      ].join("\n"),
    });
    const { call } = toolsFor(root, { runAllowlist: ["node leave.js"] });
    expect(await call("run", { command: "node leave.js" })).toMatchObject({ isError: false });
    const background = Number(await readFile(path.join(root, "background.pid"), "utf8"));
    expect(await exitsSoon(background)).toBe(true);
  });

  it("X2 a cancelled agent kills the running command", async () => {
    const root = await temp.dir();
    const { call } = toolsFor(root, { runAllowlist: ["node -e"] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await call("run", { command: "node -e 'setTimeout(function(){}, 60000)'" }, controller.signal);
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/\[cancelled after/);
  });

  it("L5 output over the cap is cut from the middle and the cut is stated", async () => {
    const root = await temp.dir();
    const { call } = toolsFor(root, { runAllowlist: ["node -e"], outputCapBytes: 4096 });
    const result = await call("run", {
      command: `node -e "process.stdout.write('HEAD' + 'x'.repeat(200000) + 'TAIL')"`,
    });
    expect(result.content).toMatch(/^\$ node -e .*\nHEAD/);
    expect(result.content).toMatch(/TAIL\n\[exit code 0/);
    expect(result.content).toMatch(/… \[output truncated: 191\.3 KiB cut from the middle; 195.3 KiB in all, cap 4 KiB; showing the first 1 KiB and the last 3 KiB\] …/);
    expect(result.content.length).toBeLessThan(6000);
  });

  describe("environment", () => {
    const saved: Record<string, string | undefined> = {};
    beforeEach(() => {
      for (const [name, value] of Object.entries(SECRETS)) {
        saved[name] = process.env[name];
        process.env[name] = value;
      }
    });
    afterEach(() => {
      for (const name of Object.keys(SECRETS)) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it("X1 the child process cannot see tokens, keys or ACTIONS_* variables", async () => {
      const root = await temp.dir();
      const { call } = toolsFor(root, { runAllowlist: ["node -e"] });
      const result = await call("run", { command: `node -e "console.log(JSON.stringify(process.env))"` });
      expect(result.isError).toBe(false);
      const json = result.content.split("\n")[1] ?? "";
      const childEnv = JSON.parse(json) as Record<string, string>;
      for (const [name, value] of Object.entries(SECRETS)) {
        expect(childEnv[name]).toBeUndefined();
        expect(result.content).not.toContain(value);
      }
      expect(childEnv.PATH).toBeTruthy();
      expect(Object.keys(childEnv).every((name) => /^(PATH|HOME|LANG|LANGUAGE|LC_\w+|TERM|CI|TMPDIR|TMP|TEMP|USER|LOGNAME|TZ|GIT_TERMINAL_PROMPT|GIT_PAGER|PAGER|NO_COLOR)$/.test(name))).toBe(true);
    });
  });
});
