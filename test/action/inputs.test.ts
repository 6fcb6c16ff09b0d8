import { afterEach, describe, expect, it } from "vitest";
import { loopbackOverrides } from "../../src/action/client.ts";
import { readInputs } from "../../src/action/inputs.ts";
import { readRunnerEnvironment } from "../../src/action/runner-env.ts";

describe("X1 P7 the action's inputs and environment", () => {
  const names: string[] = [];
  const set = (name: string, value: string) => {
    names.push(name);
    process.env[name] = value;
  };
  afterEach(() => {
    for (const name of names.splice(0)) delete process.env[name];
  });

  it("X1 the GitHub token and the model key are read, then removed from the environment children inherit", () => {
    set("INPUT_GITHUB-TOKEN", "ghs_inputtokeninputtokeninputtoken000001");
    set("INPUT_ANTHROPIC-API-KEY", "sk-ant-inputkey-000000000000000000");
    set("GITHUB_TOKEN", "ghs_envtokenenvtokenenvtokenenvtoken00001");
    set("INPUT_STAGE", "run");
    set("INPUT_MAX-CONCURRENCY", "8");
    set("INPUT_MAX-COST-USD", "2.5");
    const inputs = readInputs();
    expect(inputs).toMatchObject({ githubToken: "ghs_inputtokeninputtokeninputtoken000001", anthropicApiKey: "sk-ant-inputkey-000000000000000000", maxConcurrency: 8, maxCostUsd: 2.5 });
    expect(process.env["INPUT_GITHUB-TOKEN"]).toBeUndefined();
    expect(process.env["INPUT_ANTHROPIC-API-KEY"]).toBeUndefined();
    expect(process.env.GITHUB_TOKEN).toBeUndefined();
    expect(JSON.stringify(process.env)).not.toMatch(/inputtoken|inputkey|envtoken/);
  });

  it("X1 a missing token or a nonsense number is a clear error", () => {
    expect(() => readInputs({})).toThrow(/github-token is empty: pass `\$\{\{ secrets.GITHUB_TOKEN \}\}`/);
    set("INPUT_GITHUB-TOKEN", "ghs_inputtokeninputtokeninputtoken000001");
    set("INPUT_STAGE", "run");
    set("INPUT_BUDGET-TOKENS", "lots");
    expect(() => readInputs()).toThrow(/budget-tokens must be a positive whole number, got "lots"/);
  });

  it("X6 the stage is required; one job for everything is an explicit opt-in; writing stages refuse the model key", () => {
    // readInputs removes the secret inputs it read: give them again before every call.
    const read = (key?: string) => {
      set("INPUT_GITHUB-TOKEN", "ghs_inputtokeninputtokeninputtoken000001");
      if (key) set("INPUT_ANTHROPIC-API-KEY", key);
      return readInputs();
    };
    expect(() => read()).toThrow(/Input stage must be one of trigger, run, publish, all \(it is empty\): run Quorum as three jobs/);
    set("INPUT_STAGE", "everything");
    expect(() => read()).toThrow(/got "everything"/);
    set("INPUT_STAGE", "all");
    expect(() => read()).toThrow(/stage: all runs agents and repository code in the job that holds the write token \(rule X6\).*allow-single-job: true/);
    set("INPUT_ALLOW-SINGLE-JOB", "true");
    expect(read().stage).toBe("all");
    for (const stage of ["trigger", "publish"]) {
      set("INPUT_STAGE", stage);
      expect(read().stage).toBe(stage);
      expect(() => read("sk-ant-inputkey-000000000000000000")).toThrow(new RegExp(`The ${stage} job must not hold the model key`));
    }
    set("INPUT_STAGE", "run");
    set("INPUT_PLAN", "[]");
    expect(read("sk-ant-inputkey-000000000000000000")).toMatchObject({ stage: "run", plan: "[]", anthropicApiKey: "sk-ant-inputkey-000000000000000000" });
  });

  it("P8 write spacing can be shortened only against a loopback API", () => {
    const env = { QUORUM_WRITE_SPACING_MS: "0", QUORUM_RETRY_AFTER_UNIT_MS: "1" };
    expect(loopbackOverrides("http://127.0.0.1:4000", env)).toEqual({ writeSpacingMs: 0, retryAfterUnitMs: 1 });
    expect(loopbackOverrides("https://api.github.com", env)).toEqual({});
    expect(loopbackOverrides("https://ghe.example.com/api/v3", env)).toEqual({});
  });

  it("P7 the runner environment names what is missing", () => {
    expect(() => readRunnerEnvironment({})).toThrow(/GITHUB_REPOSITORY is not set/);
    expect(() => readRunnerEnvironment({ GITHUB_REPOSITORY: "just-a-name" })).toThrow(/must be "owner\/repo"/);
  });
});
