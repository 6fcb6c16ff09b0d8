/**
 * The free-form author (rule G7): one agent writes a workflow script for a task in plain words,
 * the script is validated, and on failure the problems are fed back to a fresh author agent, up to
 * {@link DEFAULT_AUTHOR_RETRIES} times. Nothing here runs the script; it is shown and approved
 * first. Shared by the App and the Action, which each bring their own {@link AgentRunner}.
 *
 * Beyond {@link validateScript} (rule S1–S3) a proposal must have a meta whose name is a workflow
 * name (it names the check run and `/workflow save`), fit {@link MAX_APPROVED_SCRIPT_BYTES}, and
 * hold nothing that looks like a secret (it is shown in a check run; rule X4).
 *
 * Edge cases:
 * - A script wrapped in a Markdown fence (models do that) is unwrapped before validation; the
 *   unwrapped text is what is shown and approved.
 * - An agent that fails (API error after retries, refusal, turn or time limit) ends authoring at
 *   once with its reason: asking again would fail the same way. Only invalid scripts are retried.
 * - Usage and cost of every attempt are summed, failed ones included.
 */
import { tmpdir } from "node:os";
import { type AgentRunner, type ToolName } from "../../agents/contract.ts";
import { addUsage, ZERO_USAGE, type Usage } from "../../kernel/usage.ts";
import { validateScript, type WorkflowMeta } from "../../engine/script/index.ts";
import { redactSecrets } from "../redact.ts";
import { WORKFLOW_NAME_PATTERN } from "../workflow-script.ts";
import { MAX_APPROVED_SCRIPT_BYTES } from "./approved-script.ts";
import { AUTHOR_OUTPUT_SCHEMA, authorPrompt, problemLines, type PreviousAttempt } from "./author-prompt.ts";
import { estimateAgents, type AgentEstimate } from "./estimate.ts";

/** Retries after the first script fails validation (so at most 1 + 3 author agents). */
export const DEFAULT_AUTHOR_RETRIES = 3;
/** Wall-time limit of one author agent. */
export const DEFAULT_AUTHOR_TIMEOUT_MS = 5 * 60_000;
/** Turn limit of an author agent without tools (the answer, plus a structured-output retry or two). */
const TURNS_WITHOUT_TOOLS = 6;
/** Turn limit of an author agent that may read the checkout. */
const TURNS_WITH_TOOLS = 30;

