/** action.yml and the example workflow (issue 4: "linted by actionlint in CI"). */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
// @ts-expect-error: a plain .mjs script without type declarations
import { lintWorkflows } from "../../scripts/lint-workflows.mjs";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

describe("G1 G2 G3 G4 P7 action.yml and .github/workflows/quorum.yml", () => {
  it("P7 action.yml runs dist/action.js on node24 and documents the inputs and outputs users expect", () => {
    const action = parse(read("action.yml")) as { runs: Record<string, string>; inputs: Record<string, { description?: string }>; outputs: Record<string, { description?: string }> };
    expect(action.runs).toEqual({ using: "node24", main: "dist/action.js" });
    const inputs = ["stage", "allow-single-job", "plan", "anthropic-api-key", "github-token", "workflow", "args", "provider", "model", "max-concurrency", "budget-tokens", "max-cost-usd", "label-prefix"];
    expect(Object.keys(action.inputs).sort()).toEqual([...inputs].sort());
    expect(Object.keys(action.outputs).sort()).toEqual(["cost-usd", "findings", "plan", "run-id"]);
    for (const entry of [...Object.values(action.inputs), ...Object.values(action.outputs)]) expect(entry.description?.length ?? 0).toBeGreaterThan(20);
  });

  it("G1 G2 G3 G4 X6 the example workflow covers every trigger, splits trigger, run and publish into jobs with least permissions each, and passes actionlint", async () => {
    type Job = { needs?: string | string[]; if?: string; permissions: Record<string, string>; steps: { uses?: string; with?: Record<string, unknown> }[] };
    const workflow = parse(read(".github/workflows/quorum.yml")) as { on: Record<string, unknown>; permissions: Record<string, string>; concurrency: unknown; jobs: Record<string, Job> };
    expect(Object.keys(workflow.on).sort()).toEqual(["issue_comment", "issues", "pull_request", "schedule", "workflow_dispatch"]);
    expect(workflow.on.issue_comment).toEqual({ types: ["created"] });
    expect(workflow.permissions).toEqual({});
    expect(workflow.concurrency).toBeTruthy();
    const { trigger, run, publish } = workflow.jobs;
    expect(Object.keys(workflow.jobs)).toEqual(["trigger", "run", "publish"]);
    const quorumStep = (job: Job | undefined) => job?.steps.find((s) => s.uses?.startsWith("quorum-workflows/quorum@"))?.with ?? {};

    // X6: only the run job holds the model key and checks out code; its token writes nothing but check runs.
    expect(run?.permissions).toEqual({ contents: "read", checks: "write", actions: "read" });
    expect(quorumStep(run)).toMatchObject({ stage: "run", "anthropic-api-key": "${{ secrets.ANTHROPIC_API_KEY }}", plan: "${{ needs.trigger.outputs.plan }}" });
    const checkout = run?.steps.find((s) => s.uses?.startsWith("actions/checkout@"))?.with;
    expect(checkout?.["persist-credentials"]).toBe(false); // agents must not find the token in .git/config
    for (const [name, job] of [["trigger", trigger], ["publish", publish]] as const) {
      expect(quorumStep(job)).toMatchObject({ stage: name });
      expect(quorumStep(job)).not.toHaveProperty("anthropic-api-key");
      expect(job?.steps.some((s) => s.uses?.startsWith("actions/checkout@"))).toBe(false);
      expect(JSON.stringify(job)).not.toMatch(/ANTHROPIC|OPENAI/);
    }
    expect(trigger?.permissions).toMatchObject({ issues: "write", checks: "write", contents: "read" });
    expect(publish?.permissions).toEqual({ contents: "write", "pull-requests": "write", issues: "write", checks: "write" });
    expect(publish?.needs).toEqual(["trigger", "run"]);
    expect(publish?.if).toContain("always()");
    expect(quorumStep(publish)).toMatchObject({ plan: "${{ needs.trigger.outputs.plan }}" });
    expect(await (lintWorkflows as (files: string[]) => Promise<string[]>)([new URL(".github/workflows/quorum.yml", root).pathname])).toEqual([]);
  });
});
