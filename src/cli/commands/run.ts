/** `quorum run <name|path> [--repo DIR] [--args JSON]` (SPEC K1). */
import { resolve } from "node:path";
import type { Command } from "commander";
import { startRun } from "../../engine/run.ts";
import { resolveWorkflowFile } from "../../workflows/resolve.ts";
import type { CliIo } from "../io.ts";
import { addLimitOptions, addProviderOptions, limitsFromFlags, parseArgsFlag, type LimitFlags, type ProviderFlags } from "../options.ts";
import { chooseProvider } from "../provider.ts";
import { printOutcome } from "./print-outcome.ts";
import { createTerminalView } from "../terminal-view.ts";
import { detectTestCommand } from "../test-command.ts";

interface RunFlags extends ProviderFlags, LimitFlags {
  repo: string;
  args?: string;
  json?: boolean;
}

export function registerRun(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program
    .command("run")
    .description("run a workflow (a built-in name, a name from .github/quorum/workflows or .claude/workflows, or a path to a .js file)")
    .argument("<workflow>", "workflow name or path to a .js script")
    .option("--repo <dir>", "the repository the agents work on", ".")
    .option("--args <json>", "arguments for the workflow, as JSON")
    .option("--json", "print the result as JSON only");
  addLimitOptions(addProviderOptions(command));
  command.action(async (nameOrPath: string, flags: RunFlags) => {
    const repo = resolve(io.cwd, flags.repo);
    const workflow = resolveWorkflowFile(nameOrPath, repo, io.cwd);
    const args = parseArgsFlag(flags.args);
    const limits = limitsFromFlags(flags);
    const testCommand = detectTestCommand(repo, flags.testCommand);
    const notice = (message: string) => io.stderr.write(`quorum: note: ${message}\n`);
    // Without a provider the run still starts: model-free work (e.g. flaky-hunt's detection) runs,
    // and the first live agent() call fails with what to set.
    const provider = chooseProvider(flags, io.env, repo, testCommand, notice);
    if (provider.missing !== null) io.stderr.write(`quorum: warning: ${provider.missing} agent() calls will fail until then.\n`);
    const view = createTerminalView(io.stderr);
    const outcome = await startRun({
      workflow,
      args,
      repo,
      limits,
      runner: provider.runner,
      ...(provider.missing !== null ? { missingRunnerHint: provider.missing } : {}),
      ...(flags.model !== undefined ? { defaultModel: flags.model } : {}),
      ...(testCommand !== undefined ? { testCommands: [testCommand] } : {}),
      recordedOptions: { ...(flags.provider ? { provider: flags.provider } : {}), ...(flags.model ? { model: flags.model } : {}), ...(testCommand ? { testCommand } : {}) },
      resolveWorkflow: (name) => resolveWorkflowFile(name, repo, io.cwd),
      sinks: [view.sink],
      ...(io.signal ? { signal: io.signal } : {}),
    }).finally(view.close);
    setExit(printOutcome(io, outcome, flags.json === true));
  });
}
