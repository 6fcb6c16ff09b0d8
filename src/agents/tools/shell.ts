/**
 * `shell` (Claude Code's `Bash`, rule S7): one bash command line, run ONLY inside the command
 * sandbox (rule X7, ../sandbox/) — no network, an allowlisted environment without credentials, the
 * checkout read-only unless the agent works in its own worktree. Pipes, redirections and `&&` work
 * (it is a real shell); what it can reach is what the sandbox lets through. Where the sandbox
 * cannot run, every call is refused with the sandbox's own explanation as the tool result.
 *
 * Result: `isError` when the command could not start, exited non-zero, was killed or cancelled;
 * the content always says which, with the exit code.
 */
import type { JsonObject } from "../../kernel/json.ts";
import { revealHidden } from "../sanitize.ts";
import { runProcess } from "./run-process.ts";
import { formatBytes } from "./text.ts";
import type { ToolContext, ToolSpec } from "./types.ts";

export interface ShellInput {
  command: string;
  timeoutMs?: number;
}

export const shellInputSchema: JsonObject = {
  type: "object",
  properties: {
    command: { type: "string", minLength: 1, maxLength: 16_000, description: 'A bash command line, e.g. "npm test 2>&1 | tail -50".' },
    timeoutMs: { type: "integer", minimum: 1, description: "Time limit in milliseconds (at most the configured limit)." },
  },
  required: ["command"],
  additionalProperties: false,
};

const FIXED_ENVIRONMENT: Readonly<Record<string, string>> = { GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat", PAGER: "cat", NO_COLOR: "1" };

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** What the model is told, with this toolbox's limits. */
export function shellToolDescription(context: ToolContext): string {
  return (
    "Run a bash command line in the repository root inside an isolated sandbox and get its exit code and output " +
    "(stdout and stderr merged). Pipes, redirections and && work. There is no network and no credentials; " +
    (context.isolation === "worktree" ? "you may change files in your worktree. " : "the repository is read-only (writes fail). ") +
    `Time limit ${seconds(context.runTimeoutMs)}; output over ${formatBytes(context.outputCapBytes)} is cut from the middle (the cut is stated).`
  );
}

export const shellTool: ToolSpec<ShellInput> = {
  name: "shell",
  description: "Run a bash command line in the repository root inside an isolated sandbox (no network, no credentials).",
  inputSchema: shellInputSchema,
  async execute(input, context, signal) {
    const timeoutMs = Math.min(input.timeoutMs ?? context.runTimeoutMs, context.runTimeoutMs);
    const outcome = await runProcess(["bash", "-c", input.command], {
      cwd: context.realRoot,
      writable: context.isolation === "worktree",
      env: FIXED_ENVIRONMENT,
      timeoutMs,
      outputCapBytes: context.outputCapBytes,
      signal,
    });
    const revealed = revealHidden(outcome.output.replace(/\n$/, ""));
    const body = revealed.text === "" ? "(no output)" : revealed.text;
    const ending = outcome.cancelled
      ? `[cancelled after ${seconds(outcome.durationMs)}: the agent was stopped]`
      : outcome.timedOut
        ? `[killed: time limit of ${seconds(timeoutMs)} reached]`
        : outcome.exitSignal
          ? `[terminated by signal ${outcome.exitSignal} after ${seconds(outcome.durationMs)}]`
          : `[exit code ${outcome.exitCode ?? "unknown"}, ${seconds(outcome.durationMs)}]`;
    const note = revealed.count > 0 ? `\nnote: ${revealed.count} invisible character(s) are shown as ⟦U+XXXX⟧.` : "";
    return { content: `$ ${input.command}\n${body}\n${ending}${note}`, isError: outcome.exitCode !== 0 || outcome.timedOut || outcome.cancelled };
  },
};
