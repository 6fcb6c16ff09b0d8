/**
 * From a GitHub event to what Quorum should do (rule G1–G5): run one or more workflows, reply
 * (a refusal, a parse error, help), act on a run (status, cancel, approve, resume), or nothing.
 *
 * | event | runs |
 * |---|---|
 * | `issue_comment` created, first line `/workflow …` | the named workflow (or help / a run verb) |
 * | `issues` / `pull_request` labeled `<prefix><name>` | `<name>` (prefix `quorum:` or the config's) |
 * | `pull_request` opened / synchronize / ready_for_review | the config's `workflows.pullRequest` |
 * | `schedule` | the config's `workflows.schedule` |
 * | `workflow_dispatch` by the GitHub App (a `run-id` input) | the run it hands over (src/github/dispatch.ts) |
 * | `workflow_dispatch` by a person | the `workflow` input with the `args` input |
 *
 * Free-form tasks (rule G7): `/workflow "<task>"` is a `propose` decision, `/workflow approve
 * [run-id]` an `approve`, `/workflow save <run-id> <name>` a `save`; run verbs are `control`.
 * The App and the Action make the same decisions and act on them with the same flows
 * (src/github/host/act.ts); only how a run starts differs.
 *
 * Edge cases:
 * - Ordinary comments cost no API call: the `/workflow` check comes before config and permission.
 * - Edited and deleted comments never trigger (`shouldIgnoreEvent`).
 * - Permission is asked of the API (rule G5). A refused human gets a short reply; a refused bot
 *   is skipped silently (a reply could start a bot-to-bot loop). For automatic `pull_request`
 *   triggers a refusal is logged, not posted: every push of an outside contributor would get one.
 * - `schedule` and `workflow_dispatch` are not authorized here: GitHub only lets users with write
 *   access dispatch, and schedules run the default branch's workflow file. The App authorizes
 *   the runs it dispatches before it dispatches them.
 * - A malformed App dispatch (bad run id, trigger or blob sha) throws {@link DispatchInputError}:
 *   the job fails with the reason rather than guessing.
 * - Draft pull requests are skipped until `ready_for_review`.
 * - A broken `.github/quorum.yml` is reported to an authorized commenter (it is the repository's
 *   own file); for events without a comment it is an error of the job.
 * - The config is read (from the default branch, rule G6) at most once per event.
 */
import type { Octokit } from "@octokit/rest";
import type { JsonObject } from "../kernel/json.ts";
import { authorizeSender, isBot, shouldIgnoreEvent } from "./authorize.ts";
import { isWorkflowCommand, parseCommand, type WorkflowCommand } from "./command.ts";
import { decodeDispatch, DispatchInputError, type DispatchRequest } from "./dispatch.ts";
import { WORKFLOW_NAME_PATTERN } from "./workflow-script.ts";
import { DEFAULT_CONFIG, type QuorumConfig } from "./config.ts";
import { CommandParseError, ConfigError } from "./errors.ts";

/** `pull_request` actions that run the configured PR workflows (rule G4). */
export const PULL_REQUEST_ACTIONS = ["opened", "synchronize", "ready_for_review"] as const;

export type TriggerSource = "comment" | "label" | "pull_request" | "schedule" | "workflow_dispatch";

/** Where replies go (rule P3): the issue or PR, and the comment that asked. */
export interface ReplyTarget {
  issueNumber: number;
  comment: { id: number; url: string; body: string } | null;
}

export interface RunRequest {
  source: TriggerSource;
  /** The workflow to start; empty for a resume (the run directory names it). */
  workflow: string;
  args: JsonObject | undefined;
  /** Set when the request resumes an earlier run (rule J5). */
  resumeRunId?: string;
  /** Set for runs whose id, commit or script were fixed elsewhere: by the App, or by an approval. */
  handoff?: RunHandoff;
  /** Login of who triggered it; null for schedules. */
  sender: string | null;
  /** The pull request the run concerns: reviews are published there, its head is the run's commit. */
  pullRequest: { number: number; headSha?: string } | null;
  replyTo: ReplyTarget | null;
}

