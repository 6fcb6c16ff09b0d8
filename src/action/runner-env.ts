/**
 * What the Actions runner tells a JavaScript action through its environment.
 * Missing required variables are one clear error: the action is not running inside Actions.
 */
import { errorMessage } from "../kernel/errors.ts";
import { readFileSync } from "node:fs";
import { QuorumError, type QuorumErrorOptions } from "../kernel/errors.ts";

export interface RunnerEnvironment {
  eventName: string;
  payload: unknown;
  owner: string;
  repo: string;
  apiUrl: string;
  serverUrl: string;
  runId: string;
  runAttempt: number;
  sha: string | undefined;
  workspace: string;
  /** `RUNNER_TEMP`: the job's temp folder, outside the workspace (run directories live below it, rule X10). */
  runnerTemp: string | undefined;
}

export class RunnerEnvironmentError extends QuorumError {
  constructor(message: string, options?: QuorumErrorOptions) {
    super("runner_environment", message, options);
  }
}

export const DEFAULT_API_URL = "https://api.github.com";
export const DEFAULT_SERVER_URL = "https://github.com";

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new RunnerEnvironmentError(`${name} is not set: Quorum's action must run as a step of a GitHub Actions job (or set ${name} to imitate one).`);
  return value;
}

export function readRunnerEnvironment(env: Record<string, string | undefined> = process.env): RunnerEnvironment {
  const repository = required(env, "GITHUB_REPOSITORY");
  const [owner, repo, extra] = repository.split("/");
  if (!owner || !repo || extra !== undefined) throw new RunnerEnvironmentError(`GITHUB_REPOSITORY must be "owner/repo", got "${repository}".`);
  const eventPath = required(env, "GITHUB_EVENT_PATH");
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(eventPath, "utf8"));
  } catch (error) {
    throw new RunnerEnvironmentError(`Cannot read the event payload at GITHUB_EVENT_PATH=${eventPath}: ${errorMessage(error)}.`);
  }
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? "1");
  return {
    eventName: required(env, "GITHUB_EVENT_NAME"),
    payload,
    owner,
    repo,
    apiUrl: (env.GITHUB_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, ""),
    serverUrl: (env.GITHUB_SERVER_URL?.trim() || DEFAULT_SERVER_URL).replace(/\/+$/, ""),
    runId: required(env, "GITHUB_RUN_ID"),
    runAttempt: Number.isInteger(attempt) && attempt > 0 ? attempt : 1,
    sha: env.GITHUB_SHA?.trim() || undefined,
    workspace: env.GITHUB_WORKSPACE?.trim() || process.cwd(),
    runnerTemp: env.RUNNER_TEMP?.trim() || undefined,
  };
}
