/** `quorum validate <path>` (rule K2, S1–S3): prints the meta, or every problem with its line. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { CliIo } from "../io.ts";
import { UsageError } from "../usage-error.ts";

export function registerValidate(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("validate")
    .description("check a workflow script without running it")
    .argument("<path>", "path to the .js script")
    .action(async (path: string) => {
      const file = resolve(io.cwd, path);
      let source: string;
      try {
        source = readFileSync(file, "utf8");
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EISDIR") throw new UsageError(`${file} is a folder; pass the path of a workflow .js file.`);
        if (code === "ENOENT") throw new UsageError(`no file at ${file}; check the path.`);
        throw new UsageError(`cannot read ${file} (${code ?? "error"}); check the path and its permissions.`);
      }
      const { validateScript } = await import("../../engine/script/index.ts");
      const result = validateScript(source, file);
      if (!result.ok) {
        for (const p of result.errors) io.stderr.write(`${file}:${p.line}:${p.column}: ${p.message}\n`);
        io.stderr.write(`${result.errors.length} problem(s); the script would not run.\n`);
        setExit(1);
        return;
      }
      const meta = result.meta;
      io.stdout.write(`✓ ${file} is a valid workflow script.\n`);
      if (meta === null) {
        io.stdout.write("  (no meta: add `export const meta = { name, description }` so it can be listed and triggered by name)\n");
      } else {
        io.stdout.write(`  name: ${meta.name}\n  description: ${meta.description}\n`);
        if (meta.whenToUse) io.stdout.write(`  when to use: ${meta.whenToUse}\n`);
        if (meta.phases?.length) io.stdout.write(`  phases: ${meta.phases.map((p) => p.title + (p.model ? ` (${p.model})` : "")).join(" → ")}\n`);
        if (meta.args) io.stdout.write(`  args schema: ${JSON.stringify(meta.args)}\n`);
      }
      for (const w of result.warnings) io.stdout.write(`  warning: ${w}\n`);
    });
}
