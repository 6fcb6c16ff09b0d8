/** `quorum eject <name>` (rule B5): copies a built-in into the repository to edit. */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { BUILTIN_DIR, builtinNames, REPO_WORKFLOW_DIRS } from "../../workflows/resolve.ts";
import type { CliIo } from "../io.ts";
import { resolveRepoFlag } from "../repo-option.ts";
import { UsageError } from "../usage-error.ts";

export function registerEject(program: Command, io: CliIo): void {
  program
    .command("eject")
    .description("copy a built-in workflow into .github/quorum/workflows/ so you can edit it")
    .argument("<name>", "built-in workflow name")
    .option("--repo <dir>", "the repository", ".")
    .option("--force", "overwrite an existing file")
    .action((name: string, flags: { repo: string; force?: boolean }) => {
      const names = builtinNames();
      if (!names.includes(name)) throw new UsageError(`"${name}" is not a built-in workflow. Built-ins: ${names.join(", ") || "(none)"}.`);
      const targetDir = join(resolveRepoFlag(io.cwd, flags.repo), REPO_WORKFLOW_DIRS[0] ?? ".github/quorum/workflows");
      const target = join(targetDir, `${name}.js`);
      if (existsSync(target) && !flags.force) throw new UsageError(`${target} exists already; pass --force to overwrite it.`);
      mkdirSync(targetDir, { recursive: true });
      copyFileSync(join(BUILTIN_DIR, `${name}.js`), target);
      io.stdout.write(`Copied ${name} to ${target}. Edit it; runs by that name now use your copy.\n`);
    });
}
