import { describe, expect, it } from "vitest";
import { parseCommand, isWorkflowCommand, MAX_COMMAND_LINE_LENGTH } from "../../src/github/command.ts";
import { CommandParseError } from "../../src/github/errors.ts";

function parseError(body: string): CommandParseError {
  try {
    parseCommand(body);
  } catch (error) {
    if (error instanceof CommandParseError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(body)} to be refused`);
}

describe("G1 /workflow commands", () => {
  it("G1 a name alone starts that workflow with no args", () => {
    expect(parseCommand("/workflow audit-auth")).toEqual({ kind: "run", workflow: "audit-auth", args: undefined });
    expect(parseCommand("   /workflow flaky_hunt2  ")).toEqual({ kind: "run", workflow: "flaky_hunt2", args: undefined });
  });

  it("G1 key=value args: JSON values when they parse, strings otherwise, quotes for spaces", () => {
    const cmd = parseCommand(`/workflow audit-auth depth=3 strict=true ratio=0.5 none=null scope=src/api name="two words" q='C:\\dir' tags=["a","b"] empty= esc="say \\"hi\\""`);
    expect(cmd).toEqual({
      kind: "run",
      workflow: "audit-auth",
      args: {
        depth: 3,
        strict: true,
        ratio: 0.5,
        none: null,
        scope: "src/api",
        name: "two words",
        q: "C:\\dir",
        tags: ["a", "b"],
        empty: "",
        esc: 'say "hi"',
      },
    });
  });

  it("G1 single quotes take text literally and smart quotes work like double quotes", () => {
    expect(parseCommand("/workflow x a='b c' d=“e f”")).toEqual({ kind: "run", workflow: "x", args: { a: "b c", d: "e f" } });
  });

  it("G1 numbers that JSON would round, and Infinity, stay strings", () => {
    expect(parseCommand("/workflow x big=12345678901234567890 inf=1e400")).toEqual({
      kind: "run",
      workflow: "x",
      args: { big: "12345678901234567890", inf: "1e400" },
    });
  });

  it("G1 one JSON object as args", () => {
    expect(parseCommand('/workflow deep-research {"question": "where is auth?", "depth": 2}')).toEqual({
      kind: "run",
      workflow: "deep-research",
      args: { question: "where is auth?", depth: 2 },
    });
  });

  it("G1 help, status, cancel, approve and resume with an optional run id", () => {
    expect(parseCommand("/workflow help")).toEqual({ kind: "help" });
    expect(parseCommand("/workflow status")).toEqual({ kind: "status", runId: undefined });
    expect(parseCommand("/workflow cancel r-123")).toEqual({ kind: "cancel", runId: "r-123" });
    expect(parseCommand("/workflow approve 2025.01_x")).toEqual({ kind: "approve", runId: "2025.01_x" });
    expect(parseCommand("/workflow resume abc")).toEqual({ kind: "resume", runId: "abc" });
  });

  it("G7 `save <run-id> <name>` keeps an approved free-form script; both are required and checked", () => {
    expect(parseCommand("/workflow save 20260101-x readme-typos")).toEqual({ kind: "save", runId: "20260101-x", name: "readme-typos" });
    for (const [body, message] of [
      ["/workflow save", /takes a run id and a name/],
      ["/workflow save 20260101-x", /takes a run id and a name/],
      ["/workflow save 20260101-x a b", /takes a run id and a name/],
      ["/workflow save ../x readme", /is not a run id/],
      ["/workflow save 20260101-x Bad/Name", /`Bad\/Name` is not a workflow name/],
    ] as const) {
      const error = parseError(body);
      expect(error.message, body).toMatch(message);
      expect(error.message, body).toContain("/workflow save <run-id> <name>");
    }
  });

  it("G1 a quoted task is a free-form request", () => {
    expect(parseCommand('/workflow "find every place we forget to close a file handle"')).toEqual({
      kind: "freeform",
      task: "find every place we forget to close a file handle",
    });
    expect(parseCommand("/workflow “audit the CLI flags”")).toEqual({ kind: "freeform", task: "audit the CLI flags" });
  });

  it("G1 only the first line counts; later lines are ignored", () => {
    expect(parseCommand("/workflow audit-auth depth=2\r\nplease also look at /admin\n/workflow cancel")).toEqual({
      kind: "run",
      workflow: "audit-auth",
      args: { depth: 2 },
    });
  });

  it("G1 comments that are not commands return null", () => {
    for (const body of ["looks good", "Please run /workflow audit-auth", "/Workflow audit-auth", "/workflows", "`/workflow x`", "", "\n/workflow x"]) {
      expect(parseCommand(body), body).toBeNull();
      expect(isWorkflowCommand(body), body).toBe(false);
    }
  });

  it("G1 malformed commands throw a typed error with a helpful message", () => {
    const cases: [string, RegExp][] = [
      ["/workflow", /Missing workflow name.*\/workflow help/s],
      ["/workflow Audit", /not a workflow name/],
      ["/workflow ../../etc", /not a workflow name/],
      ["/workflow x depth", /Expected key=value, got `depth`/],
      ["/workflow x a=1 a=2", /given twice/],
      ['/workflow x a="open', /Unclosed quote/],
      ['/workflow x a="b"c', /Unexpected text after the quoted value/],
      ["/workflow x {not json}", /do not parse/],
      ["/workflow x 3=4", /not a valid argument name/],
      ['/workflow "unterminated', /one quoted string/],
      ['/workflow ""', /empty/],
      ["/workflow help me", /takes no arguments/],
      ["/workflow cancel a b", /one optional run id/],
    ];
    for (const [body, message] of cases) {
      const error = parseError(body);
      expect(error.message, body).toMatch(message);
      expect(error.message, body).toContain("Usage:");
    }
  });

  it("G1 user text echoed in a reply sits in a code span, so mentions do not ping", () => {
    expect(parseError("/workflow @everyone").message).toMatch(/^`@everyone` is not a workflow name/);
    expect(parseError("/workflow x @org/team").message).toMatch(/got `@org\/team`/);
    expect(parseError("/workflow cancel `@a` b").message).toMatch(/got `'@a' b`/);
  });

  it("G1 untrusted text is capped and cleaned of invisible characters", () => {
    expect(parseError(`/workflow x a=${"y".repeat(MAX_COMMAND_LINE_LENGTH)}`).message).toMatch(/limit is 4000/);
    expect(parseCommand('/workflow x note="a\u200Bb\u202Ec"')).toEqual({ kind: "run", workflow: "x", args: { note: "abc" } });
    expect(parseCommand('/workflow "fix\u2066 it"')).toEqual({ kind: "freeform", task: "fix it" });
    expect(parseError(`/workflow "${"t".repeat(2001)}"`).message).toMatch(/limit is 2000/);
  });
});
