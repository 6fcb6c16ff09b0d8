/** `quorum resume <id> [--force]` (SPEC J2, J4, K2). */
import { resolve } from "node:path";
import type { Command } from "commander";
import { resumeRun } from "../../engine/run.ts";
import { resolveWorkflowFile } from "../../workflows/resolve.ts";
import type { CliIo } from "../io.ts";
import { addLimitOptions, addProviderOptions, limitsFromFlags, type LimitFlags, type ProviderFlags } from "../options.ts";
import { chooseProvider } from "../provider.ts";
import { createTerminalView } from "../terminal-view.ts";
import { detectTestCommand } from "../test-command.ts";
import { printOutcome } from "./print-outcome.ts";

interface ResumeFlags extends ProviderFlags, LimitFlags {
  repo: string;
  force?: boolean;
  json?: boolean;
}

export function registerResume(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program
    .command("resume")
    .description("resume a run: agents the journal finished are not run again")
    .argument("<run-id>", "the run's id (see `quorum list`)")
    .option("--repo <dir>", "the repository the run belongs to", ".")
    .option("--force", "resume even if the repository is at another commit than the run saw")
    .option("--json", "print the result as JSON only");
  addLimitOptions(addProviderOptions(command));
  command.action(async (runId: string, flags: ResumeFlags) => {
    const repo = resolve(io.cwd, flags.repo);
    // A fully journaled run needs no provider; a live agent() call explains what is missing.
    const testCommand = detectTestCommand(repo, flags.testCommand);
    const provider = chooseProvider(flags, io.env, repo, testCommand, (message) => io.stderr.write(`quorum: note: ${message}\n`));
    const view = createTerminalView(io.stderr);
    const outcome = await resumeRun({
      repo,
      runId,
      force: flags.force === true,
      limits: limitsFromFlags(flags),
      runner: provider.runner,
      ...(provider.missing !== null ? { missingRunnerHint: provider.missing } : {}),
      ...(flags.model !== undefined ? { defaultModel: flags.model } : {}),
      ...(testCommand !== undefined ? { testCommands: [testCommand] } : {}),
      resolveWorkflow: (name) => resolveWorkflowFile(name, repo, io.cwd),
      sinks: [view.sink],
      ...(io.signal ? { signal: io.signal } : {}),
    }).finally(view.close);
    setExit(printOutcome(io, outcome, flags.json === true));
  });
}
