/**
 * Attacks on the agent tools (rules X8, X1, X9): what a model could type into `run`, `read`,
 * `grep`, `list` and `glob` to read secrets or files outside the checkout, start programs, or
 * stall the process. Real git, real bubblewrap sandbox. Each attack must fail for the attacker.
 */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToolbox } from "../../src/agents/tools/index.ts";
import type { ToolResult } from "../../src/agents/contract.ts";
import { FAKE_KEY, FAKE_TOKEN, makeFixture, plantInThisProcess, SECRETS, type Fixture } from "./support/secrets.ts";

const DOTENV = `API_KEY=${FAKE_KEY}\n`;
let fixture: Fixture;
let unplant: () => void;
let call: (name: string, input: unknown) => Promise<ToolResult>;
let envBlob = "";

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

async function refused(command: string): Promise<string> {
  const result = await call("run", { command });
  expect(result.isError).toBe(true);
  expect(result.content).toMatch(/^Refused/);
  expectNoSecret(result.content);
  return result.content;
}

beforeAll(() => {
  unplant = plantInThisProcess();
  fixture = makeFixture({
    ".env": DOTENV,
    "config/prod.env": DOTENV,
    ".envrc": `export TOKEN=${FAKE_TOKEN}\n`,
    ".npmrc": `//registry.npmjs.org/:_authToken=${FAKE_TOKEN}\n`,
    ".netrc": `machine github.com login x password ${FAKE_TOKEN}\n`,
    ".git-credentials": `https://x:${FAKE_TOKEN}@github.com\n`,
    "src/app.js": "export const answer = 42;\n",
    "test/app.test.js": "require('node:test')('app', () => {});\n",
  });
  envBlob = execFileSync("git", ["rev-parse", "HEAD:.env"], { cwd: fixture.checkout, encoding: "utf8" }).trim();
  const toolbox = createToolbox({
    root: fixture.checkout,
    tools: ["read", "list", "glob", "grep", "run"],
    isolation: "none",
    runAllowlist: ["node --test", "git log", "git show", "git diff", "git blame", "git status", "git ls-files", "git grep"],
  });
  call = (name, input) => toolbox.call(name, input, new AbortController().signal);
});
afterAll(() => {
  unplant();
  fixture.cleanup();
});

