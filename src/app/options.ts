/**
 * What the Quorum App needs besides Probot's own settings, with defaults and the environment
 * variables the server reads them from.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `APP_ID` | the App's id: only its own check runs and comments are trusted | (Probot's) |
 * | `QUORUM_BOT_LOGIN` | the App's bot account, e.g. `quorum-workflows[bot]` | asked of `GET /app` |
 * | `QUORUM_DISPATCH_WORKFLOW` | the Actions workflow file the App dispatches | `quorum.yml` |
 * | `ANTHROPIC_API_KEY` | key for the free-form author agent (the App runs no other agent) | none: free-form off |
 * | `QUORUM_AUTHOR_MODEL` | model of the author agent | the provider's default |
 * | `REDIS_URL` | shared store of webhook delivery ids for several replicas (rule X14; read by http-server.ts) | in memory |
 */
import type { AgentRunner } from "../agents/contract.ts";
import { createRunner } from "../agents/runner.ts";
import { DEFAULT_DISPATCH_WORKFLOW_FILE } from "../github/dispatch.ts";
import type { DeliveryStore } from "./deliveries.ts";

export interface QuorumAppOptions {
  /** The App's id. Check runs and comments of other apps are never read as Quorum's records. */
  appId?: number;
  /** The App's bot login (`<slug>[bot]`); found with `GET /app` on first need when not given. */
  botLogin?: string;
  /** The workflow file dispatched in `.github/workflows/`. */
  workflowFile?: string;
  /**
   * Creates the runner of the free-form author agent, or null when free-form workflows are off
   * (no model key on the server). Called once per free-form request.
   */
  authorRunner?: (() => AgentRunner) | null;
  authorModel?: string;
  /** The clock, for approval times (tests pin it). */
  now?: () => Date;
  /** Where delivery ids are remembered (rule X14); a fresh in-memory store when not given. */
  deliveries?: DeliveryStore;
  /** The server's own secrets, redacted from everything the App writes (rule X4). */
  secrets?: readonly string[];
}

export interface ResolvedAppOptions {
  appId: number | undefined;
  botLogin: string | undefined;
  workflowFile: string;
  authorRunner: (() => AgentRunner) | null;
  authorModel: string | undefined;
  now: () => Date;
  deliveries: DeliveryStore | undefined;
  secrets: readonly string[];
}

export function resolveAppOptions(options: QuorumAppOptions = {}): ResolvedAppOptions {
  return {
    appId: options.appId,
    botLogin: options.botLogin,
    workflowFile: options.workflowFile?.trim() || DEFAULT_DISPATCH_WORKFLOW_FILE,
    authorRunner: options.authorRunner ?? null,
    authorModel: options.authorModel,
    now: options.now ?? (() => new Date()),
    deliveries: options.deliveries,
    secrets: options.secrets ?? [],
  };
}

/** Options from the server's environment (see the module comment). */
export function appOptionsFromEnv(env: Record<string, string | undefined> = process.env): QuorumAppOptions {
  const appId = Number(env.APP_ID);
  const key = env.ANTHROPIC_API_KEY?.trim();
  return {
    ...(Number.isSafeInteger(appId) && appId > 0 ? { appId } : {}),
    ...(env.QUORUM_BOT_LOGIN?.trim() ? { botLogin: env.QUORUM_BOT_LOGIN.trim() } : {}),
    ...(env.QUORUM_DISPATCH_WORKFLOW?.trim() ? { workflowFile: env.QUORUM_DISPATCH_WORKFLOW.trim() } : {}),
    ...(env.QUORUM_AUTHOR_MODEL?.trim() ? { authorModel: env.QUORUM_AUTHOR_MODEL.trim() } : {}),
    // Only the model variables reach the runner: the author agent has no tools and needs nothing else.
    // Known token shapes are redacted anyway; these are matched exactly too.
    secrets: [key, env.WEBHOOK_SECRET?.trim()].filter((s): s is string => Boolean(s)),
    authorRunner: key ? () => createRunner({ env: { ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: env.ANTHROPIC_BASE_URL } }) : null,
  };
}
