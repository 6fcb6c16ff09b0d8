/**
 * `run`: one allowlisted command in the checkout (rules X1, X2, X7, X8). The command line is split
 * into argv without a shell; shell metacharacters are refused; the argv must start with an
 * allowlist entry and pass ./command-check.ts (git options from a per-command list in full, paths
 * confined, the test command exact). The process runs in the command sandbox (../sandbox/): an
 * allowlisted environment, the checkout as working directory (writable only in the agent's own
 * worktree), no network, a time limit and an output cap (stated when cut).
 *
 * Result: `isError` when the command was refused, could not start, exited non-zero, was killed or
 * was cancelled; the content always says which, with the exit code.
 */
import type { JsonObject } from "../../kernel/json.ts";
import { revealHidden } from "../sanitize.ts";
import { findAllowlistEntry } from "./allowlist.ts";
import { checkExtraOperands, checkGitCommand, refuseBlobs } from "./command-check.ts";
import { GIT_OPTIONS } from "./git-options.ts";
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
    "Git options must be spelled out in full (no abbreviations, no bundled short options like -pn); long options " +
    "with a value are written --name=value. The test command runs exactly as configured, optionally followed by test files. " +
    `Time limit ${formatSeconds(context.runTimeoutMs)}; output over ${formatBytes(context.outputCapBytes)} is cut ` +
    "from the middle (the cut is stated). Commands run in a sandbox: no credentials in the environment, no network."
  );
}

/** `git cat-file -t <revision>` in the sandbox: the object's type, or undefined when unknown. */
async function objectType(revision: string, context: ToolContext, signal: AbortSignal): Promise<string | undefined> {
  const outcome = await runProcess(["git", "cat-file", "-t", revision], {
    cwd: context.realRoot,
    writable: false,
    env: FIXED_ENVIRONMENT,
    timeoutMs: context.runTimeoutMs,
    outputCapBytes: 1024,
    signal,
  });
  return outcome.exitCode === 0 ? outcome.output.trim() : undefined;
}

/** The argv to run for an allowlisted command line (rule X8); throws {@link ToolError} when refused. */
async function checkedArgv(
  argv: readonly string[],
  entry: readonly string[],
  context: ToolContext,
  command: string,
  signal: AbortSignal,
): Promise<string[]> {
  if (entry[0] === "git" && entry.length === 2 && GIT_OPTIONS[entry[1] ?? ""] !== undefined) {
    const checked = await checkGitCommand(argv, context, command);
    await refuseBlobs(checked.revisions, (revision) => objectType(revision, context, signal), command);
    return checked.argv;
  }
  await checkExtraOperands(argv.slice(entry.length), context, command, entry.join(" "));
  return [...argv];
}

export const runTool: ToolSpec<RunInput> = {
  name: "run",
  description: "Run one allowlisted command in the repository root (no shell).",
  inputSchema,
  async execute(input, context, signal) {
    const parsed = parseCommandLine(input.command);
    if (parsed.length === 0) throw new ToolError("Refused command: it is empty.");
    const entry = findAllowlistEntry(parsed, context.runAllowlist);
    if (!entry) {
      throw new ToolError(
        `Refused command "${input.command}": it is not on the allowlist. Allowed commands start with: ${describeAllowlist(context)}.`,
      );
    }
    const argv = await checkedArgv(parsed, entry, context, input.command, signal);
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
