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

  it("G1 G2 G3 G4 the example workflow covers comment, label, schedule, PR and dispatch triggers with least permissions, and passes actionlint", async () => {
    const workflow = parse(read(".github/workflows/quorum.yml")) as { on: Record<string, unknown>; permissions: Record<string, string>; concurrency: unknown; jobs: Record<string, { steps: { with?: Record<string, unknown> }[] }> };
    expect(Object.keys(workflow.on).sort()).toEqual(["issue_comment", "issues", "pull_request", "schedule", "workflow_dispatch"]);
    expect(workflow.on.issue_comment).toEqual({ types: ["created"] });
    expect(workflow.permissions).toEqual({ contents: "write", "pull-requests": "write", issues: "write", checks: "write", actions: "read" });
    expect(workflow.concurrency).toBeTruthy();
    const checkout = workflow.jobs.quorum?.steps[0]?.with;
    expect(checkout?.["persist-credentials"]).toBe(false); // agents must not find the token in .git/config
    expect(await (lintWorkflows as (files: string[]) => Promise<string[]>)([new URL(".github/workflows/quorum.yml", root).pathname])).toEqual([]);
  });
});
