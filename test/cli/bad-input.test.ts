/**
 * The bad-input corpus (rules K1–K3, J6, R3, C6): every mistake a user can make with the CLI, its
 * flags, workflow scripts, run state, config and the Action's inputs gets a clear error that names
 * the problem and the fix — one line, no stack trace, a non-zero exit — and nothing is created or
 * changed that should not be. Most cases call the CLI's `main` in-process (fast); a handful go
 * through the real `quorum` process to prove the same holds there.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readInputs } from "../../src/action/inputs.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";
import { parseConfig } from "../../src/github/config.ts";
import { tempDir } from "../support/run-script.ts";

const exec = promisify(execFile);
const BIN = join(process.cwd(), "bin/quorum.js");
const ENV = { PATH: process.env.PATH };

function captureIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return { stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) }, env: ENV, cwd, out: () => out, err: () => err };
}

/** Every file below `dir` with its size and modification time: what "nothing changed" compares. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        out.push(`${path}/`);
        walk(path);
      } else {
        const info = statSync(path);
        out.push(`${path} ${info.size} ${info.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** No stack frames, a first line that starts with "quorum:" or commander's "error:". */
function expectCleanError(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .+(:\d+:\d+|\(native\))/m);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr.trim()).not.toBe("");
}

// ---------------------------------------------------------------------------------------------
// Fixtures: a repository with workflow scripts and one finished run (model-free, no provider).

const OK_SCRIPT = `export const meta = { name: "ok", description: "returns without agents" };\nreturn { ok: true };\n`;
const ARGS_SCRIPT = `export const meta = { name: "needs-args", description: "d", args: { type: "object", properties: { runs: { type: "integer", minimum: 1 } }, required: ["runs"], additionalProperties: false } };\nreturn args;\n`;
let template = "";
let runId = "";

beforeAll(async () => {
  template = tempDir("quorum-bad-template-");
  writeFileSync(join(template, "ok.js"), OK_SCRIPT);
  writeFileSync(join(template, "needs-args.js"), ARGS_SCRIPT);
  writeFileSync(join(template, "a-file.txt"), "not a folder\n");
  mkdirSync(join(template, "a-folder"));
  mkdirSync(join(template, "scripts"));
  writeFileSync(join(template, "scripts/ts.js"), `export const meta = { name: "t", description: "d" };\nconst n: number = 1;\n`);
  writeFileSync(join(template, "scripts/require.js"), `export const meta = { name: "r", description: "d" };\nconst fs = require("fs");\n`);
  writeFileSync(join(template, "scripts/syntax.js"), `export const meta = { name: "s", description: "d" };\nconst = 3;\n`);
  writeFileSync(join(template, "scripts/import.js"), `import fs from "node:fs";\nexport const meta = { name: "i", description: "d" };\n`);
  writeFileSync(join(template, "scripts/binary.js"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2]));
  writeFileSync(join(template, "scripts/meta-bad.js"), `export const meta = { name: 42, description: "d" };\nreturn 1;\n`);
  writeFileSync(join(template, "scripts/findings-none.js"), `export const meta = { name: "fn", description: "d" };\nreturn { findings: "none" };\n`);
  writeFileSync(join(template, "scripts/findings-junk.js"), `export const meta = { name: "fj", description: "d" };\nreturn { findings: [{ title: "ok", severity: "low", body: "b" }, { title: "no severity", body: "b" }, { title: "", severity: "high", body: "b" }, { title: "t", severity: "urgent", body: "b" }, "a string", { title: "abs", severity: "low", body: "b", location: { path: "/etc/passwd", line: 1 } }, { title: "zero", severity: "low", body: "b", location: { path: "a.js", line: 0 } }] };\n`);
  writeFileSync(join(template, "scripts/throws.js"), `export const meta = { name: "th", description: "d" };\nthrow new Error("the workflow gave up");\n`);
  writeFileSync(join(template, "scripts/fanout.js"), `export const meta = { name: "fo", description: "d" };\nawait parallel(Array.from({ length: 5000 }, () => () => 1));\n`);
  writeFileSync(join(template, "scripts/nested.js"), `export const meta = { name: "ne", description: "d" };\nawait workflow("no-such-workflow");\n`);
  writeFileSync(join(template, "scripts/badschema.js"), `export const meta = { name: "bs", description: "d" };\nawait agent("x", { schema: { type: "nonsense" } });\n`);
  const io = captureIo(template);
  expect(await main(["run", "ok.js"], io)).toBe(0);
  runId = readdirSync(join(template, ".quorum/runs"))[0] ?? "";
  expect(runId).not.toBe("");
});

