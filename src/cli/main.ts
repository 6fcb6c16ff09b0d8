/**
 * The `quorum` command line (rule K1–K3). Each subcommand lives in `commands/`; this file wires
 * them into commander and turns known errors into one clear line and an exit code.
 */
import { Command, CommanderError } from "commander";
import { registerEject } from "./commands/eject.ts";
import { registerList } from "./commands/list.ts";
import { registerResume } from "./commands/resume.ts";
import { registerRun } from "./commands/run.ts";
import { registerShow } from "./commands/show.ts";
import { registerValidate } from "./commands/validate.ts";
import { registerWorkflows } from "./commands/workflows.ts";
import { cliVersion } from "./version.ts";
import type { CliIo } from "./io.ts";
import { processIo } from "./io.ts";

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = new Command()
    .name("quorum")
    .description("Run dynamic AI workflows: fan out subagents, verify every finding, keep only what survives.")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .version(cliVersion(), "-V, --version", "print the version of quorum")
    .showHelpAfterError("(run `quorum --help` for usage)");
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  registerRun(program, io, setExit);
  registerResume(program, io, setExit);
  registerList(program, io);
  registerShow(program, io);
  registerValidate(program, io, setExit);
  registerEject(program, io);
  registerWorkflows(program, io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const { describeCliError } = await import("./errors.ts");
    const { message, code } = describeCliError(error, io.env);
    io.stderr.write(`quorum: ${message}\n`);
    return code;
  }
}
