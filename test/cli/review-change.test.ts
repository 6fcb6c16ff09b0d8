/** rule R4: `quorum run review` with no args reviews the working tree's diff; nothing to review is a clear error. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/kernel/json.ts";
import { localChangeArgs } from "../../src/cli/local-change.ts";
import { main } from "../../src/cli/main.ts";
import { UsageError } from "../../src/cli/usage-error.ts";
import { createScriptedRunner } from "../support/scripted-runner.ts";
import { runWorkflow } from "../workflows/helpers.ts";

const REVIEW_ARGS: JsonObject = { type: "object", properties: { files: { type: "array" }, diff: { type: "string" }, base: { type: "string" } } };

function repo(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "quorum-review-change-")));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  mkdirSync(path.join(dir, "api"));
  writeFileSync(path.join(dir, "api/app.js"), "module.exports = 1;\n");
  writeFileSync(path.join(dir, "README.md"), "# r\n");
  git("init", "-q", "--initial-branch=main");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@quorum.invalid", "-c", "commit.gpgsign=false", "commit", "-qm", "base");
  return dir;
}
const commitAll = (dir: string, message: string) => {
  execFileSync("git", ["add", "-A"], { cwd: dir });
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@quorum.invalid", "-c", "commit.gpgsign=false", "commit", "-qm", message], { cwd: dir });
};

describe("R4 the local change to review", () => {
  it("R4 on the default branch, uncommitted edits are the change, against HEAD", () => {
    const dir = repo();
    writeFileSync(path.join(dir, "api/app.js"), "module.exports = 2;\n");
    const lines: string[] = [];
    const args = localChangeArgs(dir, REVIEW_ARGS, undefined, (l) => lines.push(l)) as JsonObject;
    expect(args.diff).toMatch(/^diff --git a\/api\/app\.js b\/api\/app\.js\n[\s\S]*-module\.exports = 1;\n\+module\.exports = 2;\n$/);
    expect(lines.join("")).toMatch(/reviewing the working tree's diff against HEAD \([0-9a-f]{12}\)/);
  });

  it("R4 on a branch, the change is everything since it left the default branch, committed or not; --repo a subfolder sees its part with its paths", () => {
    const dir = repo();
    execFileSync("git", ["checkout", "-q", "-b", "feature"], { cwd: dir });
    writeFileSync(path.join(dir, "api/app.js"), "module.exports = 3;\n");
    writeFileSync(path.join(dir, "README.md"), "# r2\n");
    commitAll(dir, "feature work");
    writeFileSync(path.join(dir, "api/new.js"), "x\n");
    execFileSync("git", ["add", "api/new.js"], { cwd: dir });
    const whole = localChangeArgs(dir, REVIEW_ARGS, {}, () => undefined) as JsonObject;
    expect(String(whole.diff)).toContain("diff --git a/README.md b/README.md");
    expect(String(whole.diff)).toContain("diff --git a/api/new.js b/api/new.js");
    const sub = localChangeArgs(path.join(dir, "api"), REVIEW_ARGS, {}, () => undefined) as JsonObject;
    expect(String(sub.diff)).toContain("diff --git a/app.js b/app.js");
    expect(String(sub.diff)).not.toContain("README.md");
    expect(sub.base).toMatch(/^[0-9a-f]{40}$/);
  });

  it("R4 with no change at all the error says there is nothing to review and what to do", () => {
    const dir = repo();
    expect(() => localChangeArgs(dir, REVIEW_ARGS, undefined, () => undefined)).toThrow(UsageError);
    expect(() => localChangeArgs(dir, REVIEW_ARGS, undefined, () => undefined)).toThrow(/^review: nothing to review: the working tree has no changes against HEAD \([0-9a-f]{12}\)\. /);
  });

  it("R4 `quorum run review` on a clean checkout exits with the one-line message, before any agent", async () => {
    const dir = repo();
    let err = "";
    const code = await main(["run", "review", "--repo", dir], { stdout: { write: () => undefined }, stderr: { write: (s) => void (err += s) }, env: { PATH: process.env.PATH }, cwd: dir });
    expect(code).toBe(2);
    expect(err).toMatch(/review: nothing to review: the working tree has no changes against HEAD/);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("R4 args that name a change are used as given", () => {
    const dir = repo();
    const given = { diff: "diff --git a/x b/x\n" };
    expect(localChangeArgs(dir, REVIEW_ARGS, given, () => undefined)).toBe(given);
  });

  it("R4 B3 review given a non-diff in args.diff is an error, not '0 files reviewed'", async () => {
    const dir = repo();
    const runner = createScriptedRunner({ respond: () => ({ findings: [] }) });
    const run = await runWorkflow("review", { repo: dir, runner, args: { diff: "please review my code, it is great" } });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/review: args\.diff is not a unified diff \(no `diff --git` or `---`\/`\+\+\+` file headers found; it starts with "please review my code/);
    expect(runner.calls).toHaveLength(0);
  });
});