function freshRepo(): string {
  const repo = tempDir("quorum-bad-");
  cpSync(template, repo, { recursive: true });
  return repo;
}

interface CliCase {
  name: string;
  argv: (ctx: { repo: string; runId: string }) => string[];
  /** Damages the repository before the call. */
  setup?: (ctx: { repo: string; runDir: string }) => void;
  error: RegExp;
  code?: number;
  /** The run directory may change (a run that started and failed writes its own folder). */
  mayCreateRun?: boolean;
}

const NUMBER_FLAGS: [string, string[]][] = [
  ["--max-concurrency", ["0x10", "1.5", "1e3", " 5", "-1", "", "0", "257", "abc", "Infinity", "5 ", "1_0"]],
  ["--max-agents", ["0x10", "1.5", "0", "-5", "", "1e3", "2000000"]],
  ["--budget-tokens", ["1.5", "1e3", "0", "-1", "", "10k", "NaN"]],
  ["--max-cost-usd", ["0", "-1", "", "1e1", "$5", "0x1", "2,5"]],
  ["--agent-timeout", ["0", "-1", "", "1e2", "10s", "90000"]],
  ["--run-timeout", ["0", "", "1h", "-3", "99999"]],
];

const CASES: CliCase[] = [
  // --- number flags, parsed strictly (K3): named flag, accepted range, nothing created.
  ...NUMBER_FLAGS.flatMap(([flag, values]) =>
    values.map(
      (value): CliCase => ({
        name: `K3 run ${flag} ${JSON.stringify(value)} is refused with the flag and its range`,
        argv: () => ["run", "ok.js", flag, value],
        error: new RegExp(`^quorum: ${flag.replace(/-/g, "\\-")} takes a (whole )?number from .+ to \\d+`),
      }),
    ),
  ),
  { name: "K3 resume --max-concurrency 0x10 is refused before the run is touched", argv: (c) => ["resume", c.runId, "--max-concurrency", "0x10"], error: /^quorum: --max-concurrency takes a whole number from 1 to 256/ },
  { name: "K3 resume --budget-tokens 1.5 is refused", argv: (c) => ["resume", c.runId, "--budget-tokens", "1.5"], error: /^quorum: --budget-tokens takes a whole number/ },

  // --- --repo must exist and be a folder, for every command (K3); nothing is created by a typo.
  ...(["run ok.js", "resume RUN", "list", "show RUN", "eject review", "workflows"] as const).flatMap((command): CliCase[] => {
    const argv = (c: { runId: string }, repo: string) => [...command.replace("RUN", c.runId).split(" "), "--repo", repo];
    return [
      { name: `K3 ${command.split(" ")[0]} --repo <missing folder> is refused and creates nothing`, argv: (c) => argv(c, "no-such-dir/sub"), error: /^quorum: --repo no-such-dir\/sub: no such folder \(.+\)\. Check the path; nothing was created\./ },
      { name: `K3 ${command.split(" ")[0]} --repo <a file> is refused`, argv: (c) => argv(c, "a-file.txt"), error: /^quorum: --repo a-file\.txt is a file, not a folder \(.+\)\. Pass the repository's folder instead\./ },
    ];
  }),
  { name: "K3 run --repo '' (empty) is refused", argv: () => ["run", "ok.js", "--repo", ""], error: /^quorum: --repo is empty; pass the repository's folder/ },
  { name: "K3 list --repo '' (empty) is refused", argv: () => ["list", "--repo", ""], error: /^quorum: --repo is empty/ },

  // --- workflow names and paths (K3).
  { name: "K3 a folder as the workflow path says it is a folder", argv: () => ["run", "./a-folder"], error: /^quorum: .+a-folder is a folder, not a workflow script; pass the path of a \.js file/ },
  { name: "K3 a missing workflow path says so", argv: () => ["run", "./nope.js"], error: /^quorum: no workflow script at .+nope\.js; check the path\./ },
  { name: "K3 an unknown workflow name lists what exists", argv: () => ["run", "no-such-workflow"], error: /^quorum: unknown workflow "no-such-workflow"\. Known workflows: .*audit-auth/ },
  { name: "K3 an invalid workflow name says what a name is", argv: () => ["run", "Bad Name!"], error: /^quorum: "Bad Name!" is not a workflow name \(lower-case letters, digits, - and _\)/ },
  { name: "K3 a binary file as the script is refused (NUL bytes)", argv: () => ["run", "scripts/binary.js"], error: /^quorum: .+binary\.js contains NUL bytes, so it is not a JavaScript workflow script/ },
  { name: "K3 TypeScript syntax in a script names its line", argv: () => ["run", "scripts/ts.js"], error: /^quorum: .+ts\.js is not a valid workflow script \(1 problem\); nothing was run:\n.+ts\.js:2:\d+ TypeScript syntax is not supported: .+ Remove type annotations/ },
  { name: "K3 require() in a script names its line", argv: () => ["run", "scripts/require.js"], error: /^quorum: .+require\.js is not a valid workflow script \(1 problem\); nothing was run:\n.+require\.js:2:\d+ .*require/ },
  { name: "K3 a syntax error in a script names its line", argv: () => ["run", "scripts/syntax.js"], error: /^quorum: .+syntax\.js is not a valid workflow script \(1 problem\); nothing was run:\n.+syntax\.js:2:\d+ JavaScript syntax error/ },
  { name: "K3 an import in a script names its line", argv: () => ["run", "scripts/import.js"], error: /^quorum: .+import\.js is not a valid workflow script \(\d problems?\); nothing was run:\n.+import\.js:1:\d+ .*import/ },
  { name: "K3 a meta with a non-string name is refused", argv: () => ["run", "scripts/meta-bad.js"], error: /^quorum: .+meta-bad\.js is not a valid workflow script \(1 problem\); nothing was run:\n.+meta-bad\.js:1:\d+ meta\.name must be a non-empty string\./ },

  // --- --args (C6, K3).
  { name: "C6 --args that is not JSON says so with an example", argv: () => ["run", "needs-args.js", "--args", "runs=3"], error: /^quorum: --args must be JSON, e\.g\. --args '\{"path":"src"\}'/ },
  { name: "C6 --args with trailing junk is not JSON", argv: () => ["run", "needs-args.js", "--args", '{"runs":3} x'], error: /^quorum: --args must be JSON/ },
  { name: "C6 --args '' (empty) is not JSON", argv: () => ["run", "needs-args.js", "--args", ""], error: /^quorum: --args must be JSON/ },
  { name: "C6 args of the wrong type name the schema path", argv: () => ["run", "needs-args.js", "--args", '{"runs":"many"}'], error: /^quorum: invalid args for workflow "needs-args":\n {2}args\/runs: must be integer \(schema #\/properties\/runs\/type\)/ },
  { name: "C6 missing required args are named", argv: () => ["run", "needs-args.js"], error: /^quorum: invalid args for workflow "needs-args":\n {2}args: must have required property 'runs'/ },
  { name: "C6 args below the schema's minimum are named", argv: () => ["run", "needs-args.js", "--args", '{"runs":0}'], error: /args\/runs: must be >= 1/ },
  { name: "C6 unknown args are named", argv: () => ["run", "needs-args.js", "--args", '{"runs":1,"extra":true}'], error: /args: must NOT have additional properties/ },
  { name: "C6 an array where an object is expected is named", argv: () => ["run", "needs-args.js", "--args", "[]"], error: /args: must be object/ },
  { name: "C6 a 1.5 where an integer is expected is named", argv: () => ["run", "needs-args.js", "--args", '{"runs":1.5}'], error: /args\/runs: must be integer/ },

  // --- validate and eject (K2, K3).
  { name: "K3 validate of a folder says it is a folder", argv: () => ["validate", "a-folder"], error: /^quorum: .+a-folder is a folder; pass the path of a workflow \.js file\./ },
  { name: "K3 validate of a missing file says so", argv: () => ["validate", "nope.js"], error: /^quorum: no file at .+nope\.js; check the path\./ },
  { name: "K3 validate of a broken script lists each problem with its line", argv: () => ["validate", "scripts/syntax.js"], error: /syntax\.js:2:\d+: .+\n1 problem\(s\); the script would not run\./, code: 1 },
  { name: "K3 eject of an unknown built-in lists the built-ins", argv: () => ["eject", "nope"], error: /^quorum: "nope" is not a built-in workflow\. Built-ins: audit-auth, deep-research, flaky-hunt, review\./ },
  {
    name: "K3 eject over an existing copy asks for --force and changes nothing",
    setup: ({ repo }) => {
      mkdirSync(join(repo, ".github/quorum/workflows"), { recursive: true });
      writeFileSync(join(repo, ".github/quorum/workflows/review.js"), "// mine\n");
    },
    argv: () => ["eject", "review"],
    error: /^quorum: .+review\.js exists already; pass --force to overwrite it\./,
  },

  // --- run state: unknown, damaged or busy runs (K3, J6, R3).
  { name: "K3 resume of an unknown run id says so and points at quorum list", argv: () => ["resume", "20990101-000000-nope-0000"], error: /^quorum: no run "20990101-000000-nope-0000" in .+; `quorum list` shows the runs there\./ },
  { name: "K3 show of an unknown run id says so", argv: () => ["show", "20990101-000000-nope-0000"], error: /^quorum: no run "20990101-000000-nope-0000"/ },
  { name: "K3 a path as a run id is not a run id", argv: () => ["resume", "../../etc"], error: /^quorum: "\.\.\/\.\.\/etc" is not a run id \(ids look like/ },
  { name: "K3 show of a path as a run id is refused", argv: () => ["show", "a/b"], error: /^quorum: "a\/b" is not a run id/ },
  ...(
    [
      ["truncated", (t: string) => t.slice(0, Math.floor(t.length / 2))],
      ["garbled", () => "{\"id\": \u0000\u0001 garbage"],
      ["empty", () => ""],
    ] as const
  ).flatMap(([how, damage]): CliCase[] => [
    {
      name: `K3 resume of a run with a ${how} run.json is a one-line error naming the file`,
      setup: ({ runDir }) => writeFileSync(join(runDir, "run.json"), damage(readFileSync(join(runDir, "run.json"), "utf8"))),
      argv: (c) => ["resume", c.runId],
      error: /^quorum: .+run\.json is not valid JSON \(.+\); the run directory is damaged\. Start a new run, or move .+ away\./,
    },
    {
      name: `K3 show of a run with a ${how} run.json is a one-line error naming the file`,
      setup: ({ runDir }) => writeFileSync(join(runDir, "run.json"), damage(readFileSync(join(runDir, "run.json"), "utf8"))),
      argv: (c) => ["show", c.runId],
      error: /^quorum: .+run\.json is not valid JSON/,
    },
  ]),
  { name: "K3 resume of a run whose run.json is JSON but not a record names what is missing", setup: ({ runDir }) => writeFileSync(join(runDir, "run.json"), "[]"), argv: (c) => ["resume", c.runId], error: /^quorum: .+run\.json is not a run record \(missing all\)/ },
  { name: "K3 resume of a run whose run.json is null is refused", setup: ({ runDir }) => writeFileSync(join(runDir, "run.json"), "null"), argv: (c) => ["resume", c.runId], error: /is not a run record/ },
  { name: "K3 resume of a run whose run.json lacks its workflow names the field", setup: ({ runDir }) => writeFileSync(join(runDir, "run.json"), JSON.stringify({ id: "x", source: "s", createdAt: "t", status: "running" })), argv: (c) => ["resume", c.runId], error: /is not a run record \(missing workflow\)/ },
  { name: "K3 resume of a run with a garbled args.json names the file", setup: ({ runDir }) => writeFileSync(join(runDir, "args.json"), "{\"runs\": 3,,}"), argv: (c) => ["resume", c.runId], error: /^quorum: .+args\.json is not valid JSON \(.+\); the run directory is damaged/ },
  { name: "K3 resume of a run without script.js says it cannot be resumed", setup: ({ runDir }) => rmSync(join(runDir, "script.js")), argv: (c) => ["resume", c.runId], error: /^quorum: run .+ has no script\.js \(its run directory is incomplete\), so it cannot be resumed\. Start a new run with `quorum run <workflow>`\./ },
  {
    name: "R3 resume of a run another live process holds is refused with the owner",
    setup: ({ runDir }) => writeFileSync(join(runDir, "lock.json"), JSON.stringify({ pid: process.pid, host: hostname(), processStart: null, lockedAt: "2026-01-01T00:00:00Z" })),
    argv: (c) => ["resume", c.runId],
    error: new RegExp(`^quorum: run .+ is being executed by another process \\(pid ${process.pid} on .+, since 2026-01-01T00:00:00Z\\); one run has one executor at a time\\.`),
  },
  {
    name: "R3 a lock held on another host is respected (its liveness cannot be checked from here)",
    setup: ({ runDir }) => writeFileSync(join(runDir, "lock.json"), JSON.stringify({ pid: 1, host: "some-other-host", processStart: null, lockedAt: "then" })),
    argv: (c) => ["resume", c.runId],
    error: /^quorum: run .+ is being executed by another process \(pid 1 on some-other-host/,
  },

  // --- commander: unknown commands and options, missing arguments (K3).
  { name: "K3 an unknown command is refused with a pointer to --help", argv: () => ["runn", "ok.js"], error: /^error: unknown command 'runn'/ },
  { name: "K3 an unknown option is refused", argv: () => ["run", "ok.js", "--max-concurency", "4"], error: /^error: unknown option '--max-concurency'/ },
  { name: "K3 run without a workflow says what is missing", argv: () => ["run"], error: /^error: missing required argument 'workflow'/ },
  { name: "K3 resume without a run id says what is missing", argv: () => ["resume"], error: /^error: missing required argument 'run-id'/ },
  { name: "K3 a flag without its value says so", argv: () => ["run", "ok.js", "--max-agents"], error: /^error: option '--max-agents <n>' argument missing/ },
  { name: "K3 too many arguments are refused", argv: () => ["show", "a", "b"], error: /^error: too many arguments/ },
];

describe("K3 the bad-input corpus through the CLI", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const repo = freshRepo();
    const runDir = join(repo, ".quorum/runs", runId);
    c.setup?.({ repo, runDir });
    const before = snapshot(repo);
    const io = captureIo(repo);
    const code = await main(c.argv({ repo, runId }), io);
    expect(code, io.err()).toBe(c.code ?? 2);
    expect(io.err()).toMatch(c.error);
    expectCleanError(io.err());
    if (!c.mayCreateRun) expect(snapshot(repo)).toEqual(before);
    expect(readdirSync(repo)).not.toContain("no-such-dir");
  });
});

interface RunCase {
  name: string;
  script: string;
  error: RegExp;
}

/** Scripts that start but whose mistakes must end in a clear error and a non-zero exit. */
const RUN_CASES: RunCase[] = [
  { name: 'K3 findings: "none" is a clear validation error, not a silent success', script: "scripts/findings-none.js", error: /^quorum: the workflow returned 1 invalid finding\(s\), left out of findings\.json: result\.findings must be an array of findings, got string\. Fix what the script returns/m },
  { name: "K3 junk findings are each named with their index and kept out of findings.json", script: "scripts/findings-junk.js", error: /^quorum: the workflow returned 6 invalid finding\(s\).*findings\[1\] "no severity": finding must have required property 'severity'.*findings\[3\] "t": severity must be equal to one of the allowed values \(critical, high, medium, low, info\).*findings\[4\]: finding must be object.*findings\[5\] "abs": location\.path "\/etc\/passwd" must be relative/m },
  { name: "K1 a script that throws ends failed with its line, no stack trace", script: "scripts/throws.js", error: /^quorum: the run failed: .+throws\.js:2:\d+: Error: the workflow gave up$/m },
  { name: "K3 a fan-out over 4096 items is refused with the cap", script: "scripts/fanout.js", error: /^quorum: the run failed: .+4096/m },
  { name: "K3 workflow() of an unknown name lists what exists", script: "scripts/nested.js", error: /^quorum: the run failed: .+unknown workflow "no-such-workflow"/m },
  { name: "K3 an agent() schema that is not a JSON schema is refused before any model call", script: "scripts/badschema.js", error: /^quorum: the run failed: .+agent "x": .*schema/m },
];

describe("K3 scripts that run into their own mistakes", () => {
  it.each(RUN_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const repo = freshRepo();
    const io = captureIo(repo);
    const code = await main(["run", c.script], io);
    expect(code, io.err()).toBe(1);
    expect(io.err()).toMatch(c.error);
    expectCleanError(io.err());
  });

  it("K3 junk findings stay out of findings.json; the valid one is kept", async () => {
    const repo = freshRepo();
    const io = captureIo(repo);
    await main(["run", "scripts/findings-junk.js", "--json"], io);
    const out = JSON.parse(io.out()) as { runId: string; status: string; invalidFindings: string[] };
    expect(out.invalidFindings).toHaveLength(6);
    expect(JSON.parse(readFileSync(join(repo, ".quorum/runs", out.runId, "findings.json"), "utf8"))).toEqual([{ title: "ok", severity: "low", body: "b" }]);
  });

  it("K3 a NUL in a prompt is preserved end to end, never a silent cut", async () => {
    const repo = freshRepo();
    writeFileSync(join(repo, "nul.js"), `export const meta = { name: "nul", description: "d" };\nconst s = "before\\u0000after";\nreturn { length: s.length, text: s, back: [s].join("") };\n`);
    const io = captureIo(repo);
    expect(await main(["run", "nul.js", "--json"], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ result: { length: 12, text: "before\u0000after", back: "before\u0000after" } });
  });
});

describe("K3 warnings that still let the command work", () => {
  it("J6 show of a run with malformed events and no report warns how many lines it skipped and still shows the rest", async () => {
    const repo = freshRepo();
    const runDir = join(repo, ".quorum/runs", runId);
    rmSync(join(runDir, "report.md"));
    writeFileSync(join(runDir, "events.jsonl"), `${readFileSync(join(runDir, "events.jsonl"), "utf8")}{garbled\n{"type":"agent.finished"}\n[1,2]\n`);
    const io = captureIo(repo);
    expect(await main(["show", runId], io)).toBe(0);
    expect(io.err()).toMatch(/^quorum: warning: skipped 3 malformed line\(s\) of .+events\.jsonl; the report below is rebuilt from the rest\.$/m);
    expect(io.out()).toMatch(/# Quorum: ok/);
    expectCleanError(io.err());
  });

  it("J6 list names a damaged run folder instead of hiding it", async () => {
    const repo = freshRepo();
    writeFileSync(join(repo, ".quorum/runs", runId, "run.json"), "{trunc");
    const io = captureIo(repo);
    expect(await main(["list"], io)).toBe(0);
    expect(io.err()).toMatch(/^quorum: warning: skipped a damaged run folder: .+run\.json is not valid JSON/m);
    expectCleanError(io.err());
  });
});

describe("K3 the same holds through the real quorum process", () => {
  const cases: [string, string[], RegExp][] = [
    ["K3 process: a file as --repo", ["list", "--repo", "a-file.txt"], /^quorum: --repo a-file\.txt is a file, not a folder/],
    ["K3 process: --max-concurrency 0x10", ["run", "ok.js", "--max-concurrency", "0x10"], /^quorum: --max-concurrency takes a whole number from 1 to 256/],
    ["K3 process: a folder as the workflow path", ["run", "./a-folder"], /^quorum: .+a-folder is a folder/],
    ["K3 process: an unknown command", ["frobnicate"], /^error: unknown command 'frobnicate'/],
  ];
  it.each(cases)("%s", async (_name, argv, error) => {
    const repo = freshRepo();
    const before = snapshot(repo);
    const failure = await exec(process.execPath, [BIN, ...argv], { cwd: repo, env: ENV }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure).not.toBeNull();
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(error);
    expectCleanError(failure?.stderr ?? "");
    expect(snapshot(repo)).toEqual(before);
  });

  it("K3 process: a truncated run.json is one line, exit 2", async () => {
    const repo = freshRepo();
    const file = join(repo, ".quorum/runs", runId, "run.json");
    writeFileSync(file, readFileSync(file, "utf8").slice(0, 40));
    const failure = await exec(process.execPath, [BIN, "resume", runId], { cwd: repo, env: ENV }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr.trim().split("\n")).toHaveLength(1);
    expect(failure?.stderr).toMatch(/run\.json is not valid JSON/);
  });

  it("K2 quorum --version prints the version", async () => {
    const { stdout } = await exec(process.execPath, [BIN, "--version"], { env: ENV });
    expect(stdout.trim()).toMatch(/^quorum \d+\.\d+\.\d+/);
  });
});

describe("K3 the Action's number inputs, parsed strictly", () => {
  const names: string[] = [];
  const set = (name: string, value: string) => {
    names.push(name);
    process.env[name] = value;
  };
  afterEach(() => {
    for (const name of names.splice(0)) delete process.env[name];
  });
  const inputCases: [string, string, RegExp][] = [
    ["max-concurrency", "0x10", /max-concurrency must be a positive whole number, got "0x10": write it with digits only, at most 256/],
    ["max-concurrency", "1e3", /max-concurrency must be a positive whole number, got "1e3"/],
    ["max-concurrency", "1.5", /max-concurrency must be a positive whole number, got "1\.5"/],
    ["max-concurrency", "0", /max-concurrency must be a positive whole number, got "0"/],
    ["max-concurrency", "300", /max-concurrency .* at most 256/],
    ["max-concurrency", "-4", /max-concurrency must be a positive whole number, got "-4"/],
    ["budget-tokens", "1.5", /budget-tokens must be a positive whole number, got "1\.5"/],
    ["budget-tokens", "1e6", /budget-tokens must be a positive whole number, got "1e6"/],
    ["budget-tokens", "lots", /budget-tokens must be a positive whole number, got "lots"/],
    ["max-cost-usd", "0x5", /max-cost-usd must be a positive number, got "0x5": write it with digits only \(e\.g\. 2\.5\)/],
    ["max-cost-usd", "0", /max-cost-usd must be a positive number, got "0"/],
    ["max-cost-usd", "$3", /max-cost-usd must be a positive number, got "\$3"/],
    ["max-cost-usd", "Infinity", /max-cost-usd must be a positive number, got "Infinity"/],
  ];
  it.each(inputCases)("K3 Action input %s=%s is refused naming the input", (name, value, error) => {
    set("INPUT_GITHUB-TOKEN", "ghs_inputtokeninputtokeninputtoken000001");
    set("INPUT_STAGE", "run");
    set(`INPUT_${name.toUpperCase()}`, value);
    expect(() => readInputs()).toThrow(error);
  });
});

describe("K3 .github/quorum.yml mistakes name the key and the fix", () => {
  const configCases: [string, string, RegExp][] = [
    ["a YAML syntax error", "workflows: [review\n", /line \d/],
    ["an unknown top-level key", "workflow:\n  schedule: [flaky-hunt]\n", /workflow.*unknown key \(check the spelling\)/],
    ["a bad publish mode", "publish:\n  mode: yolo\n", /publish\.mode.*must be one of/],
    ["maxConcurrency 0", "limits:\n  maxConcurrency: 0\n", /limits\.maxConcurrency/],
    ["maxConcurrency as a string", "limits:\n  maxConcurrency: '16'\n", /limits\.maxConcurrency.*integer/],
    ["maxCostUsd 0", "limits:\n  maxCostUsd: 0\n", /limits\.maxCostUsd/],
    ["a workflow name with spaces", "workflows:\n  pullRequest: [my review]\n", /workflows\.pullRequest.*workflow name/],
    ["a duplicate key", "labelPrefix: a\nlabelPrefix: b\n", /duplicate|unique|Map keys must be unique/i],
  ];
  it.each(configCases)("K3 config with %s is refused", (_what, text, error) => {
    expect(() => parseConfig(text)).toThrow(error);
  });
});