/**
 * A run handed over ready-made: by the GitHub App's dispatch (src/github/dispatch.ts), or by the
 * approval of a free-form proposal. The run id, the commit and (for free-form runs) the script
 * are fixed; the Action does not choose them again.
 */
export interface RunHandoff {
  /** The run id (the App's, or the proposal's) instead of `gh-<workflow run id>-<workflow>`. */
  runId: string;
  /** The commit the run is about; its check run is on it. */
  headSha: string;
  /** An approved free-form script (rule G7): its git blob sha, and its text once verified. */
  freeform?: { blobSha: string; source?: string };
  /** A check run made for this run already: the run reports into it instead of creating one. */
  checkRunId?: number;
  /** The GitHub App dispatched the run: it replied that the run started, and its check run has buttons. */
  byApp?: boolean;
  /** The trigger stage replied that the run started already (staged runs, rule X6). */
  announced?: boolean;
}

/** Who asked, for decisions that act on free-form proposals. */
export interface Requester {
  login: string;
  type?: string;
}

/** Where a command was given and by whom: what every answer to it needs. */
export interface CommandScope {
  replyTo: ReplyTarget;
  sender: Requester;
  isPullRequest: boolean;
}

export type TriggerDecision =
  | { action: "ignore"; reason: string }
  | { action: "reply"; replyTo: ReplyTarget; body: string; reason: string }
  | { action: "help"; replyTo: ReplyTarget }
  | ({ action: "control"; verb: "status" | "cancel" | "resume"; runId: string | undefined } & CommandScope)
  | ({ action: "propose"; task: string } & CommandScope)
  | ({ action: "approve"; runId: string | undefined } & CommandScope)
  | ({ action: "save"; runId: string; name: string } & CommandScope)
  | { action: "run"; requests: RunRequest[] };

export interface GitHubEvent {
  /** `GITHUB_EVENT_NAME`. */
  name: string;
  /** The parsed `GITHUB_EVENT_PATH` file. */
  payload: unknown;
}

export interface TriggerContext {
  octokit: Octokit;
  owner: string;
  repo: string;
  /** Memoised loader of `.github/quorum.yml` from the default branch; throws ConfigError. */
  loadConfig: () => Promise<QuorumConfig>;
  /** Action inputs that steer triggers. */
  inputs?: { workflow?: string; args?: string; labelPrefix?: string };
}

// ── payload access (payloads are untrusted JSON) ──────────────────────────────

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function senderOf(payload: Json, fallback?: Json): { login: string; type?: string } | null {
  const s = obj(payload.sender);
  const f = obj(fallback);
  const login = str(s.login) ?? str(f.login);
  if (!login) return null;
  const type = str(s.type) ?? str(f.type);
  return type ? { login, type } : { login };
}

function issueTarget(payload: Json): { number: number; isPull: boolean } | null {
  const issue = obj(payload.issue);
  const n = num(issue.number);
  if (n !== undefined) return { number: n, isPull: issue.pull_request !== undefined && issue.pull_request !== null };
  const pull = obj(payload.pull_request);
  const p = num(pull.number) ?? num(payload.number);
  return p === undefined ? null : { number: p, isPull: true };
}

function pullHead(payload: Json): string | undefined {
  return str(obj(obj(payload.pull_request).head).sha);
}

// ── decisions ────────────────────────────────────────────────────────────────

type ConfigResult = { config: QuorumConfig; error: ConfigError | null };

async function configOf(ctx: TriggerContext): Promise<ConfigResult> {
  try {
    return { config: await ctx.loadConfig(), error: null };
  } catch (error) {
    if (error instanceof ConfigError) return { config: structuredClone(DEFAULT_CONFIG) as QuorumConfig, error };
    throw error;
  }
}

