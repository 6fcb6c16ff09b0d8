/**
 * `/workflow save <run-id> <name>` (rule G7): a pull request adding the approved script of a
 * free-form run to `.github/quorum/workflows/<name>.js` (freeform/save.ts). Only approved scripts
 * are saved; the answer says what happened.
 */
import { errorMessage } from "../../kernel/errors.ts";
import { saveWorkflowPullRequest } from "../freeform/index.ts";
import type { LocatedRun } from "./locate.ts";
import type { GitHubHost } from "./port.ts";

/** Saves the approved script of a located free-form run as workflow `name`; returns the reply. */
export async function saveFreeform(host: GitHubHost, run: LocatedRun, name: string, by: string): Promise<string> {
  if (!run.proposal) return `Run \`${run.runId}\` is not a free-form workflow; only those can be saved. Named workflows already live in files.`;
  const { record, checkRun } = run.proposal;
  if (record.state === "awaiting_approval") return `The workflow of \`${run.runId}\` is not approved yet: \`/workflow approve ${run.runId}\` first, then save it.`;
  if (record.state === "rejected") return `The workflow of \`${run.runId}\` was rejected; it cannot be saved.`;
  try {
    const saved = await saveWorkflowPullRequest(host.octokit, host.repo, {
      runId: run.runId,
      name,
      blobSha: record.blobSha,
      savedBy: by,
      ...(record.decidedBy ? { approvedBy: record.decidedBy } : {}),
      proposalUrl: checkRun.html_url,
      shownText: checkRun.output.text,
      secrets: host.secrets,
    });
    if (saved.status === "unchanged") return `\`${saved.path}\` on the default branch already holds exactly this script; \`/workflow ${name}\` runs it.`;
    return `${saved.status === "created" ? "Opened" : "There already is"} pull request [#${saved.number}](${saved.url}) adding \`${saved.path}\`. Once merged, \`/workflow ${name}\` runs it.`;
  } catch (error) {
    return `Could not save \`${run.runId}\` as \`${name}\`: ${errorMessage(error)}`;
  }
}
