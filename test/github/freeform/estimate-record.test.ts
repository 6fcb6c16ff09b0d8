import { parseCommand } from "../../../src/github/command.ts";
import { describe, expect, it } from "vitest";
import {
  describeEstimate,
  estimateAgents,
  freeformMarker,
  readFreeformRecord,
  readRunIndex,
  renderProposal,
  restateProposal,
  runIndexMarker,
  scriptBlock,
  type FreeformRecord,
} from "../../../src/github/freeform/index.ts";
import { CommandParseError } from "../../../src/github/errors.ts";
import { proposedScript } from "../../app/support/model.ts";

const record: FreeformRecord = {
  v: 1,
  runId: "20260101-000000-freeform-abcd",
  name: "readme-typos",
  blobSha: "a".repeat(40),
  state: "awaiting_approval",
  requester: "octocat",
  issueNumber: 7,
  isPullRequest: false,
  commentId: 99,
  headSha: "b".repeat(40),
};

describe("G7 agent estimate", () => {
  it("G7 counts agent() call sites once, fan-out separately, and pattern agents from literal options", () => {
    const estimate = estimateAgents(
      [
        'const a = await agent("one");',
        "const b = await parallel(items.map((x) => () => agent(x)));",
        "for (const x of items) await agent(x);",
        'const v = await patterns.adversarialVerify("c", { skeptics: 5 });',
        "const j = await patterns.judgePanel([a, b], { judges: 2 });",
        "const s = await patterns.multiModalSweep([\"a\", \"b\", \"c\"], { prompt: \"p\" });",
        "const p = await patterns.perspectiveVerify(\"c\", { lenses: lenses });",
        "await parallel(items.map((x) => () => patterns.completenessCritic(x, { task: \"t\" })));",
        'await workflow("review");',
        "return {};",
      ].join("\n"),
    );
    expect(estimate).toMatchObject({ fixedCallSites: 1, fanOutCallSites: 2, nestedWorkflows: 1, growsWithData: true });
    expect(estimate?.patternCalls).toEqual([
      { pattern: "adversarialVerify", agents: 5, inFanOut: false },
      { pattern: "judgePanel", agents: 3, inFanOut: false },
      { pattern: "multiModalSweep", agents: 3, inFanOut: false },
      { pattern: "perspectiveVerify", agents: null, inFanOut: false },
      { pattern: "completenessCritic", agents: 1, inFanOut: true },
    ]);
    expect(estimate?.atLeast).toBe(1 + 5 + 3 + 3);
    expect(describeEstimate(estimate, 1000)).toMatch(/^\*\*Static estimate:\*\* at least \*\*12\*\* agents, growing with the data/);
    expect(estimateAgents("const x = ;")).toBeNull();
  });
});

describe("G7 records in Quorum's own text", () => {
  it("G7 a proposal record survives a round trip and cannot close its HTML comment early", () => {
    const tricky = { ...record, name: "x-->y<!--" };
    const text = `before\n${freeformMarker(tricky)}\n`;
    expect(text).not.toContain("x-->y");
    expect(readFreeformRecord(text)).toEqual(tricky);
    // X13: Quorum writes the record last; one quoted above other text is not the record.
    expect(readFreeformRecord(`${text}after`)).toBeNull();
    expect(readFreeformRecord("<!-- quorum:freeform {not json} -->")).toBeNull();
    const entry = { v: 1, runId: record.runId, workflow: "freeform", checkRunId: 5, headSha: record.headSha };
    expect(readRunIndex(`a ${runIndexMarker(entry)} b`)).toEqual([entry]);
  });

  it("G7 the proposal shows the task, phases, both estimates and the script; a decision restates it in place", () => {
    const script = proposedScript();
    const view = {
      record,
      task: "find typos <!-- quorum:state --> please",
      meta: { name: "readme-typos", description: "d", phases: [{ title: "Find", detail: "reads", model: "haiku" }, { title: "Verify" }] },
      script,
      summary: "Finds typos.",
      authorEstimate: { minAgents: 1, maxAgents: 6, reasoning: "one finder" },
      staticEstimate: estimateAgents(script),
    };
    const shown = renderProposal(view);
    expect(shown.title).toBe("Waiting for approval: readme-typos");
    // The task is untrusted: its HTML comment (a forged state marker here) is removed.
    expect(shown.summary).toMatch(/^> find typos +please$/m);
    expect(shown.summary.match(/<!-- quorum:state -->/g)?.length).toBe(1);
    expect(shown.summary).toContain("| Find | reads | haiku |");
    expect(shown.summary).toContain("**Static estimate:**");
    expect(shown.summary).toContain("**Author's estimate** (the author agent's own guess): 1–6 agents");
    expect(shown.summary).toContain(`/workflow approve ${record.runId}`);
    expect(shown.text).toContain(["```js", script, "```"].join("\n"));
    expect(readFreeformRecord(shown.text)).toEqual(record);

    const approved = { ...record, state: "approved" as const, decidedBy: "hubot", decidedAt: "2026-01-01T00:00:00.000Z" };
    const after = restateProposal(shown, approved, "https://github.com/o/r/runs/2");
    expect(after.title).toBe("Approved by @hubot: readme-typos");
    expect(after.summary).toContain("**Approved** by @hubot");
    expect(after.summary).not.toContain("Waiting for approval");
    expect(after.summary).toContain("> find typos");
    expect(readFreeformRecord(after.text)).toEqual(approved);
    expect(after.text.match(/quorum:freeform/g)?.length).toBe(1);
  });

  it("G7 a script containing a code fence is shown in a longer fence", () => {
    expect(scriptBlock("const s = '```';")).toBe("````js\nconst s = '```';\n````");
  });
});

describe("G7 /workflow save", () => {
  it("G7 recognises save with a run id and a name, and explains a malformed one", () => {
    expect(parseCommand("/workflow save 20260101-x readme-typos")).toEqual({ kind: "save", runId: "20260101-x", name: "readme-typos" });
    expect(parseCommand("hello")).toBeNull();
    expect(() => parseCommand("/workflow save 20260101-x")).toThrow(CommandParseError);
    expect(() => parseCommand("/workflow save 20260101-x Bad/Name")).toThrow(/is not a workflow name/);
  });
});
