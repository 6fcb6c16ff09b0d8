import { describe, expect, it } from "vitest";
import { DEFAULT_ANTHROPIC_MODEL, MODEL_ALIASES, ModelSpecError, resolveModel } from "../../src/agents/models.ts";

describe("resolveModel", () => {
  it("A7 maps the aliases opus, sonnet and haiku to current Anthropic ids", () => {
    expect(resolveModel("opus")).toEqual({ provider: "anthropic", model: "claude-opus-5-5" });
    expect(resolveModel("sonnet")).toEqual({ provider: "anthropic", model: "claude-sonnet-5-5" });
    expect(resolveModel("haiku")).toEqual({ provider: "anthropic", model: "claude-haiku-5-5" });
    expect(Object.keys(MODEL_ALIASES).sort()).toEqual(["haiku", "opus", "sonnet"]);
  });

  it("A7 passes full ids through to Anthropic", () => {
    expect(resolveModel("claude-haiku-4-5-20251001")).toEqual({ provider: "anthropic", model: "claude-haiku-4-5-20251001" });
    expect(resolveModel("  claude-opus-4-8 ")).toEqual({ provider: "anthropic", model: "claude-opus-4-8" });
  });

  it("A7 splits provider/model and expands aliases after anthropic/", () => {
    expect(resolveModel("openai/gpt-5.5")).toEqual({ provider: "openai", model: "gpt-5.5" });
    expect(resolveModel("ollama/qwen3:8b")).toEqual({ provider: "ollama", model: "qwen3:8b" });
    expect(resolveModel("anthropic/haiku")).toEqual({ provider: "anthropic", model: MODEL_ALIASES.haiku });
    expect(resolveModel("OpenAI/gpt-5.5")).toEqual({ provider: "openai", model: "gpt-5.5" });
    expect(resolveModel("openai/org/model-x")).toEqual({ provider: "openai", model: "org/model-x" });
  });

  it("A7 keeps ids whose prefix is not a provider whole, for the default provider", () => {
    expect(resolveModel("Qwen/Qwen2.5-7B-Instruct", { provider: "vllm" })).toEqual({ provider: "vllm", model: "Qwen/Qwen2.5-7B-Instruct" });
    expect(resolveModel("gpt-5.5", { provider: "openai" })).toEqual({ provider: "openai", model: "gpt-5.5" });
  });

  it("A7 falls back to the configured default model, then the provider default", () => {
    expect(resolveModel(undefined)).toEqual({ provider: "anthropic", model: DEFAULT_ANTHROPIC_MODEL });
    expect(resolveModel("", { model: "haiku" })).toEqual({ provider: "anthropic", model: MODEL_ALIASES.haiku });
    expect(resolveModel(undefined, { provider: "openai", model: "gpt-5.5" })).toEqual({ provider: "openai", model: "gpt-5.5" });
    expect(resolveModel(undefined, { provider: "ollama" })).toEqual({ provider: "ollama", model: undefined });
  });

  it("A7 leaves aliases to a non-Anthropic default provider (which maps or refuses them)", () => {
    expect(resolveModel("haiku", { provider: "openai" })).toEqual({ provider: "openai", model: "haiku" });
    expect(resolveModel("claude-sonnet-5-5", { provider: "openai" })).toEqual({ provider: "anthropic", model: "claude-sonnet-5-5" });
  });

  it("A7 rejects provider/ with no model", () => {
    expect(() => resolveModel("anthropic/")).toThrow(ModelSpecError);
    expect(() => resolveModel("openai/ ")).toThrow(/names the provider openai but no model/);
  });
});