/** Authorizes `sender`; on refusal returns the decision to take instead. */
async function gate(
  ctx: TriggerContext,
  config: QuorumConfig,
  sender: { login: string; type?: string },
  replyTo: ReplyTarget | null,
): Promise<TriggerDecision | null> {
  const verdict = await authorizeSender(
    ctx.octokit,
    { owner: ctx.owner, repo: ctx.repo, login: sender.login, ...(sender.type ? { senderType: sender.type } : {}) },
    { allowBots: config.allowBots },
  );
  if (verdict.allowed) return null;
  if (verdict.code === "bot" || replyTo === null) return { action: "ignore", reason: verdict.reason };
  return { action: "reply", replyTo, body: verdict.reason, reason: verdict.reason };
}

function configReply(error: ConfigError, replyTo: ReplyTarget): TriggerDecision {
  return { action: "reply", replyTo, body: `Quorum cannot start: ${error.message}`, reason: error.message };
}

/**
 * The decision a valid command asks for. Adding a command is a case here and one in the flow
 * that acts on decisions (src/github/host/act.ts), for the App and the Action alike.
 */
function fromCommand(command: WorkflowCommand, base: Omit<RunRequest, "workflow" | "args">, scope: CommandScope): TriggerDecision {
  switch (command.kind) {
    case "run":
      return { action: "run", requests: [{ ...base, workflow: command.workflow, args: command.args }] };
    case "help":
      return { action: "help", replyTo: scope.replyTo };
    case "resume":
      // Without a run id, the host decides which run is meant (the App: the newest on the issue).
      if (!command.runId) return { action: "control", verb: "resume", runId: undefined, ...scope };
      return { action: "run", requests: [{ ...base, workflow: "", args: undefined, resumeRunId: command.runId }] };
    case "freeform":
      return { action: "propose", task: command.task, ...scope };
    case "approve":
      return { action: "approve", runId: command.runId, ...scope };
    case "save":
      return { action: "save", runId: command.runId, name: command.name, ...scope };
    case "status":
    case "cancel":
      return { action: "control", verb: command.kind, runId: command.runId, ...scope };
  }
}

async function onComment(ctx: TriggerContext, payload: Json): Promise<TriggerDecision> {
  const comment = obj(payload.comment);
  const body = str(comment.body) ?? "";
  if (!isWorkflowCommand(body)) return { action: "ignore", reason: "the comment is not a /workflow command" };
  const target = issueTarget(payload);
  const sender = senderOf(payload, obj(comment.user));
  if (!target || !sender) return { action: "ignore", reason: "issue_comment payload without an issue or a sender" };
  const replyTo: ReplyTarget = {
    issueNumber: target.number,
    comment: { id: num(comment.id) ?? 0, url: str(comment.html_url) ?? "", body },
  };
  // A person's permission does not depend on the config (only bots are checked against its
  // allowBots), so it is asked while the config is read: one round trip less before a check run.
  // The config's outcome still comes first (an API error reading it is thrown as before).
  const personGate = isBot(sender.login, sender.type) ? null : gate(ctx, DEFAULT_CONFIG as QuorumConfig, sender, replyTo);
  personGate?.catch(() => undefined); // awaited below unless reading the config throws first
  const { config, error } = await configOf(ctx);
  const refused = await (personGate ?? gate(ctx, config, sender, replyTo));
  if (refused) return refused;
  if (error) return configReply(error, replyTo);
  let command: WorkflowCommand | null;
  try {
    command = parseCommand(body);
  } catch (parseError) {
    if (parseError instanceof CommandParseError) return { action: "reply", replyTo, body: parseError.message, reason: "malformed command" };
    throw parseError;
  }
  if (!command) return { action: "ignore", reason: "the comment is not a /workflow command" };
  const base = { source: "comment" as const, sender: sender.login, pullRequest: target.isPull ? { number: target.number } : null, replyTo };
  return fromCommand(command, base, { replyTo, sender, isPullRequest: target.isPull });
}

