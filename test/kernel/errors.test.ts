/**
 * The kernel's one error model (QuorumError, isQuorumError, errorMessage), the rooms' errors built
 * on it, and how the `quorum` command prints each audience (rule K3).
 */
import { describe, expect, it } from "vitest";
import { MissingProviderError } from "../../src/agents/runner.ts";
import { ToolError } from "../../src/agents/tools/errors.ts";
import { PathRefusedError } from "../../src/agents/tools/path-guard.ts";
import { BUG_HINT, describeCliError, EXIT_FAILURE, EXIT_USAGE } from "../../src/cli/errors.ts";
import { UsageError } from "../../src/cli/usage-error.ts";
import { InvalidArgsError } from "../../src/engine/args.ts";
import { RunDirectoryError } from "../../src/engine/rundir.ts";
import { GuestFailure } from "../../src/engine/sandbox/bridge.ts";
import { ScriptRuntimeError } from "../../src/engine/sandbox/errors.ts";
import { ScriptValidationError } from "../../src/engine/script/errors.ts";
import { CommandParseError } from "../../src/github/errors.ts";
import { errorMessage, isQuorumError, QuorumError } from "../../src/kernel/errors.ts";
import { UnknownWorkflowError } from "../../src/workflows/resolve.ts";

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const STACK_FRAME = /\n\s+at /;

describe("QuorumError", () => {
  it("keeps its code, message and cause; the audience defaults to user", () => {
    const cause = new Error("disk full");
    const error = new QuorumError("run_not_saved", "the run could not be saved", { cause });
    expect(error).toBeInstanceOf(Error);
    expect([error.code, error.message, error.audience, error.cause, error.name]).toEqual(["run_not_saved", "the run could not be saved", "user", cause, "QuorumError"]);
    expect(new QuorumError("broken_invariant", "x", { audience: "bug" }).audience).toBe("bug");
    expect(Object.hasOwn(new QuorumError("no_cause", "x"), "cause")).toBe(false);
  });

  it("a subclass is named after itself and is still a QuorumError", () => {
    class FixtureError extends QuorumError {
      constructor() {
        super("fixture", "a fixture");
      }
    }
    const error = new FixtureError();
    expect(error.name).toBe("FixtureError");
    expect(isQuorumError(error)).toBe(true);
    expect(isQuorumError(new Error("plain"))).toBe(false);
    expect(isQuorumError({ code: "usage", message: "looks like one" })).toBe(false);
  });

  it("errorMessage reads anything thrown", () => {
    expect(errorMessage(new TypeError("bad type"))).toBe("bad type");
    expect(errorMessage("a string")).toBe("a string");
    expect(errorMessage(42)).toBe("42");
    expect(errorMessage(undefined)).toBe("undefined");
    expect(errorMessage(new QuorumError("usage", "say it plainly"))).toBe("say it plainly");
  });
});

describe("every room's errors are QuorumErrors with a stable code", () => {
  const cases: [QuorumError, string, string][] = [
    [new UsageError("bad flag"), "UsageError", "usage"],
    [new InvalidArgsError("args"), "InvalidArgsError", "invalid_args"],
    [new RunDirectoryError("exists"), "RunDirectoryError", "run_directory_refused"],
    [new ScriptValidationError("a.js", [{ line: 1, column: 1, message: "no" }]), "ScriptValidationError", "invalid_script"],
    [new ScriptRuntimeError({ filename: "a.js", location: null, guestName: "TypeError", guestMessage: "x is undefined" }), "ScriptRuntimeError", "script_failed"],
    [new UnknownWorkflowError("no such workflow"), "UnknownWorkflowError", "unknown_workflow"],
    [new MissingProviderError("set a key"), "MissingProviderError", "missing_provider"],
    [new ToolError("no match"), "ToolError", "tool_error"],
    [new PathRefusedError("outside"), "PathRefusedError", "path_refused"],
    [new CommandParseError("bad command"), "CommandParseError", "command_parse"],
  ];
  it.each(cases.map(([error, name, code]) => [name, error, code] as const))("%s", (name, error, code) => {
    expect(isQuorumError(error)).toBe(true);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.code).toMatch(SNAKE_CASE);
    expect(error.audience).toBe("user");
  });

  it("a guest failure that escapes the sandbox unclassified is a bug", () => {
    const error = new GuestFailure({ errorLike: true, name: "TypeError", message: "boom", stack: "" });
    expect([error.code, error.audience, error.message]).toEqual(["guest_failure", "bug", "TypeError: boom"]);
  });
});

