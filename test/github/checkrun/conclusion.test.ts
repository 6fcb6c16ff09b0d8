import { describe, expect, it } from "vitest";
import { decideConclusion, type ConclusionInput } from "../../../src/github/checkrun/conclusion.ts";
import { fitText } from "../../../src/github/checkrun/fit.ts";

const ran: ConclusionInput = { status: "succeeded", agents: 10, answered: 10, hasResult: true, findings: 0, invalidFindings: 0 };

describe("P2 honest conclusions", () => {
  it("P2 success when it ran and found nothing; neutral with findings", () => {
    expect(decideConclusion(ran)).toEqual({ conclusion: "success", headline: "No findings" });
    expect(decideConclusion({ ...ran, findings: 2 })).toEqual({ conclusion: "neutral", headline: "2 findings" });
    expect(decideConclusion({ ...ran, findings: 1, invalidFindings: 1 }).headline).toBe("1 finding, 1 invalid");
    expect(decideConclusion({ ...ran, invalidFindings: 3 }).conclusion).toBe("neutral");
  });

  it("P2 failure, cancelled and action_required", () => {
    expect(decideConclusion({ ...ran, status: "failed" }).conclusion).toBe("failure");
    expect(decideConclusion({ ...ran, status: "timed_out", findings: 4 }).conclusion).toBe("failure");
    expect(decideConclusion({ ...ran, status: "cancelled" }).conclusion).toBe("cancelled");
    expect(decideConclusion({ ...ran, status: "running", waitingForApproval: true }).conclusion).toBe("action_required");
    expect(decideConclusion({ ...ran, status: "running" }).conclusion).toBe("failure");
  });

  it("P2 never green when nothing ran: no agent and no result, or every agent null", () => {
    expect(decideConclusion({ ...ran, agents: 0, answered: 0, hasResult: false })).toEqual({ conclusion: "neutral", headline: "Nothing ran" });
    expect(decideConclusion({ ...ran, answered: 0 })).toMatchObject({ conclusion: "neutral", headline: expect.stringMatching(/No agent succeeded/) });
    // A script that decided there was nothing to check, and said so, did run.
    expect(decideConclusion({ ...ran, agents: 0, answered: 0, hasResult: true }).conclusion).toBe("success");
  });

  it("R1 P2 an incomplete run is never success: failure, titled with how many agents failed to run and why", () => {
    const infrastructure = { failed: 3, of: 12, reasons: [{ reason: "api_error" as const, count: 2 }, { reason: "time_limit" as const, count: 1 }] };
    expect(decideConclusion({ ...ran, status: "incomplete", infrastructure })).toEqual({
      conclusion: "failure",
      headline: "incomplete: 3 of 12 agents failed to run (api_error ×2, time_limit ×1)",
    });
    expect(decideConclusion({ ...ran, status: "incomplete", infrastructure, findings: 2 }).headline).toBe("incomplete: 3 of 12 agents failed to run (api_error ×2, time_limit ×1); 2 findings");
  });

  it("P1 fitText cuts at a line, closes an open fence and states the cut", () => {
    const text = ["```", ...Array.from({ length: 5000 }, (_, i) => `line ${i}`)].join("\n");
    const out = fitText(text, 1000, "the rest is in the job summary");
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out).toMatch(/```\n\n_… [\d,]+ more characters cut here \(GitHub allows 1,000\); the rest is in the job summary\._$/);
    expect(fitText("short", 1000, "x")).toBe("short");
  });
});
