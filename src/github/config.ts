/**
 * `.github/quorum.yml`, read from the default branch (rule G6) and validated with a JSON Schema.
 *
 * Edge cases:
 * - No file (or an empty file, or a file with only comments) → {@link DEFAULT_CONFIG}.
 * - Unknown keys are errors (a typo such as `publish.mdoe` must not be silently ignored).
 * - Errors point at the key path (`publish.mode`, `workflows.schedule.1`) and, for YAML syntax
 *   errors, at the line.
 * - Limits are optional: `undefined` means "the engine's default" (rule L1–L4), not zero.
 * - `.github/quorum.yaml` is read when `.github/quorum.yml` does not exist.
 */
import type { Octokit } from "@octokit/rest";
import type { ErrorObject } from "ajv";
import { parseDocument } from "yaml";
import type { ConfigPublishMode } from "./config-schema.ts";
import { configValidator } from "./config-validator.ts";
import { ConfigError, type ConfigProblem } from "./errors.ts";
import { getDefaultBranch, readTextFile, type RepoRef } from "./repo.ts";

export { loadWorkflowScript } from "./workflow-script.ts";
export type { WorkflowScript } from "./workflow-script.ts";

export const CONFIG_PATHS = [".github/quorum.yml", ".github/quorum.yaml"] as const;
export const DEFAULT_LABEL_PREFIX = "quorum:";

export { CONFIG_PUBLISH_MODES, CONFIG_SCHEMA, PUBLISH_MODES } from "./config-schema.ts";
export type { ConfigPublishMode, PublishMode } from "./config-schema.ts";

/** Per-run output caps (rule P10): what exceeds them is listed, never silently dropped. */
export const DEFAULT_MAX_PULL_REQUESTS = 10;
export const DEFAULT_MAX_REVIEW_COMMENTS = 30;
export const DEFAULT_MAX_ISSUES = 10;

export interface QuorumConfig {
  workflows: { schedule: string[]; pullRequest: string[] };
  labelPrefix: string;
  allowBots: string[];
  /**
   * `issues`: findings of runs with no issue or PR to answer on and no proven patch become issues
   * (one per fingerprint) labelled `issueLabel`; `reopenClosedIssues` reopens a closed one when its
   * finding is found again.
   */
  publish: {
    mode: ConfigPublishMode;
    draft: boolean;
    /** Globs of protected paths fix patches may change anyway (rule X12). */
    allowPaths: string[];
    /** Caps per run (rule P10). */
    maxPullRequests: number;
    maxReviewComments: number;
    maxIssues: number;
    issues: boolean;
    issueLabel: string;
    reopenClosedIssues: boolean;
  };
  models: { default: string | undefined; phases: Record<string, string> };
  limits: {
    maxConcurrency: number | undefined;
    maxAgents: number | undefined;
    budgetTokens: number | undefined;
    maxCostUsd: number | undefined;
  };
  run: { allowlist: string[]; testCommand: string | undefined };
  freeform: { autoApprove: boolean };
}

export const DEFAULT_CONFIG: Readonly<QuorumConfig> = Object.freeze<QuorumConfig>({
  workflows: { schedule: [], pullRequest: [] },
  labelPrefix: DEFAULT_LABEL_PREFIX,
  allowBots: [],
  publish: {
    mode: "auto",
    draft: false,
    allowPaths: [],
    maxPullRequests: DEFAULT_MAX_PULL_REQUESTS,
    maxReviewComments: DEFAULT_MAX_REVIEW_COMMENTS,
    maxIssues: DEFAULT_MAX_ISSUES,
    issues: true,
    issueLabel: "quorum",
    reopenClosedIssues: false,
  },
  models: { default: undefined, phases: {} },
  limits: { maxConcurrency: undefined, maxAgents: undefined, budgetTokens: undefined, maxCostUsd: undefined },
  run: { allowlist: [], testCommand: undefined },
  freeform: { autoApprove: false },
});


function keyPath(error: ErrorObject): string {
  const segments = error.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (error.keyword === "additionalProperties") {
    segments.push((error.params as { additionalProperty: string }).additionalProperty);
  }
  return segments.length ? segments.join(".") : "(root)";
}