async function onLabel(ctx: TriggerContext, payload: Json): Promise<TriggerDecision> {
  const label = str(obj(payload.label).name) ?? "";
  const inputPrefix = ctx.inputs?.labelPrefix?.trim();
  if (inputPrefix && !label.startsWith(inputPrefix)) return { action: "ignore", reason: `label "${label}" does not start with "${inputPrefix}"` };
  const target = issueTarget(payload);
  const sender = senderOf(payload);
  if (!target || !sender) return { action: "ignore", reason: "labeled payload without an issue or a sender" };
  const { config, error } = await configOf(ctx);
  const prefix = inputPrefix || config.labelPrefix;
  if (!label.startsWith(prefix)) return { action: "ignore", reason: `label "${label}" does not start with "${prefix}"` };
  const replyTo: ReplyTarget = { issueNumber: target.number, comment: null };
  const refused = await gate(ctx, config, sender, replyTo);
  if (refused) return refused;
  if (error) return configReply(error, replyTo);
  const workflow = label.slice(prefix.length).trim();
  if (!WORKFLOW_NAME_PATTERN.test(workflow)) {
    const body = `The label "${label}" does not name a workflow after "${prefix}" (lowercase letters, digits, "-" and "_"). Comment \`/workflow help\` to list workflows.`;
    return { action: "reply", replyTo, body, reason: "label is not a workflow name" };
  }
  const pullRequest = target.isPull ? { number: target.number, ...(pullHead(payload) ? { headSha: pullHead(payload) as string } : {}) } : null;
  return { action: "run", requests: [{ source: "label", workflow, args: undefined, sender: sender.login, pullRequest, replyTo }] };
}

async function onPullRequest(ctx: TriggerContext, payload: Json): Promise<TriggerDecision> {
  const action = str(payload.action) ?? "";
  if (action === "labeled") return onLabel(ctx, payload);
  if (!(PULL_REQUEST_ACTIONS as readonly string[]).includes(action)) return { action: "ignore", reason: `pull_request.${action} does not trigger runs` };
  const pull = obj(payload.pull_request);
  if (pull.draft === true && action !== "ready_for_review") return { action: "ignore", reason: "draft pull request (runs when it is ready for review)" };
  const number = num(pull.number) ?? num(payload.number);
  const sender = senderOf(payload);
  if (number === undefined || !sender) return { action: "ignore", reason: "pull_request payload without a number or a sender" };
  const config = await ctx.loadConfig();
  if (config.workflows.pullRequest.length === 0) return { action: "ignore", reason: "no workflows.pullRequest in .github/quorum.yml" };
  const refused = await gate(ctx, config, sender, null);
  if (refused) return refused;
  const headSha = pullHead(payload);
  const requests = config.workflows.pullRequest.map((workflow): RunRequest => ({
    source: "pull_request",
    workflow,
    args: undefined,
    sender: sender.login,
    pullRequest: { number, ...(headSha ? { headSha } : {}) },
    replyTo: null,
  }));
  return { action: "run", requests };
}

async function onSchedule(ctx: TriggerContext): Promise<TriggerDecision> {
  const config = await ctx.loadConfig();
  if (config.workflows.schedule.length === 0) return { action: "ignore", reason: "no workflows.schedule in .github/quorum.yml" };
  const requests = config.workflows.schedule.map((workflow): RunRequest => ({ source: "schedule", workflow, args: undefined, sender: null, pullRequest: null, replyTo: null }));
  return { action: "run", requests };
}

