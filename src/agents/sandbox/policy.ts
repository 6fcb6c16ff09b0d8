/**
 * Where commands may run when no sandbox can be had (rule X7).
 *
 * - On GitHub (`GITHUB_ACTIONS=true`) a command without the sandbox is always refused: the job
 *   holds secrets a test file could read from `/proc` of its ancestors.
 * - Elsewhere (the CLI) it is refused too, unless the user opted in with `--unsafe-host-commands`
 *   on the command line; the first such command prints one warning.
 *
 * The policy is process-wide: the CLI sets it once at start-up with {@link allowUnsafeHostCommands}.
 */

let unsafeHostAllowed = false;
let warned = false;
let warn: (message: string) => void = (message) => process.stderr.write(`quorum: warning: ${message}\n`);

/**
 * Lets commands run directly on the host when the sandbox is unavailable (CLI opt-in only; ignored
 * on GitHub). `onWarning` receives the one warning printed before the first unsandboxed command.
 */
export function allowUnsafeHostCommands(allowed: boolean, onWarning?: (message: string) => void): void {
  unsafeHostAllowed = allowed;
  warned = false;
  if (onWarning) warn = onWarning;
}

/** True inside a GitHub Actions job. */
export function onGitHubActions(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.GITHUB_ACTIONS === "true";
}

/** True when the user opted in and this is not a GitHub Actions job. */
export function unsafeHostCommandsAllowed(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return unsafeHostAllowed && !onGitHubActions(env);
}

/** Prints the opt-in warning the first time an unsandboxed command starts. */
export function warnUnsafeHostOnce(reason: string): void {
  if (warned) return;
  warned = true;
  warn(
    `commands run WITHOUT a sandbox (${reason}); you opted in with --unsafe-host-commands. ` +
      `Test code and agent commands can read your environment, your files and the network. ` +
      `Install bubblewrap (apt-get install bubblewrap) to run them sandboxed.`,
  );
}
