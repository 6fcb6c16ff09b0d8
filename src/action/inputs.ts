/**
 * The action's inputs (action.yml), read with @actions/core. Secrets are masked in the log at once
 * and removed from `process.env`, so no child process (agent tools, git) can inherit them (rule X1).
 */
import * as core from "@actions/core";

export interface ActionInputs {
  anthropicApiKey: string;
  githubToken: string;
  workflow: string;
  args: string;
  provider: string;
  model: string;
  maxConcurrency: number | undefined;
  budgetTokens: number | undefined;
  maxCostUsd: number | undefined;
  labelPrefix: string;
}

export class InputError extends Error {
  override name = "InputError";
}

/** Inputs that hold secrets; their `INPUT_*` variables are deleted after reading. */
const SECRET_INPUTS = ["anthropic-api-key", "github-token"] as const;

function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

function numberInput(name: string, integer: boolean): number | undefined {
  const raw = core.getInput(name);
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new InputError(`Input ${name} must be a positive ${integer ? "whole " : ""}number, got "${raw}".`);
  }
  return value;
}

export function readInputs(env: NodeJS.ProcessEnv = process.env): ActionInputs {
  const anthropicApiKey = core.getInput("anthropic-api-key");
  const githubToken = core.getInput("github-token") || env.GITHUB_TOKEN || "";
  for (const secret of [anthropicApiKey, githubToken]) if (secret) core.setSecret(secret);
  for (const name of SECRET_INPUTS) delete env[inputVariable(name)];
  delete env.GITHUB_TOKEN;
  if (!githubToken) throw new InputError("Input github-token is empty: pass `${{ secrets.GITHUB_TOKEN }}` or an App installation token.");
  return {
    anthropicApiKey,
    githubToken,
    workflow: core.getInput("workflow"),
    args: core.getInput("args"),
    provider: core.getInput("provider"),
    model: core.getInput("model"),
    maxConcurrency: numberInput("max-concurrency", true),
    budgetTokens: numberInput("budget-tokens", true),
    maxCostUsd: numberInput("max-cost-usd", false),
    labelPrefix: core.getInput("label-prefix"),
  };
}
