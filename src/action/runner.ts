/** The agent runner of the jobs that run agents (`stage: run`, `stage: all`), from the inputs and config. */
import { errorMessage } from "../kernel/errors.ts";
import * as core from "@actions/core";
import type { AgentRunner } from "../agents/contract.ts";
import { createRunner } from "../agents/runner.ts";
import { defaultRunAllowlist } from "../agents/tools/index.ts";
import type { QuorumConfig } from "../github/config.ts";
import type { ActionInputs } from "./inputs.ts";


export function makeRunner(inputs: ActionInputs, config: QuorumConfig, checkout: string): { runner: AgentRunner | null; hint?: string } {
  try {
    // X2: the configured allowlist plus the test command; by default the test command and read-only git.
    const allowlist =
      config.run.allowlist.length > 0
        ? [...config.run.allowlist, ...(config.run.testCommand ? [config.run.testCommand] : [])]
        : defaultRunAllowlist(config.run.testCommand);
    const runner = createRunner({
      ...(inputs.provider ? { provider: inputs.provider } : {}),
      ...((inputs.model || config.models.default) ? { defaultModel: inputs.model || config.models.default } : {}),
      repo: checkout,
      ...(inputs.anthropicApiKey ? { anthropic: { apiKey: inputs.anthropicApiKey } } : {}),
      runAllowlist: allowlist,
      onNotice: (notice) => core.info(notice),
    });
    return { runner };
  } catch (error) {
    return { runner: null, hint: `${errorMessage(error)} In the workflow file, pass it as the action's \`anthropic-api-key\` input from a secret.` };
  }
}

