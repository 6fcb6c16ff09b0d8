import { readdir, readFile } from "node:fs/promises";
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

/** True while a live (not zombie) process on the host has `marker` in its command line. */
async function markerAlive(marker: string): Promise<boolean> {
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (!cmdline.includes(marker)) continue;
    const status = await readFile(`/proc/${entry}/status`, "utf8").catch(() => "");
    if (status !== "" && !/^State:\s+Z/m.test(status)) return true;
  }
  return false;
}

/**
 * Waits up to `timeoutMs` for every process carrying `marker` to end (a kill is delivered
 * asynchronously, and the sandbox's processes have PIDs of their own namespace, so they are found
 * by their command line); true when none is left.
 */
async function noProcessSoon(marker: string, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await markerAlive(marker))) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

describe("run", () => {
  it("X2 an allowlisted command runs in the checkout and reports its exit code", async () => {
    const root = await temp.dir({ "hello.txt": "hi\n" });
    const hello = `node -e "console.log(require('fs').readFileSync('hello.txt','utf8').trim(), process.cwd())"`;
    const { call } = toolsFor(root, { runAllowlist: [hello, "node -e 'process.exit(3)'"] });
    const result = await call("run", { command: hello });
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
      expect(result.content).toMatch(/the option ".*" is not accepted for git|bundled short options/);
    }
    const log = await call("run", { command: "git log --format=%s" });
    expect(log).toMatchObject({ isError: false });
    expect(log.content).toContain("fixture");
  });

  it("X2 a command over its time limit is killed with everything it started", async () => {
    const marker = `quorum-hang-${process.pid}-${Date.now()}`;
    const root = await temp.dir({
      // The command starts a grandchild that would keep the pipes open for a minute.
      "hang.js": [
        "const { spawn } = require('node:child_process');",
        `spawn(process.execPath, ['-e', 'setTimeout(function(){}, 60000)', '${marker}'], { stdio: 'inherit' });`,
        "console.log('started');",
        "setTimeout(function(){}, 60000);",
      ].join("\n"),
    });
    const { call } = toolsFor(root, { runAllowlist: ["node hang.js"], runTimeoutMs: 3000 });
    const result = await call("run", { command: "node hang.js" });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/started\n\[killed: time limit of 3 s reached\]$/);
    expect(await noProcessSoon(marker)).toBe(true);
  });

  it("X2 background processes a command leaves behind are killed when it exits", async () => {
    const marker = `quorum-leave-${process.pid}-${Date.now()}`;
    const root = await temp.dir({
      "leave.js": [
        "const { spawn } = require('node:child_process');",
        `const child = spawn(process.execPath, ['-e', 'setTimeout(function(){}, 60000)', '${marker}'], { stdio: 'ignore', detached: true });`,
        "child.unref();",
        "console.log('left', child.pid);",
      ].join("\n"),
    });
    const { call } = toolsFor(root, { runAllowlist: ["node leave.js"] });
    expect(await call("run", { command: "node leave.js" })).toMatchObject({ isError: false });
    expect(await noProcessSoon(marker)).toBe(true);
  });

  it("X2 a cancelled agent kills the running command", async () => {
    const root = await temp.dir();
    const { call } = toolsFor(root, { runAllowlist: ["node -e 'setTimeout(function(){}, 60000)'"] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await call("run", { command: "node -e 'setTimeout(function(){}, 60000)'" }, controller.signal);
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/\[cancelled after/);
  });

  it("L5 output over the cap is cut from the middle and the cut is stated", async () => {
    const root = await temp.dir();
    const command = `node -e "process.stdout.write('HEAD' + 'x'.repeat(200000) + 'TAIL')"`;
    const { call } = toolsFor(root, { runAllowlist: [command], outputCapBytes: 4096 });
    const result = await call("run", { command });
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
      const command = `node -e "console.log(JSON.stringify(process.env))"`;
      const { call } = toolsFor(root, { runAllowlist: [command] });
      const result = await call("run", { command });
      expect(result.isError).toBe(false);
      const json = result.content.split("\n")[1] ?? "";
      const childEnv = JSON.parse(json) as Record<string, string>;
      for (const [name, value] of Object.entries(SECRETS)) {
        expect(childEnv[name]).toBeUndefined();
        expect(result.content).not.toContain(value);
      }
      expect(childEnv.PATH).toBeTruthy();
      expect(Object.keys(childEnv).every((name) => /^(PATH|HOME|LANG|LANGUAGE|LC_\w+|TERM|CI|TMPDIR|TMP|TEMP|USER|LOGNAME|TZ|GIT_\w+|SSH_ASKPASS|PAGER|PWD|NO_COLOR)$/.test(name))).toBe(true);
    });
  });
});
