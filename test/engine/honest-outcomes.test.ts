/**
 * Honest outcomes in the engine (rule R1, R2): a run whose agents failed to run is `incomplete`,
 * never `succeeded`; a fatal provider failure stops the run at once with one message.
 */
import { describe, expect, it } from "vitest";
import type { AgentOutcome, AgentRunner } from "../../src/agents/contract.ts";
import { ZERO_USAGE } from "../../src/kernel/usage.ts";
import { renderReport } from "../../src/engine/report.ts";
import { replayEvents } from "../../src/engine/progress.ts";
import { createScriptedRunner } from "../support/scripted-runner.ts";
import { eventsOf, runScript } from "../support/run-script.ts";

const FAN_OUT = `const answers = await parallel([1, 2, 3, 4].map((i) => () => agent("check " + i)));
return { findings: [], answered: answers.filter((a) => a !== null).length };`;

/** A runner whose every call fails with `fatal` set, as the providers report a rejected key or a dead API. */
function fatalRunner(fatal: "auth" | "connection"): AgentRunner & { calls: number } {
  const runner = {
    calls: 0,
    async runAgent(): Promise<AgentOutcome> {
      runner.calls++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { ok: false, reason: "api_error", fatal, message: fatal === "auth" ? "Anthropic rejected the API key (401). Check ANTHROPIC_API_KEY." : "could not reach http://127.0.0.1:9 after 4 retries: connect ECONNREFUSED.", usage: { ...ZERO_USAGE }, costUsd: 0, model: "m", turns: 0 };
    },
  };
  return runner;
}

describe("R1 R2 honest outcomes in the engine", () => {
  it("R1 a finished script whose agents failed with api_error ends incomplete, not succeeded, and keeps its result", async () => {
    const runner = createScriptedRunner({ respond: ({ request }) => (request.prompt.endsWith("2") || request.prompt.endsWith("4") ? { fail: "api_error", message: "overloaded after 4 retries" } : "ok") });
    const run = await runScript(FAN_OUT, { runner });
    expect(run.status).toBe("incomplete");
    expect(run.result).toEqual({ findings: [], answered: 2 });
    expect(run.error).toMatch(/^incomplete: 2 of 4 agents failed to run \(api_error ×2\)/);
    expect(eventsOf(run.events, "run.finished")[0]?.status).toBe("incomplete");
  });

  it("R1 agents that hit their wall time (--agent-timeout) make the run incomplete", async () => {
    const runner = createScriptedRunner({ respond: () => "late", latencyMs: 60_000 });
    const run = await runScript(FAN_OUT, { runner, limits: { agentTimeoutMs: 1 } });
    expect(run.status).toBe("incomplete");
    expect(run.error).toMatch(/4 of 4 agents failed to run \(time_limit ×4\)/);
  });

  it("R1 nulls that are not infrastructure (turn limit, refusal) do not make a run incomplete", async () => {
    const runner = createScriptedRunner({ respond: ({ request }) => (request.prompt.endsWith("1") ? { fail: "turn_limit" } : request.prompt.endsWith("2") ? { fail: "refusal" } : "ok") });
    const run = await runScript(FAN_OUT, { runner });
    expect(run.status).toBe("succeeded");
  });

  it("R1 the report lists 'failed to run' apart from other nulls, with reasons and counts", async () => {
    const runner = createScriptedRunner({
      respond: ({ request }) => (request.prompt.endsWith("1") ? { fail: "api_error", message: "the Anthropic API still failed after 4 retries: 529 overloaded_error" } : request.prompt.endsWith("2") ? { fail: "turn_limit", message: "used all 40 turns" } : "ok"),
    });
    const run = await runScript(FAN_OUT, { runner });
    const report = renderReport(replayEvents(run.events));
    expect(report).toContain("**status** incomplete");
    expect(report).toMatch(/## Failed to run: 1 of 4 agents failed to run \(api_error ×1\)\n\nThese agents returned null because the infrastructure failed them[^\n]*they neither refuted anything nor found nothing/);
    expect(report).toMatch(/- \*\*check 1\*\* \(Run\): api_error — the Anthropic API still failed after 4 retries: 529 overloaded_error/);
    expect(report).toMatch(/## Other agents that resolved to null \(1\)\n\n- \*\*check 2\*\* \(Run\): turn_limit/);
  });

  it("R2 a rejected API key on the first model call stops the run at once: status failed, one message, no agent after it", async () => {
    const runner = fatalRunner("auth");
    const run = await runScript(
      `const first = await agent("first");
       const rest = await parallel([1, 2, 3].map((i) => () => agent("more " + i)));
       return { first, rest };`,
      { runner },
    );
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/^the model provider rejected the credentials: Anthropic rejected the API key \(401\)\. Check ANTHROPIC_API_KEY\. The run stopped at the first such failure \(agent "first"\)/);
    expect(runner.calls).toBe(1);
    expect(run.result).toBeUndefined();
    expect(eventsOf(run.events, "agent.queued")).toHaveLength(1);
  });

  it("R2 an unreachable API stops a fan-out at once: agents already running are stopped, none is started after", async () => {
    const runner = fatalRunner("connection");
    const run = await runScript(
      `await parallel(Array.from({ length: 20 }, (_, i) => () => agent("probe " + i)));
       return { findings: [] };`,
      { runner, limits: { maxConcurrency: 2 } },
    );
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/^the model provider cannot be reached: could not reach http:\/\/127\.0\.0\.1:9/);
    expect(runner.calls).toBeLessThanOrEqual(2); // the ones already given a slot; never all 20
  });
});