describe("K3 the quorum command prints each audience", () => {
  it("K3 a user error prints its own message, unchanged and without a stack; input mistakes exit 2, others 1", () => {
    const usage = describeCliError(new UsageError("--max-agents must be a whole number from 1 to 1000000; got 0."));
    expect(usage).toEqual({ message: "--max-agents must be a whole number from 1 to 1000000; got 0.", code: EXIT_USAGE });
    const invalid = new ScriptValidationError("a.js", [
      { line: 1, column: 2, message: "first" },
      { line: 3, column: 4, message: "second" },
    ]);
    expect(describeCliError(invalid)).toEqual({ message: invalid.message, code: EXIT_USAGE });
    const refused = describeCliError(new RunDirectoryError("/tmp/x is a symlink; refusing to use it as a run directory."), { QUORUM_DEBUG: "1" });
    expect(refused).toEqual({ message: "/tmp/x is a symlink; refusing to use it as a run directory.", code: EXIT_FAILURE });
    expect(refused.message).not.toMatch(new RegExp(BUG_HINT.slice(0, 20)));
  });

  it("K3 a bug prints one line and asks for a report; the stack only with QUORUM_DEBUG", () => {
    const bug = new QuorumError("journal_closed", "run.jsonl is closed; nothing more can be written", { audience: "bug" });
    const quiet = describeCliError(bug, {});
    expect(quiet.code).toBe(EXIT_FAILURE);
    expect(quiet.message).toBe(`run.jsonl is closed; nothing more can be written\n${BUG_HINT} (set QUORUM_DEBUG=1 to add the stack trace).`);
    expect(quiet.message).not.toMatch(STACK_FRAME);
    for (const off of ["", "0"]) expect(describeCliError(bug, { QUORUM_DEBUG: off }).message).toBe(quiet.message);
    const loud = describeCliError(bug, { QUORUM_DEBUG: "1" });
    expect(loud.message).toMatch(STACK_FRAME);
    expect(loud.message.startsWith(`run.jsonl is closed; nothing more can be written\n${BUG_HINT}.\n`)).toBe(true);
  });

  it("K3 an error Quorum did not make is treated as a bug: first line only, a report hint, no stack", () => {
    const unexpected = new TypeError("Cannot read properties of undefined (reading 'x')\nsecond line");
    const { message, code } = describeCliError(unexpected);
    expect(code).toBe(EXIT_FAILURE);
    expect(message.split("\n")).toEqual(["Cannot read properties of undefined (reading 'x')", `${BUG_HINT} (set QUORUM_DEBUG=1 to add the stack trace).`]);
    expect(describeCliError("thrown text").message.split("\n")[0]).toBe("thrown text");
  });

  it("K3 a failed file-system call names the call's code and the path, and says to check it", () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open '/r/.quorum/runs/x/run.json'"), { code: "EACCES", path: "/r/.quorum/runs/x/run.json", syscall: "open" });
    const { message, code } = describeCliError(denied);
    expect(code).toBe(EXIT_FAILURE);
    expect(message).toBe("EACCES on /r/.quorum/runs/x/run.json: EACCES: permission denied, open '/r/.quorum/runs/x/run.json' (check the path and its permissions; set QUORUM_DEBUG=1 for the stack trace)");
    expect(describeCliError(denied, { QUORUM_DEBUG: "yes" }).message).toMatch(STACK_FRAME);
  });
});
