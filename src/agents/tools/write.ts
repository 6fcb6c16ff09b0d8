/**
 * `write`: creates or overwrites a file with the given content (worktree agents only, rule A8/A9).
 * Missing parent directories are created; they are inside the worktree because the path guard
 * checked the real path of the deepest existing ancestor.
 *
 * Edge cases: a directory at the path is an error; content over {@link MAX_WRITE_BYTES} is an
 * error; `.git` internals and dotenv files are refused by the guard.
 */
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { JsonObject } from "../../kernel/json.ts";
import { ToolError } from "./errors.ts";
import { guardPath } from "./path-guard.ts";
import { formatBytes } from "./text.ts";
import type { ToolSpec } from "./types.ts";

export const MAX_WRITE_BYTES = 4 * 1024 * 1024;

export interface WriteInput {
  path: string;
  content: string;
}

const inputSchema: JsonObject = {
  type: "object",
  properties: {
    path: { type: "string", minLength: 1, description: "File to create or overwrite, relative to the repository root." },
    content: { type: "string", description: "The complete new content of the file." },
  },
  required: ["path", "content"],
  additionalProperties: false,
};

export const writeTool: ToolSpec<WriteInput> = {
  name: "write",
  description:
    "Create a file, or overwrite one with new content, in your worktree. Parent directories are created. " +
    "Prefer edit for changing part of an existing file.",
  inputSchema,
  async execute(input, context) {
    const bytes = Buffer.byteLength(input.content);
    if (bytes > MAX_WRITE_BYTES) {
      throw new ToolError(`content is ${formatBytes(bytes)}, over the ${formatBytes(MAX_WRITE_BYTES)} write limit.`);
    }
    const target = await guardPath(context, input.path, "write");
    const existing = target.exists ? await stat(target.absolute) : undefined;
    if (existing?.isDirectory()) throw new ToolError(`"${target.relative}" is a directory; write needs a file path.`);
    await mkdir(path.dirname(target.absolute), { recursive: true });
    await writeFile(target.absolute, input.content);
    return `${existing ? "Overwrote" : "Created"} ${target.relative} (${formatBytes(bytes)}).`;
  },
};
