/** The run stage's hand-off as the publish stage reads it (rule X6, X4): untrusted until checked. */
import { describe, expect, it } from "vitest";
import { decodePlan, encodePlan, type PlannedRun } from "../../src/action/plan.ts";
import { HandoffError, MAX_HANDOFF_BYTES, readStageHandoff, writeStageHandoff } from "../../src/github/run/stage-handoff.ts";

const expected = { workflowRunId: "77", runId: "gh-77-audit-auth", workflow: "audit-auth", commit: "a".repeat(40) };
const base = { ...expected, status: "succeeded" as const, notes: [], events: [] };
const bytes = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value));
const MODEL_KEY = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123";

describe("X6 the stage hand-off", () => {
  it("X6 X4 a document written by the run stage reads back, redacted with both stages' secrets", () => {
    const written = writeStageHandoff({ ...base, result: { findings: [{ title: `key ${MODEL_KEY}`, body: "token ghs_runjobtokenrunjobtokenrunjob0001" }] }, notes: ["run-job-secret-value in a note"] }, ["run-job-secret-value"]);
    expect(written).not.toContain(MODEL_KEY);
    expect(written).not.toContain("run-job-secret-value");
    const read = readStageHandoff(Buffer.from(written), expected, []);
    expect(read.status).toBe("succeeded");
    expect(JSON.stringify(read)).not.toContain("ghs_runjobtokenrunjobtokenrunjob0001");
    // A forged document skips the run stage's redaction: the publish stage's own catches what it can.
    const forged = readStageHandoff(bytes({ ...base, version: 1, result: { findings: [{ body: `${MODEL_KEY} publish-job-secret` }] } }), expected, ["publish-job-secret"]);
    expect(JSON.stringify(forged)).not.toMatch(/sk-ant-api03|publish-job-secret/);
  });

  it("X6 refuses another workflow run, run id, workflow or commit; non-JSON; off-schema; oversized", () => {
    const ok = { ...base, version: 1 };
    const refuse = (value: unknown, why: RegExp) => expect(() => readStageHandoff(bytes(value), expected, [])).toThrow(why);
    refuse({ ...ok, workflowRunId: "78" }, /workflowRunId "78", not "77" as planned: it belongs to another run/);
    refuse({ ...ok, runId: "gh-78-audit-auth" }, /runId "gh-78-audit-auth"/);
    refuse({ ...ok, workflow: "review" }, /workflow "review"/);
    refuse({ ...ok, commit: "b".repeat(40) }, /commit "b{40}"/);
    refuse("{", /not JSON/);
    refuse({ ...ok, version: 2 }, /does not match its schema/);
    refuse({ ...ok, status: "succeeded!" }, /does not match its schema/);
    refuse({ ...ok, extra: true }, /does not match its schema/);
    refuse({ ...ok, events: [{ type: "run.finished", at: 1, status: "succeeded" }] }, /does not match its schema/);
    refuse({ ...ok, events: [{ type: "agent.queued", at: "now", agentId: "a", label: "l", phase: null }] }, /does not match its schema/);
    refuse({ ...ok, events: [{ type: "shell", at: 1 }] }, /does not match its schema/);
    expect(() => readStageHandoff(Buffer.alloc(MAX_HANDOFF_BYTES + 1, 32), expected, [])).toThrow(HandoffError);
  });

  it("X6 the plan passes between jobs without an approved script's text and is checked when read", () => {
    const run: PlannedRun = {
      source: "comment",
      workflow: "freeform",
      args: undefined,
      sender: "octocat",
      pullRequest: null,
      replyTo: { issueNumber: 1, comment: { id: 2, url: "https://github.com/o/r/issues/1#issuecomment-2", body: "/workflow approve" } },
      handoff: { runId: "ff-1", headSha: "c".repeat(40), freeform: { blobSha: "d".repeat(40), source: "export const meta = {}" }, checkRunId: 9, announced: true },
    };
    const text = encodePlan([run]);
    expect(text).not.toContain("export const meta");
    expect(decodePlan(text)[0]?.handoff).toEqual({ runId: "ff-1", headSha: "c".repeat(40), freeform: { blobSha: "d".repeat(40) }, checkRunId: 9, announced: true });
    expect(() => decodePlan("")).toThrow(/Input plan is empty: pass `\$\{\{ needs.trigger.outputs.plan \}\}`/);
    expect(() => decodePlan("[{")).toThrow(/not JSON/);
    expect(() => decodePlan(JSON.stringify([{ ...run, handoff: { runId: "x", headSha: "not a sha" } }]))).toThrow(/does not match its schema/);
    expect(() => decodePlan(JSON.stringify([{ ...run, handoff: { ...run.handoff, token: "x" } }]))).toThrow(/does not match its schema/);
  });
});
