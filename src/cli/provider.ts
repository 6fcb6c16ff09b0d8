/**
 * Sets up the model provider for a CLI run from flags and the environment. The provider code
 * lives in the agents room; this only chooses and explains what is missing.
 */
import type { AgentRunner } from "../agents/contract.ts";
import { createRunner, describeMissingProvider } from "../agents/runner.ts";
import type { ProviderFlags } from "./options.ts";
import { MissingProviderError } from "./usage-error.ts";

export interface ProviderChoice {
  runner: AgentRunner | null;
  /** Why there is no runner (shown if a live agent is needed). */
  missing: string | null;
}

/** Creates the runner, or explains why it cannot (no key, unknown provider). Never throws. */
export function chooseProvider(flags: ProviderFlags, env: NodeJS.ProcessEnv, repo: string): ProviderChoice {
  try {
    const runner = createRunner({ provider: flags.provider, defaultModel: flags.model, env, repo });
    return { runner, missing: null };
  } catch (error) {
    return { runner: null, missing: error instanceof Error ? error.message : describeMissingProvider(flags.provider) };
  }
}

/** Like chooseProvider, but a missing provider is an error at once (for `quorum run`). */
export function requireProvider(flags: ProviderFlags, env: NodeJS.ProcessEnv, repo: string): AgentRunner {
  const choice = chooseProvider(flags, env, repo);
  if (choice.runner === null) throw new MissingProviderError(choice.missing ?? describeMissingProvider(flags.provider));
  return choice.runner;
}