export interface AuthorOptions {
  runner: AgentRunner;
  /** The task as the user wrote it (untrusted; framed as data in the prompt). */
  task: string;
  /** Login of who asked. */
  requester: string;
  /** `owner/repo`. */
  repository: string;
  /** Workflows the script may call with `workflow(name)` (built-ins and the repository's). */
  knownWorkflows?: readonly string[];
  /** Model for the author; default: the runner's default. */
  model?: string;
  /**
   * Read-only tools over `cwd` (the Action's checkout) so the author can look at the code.
   * Default: none (the App has no checkout).
   */
  tools?: readonly ToolName[];
  cwd?: string;
  retries?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface AuthorAttempt {
  attempt: number;
  /** Problems that refused the script, as fed back; empty for the accepted one. */
  problems: string[];
  /** Set when the agent itself failed. */
  agentFailure?: string;
}

export interface AuthorEstimate {
  minAgents: number;
  maxAgents: number;
  reasoning: string;
}

interface AuthorTotals {
  attempts: AuthorAttempt[];
  usage: Usage;
  costUsd: number;
}

export type AuthorResult =
  | (AuthorTotals & {
      ok: true;
      script: string;
      meta: WorkflowMeta;
      summary: string;
      authorEstimate: AuthorEstimate;
      staticEstimate: AgentEstimate | null;
      /** Validation warnings of the accepted script. */
      warnings: string[];
    })
  | (AuthorTotals & {
      ok: false;
      /** `invalid`: every script failed validation; `agent_failed`: the author agent failed. */
      reason: "invalid" | "agent_failed";
      message: string;
      /** The last script written, when there was one. */
      lastScript?: string;
    });

const FENCE = /^\s*```[a-zA-Z]*\s*\n([\s\S]*?)\n\s*```\s*$/;

/** The script without a surrounding Markdown fence. */
export function unwrapFence(script: string): string {
  const m = FENCE.exec(script);
  return m?.[1] !== undefined ? m[1] : script;
}

type Checked = { ok: true; meta: WorkflowMeta; warnings: string[] } | { ok: false; problems: string[] };

/** validateScript plus the proposal's own rules (meta present, a workflow name, size). */
export function checkProposal(script: string): Checked {
  const bytes = Buffer.byteLength(script, "utf8");
  if (bytes > MAX_APPROVED_SCRIPT_BYTES) {
    return { ok: false, problems: [`the script is ${bytes} bytes; the limit is ${MAX_APPROVED_SCRIPT_BYTES}. Write a shorter script: put the detail in agent prompts, not in code.`] };
  }
  const secrets = redactSecrets(script);
  if (secrets.count > 0) {
    // The script is shown in a check run: a credential in it would be published (rule X4).
    return { ok: false, problems: [`the script contains what looks like a secret (${Object.keys(secrets.kinds).join(", ")}). Never put credentials in a workflow script.`] };
  }
  const result = validateScript(script, "freeform.js");
  if (!result.ok) return { ok: false, problems: problemLines(result.errors) };
  if (!result.meta) return { ok: false, problems: ["line 1, column 1: the script must start with `export const meta = { name, description, phases }`."] };
  if (!WORKFLOW_NAME_PATTERN.test(result.meta.name)) {
    return { ok: false, problems: [`meta.name "${result.meta.name.slice(0, 80)}" must be a workflow name: lowercase letters, digits, "-" and "_", at most 64 characters.`] };
  }
  return { ok: true, meta: result.meta, warnings: result.warnings };
}

interface AuthorAnswer {
  script: string;
  summary: string;
  estimate: AuthorEstimate;
}

/** Writes, validates and (on failure) rewrites a workflow script for `options.task`. */
export async function authorWorkflow(options: AuthorOptions): Promise<AuthorResult> {
  const retries = options.retries ?? DEFAULT_AUTHOR_RETRIES;
  const tools = [...(options.tools ?? [])];
  const signal = options.signal ?? new AbortController().signal;
  const input = { task: options.task, requester: options.requester, repository: options.repository, knownWorkflows: options.knownWorkflows ?? [] };
  const totals: AuthorTotals = { attempts: [], usage: ZERO_USAGE, costUsd: 0 };
  let previous: PreviousAttempt | undefined;

  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    const outcome = await options.runner.runAgent(
      {
        id: `author-${attempt}`,
        prompt: authorPrompt(input, previous),
        label: attempt === 1 ? "workflow author" : `workflow author (retry ${attempt - 1})`,
        phase: null,
        model: options.model,
        schema: AUTHOR_OUTPUT_SCHEMA,
        tools,
        isolation: "none",
        cwd: options.cwd ?? tmpdir(),
        maxTurns: tools.length > 0 ? TURNS_WITH_TOOLS : TURNS_WITHOUT_TOOLS,
        timeoutMs: options.timeoutMs ?? DEFAULT_AUTHOR_TIMEOUT_MS,
        hints: {},
      },
      signal,
    );
    totals.usage = addUsage(totals.usage, outcome.usage);
    totals.costUsd += outcome.costUsd;
    if (!outcome.ok) {
      totals.attempts.push({ attempt, problems: [], agentFailure: `${outcome.reason}: ${outcome.message}` });
      return {
        ...totals,
        ok: false,
        reason: "agent_failed",
        message: `The author agent failed (${outcome.reason}): ${outcome.message}`,
        ...(previous ? { lastScript: previous.script } : {}),
      };
    }
    const answer = outcome.output as unknown as AuthorAnswer;
    const script = unwrapFence(answer.script);
    const checked = checkProposal(script);
    if (checked.ok) {
      totals.attempts.push({ attempt, problems: [] });
      return {
        ...totals,
        ok: true,
        script,
        meta: checked.meta,
        summary: answer.summary,
        authorEstimate: answer.estimate,
        staticEstimate: estimateAgents(script),
        warnings: checked.warnings,
      };
    }
    totals.attempts.push({ attempt, problems: checked.problems });
    previous = { script, problems: checked.problems };
  }
  const last = totals.attempts[totals.attempts.length - 1];
  return {
    ...totals,
    ok: false,
    reason: "invalid",
    message: `The author wrote ${totals.attempts.length} scripts and none passed validation. Last problems:\n${(last?.problems ?? []).map((p) => `- ${p}`).join("\n")}`,
    ...(previous ? { lastScript: previous.script } : {}),
  };
}
