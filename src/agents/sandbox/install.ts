/**
 * Getting the sandbox onto a GitHub runner (rule X7), for the Action's run stage: call
 * {@link ensureSandbox} once before any agent or test command starts.
 *
 * On a Linux runner where the probe fails it tries, with passwordless sudo (GitHub-hosted runners
 * have it), what makes bubblewrap work, then probes again:
 * 1. bubblewrap missing: `sudo -n apt-get install -y bubblewrap` (after `apt-get update` if the
 *    first attempt fails);
 * 2. Ubuntu 24.04's AppArmor restriction of unprivileged user namespaces
 *    (`kernel.apparmor_restrict_unprivileged_userns=1`):
 *    `sudo -n sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`.
 * When it still fails (no sudo, a container without user namespaces, not Linux) the answer says
 * why, and every command is refused on GitHub with that reason.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { resetSandboxProbe, type SandboxAvailability } from "./probe.ts";
import { sandboxAvailability } from "./run-sandboxed.ts";

const APPARMOR_USERNS = "/proc/sys/kernel/apparmor_restrict_unprivileged_userns";
const INSTALL_TIMEOUT_MS = 5 * 60_000;

function run(file: string, args: readonly string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin", DEBIAN_FRONTEND: "noninteractive" }, timeout: INSTALL_TIMEOUT_MS, windowsHide: true },
      (error, stdout, stderr) => resolve({ ok: !error, output: `${String(stdout)}${String(stderr)}`.trim() }),
    );
  });
}

function appArmorRestrictsUserNamespaces(): boolean {
  try {
    return readFileSync(APPARMOR_USERNS, "utf8").trim() === "1";
  } catch {
    return false;
  }
}

/**
 * Probes the sandbox and, on a Linux GitHub runner, installs or enables it when needed. `log`
 * receives one line per step taken. Resolves with the final availability.
 */
export async function ensureSandbox(log: (line: string) => void = () => undefined): Promise<SandboxAvailability> {
  let availability = await sandboxAvailability();
  if (availability.available || process.platform !== "linux") return availability;
  const asRoot = (args: readonly string[]) => (process.getuid?.() === 0 ? run(args[0] ?? "", args.slice(1)) : run("sudo", ["-n", ...args]));

  if (/not installed/.test(availability.reason)) {
    log("Installing bubblewrap for the command sandbox (apt-get install -y bubblewrap)…");
    let installed = await asRoot(["apt-get", "install", "-y", "--no-install-recommends", "bubblewrap"]);
    if (!installed.ok) {
      await asRoot(["apt-get", "update"]);
      installed = await asRoot(["apt-get", "install", "-y", "--no-install-recommends", "bubblewrap"]);
    }
    if (!installed.ok) log(`Could not install bubblewrap: ${installed.output.split("\n").slice(-3).join(" ")}`);
    resetSandboxProbe();
    availability = await sandboxAvailability();
  }
  if (!availability.available && appArmorRestrictsUserNamespaces()) {
    log("Allowing unprivileged user namespaces for bubblewrap (sysctl kernel.apparmor_restrict_unprivileged_userns=0)…");
    const changed = await asRoot(["sysctl", "-w", "kernel.apparmor_restrict_unprivileged_userns=0"]);
    if (!changed.ok) log(`Could not change the sysctl: ${changed.output}`);
    resetSandboxProbe();
    availability = await sandboxAvailability();
  }
  log(availability.available ? `Command sandbox ready (${availability.bwrap}).` : `No command sandbox: ${availability.reason}`);
  return availability;
}
