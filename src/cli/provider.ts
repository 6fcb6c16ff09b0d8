/**
 * Sets up the model provider for a CLI run from flags and the environment. The provider code
 * lives in the agents room; this only chooses and explains what is missing.
 */
import type { AgentRunner } from "../agents/contract.ts";
import { createRunner, describeMissingProvider } from "../agents/runner.ts";
import { defaultRunAllowlist } from "../agents/tools/index.ts";
import type { ProviderFlags } from "./options.ts";

export interface ProviderChoice {
  runner: AgentRunner | null;
  /** Why there is no runner (shown if a live agent is needed). */
  missing: string | null;
}

/** Creates the runner, or explains why it cannot (no key, unknown provider). Never throws. */
export function chooseProvider(flags: ProviderFlags, env: NodeJS.ProcessEnv, repo: string, testCommand: string | undefined, onNotice: (message: string) => void): ProviderChoice {
  try {
    const runner = createRunner({ provider: flags.provider, defaultModel: flags.model, env, repo, runAllowlist: defaultRunAllowlist(testCommand), onNotice });
    return { runner, missing: null };
  } catch (error) {
    return { runner: null, missing: error instanceof Error ? error.message : describeMissingProvider(flags.provider) };
  }
}