/** The run the GitHub App hands over (its inputs are the dispatch contract, src/github/dispatch.ts). */
export function requestFromApp(app: DispatchRequest): RunRequest {
  const args = app.args;
  if (args !== undefined && (args === null || typeof args !== "object" || Array.isArray(args))) {
    throw new DispatchInputError("input args must be a JSON object (or empty).");
  }
  const { trigger } = app;
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(trigger.headSha)) throw new DispatchInputError(`input trigger.headSha "${String(trigger.headSha).slice(0, 80)}" is not a commit sha.`);
  const number = typeof trigger.number === "number" && Number.isSafeInteger(trigger.number) && trigger.number > 0 ? trigger.number : null;
  return {
    source: "workflow_dispatch",
    workflow: app.workflow,
    args,
    ...(app.resume ? { resumeRunId: app.runId } : {}),
    sender: typeof trigger.sender === "string" && trigger.sender ? trigger.sender : null,
    pullRequest: number !== null && trigger.isPullRequest === true ? { number, headSha: trigger.headSha } : null,
    // The App quoted the command in its "started" reply; the summary goes to the same issue.
    replyTo: number !== null ? { issueNumber: number, comment: null } : null,
    handoff: {
      runId: app.runId,
      headSha: trigger.headSha,
      ...(app.scriptBlob ? { freeform: { blobSha: app.scriptBlob } } : {}),
      ...(app.checkRunId !== null && Number.isSafeInteger(app.checkRunId) && app.checkRunId > 0 ? { checkRunId: app.checkRunId } : {}),
      byApp: true,
    },
  };
}

function onDispatch(ctx: TriggerContext, payload: Json): TriggerDecision {
  const inputs = obj(payload.inputs);
  const app = decodeDispatch((name) => {
    const value = inputs[name];
    return value === undefined || value === null ? "" : String(value);
  });
  if (app) return { action: "run", requests: [requestFromApp(app)] };
  const workflow = (ctx.inputs?.workflow?.trim() || str(inputs.workflow)?.trim()) ?? "";
  const args = (ctx.inputs?.args?.trim() || str(inputs.args)?.trim()) ?? "";
  if (!workflow) return { action: "ignore", reason: "workflow_dispatch without a `workflow` input: nothing to run" };
  // The same grammar as comments, so `resume <run-id>` works from a dispatch too.
  const command = parseCommand(`/workflow ${workflow}${args ? ` ${args}` : ""}`);
  const sender = senderOf(payload)?.login ?? null;
  const base = { source: "workflow_dispatch" as const, sender, pullRequest: null, replyTo: null };
  if (command?.kind === "run") return { action: "run", requests: [{ ...base, workflow: command.workflow, args: command.args }] };
  if (command?.kind === "resume" && command.runId) return { action: "run", requests: [{ ...base, workflow: "", args: undefined, resumeRunId: command.runId }] };
  return { action: "ignore", reason: `workflow_dispatch input "${workflow}" is not something the Action can run (a workflow name or "resume <run-id>")` };
}

/**
 * Decides what to do with one event. Throws {@link CommandParseError} for a malformed dispatch
 * input, {@link DispatchInputError} for a malformed dispatch by the App, {@link ConfigError} for a broken config on events without a comment to reply to, and API
 * errors other than "not a collaborator" (Quorum does not run when it cannot tell).
 */
export async function decideTrigger(ctx: TriggerContext, event: GitHubEvent): Promise<TriggerDecision> {
  const ignored = shouldIgnoreEvent(event.name, event.payload);
  if (ignored.ignore) return { action: "ignore", reason: ignored.reason };
  const payload = obj(event.payload);
  switch (event.name) {
    case "issue_comment":
      return onComment(ctx, payload);
    case "issues":
      return str(payload.action) === "labeled" ? onLabel(ctx, payload) : { action: "ignore", reason: `issues.${str(payload.action) ?? "?"} does not trigger runs` };
    case "pull_request":
      return onPullRequest(ctx, payload);
    case "schedule":
      return onSchedule(ctx);
    case "workflow_dispatch":
      return onDispatch(ctx, payload);
    default:
      return { action: "ignore", reason: `the ${event.name} event does not trigger Quorum (see the README for supported triggers)` };
  }
}

/** True for a sender that is a bot (for callers that skip bots before anything else). */
export { isBot };
