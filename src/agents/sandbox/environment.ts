/**
 * The environment of a sandboxed command (rules X1, X7): built from an allowlist, never copied
 * from Quorum's own. The sandbox starts with `--clearenv`; only these variables are set.
 */
import { isSecretVariable } from "../tools/environment.ts";
import { SANDBOX_HOME } from "./bwrap-args.ts";

/** Host variables copied when set: locale and terminal settings only. */
const COPIED = ["LANG", "LANGUAGE", "TZ", "TERM"] as const;

/**
 * Settings that keep git from reading configuration outside the repository or starting programs:
 * no system or global config, no prompts, no pager, no optional locks on a read-only checkout.
 */
export const GIT_SAFETY_ENVIRONMENT: Readonly<Record<string, string>> = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_TERMINAL_PROMPT: "0",
  GIT_OPTIONAL_LOCKS: "0",
  GIT_PAGER: "cat",
  PAGER: "cat",
  GIT_ASKPASS: "/bin/false",
  SSH_ASKPASS: "/bin/false",
  GIT_NO_REPLACE_OBJECTS: "1",
  // The checkout is a bind mount: git must find a `.git` above a subfolder-rooted agent.
  GIT_DISCOVERY_ACROSS_FILESYSTEM: "1",
  ...gitCommandLineConfig([
    ["core.fsmonitor", "false"],
    ["core.hooksPath", "/dev/null"],
    ["core.pager", "cat"],
    ["core.sshCommand", "false"],
    ["core.editor", "false"],
    ["core.askPass", "/bin/false"],
    ["diff.external", ""],
    ["credential.helper", ""],
    ["protocol.allow", "never"],
    ["uploadpack.packObjectsHook", ""],
  ]),
};

/**
 * `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n`: the same as `git -c key=value` for
 * every git process in the sandbox, including git started by a test script. Command-line scope
 * wins over the repository's `.git/config`.
 */
function gitCommandLineConfig(pairs: readonly (readonly [string, string])[]): Record<string, string> {
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(pairs.length) };
  pairs.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}

/**
 * The environment for a sandboxed command: PATH (the sandbox's), HOME and TMPDIR (its own /tmp),
 * the host's locale variables, {@link GIT_SAFETY_ENVIRONMENT}, then `extra` from the caller
 * (e.g. `CI=1`, `NO_COLOR=1`). A name that looks like a secret is dropped even from `extra`.
 */
export function sandboxEnvironment(
  sandboxPath: string,
  extra: Readonly<Record<string, string>> = {},
  host: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  const env: Record<string, string> = { PATH: sandboxPath, HOME: SANDBOX_HOME, TMPDIR: "/tmp", USER: "sandbox", LOGNAME: "sandbox" };
  for (const name of COPIED) {
    const value = host[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(host)) {
    if (name.startsWith("LC_") && value !== undefined) env[name] = value;
  }
  Object.assign(env, GIT_SAFETY_ENVIRONMENT);
  for (const [name, value] of Object.entries(extra)) {
    if (!isSecretVariable(name) && name !== "PATH") env[name] = value;
  }
  return env;
}
