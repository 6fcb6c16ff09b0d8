/**
 * The action's inputs (action.yml), read with @actions/core. Secrets are masked in the log at once
 * and removed from `process.env`, so no child process (agent tools, git) can inherit them (rule X1).
 */
import * as core from "@actions/core";
import { MAX_MAX_CONCURRENCY } from "../engine/limits.ts";
import { QuorumError, type QuorumErrorOptions } from "../kernel/errors.ts";

/**
 * The job's part of a run (rule X6): `trigger`, `run` and `publish` in three jobs with their own
 * permissions (the example workflow), or `all` in one job (an opt-in: `allow-single-job`).
 */
export type ActionStage = "trigger" | "run" | "publish" | "all";
export const ACTION_STAGES: readonly ActionStage[] = ["trigger", "run", "publish", "all"];

export interface ActionInputs {
  stage: ActionStage;
  /** The trigger job's `plan` output, for the run and publish stages. */
  plan: string;
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

export class InputError extends QuorumError {
  constructor(message: string, options?: QuorumErrorOptions) {
    super("action_input", message, options);
  }
}

/** Inputs that hold secrets; their `INPUT_*` variables are deleted after reading. */
const SECRET_INPUTS = ["anthropic-api-key", "github-token"] as const;

function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

/**
 * A number input, parsed strictly (rule K3): digits (and, where allowed, one decimal point) only,
 * so `0x10`, `1e3`, `-1` or `1.5` for a count are errors naming the input — never silently
 * reinterpreted (surrounding whitespace from YAML is trimmed, as for every input). `max` bounds
 * the value where the engine has a range.
 */
function numberInput(name: string, integer: boolean, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = core.getInput(name);
  if (raw === "") return undefined;
  const shape = integer ? /^[0-9]+$/ : /^[0-9]+(\.[0-9]+)?$/;
  const value = Number(raw);
  if (!shape.test(raw) || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new InputError(
      `Input ${name} must be a positive ${integer ? "whole " : ""}number, got "${raw}": write it with digits only${integer ? "" : " (e.g. 2.5)"}, at most ${max}. Fix it in the workflow file's \`with:\`.`,
    );
  }
  return value;
}

function stageInput(anthropicApiKey: string): ActionStage {
  const raw = core.getInput("stage").trim();
  const stage = ACTION_STAGES.find((s) => s === raw);
  if (!stage) {
    throw new InputError(
      `Input stage must be one of ${ACTION_STAGES.join(", ")}${raw ? `, got "${raw}"` : " (it is empty)"}: run Quorum as three jobs — stage: trigger, stage: run, stage: publish — as in the example workflow (.github/workflows/quorum.yml).`,
    );
  }
  if (stage === "all" && core.getInput("allow-single-job").trim().toLowerCase() !== "true") {
    throw new InputError(
      "stage: all runs agents and repository code in the job that holds the write token (rule X6). Split the job into trigger, run and publish jobs as in the example workflow, or accept the risk with `allow-single-job: true`.",
    );
  }
  if ((stage === "trigger" || stage === "publish") && anthropicApiKey) {
    throw new InputError(`The ${stage} job must not hold the model key: remove anthropic-api-key from its step (only the run job runs agents).`);
  }
  return stage;
}

export function readInputs(env: NodeJS.ProcessEnv = process.env): ActionInputs {
  const anthropicApiKey = core.getInput("anthropic-api-key");
  const githubToken = core.getInput("github-token") || env.GITHUB_TOKEN || "";
  for (const secret of [anthropicApiKey, githubToken]) if (secret) core.setSecret(secret);
  for (const name of SECRET_INPUTS) delete env[inputVariable(name)];
  delete env.GITHUB_TOKEN;
  if (!githubToken) throw new InputError("Input github-token is empty: pass `${{ secrets.GITHUB_TOKEN }}` or an App installation token.");
  return {
    stage: stageInput(anthropicApiKey),
    plan: core.getInput("plan"),
    anthropicApiKey,
    githubToken,
    workflow: core.getInput("workflow"),
    args: core.getInput("args"),
    provider: core.getInput("provider"),
    model: core.getInput("model"),
    maxConcurrency: numberInput("max-concurrency", true, MAX_MAX_CONCURRENCY),
    budgetTokens: numberInput("budget-tokens", true),
    maxCostUsd: numberInput("max-cost-usd", false),
    labelPrefix: core.getInput("label-prefix"),
  };
}
