/** `quorum resume <id> [--force]` (rule J2, J4, K2). */
import type { Command } from "commander";
import type { CliIo } from "../io.ts";
import { resolveRepoFlag } from "../repo-option.ts";
import { addLimitOptions, addProviderOptions, limitsFromFlags, type LimitFlags, type ProviderFlags } from "../options.ts";
import { resumeHint } from "./resume-hint.ts";

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
    // Loaded when the command runs, so `quorum --help` and the other commands start fast.
    const [{ resumeRun }, { cliRunEnvironment }, { printOutcome }] = await Promise.all([
      import("../../engine/run.ts"),
      import("../run-environment.ts"),
      import("./print-outcome.ts"),
    ]);
    const repo = resolveRepoFlag(io.cwd, flags.repo);
    // A fully journaled run needs no provider; a live agent() call explains what is missing.
    const limits = limitsFromFlags(flags);
    const cli = cliRunEnvironment(io, flags, repo, (missing) => `quorum: note: ${missing} Agents the journal finished need no provider; live agent() calls will fail until then.`);
    const outcome = await resumeRun({ ...cli.env, repo, runId, force: flags.force === true, limits }).finally(cli.close);
    setExit(printOutcome(io, outcome, flags.json === true, resumeHint(io, flags.repo, outcome.runId)));
  });
}
