import { afterEach, describe, expect, it } from "vitest";
import type { AgentOutcome } from "../../../src/agents/contract.ts";
import { reply, startFakeOpenAI } from "../../support/fake-openai.ts";
import { waitUntil } from "../../support/wait-until.ts";
import { harness, type Harness } from "./helpers.ts";

/** Makes retries instant: the SDK honours `retry-after-ms` before its own backoff. */
const FAST_RETRY = { "retry-after-ms": "5" };

function failure(outcome: AgentOutcome): Extract<AgentOutcome, { ok: false }> {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.output)}`);
  return outcome;
}

describe("OpenAI provider: failures map to reasons (A5)", () => {
  let h: Harness;
  afterEach(async () => {
    await h.fake.stop();
  });

  it("A5 finish_reason length → max_tokens", async () => {
    h = await harness();
    h.fake.enqueue(reply.truncated("The bug is in"));
    const outcome = failure(await h.run({}, { maxCompletionTokens: 64 }));
    expect(outcome).toMatchObject({ reason: "max_tokens", turns: 1 });
    expect(outcome.message).toMatch(/output token limit \(64\)/);
    expect(h.fake.chatRequests[0]?.body.max_completion_tokens).toBe(64);
  });

  it("A5 a 500 that persists after the SDK's retries → api_error, usage of earlier turns kept", async () => {
    h = await harness();
    h.fake.enqueue(reply.toolCalls([{ name: "read", arguments: { path: "x" } }]));
    h.fake.setHandler(() => reply.error(500, "The server had an error while processing your request.", { type: "server_error", headers: FAST_RETRY }));

    const outcome = failure(await h.run({}, { maxRetries: 2 }));

    expect(outcome).toMatchObject({ reason: "api_error", turns: 1 });
    expect(outcome.message).toMatch(/HTTP 500.*after 2 retries/);
    expect(outcome.usage.outputTokens).toBe(20);
    expect(h.fake.chatRequests).toHaveLength(1 + 3); // one turn, then the failing call and 2 retries
  });

  it("A5 a 429 with retry-after is retried after the advertised delay, then succeeds", async () => {
    h = await harness();
    h.fake.enqueue(
      reply.error(429, "Rate limit reached for requests", { type: "requests", code: "rate_limit_exceeded", headers: { "retry-after": "1" } }),
      reply.text("ok"),
    );

    const outcome = await h.run({}, { maxRetries: 1 });

    expect(outcome).toMatchObject({ ok: true, output: "ok", turns: 1 });
    const [limited, retried] = h.fake.chatRequests;
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);
    expect(retried?.headers["x-stainless-retry-count"]).toBe("1");
  });

  it("A5 a 429 that outlasts the retries → api_error naming the rate limit", async () => {
    h = await harness();
    h.fake.setHandler(() => reply.error(429, "Rate limit reached", { code: "rate_limit_exceeded", headers: FAST_RETRY }));
    const outcome = failure(await h.run({}, { maxRetries: 1 }));
    expect(outcome.reason).toBe("api_error");
    expect(outcome.message).toMatch(/rate limited after 1 retry/);
    expect(h.fake.chatRequests).toHaveLength(2);
  });

  it("A5 a 400 context_length_exceeded → context_overflow, not retried", async () => {
    h = await harness();
    h.fake.enqueue(
      reply.error(400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.", {
        type: "invalid_request_error",
        code: "context_length_exceeded",
        param: "messages",
      }),
    );
    const outcome = failure(await h.run());
    expect(outcome.reason).toBe("context_overflow");
    expect(outcome.message).toMatch(/maximum context length is 128000/);
    expect(h.fake.chatRequests).toHaveLength(1);
  });

  it("A5 aborting the run signal mid-request → stopped, promptly", async () => {
    h = await harness();
    h.fake.enqueue(reply.hang());
    const controller = new AbortController();
    // Abort once the request is in flight; the reply never comes, so only the abort can end the call.
    void waitUntil(() => h.fake.chatRequests.length === 1).then(() => controller.abort());
    const outcome = failure(await h.run({}, {}, controller.signal));

    expect(outcome.reason).toBe("stopped");
    expect(h.fake.chatRequests).toHaveLength(1); // an abort is not retried
  });

  it("A5 an already-aborted signal → stopped without any request", async () => {
    h = await harness();
    const controller = new AbortController();
    controller.abort();
    expect(failure(await h.run({}, {}, controller.signal)).reason).toBe("stopped");
    expect(h.fake.chatRequests).toHaveLength(0);
  });

  it("A5 the agent's wall time running out → time_limit", async () => {
    h = await harness();
    h.fake.enqueue(reply.hang());
    const outcome = failure(await h.run({ timeoutMs: 100 }));
    expect(outcome.reason).toBe("time_limit");
    expect(outcome.message).toMatch(/wall time \(100 ms\)/);
  });

  it("A5 a tool that ignores its signal cannot hold the agent past its wall time", async () => {
    h = await harness();
    h.fake.enqueue(reply.toolCalls([{ name: "read", arguments: { path: "x" } }]));
    const stuck = { definitions: h.toolbox.definitions, call: () => new Promise<never>(() => {}) };
    // The limit must leave the first model turn time to answer on a loaded machine; the tool then never returns.
    const outcome = failure(await h.run({ timeoutMs: 3_000 }, { toolboxFactory: () => stuck }));
    expect(outcome).toMatchObject({ reason: "time_limit", turns: 1 });
  });

  it("A5 the turn limit → turn_limit after exactly maxTurns model calls", async () => {
    h = await harness();
    h.fake.setHandler(() => reply.toolCalls([{ name: "read", arguments: { path: "x" } }]));
    const outcome = failure(await h.run({ maxTurns: 3 }));
    expect(outcome).toMatchObject({ reason: "turn_limit", turns: 3 });
    expect(outcome.message).toMatch(/all 3 turns/);
    expect(h.fake.chatRequests).toHaveLength(3);
  });

  it("A5 a refusal → refusal, quoting the model", async () => {
    h = await harness();
    h.fake.enqueue(reply.refusal("I can't help with that."));
    const outcome = failure(await h.run());
    expect(outcome.reason).toBe("refusal");
    expect(outcome.message).toMatch(/I can't help with that/);
  });

  it("A5 a 401 → api_error telling to check OPENAI_API_KEY, not retried", async () => {
    h = await harness();
    h.fake.enqueue(reply.error(401, "Incorrect API key provided: sk-test.", { type: "invalid_request_error", code: "invalid_api_key" }));
    const outcome = failure(await h.run());
    expect(outcome.reason).toBe("api_error");
    expect(outcome.message).toMatch(/OPENAI_API_KEY/);
    expect(h.fake.chatRequests).toHaveLength(1);
  });

  it("A5 an unreachable server → api_error naming the base URL", async () => {
    h = await harness();
    const baseURL = h.fake.baseURL;
    await h.fake.stop();
    h.fake = await startFakeOpenAI(); // so afterEach has a server to stop
    const outcome = failure(await h.run({}, { baseURL, maxRetries: 0 }));
    expect(outcome.reason).toBe("api_error");
    expect(outcome.message).toContain(`Could not reach the model server at ${baseURL}`);
  });
});