describe("run: option abbreviations, bundling and injection (X8)", () => {
  it("X8 `git grep --open=<program>` (an abbreviation of --open-files-in-pager) is refused", async () => {
    expect(await refused("git grep --open=/usr/bin/env -e x")).toMatch(/spelled out in full|not accepted/);
  });

  it("X8 `git grep -O<program>` and bundled `-nO<program>` are refused", async () => {
    await refused("git grep -Oenv x");
    expect(await refused("git grep -nOenv x")).toMatch(/bundled short options|not accepted/);
  });

  it("X8 `git grep --open-files-in-pager` in full is refused too", async () => {
    await refused("git grep --open-files-in-pager=env x");
  });

  it("X8 `git blame --cont=<file>` (abbreviated --contents) cannot print a file outside", async () => {
    await refused(`git blame --cont=${fixture.secretFile} README.md`);
    await refused(`git blame --contents=${fixture.secretFile} README.md`);
  });

  it("X8 `git blame --ignore-revs=<file>` (abbreviated --ignore-revs-file) is refused", async () => {
    await refused(`git blame --ignore-revs=${fixture.secretFile} README.md`);
  });

  it("X8 `git diff <file outside> <file>` (git's implicit no-index mode) is refused: path operands are confined", async () => {
    await refused(`git diff ${fixture.secretFile} README.md`);
    await refused("git diff ../_temp/key.txt README.md");
    await refused("git diff --no-index /etc/passwd README.md");
  });

  it("X8 `git grep --untracked` is refused (it would search untracked dotenv files)", async () => {
    await refused("git grep --untracked API_KEY");
  });

  it("X8 `--output`, `--ext-diff` and `--textconv` are refused", async () => {
    await refused("git log --output=/tmp/quorum-out -p");
    await refused("git diff --ext-diff HEAD");
    await refused("git show --textconv HEAD");
  });

  it("X8 long options with a separate value word are refused, so a value cannot smuggle another option", async () => {
    await refused("git log --format %H");
  });

  it("X8 global git options and `-c` overrides before the subcommand do not match the allowlist", async () => {
    const result = await call("run", { command: "git -c core.pager=env log" });
    expect(result.content).toMatch(/not on the allowlist/);
    expect((await call("run", { command: "git --exec-path=/tmp log" })).content).toMatch(/not on the allowlist/);
  });

  it("X8 pathspec magic is refused", async () => {
    await refused("git log -- :(top).env");
    await refused("git grep x -- :!src");
  });

  it("X8 the test command runs exactly: `node --test --import=data:…` is refused", async () => {
    expect(await refused("node --test --import=data:text/javascript,console.log(process.env)")).toMatch(/runs exactly as configured/);
    await refused("node --test --require=/tmp/x.js");
  });

  it("X8 the test command may be followed only by files inside the checkout", async () => {
    await refused(`node --test ${fixture.secretFile}`);
    await refused("node --test ../_temp/key.txt");
    await refused("node --test .env");
    const ok = await call("run", { command: "node --test test/app.test.js" });
    expect(ok.content).toMatch(/\[exit code 0/);
  });
});

describe("run: credential files through git (X8, X1)", () => {
  it("X8 `git show <rev>:.env` and `<rev>:config/prod.env` are refused", async () => {
    await refused("git show HEAD:.env");
    await refused("git show HEAD:config/prod.env");
    await refused("git show HEAD:./config/../.env");
    await refused("git show HEAD:.npmrc");
  });

  it("X8 `git show <blob id>` of a dotenv file is refused", async () => {
    expect(await refused(`git show ${envBlob}`)).toMatch(/object id/);
    await refused(`git diff ${envBlob} HEAD:README.md`);
  });

  it("X8 `git grep` over tracked files never shows dotenv content", async () => {
    const result = await call("run", { command: "git grep -n API_KEY" });
    expectNoSecret(result.content);
    const all = await call("run", { command: "git grep -e ghs_ HEAD" });
    expectNoSecret(all.content);
  });

  it("X8 `git log -p` and `git show HEAD` leave dotenv and credential files out of the patch", async () => {
    for (const command of ["git log -p", "git show HEAD", "git diff 4b825dc642cb6eb9a060e54bf8d69288fbee4904 HEAD", "git show --stat HEAD"]) {
      const result = await call("run", { command });
      expect(result.content).toContain("README.md");
      expectNoSecret(result.content);
    }
  });

  it("X8 credential files named as paths are refused for every git command", async () => {
    await refused("git log -p -- .env");
    await refused("git blame .env");
    await refused("git blame -- config/prod.env");
    await refused("git diff HEAD -- .git-credentials");
  });

  it("X8 git config planted in .git/config (pager, fsmonitor, sshCommand, alias, textconv) starts no program", async () => {
    const marker = path.join(fixture.outside, "pwned");
    const git = (...args: string[]) => execFileSync("git", args, { cwd: fixture.checkout });
    git("config", "core.pager", `touch ${marker}`);
    git("config", "core.fsmonitor", `touch ${marker}`);
    git("config", "core.sshCommand", `touch ${marker}`);
    git("config", "alias.log", `!touch ${marker}`);
    git("config", "diff.evil.textconv", `touch ${marker}`);
    writeFileSync(path.join(fixture.checkout, ".git/info/attributes"), "* diff=evil\n");
    try {
      for (const command of ["git log -p", "git status", "git diff HEAD", "git show HEAD", "git grep -n answer"]) {
        await call("run", { command });
      }
      expect(existsSync(marker)).toBe(false);
    } finally {
      for (const key of ["core.pager", "core.fsmonitor", "core.sshCommand", "alias.log", "diff.evil.textconv"]) git("config", "--unset", key);
      writeFileSync(path.join(fixture.checkout, ".git/info/attributes"), "");
    }
  });

  it("X8 hooks in .git/hooks are not run by read-only git commands", async () => {
    const marker = path.join(fixture.outside, "hooked");
    for (const hook of ["post-checkout", "post-index-change", "reference-transaction", "fsmonitor-watchman"]) {
      writeFileSync(path.join(fixture.checkout, ".git/hooks", hook), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    }
    for (const command of ["git status", "git log", "git diff", "git ls-files"]) await call("run", { command });
    expect(existsSync(marker)).toBe(false);
  });
});

describe("read, list, glob, grep (X1)", () => {
  it("X1 dotenv and credential files are refused by read: .env, .envrc, *.env, .npmrc, .netrc, .git-credentials", async () => {
    for (const file of [".env", ".envrc", "config/prod.env", ".npmrc", ".netrc", ".git-credentials"]) {
      const result = await call("read", { path: file });
      expect(result.isError).toBe(true);
      expectNoSecret(result.content);
    }
  });

  it("X1 grep skips credential files and refuses them by name", async () => {
    const all = await call("grep", { pattern: "ghs_|sk-ant" });
    expectNoSecret(all.content);
    const named = await call("grep", { pattern: ".", path: ".npmrc" });
    expect(named.isError).toBe(true);
  });

  it("X1 a symlink in the checkout to a runner secret is refused by read and grep", async () => {
    execFileSync("ln", ["-sf", fixture.secretFile, path.join(fixture.checkout, "notes.txt")]);
    expect((await call("read", { path: "notes.txt" })).isError).toBe(true);
    expectNoSecret((await call("grep", { pattern: "ghs_" })).content);
  });

  it("X1 /proc is refused by read even through an absolute path", async () => {
    const result = await call("read", { path: "/proc/self/environ" });
    expect(result.isError).toBe(true);
    expectNoSecret(result.content);
  });

  it("X1 hidden Unicode in file names is revealed by list and glob", async () => {
    writeFileSync(path.join(fixture.checkout, "src", "app\u200B.js"), "lookalike\n");
    writeFileSync(path.join(fixture.checkout, "src", "pay\u202Egnp.js"), "bidi\n");
    const listed = await call("list", { path: "src" });
    expect(listed.content).toContain("app⟦U+200B⟧.js");
    expect(listed.content).toContain("pay⟦U+202E⟧gnp.js");
    expect(listed.content).toMatch(/invisible character/);
    const globbed = await call("glob", { pattern: "src/*.js" });
    expect(globbed.content).toContain("app⟦U+200B⟧.js");
    expect(globbed.content).not.toContain("\u200B");
  });
});

describe("grep: a model's regex (X9)", () => {
  it("X9 a catastrophic regex (^(a+)+$) is stopped and the event loop keeps running meanwhile", async () => {
    writeFileSync(path.join(fixture.checkout, "src", "evil.txt"), `${"a".repeat(40)}!\n`);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 50);
    try {
      const result = await call("grep", { pattern: "^(a+)+$", path: "src" });
      expect(result.isError).toBe(true);
      expect(result.content).toMatch(/stopped after \d+ s of matching/);
    } finally {
      clearInterval(ticker);
    }
    // The main thread was free the whole time: other agents, check-run updates and signals go on.
    expect(ticks).toBeGreaterThan(10);
  });

  it("X9 grep still finds ordinary matches through the worker", async () => {
    const result = await call("grep", { pattern: "answer = \\d+", path: "src" });
    expect(result.content).toMatch(/src\/app\.js:1: export const answer = 42;/);
  });
});
