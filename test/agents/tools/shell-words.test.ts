import { describe, expect, it } from "vitest";
import { defaultRunAllowlist, READ_ONLY_GIT_COMMANDS } from "../../../src/agents/tools/allowlist.ts";
import { parseCommandLine } from "../../../src/agents/tools/shell-words.ts";

describe("shell words", () => {
  it("X2 splits words and honours single quotes, double quotes and backslashes", () => {
    expect(parseCommandLine("git log  --oneline\t-5")).toEqual(["git", "log", "--oneline", "-5"]);
    expect(parseCommandLine(`node -e 'console.log("a b")'`)).toEqual(["node", "-e", `console.log("a b")`]);
    expect(parseCommandLine(`echo "a \\"quoted\\" \\\\ word" x\\ y ''`)).toEqual(["echo", `a "quoted" \\ word`, "x y", ""]);
    expect(parseCommandLine("git grep 'a*b'")).toEqual(["git", "grep", "a*b"]);
    expect(parseCommandLine("   ")).toEqual([]);
  });

  it("X2 refuses metacharacters, unclosed quotes and a trailing backslash", () => {
    for (const bad of [";", "|", "&", "$", "`", ">", "<", "\n", "\r"]) {
      expect(() => parseCommandLine(`echo a${bad}b`)).toThrow(/Refused command: it contains/);
    }
    expect(() => parseCommandLine("echo 'open")).toThrow(/single quote is not closed/);
    expect(() => parseCommandLine('echo "open')).toThrow(/double quote is not closed/);
    expect(() => parseCommandLine("echo a\\")).toThrow(/lone backslash/);
  });

  it("X2 the default allowlist is the test command plus read-only git commands", () => {
    expect(defaultRunAllowlist("npm test")).toEqual(["npm test", ...READ_ONLY_GIT_COMMANDS]);
    expect(defaultRunAllowlist()).toEqual([...READ_ONLY_GIT_COMMANDS]);
    expect(READ_ONLY_GIT_COMMANDS).toEqual(["git log", "git show", "git diff", "git blame", "git status", "git ls-files", "git grep"]);
    expect(() => defaultRunAllowlist("npm ci && npm test")).toThrow(/cannot be used.*package script/);
  });
});
