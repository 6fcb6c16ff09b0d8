/** `quorum run <name|path> [--repo DIR] [--args JSON]` (rule K1). */
import type { Command } from "commander";
import type { CliIo } from "../io.ts";
import { resolveRepoFlag } from "../repo-option.ts";
import { addLimitOptions, addProviderOptions, limitsFromFlags, parseArgsFlag, type LimitFlags, type ProviderFlags } from "../options.ts";
import { resumeHint } from "./resume-hint.ts";

interface RunFlags extends ProviderFlags, LimitFlags {
  repo: string;
  args?: string;
  json?: boolean;
  staged?: boolean;
}

export function registerRun(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program
    .command("run")
    .description("run a workflow (a built-in name, a name from .github/quorum/workflows or .claude/workflows, or a path to a .js file)")
    .argument("<workflow>", "workflow name or path to a .js script")
    .option("--repo <dir>", "the repository the agents work on", ".")
    .option("--args <json>", "arguments for the workflow, as JSON")
    .option("--json", "print the result as JSON only")
    .option("--staged", "also show what Quorum would publish on GitHub for the findings (pull requests with title, branch, files, body excerpt), written to staged.md; nothing is published");
  addLimitOptions(addProviderOptions(command));
  command.action(async (nameOrPath: string, flags: RunFlags) => {
    // Loaded when the command runs, so `quorum --help` and the other commands start fast.
    const [{ startRun }, { resolveWorkflowFile }, { cliRunEnvironment }, { printOutcome }, { prepareScript }, { localChangeArgs }] = await Promise.all([
      import("../../engine/run.ts"),
      import("../../workflows/resolve.ts"),
      import("../run-environment.ts"),
      import("./print-outcome.ts"),
      import("../../engine/script/index.ts"),
      import("../local-change.ts"),
    ]);
    const repo = resolveRepoFlag(io.cwd, flags.repo);
    const workflow = resolveWorkflowFile(nameOrPath, repo, io.cwd);
    // rule R4: a reviewing workflow without a change in its args reviews the working tree's diff.
    const args = localChangeArgs(repo, prepareScript(workflow.source, workflow.filename).meta?.args, parseArgsFlag(flags.args), (line) => io.stderr.write(line));
    const limits = limitsFromFlags(flags);
    // Without a provider the run still starts: model-free work (e.g. flaky-hunt's detection) runs,
    // and the first live agent() call fails with what to set.
    const cli = cliRunEnvironment(io, flags, repo, (missing) => `quorum: warning: ${missing} agent() calls will fail until then.`);
    const outcome = await startRun({
      ...cli.env,
      workflow,
      args,
      repo,
      limits,
      recordedOptions: { ...(flags.provider ? { provider: flags.provider } : {}), ...(flags.model ? { model: flags.model } : {}), ...(cli.testCommand ? { testCommand: cli.testCommand } : {}) },
    }).finally(cli.close);
    if (flags.staged === true && flags.json !== true) {
      const { printStaged } = await import("./staged.ts");
      printStaged(io, outcome, workflow.name, repo);
    }
    setExit(printOutcome(io, outcome, flags.json === true, resumeHint(io, flags.repo, outcome.runId)));
  });
}
