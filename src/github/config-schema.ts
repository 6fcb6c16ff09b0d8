/**
 * The JSON Schema of `.github/quorum.yml` (rule G6), the one source of its validator: compiled at
 * first use from src (src/github/config-validator.ts), and generated as standalone code into the
 * Action bundle by scripts/build.mjs. Plain data with no imports, so the build script can load it.
 */
/** Options of both validators: every problem reported, unknown keywords in the schema refused. */
export const CONFIG_AJV_OPTIONS = { allErrors: true, strict: true } as const;

export const PUBLISH_MODES = ["auto", "pull-request", "review", "comment", "none"] as const;
export type PublishMode = (typeof PUBLISH_MODES)[number];
/**
 * `publish.mode` in the config: a {@link PublishMode}, or `staged` (rule P9) — run everything,
 * write nothing but the check run and the job summary, which preview what would be published.
 */
export const CONFIG_PUBLISH_MODES = [...PUBLISH_MODES, "staged"] as const;
export type ConfigPublishMode = (typeof CONFIG_PUBLISH_MODES)[number];

const workflowName = { type: "string", pattern: "^[a-z0-9][a-z0-9_-]{0,63}$" } as const;
const nonEmpty = { type: "string", minLength: 1 } as const;
const strictObject = (properties: Record<string, unknown>) => ({ type: "object", additionalProperties: false, properties });

/** JSON Schema of the config file (every key optional). */
export const CONFIG_SCHEMA = strictObject({
  workflows: strictObject({
    schedule: { type: "array", items: workflowName, uniqueItems: true },
    pullRequest: { type: "array", items: workflowName, uniqueItems: true },
  }),
  labelPrefix: { type: "string", minLength: 1, maxLength: 40, pattern: "^[^\\s,]+$" },
  allowBots: { type: "array", items: nonEmpty },
  publish: strictObject({
    mode: { type: "string", enum: [...CONFIG_PUBLISH_MODES] },
    draft: { type: "boolean" },
    allowPaths: { type: "array", items: nonEmpty },
    maxPullRequests: { type: "integer", minimum: 0, maximum: 1000 },
    maxReviewComments: { type: "integer", minimum: 0, maximum: 1000 },
    maxIssues: { type: "integer", minimum: 0, maximum: 1000 },
    issues: { type: "boolean" },
    issueLabel: { type: "string", minLength: 1, maxLength: 50, pattern: "^[^,]+$" },
    reopenClosedIssues: { type: "boolean" },
  }),
  models: strictObject({
    default: nonEmpty,
    phases: { type: "object", additionalProperties: nonEmpty },
  }),
  limits: strictObject({
    maxConcurrency: { type: "integer", minimum: 1, maximum: 256 },
    maxAgents: { type: "integer", minimum: 1 },
    budgetTokens: { type: "integer", minimum: 1 },
    maxCostUsd: { type: "number", exclusiveMinimum: 0 },
  }),
  run: strictObject({
    allowlist: { type: "array", items: nonEmpty },
    testCommand: nonEmpty,
  }),
  freeform: strictObject({ autoApprove: { type: "boolean" } }),
});

