/** Writing the host's own check runs from the flows. */
import type { Octokit } from "@octokit/rest";
import { buttonsFor, type ButtonState } from "../app-buttons.ts";
import type { GitHubHost } from "./port.ts";

export type CheckRunUpdate = Omit<Parameters<Octokit["rest"]["checks"]["update"]>[0] & object, "owner" | "repo" | "check_run_id">;

/** Updates one of the host's check runs. */
export async function updateCheckRun(host: Pick<GitHubHost, "octokit" | "repo">, id: number, fields: CheckRunUpdate): Promise<void> {
  await host.octokit.rest.checks.update({ owner: host.repo.owner, repo: host.repo.repo, check_run_id: id, ...fields });
}

/** `{ actions }` for a check run in `state`, on hosts whose check runs carry buttons; else nothing. */
export function buttonsOf(host: Pick<GitHubHost, "checkRuns">, state: ButtonState): { actions?: ReturnType<typeof buttonsFor> } {
  return host.checkRuns.buttons ? { actions: buttonsFor(state) } : {};
}

/** `{ details_url }` of the host's check runs, when it has one. */
export function detailsOf(host: Pick<GitHubHost, "checkRuns">): { details_url?: string } {
  return host.checkRuns.detailsUrl ? { details_url: host.checkRuns.detailsUrl } : {};
}
