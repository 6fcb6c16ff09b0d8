/**
 * `quorum workflows [--repo DIR]` (rule K2): what `quorum run <name>` can run in a repository —
 * its own scripts (.github/quorum/workflows, then .claude/workflows) and the built-ins — with
 * each one's description, and which scripts shadow a built-in or do not validate.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Command } from "commander";
import type { ScriptValidation } from "../../engine/script/index.ts";
import { BUILTIN_DIR, builtinNames, REPO_WORKFLOW_DIRS, repoWorkflowNames, resolveWorkflowFile } from "../../workflows/resolve.ts";
import type { CliIo } from "../io.ts";
import { resolveRepoFlag } from "../repo-option.ts";

interface Listed {
  name: string;
  where: string;
  description: string;
}

function describeFile(name: string, filename: string, validateScript: (source: string, filename: string) => ScriptValidation): string {
  let source: string;
  try {
    source = readFileSync(filename, "utf8");
  } catch {
    return "(unreadable)";
  }
  const result = validateScript(source, filename);
  if (!result.ok) return `(does not validate: line ${result.errors[0]?.line ?? "?"}: ${result.errors[0]?.message ?? "invalid"}; run \`quorum validate ${filename}\`)`;
  return result.meta?.description ?? `(no meta.description; add \`export const meta = { name: "${name}", description }\`)`;
}

export function registerWorkflows(program: Command, io: CliIo): void {
  program
    .command("workflows")
    .description("list the workflows a repository can run: its own scripts and the built-ins, with descriptions")
    .option("--repo <dir>", "the repository", ".")
    .action(async (flags: { repo: string }) => {
      // Validation (acorn, ajv) is loaded when the command runs, so other commands start fast.
      const { validateScript } = await import("../../engine/script/index.ts");
      const repo = resolveRepoFlag(io.cwd, flags.repo);
      const own = repoWorkflowNames(repo);
      const listed: Listed[] = [];
      for (const name of own) {
        const file = resolveWorkflowFile(name, repo, io.cwd).filename;
        const shadows = existsSync(join(BUILTIN_DIR, `${name}.js`)) ? " (replaces the built-in)" : "";
        listed.push({ name, where: `${relative(repo, file)}${shadows}`, description: describeFile(name, file, validateScript) });
      }
      for (const name of builtinNames()) {
        if (own.includes(name)) continue;
        listed.push({ name, where: "built-in", description: describeFile(name, join(BUILTIN_DIR, `${name}.js`), validateScript) });
      }
      const width = Math.max(...listed.map((l) => l.name.length), 4);
      io.stdout.write(`Workflows for ${repo} (run one with \`quorum run <name>\`; repository scripts live in ${REPO_WORKFLOW_DIRS.join(" or ")}):\n`);
      for (const l of listed) io.stdout.write(`  ${l.name.padEnd(width)}  ${l.description}\n  ${" ".repeat(width)}  [${l.where}]\n`);
    });
}
