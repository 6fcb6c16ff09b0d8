/**
 * `run`: one allowlisted command in the checkout (rule X1, X2). The command line is split into
 * argv without a shell; shell metacharacters are refused; the argv must start with an allowlist
 * entry; git options that reach outside the repository are refused. The process gets a scrubbed
 * environment, the checkout as working directory, a time limit and an output cap (stated when cut).
 *
 * Result: `isError` when the command was refused, could not start, exited non-zero, was killed or
 * was cancelled; the content always says which, with the exit code.
 */
import type { JsonObject } from "../contract.ts";
import { revealHidden } from "../sanitize.ts";
import { findAllowlistEntry, findRefusedGitOption } from "./allowlist.ts";
import { ToolError } from "./errors.ts";
import { runProcess, type ProcessOutcome } from "./run-process.ts";
import { parseCommandLine } from "./shell-words.ts";
import { formatBytes } from "./text.ts";
import type { ToolContext, ToolSpec } from "./types.ts";

/** Fixed variables every command gets on top of the scrubbed environment. */
const FIXED_ENVIRONMENT: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: "0",
  GIT_PAGER: "cat",
  PAGER: "cat",
  NO_COLOR: "1",
};

export interface RunInput {
  command: string;
}

const inputSchema: JsonObject = {
  type: "object",
  properties: {
    command: { type: "string", minLength: 1, maxLength: 8000, description: 'The command line, e.g. "git log --oneline -20".' },
  },
  required: ["command"],
  additionalProperties: false,
};

function describeAllowlist(context: ToolContext): string {
  return context.runAllowlist.map((entry) => `"${entry.join(" ")}"`).join(", ") || "(none)";
}

/** `0.5 s`, `12.3 s`, `120 s`. */
function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function describeEnding(outcome: ProcessOutcome, context: ToolContext): string {
  const seconds = formatSeconds(outcome.durationMs);
  if (outcome.cancelled) return `[cancelled after ${seconds}: the agent was stopped]`;
  if (outcome.timedOut) return `[killed: time limit of ${formatSeconds(context.runTimeoutMs)} reached]`;
  if (outcome.exitSignal) return `[terminated by signal ${outcome.exitSignal} after ${seconds}]`;
  return `[exit code ${outcome.exitCode ?? "unknown"}, ${seconds}]`;
}

/** The allowlist description is built when the toolbox is, so the model sees what it may run. */
export function runToolDescription(context: ToolContext): string {
  return (
    "Run one command in the repository root and get its exit code and output (stdout and stderr merged). " +
    `Allowed commands start with one of: ${describeAllowlist(context)}. ` +
    "There is no shell: no pipes, redirections, variables, globbing, && or ;. Quote arguments with ' or \". " +
    `Time limit ${formatSeconds(context.runTimeoutMs)}; output over ${formatBytes(context.outputCapBytes)} is cut ` +
    "from the middle (the cut is stated). The environment holds no credentials and there is no network guarantee."
  );
}

export const runTool: ToolSpec<RunInput> = {
  name: "run",
  description: "Run one allowlisted command in the repository root (no shell).",
  inputSchema,
  async execute(input, context, signal) {
    const argv = parseCommandLine(input.command);
    if (argv.length === 0) throw new ToolError("Refused command: it is empty.");
    if (!findAllowlistEntry(argv, context.runAllowlist)) {
      throw new ToolError(
        `Refused command "${input.command}": it is not on the allowlist. Allowed commands start with: ${describeAllowlist(context)}.`,
      );
    }
    const refusedOption = findRefusedGitOption(argv);
    if (refusedOption !== undefined) {
      throw new ToolError(
        `Refused command "${input.command}": the option "${refusedOption}" reads or writes outside the repository or starts another program.`,
      );
    }
    const outcome = await runProcess(argv, {
      cwd: context.realRoot,
      writable: context.isolation === "worktree",
      env: FIXED_ENVIRONMENT,
      timeoutMs: context.runTimeoutMs,
      outputCapBytes: context.outputCapBytes,
      signal,
    });
    const revealed = revealHidden(outcome.output.replace(/\n$/, ""));
    const body = revealed.text === "" ? "(no output)" : revealed.text;
    const note = revealed.count > 0 ? `\nnote: ${revealed.count} invisible character(s) are shown as ⟦U+XXXX⟧.` : "";
    return {
      content: `$ ${argv.join(" ")}\n${body}\n${describeEnding(outcome, context)}${note}`,
      isError: outcome.exitCode !== 0 || outcome.timedOut || outcome.cancelled,
    };
  },
};