function problemOf(error: ErrorObject): ConfigProblem {
  const path = keyPath(error);
  switch (error.keyword) {
    case "additionalProperties":
      return { path, message: "unknown key (check the spelling)" };
    case "enum":
      return { path, message: `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}` };
    case "pattern":
      return path.startsWith("workflows.")
        ? { path, message: "must be a workflow name (lowercase letters, digits, - and _)" }
        : { path, message: `must match ${(error.params as { pattern: string }).pattern}` };
    default:
      return { path, message: error.message ?? "is invalid" };
  }
}

/**
 * Parses and validates config text. Throws {@link ConfigError} listing every problem.
 * @param source the file name used in messages.
 */
export function parseConfig(text: string, source: string = CONFIG_PATHS[0]): QuorumConfig {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => ({ path: e.linePos ? `line ${e.linePos[0].line}` : "(yaml)", message: e.message.split("\n")[0] ?? e.message })),
    );
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return structuredClone(DEFAULT_CONFIG) as QuorumConfig;
  const validator = configValidator();
  if (!validator(value)) {
    const seen = new Set<string>();
    const problems = (validator.errors ?? []).map(problemOf).filter((p) => {
      const key = `${p.path}\u0000${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    throw new ConfigError(source, problems);
  }
  return withDefaults(value as DeepPartial<QuorumConfig>);
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

function withDefaults(c: DeepPartial<QuorumConfig>): QuorumConfig {
  const d = DEFAULT_CONFIG;
  return {
    workflows: {
      schedule: c.workflows?.schedule ?? [...d.workflows.schedule],
      pullRequest: c.workflows?.pullRequest ?? [...d.workflows.pullRequest],
    },
    labelPrefix: c.labelPrefix ?? d.labelPrefix,
    allowBots: c.allowBots ?? [],
    publish: {
      mode: c.publish?.mode ?? d.publish.mode,
      draft: c.publish?.draft ?? d.publish.draft,
      allowPaths: c.publish?.allowPaths ?? [],
      maxPullRequests: c.publish?.maxPullRequests ?? d.publish.maxPullRequests,
      maxReviewComments: c.publish?.maxReviewComments ?? d.publish.maxReviewComments,
      maxIssues: c.publish?.maxIssues ?? d.publish.maxIssues,
      issues: c.publish?.issues ?? d.publish.issues,
      issueLabel: c.publish?.issueLabel ?? d.publish.issueLabel,
      reopenClosedIssues: c.publish?.reopenClosedIssues ?? d.publish.reopenClosedIssues,
    },
    models: { default: c.models?.default ?? d.models.default, phases: { ...(c.models?.phases ?? {}) } as Record<string, string> },
    limits: {
      maxConcurrency: c.limits?.maxConcurrency,
      maxAgents: c.limits?.maxAgents,
      budgetTokens: c.limits?.budgetTokens,
      maxCostUsd: c.limits?.maxCostUsd,
    },
    run: { allowlist: c.run?.allowlist ?? [], testCommand: c.run?.testCommand },
    freeform: { autoApprove: c.freeform?.autoApprove ?? d.freeform.autoApprove },
  };
}

export interface LoadedConfig {
  config: QuorumConfig;
  /** The file read, or `null` when defaults were used. */
  path: string | null;
  /** The ref it was read from: the default branch's name. */
  ref: string;
}

/**
 * Loads `.github/quorum.yml` from the default branch through the contents API.
 * Missing file → defaults. Invalid file → {@link ConfigError}.
 */
export async function loadConfig(octokit: Octokit, repo: RepoRef): Promise<LoadedConfig> {
  const ref = await getDefaultBranch(octokit, repo);
  for (const path of CONFIG_PATHS) {
    const text = await readTextFile(octokit, repo, path, ref);
    if (text !== null) return { config: parseConfig(text, path), path, ref };
  }
  return { config: structuredClone(DEFAULT_CONFIG) as QuorumConfig, path: null, ref };
}
