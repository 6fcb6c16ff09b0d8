/**
 * `shell` (Claude Code's `Bash`, rule S7): one shell command line, run ONLY inside the command
 * sandbox (rule X7) — never on the host. Until this build has the sandbox module, every call is
 * refused with a tool result that says so; the agent keeps its other tools.
 */
import type { JsonObject } from "../contract.ts";
import { ToolError } from "./errors.ts";
import type { ToolSpec } from "./types.ts";

export interface ShellInput {
  command: string;
  timeoutMs?: number;
}

export const shellInputSchema: JsonObject = {
  type: "object",
  properties: {
    command: { type: "string", minLength: 1, maxLength: 16_000, description: "A bash command line, e.g. \"npm test 2>&1 | tail -50\"." },
    timeoutMs: { type: "integer", minimum: 1, description: "Time limit in milliseconds (at most the configured limit)." },
  },
  required: ["command"],
  additionalProperties: false,
};

export const SHELL_UNAVAILABLE =
  "The shell tool is not available: shell commands run only inside Quorum's command sandbox, which this build does not include. " +
  "Use read, grep, glob and list, and the run tool where it is given.";

export const shellTool: ToolSpec<ShellInput> = {
  name: "shell",
  description: "Run a bash command line in the repository root inside an isolated sandbox (no network, no credentials).",
  inputSchema: shellInputSchema,
  execute() {
    return Promise.reject(new ToolError(SHELL_UNAVAILABLE));
  },
};
