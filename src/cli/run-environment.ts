/**
 * What `quorum run` and `quorum resume` both hand the engine: the provider (or why there is none),
 * the repository's test command, the workflow resolver, the terminal view and the Ctrl-C signal.
 */
import { allowUnsafeHostCommands } from "../agents/sandbox/index.ts";
import type { RunEvent } from "../engine/events.ts";
import type { RunEnvironment } from "../engine/run.ts";
import { resolveNestedWorkflowFile } from "../workflows/resolve.ts";
import type { CliIo } from "./io.ts";
import type { ProviderFlags } from "./options.ts";
import { chooseProvider } from "./provider.ts";
import { createTerminalView } from "./terminal-view.ts";
import { detectTestCommand } from "./test-command.ts";

export interface CliRunEnvironment {
  env: RunEnvironment;
  testCommand: string | undefined;
  /** Why no provider could be set up, or null. */
  missing: string | null;
  /** Draws the view's final state; call once the run has ended. */
  close: () => void;
}

/**
 * `missingNotice` turns the missing-provider explanation into the line printed once the run has
 * started — not before, so a run refused for its script, args or lock shows only that error.
 */
export function cliRunEnvironment(
  io: CliIo,
  flags: ProviderFlags,
  repo: string,
  missingNotice: (missing: string) => string = (missing) => `quorum: warning: ${missing}`,
): CliRunEnvironment {
  // Rule X7: without bubblewrap, commands are refused unless the user opted in (warned once).
  allowUnsafeHostCommands(flags.unsafeHostCommands === true, (message) => io.stderr.write(`quorum: warning: ${message}\n`));
  const testCommand = detectTestCommand(repo, flags.testCommand);
  const provider = chooseProvider(flags, io.env, repo, testCommand, (message) => io.stderr.write(`quorum: note: ${message}\n`));
  const view = createTerminalView(io.stderr);
  const announce = (event: RunEvent) => {
    if (event.type === "run.started" && provider.missing !== null) io.stderr.write(`${missingNotice(provider.missing)}\n`);
  };
  return {
    env: {
      runner: provider.runner,
      // The full explanation is printed once when the run starts; each agent() that fails repeats only the gist.
      ...(provider.missing !== null ? { missingRunnerHint: shortMissingHint(flags.provider) } : {}),
      ...(flags.model !== undefined ? { defaultModel: flags.model } : {}),
      ...(testCommand !== undefined ? { testCommands: [testCommand] } : {}),
      // Nested workflow() calls: names as for `quorum run`, paths confined to the repository (S7).
      resolveWorkflow: (name) => resolveNestedWorkflowFile(name, repo),
      sinks: [announce, view.sink],
      ...(io.signal ? { signal: io.signal } : {}),
    },
    testCommand,
    missing: provider.missing,
    close: view.close,
  };
}

function shortMissingHint(provider: string | undefined): string {
  return provider === "openai"
    ? "No model provider is configured (see the warning at the start of the run: set OPENAI_API_KEY or OPENAI_BASE_URL)."
    : "No model provider is configured (see the warning at the start of the run: set ANTHROPIC_API_KEY, or use --provider openai).";
}
