/** `/workflow save <run-id> <name>` in the App (rule G7): github/freeform/save.ts does the work. */
import { saveWorkflowPullRequest } from "../github/freeform/index.ts";
import type { AppEvent } from "./event.ts";
import type { LocatedRun } from "./locate.ts";
import { errorMessage } from "../kernel/errors.ts";

/** `/workflow save <run-id> <name>` for a located free-form run. */
export async function saveFreeform(event: AppEvent, run: LocatedRun, name: string, by: string): Promise<string> {
  if (!run.proposal) return `Run \`${run.runId}\` is not a free-form workflow; only those can be saved. Named workflows already live in files.`;
  const { record, checkRun } = run.proposal;
  if (record.state === "awaiting_approval") return `The workflow of \`${run.runId}\` is not approved yet: \`/workflow approve ${run.runId}\` first, then save it.`;
  if (record.state === "rejected") return `The workflow of \`${run.runId}\` was rejected; it cannot be saved.`;
  try {
    const saved = await saveWorkflowPullRequest(event.octokit, event.repo, {
      runId: run.runId,
      name,
      blobSha: record.blobSha,
      savedBy: by,
      ...(record.decidedBy ? { approvedBy: record.decidedBy } : {}),
      proposalUrl: checkRun.html_url,
    });
    if (saved.status === "unchanged") return `\`${saved.path}\` on the default branch already holds exactly this script; \`/workflow ${name}\` runs it.`;
    return `${saved.status === "created" ? "Opened" : "There already is"} pull request [#${saved.number}](${saved.url}) adding \`${saved.path}\`. Once merged, \`/workflow ${name}\` runs it.`;
  } catch (error) {
    return `Could not save \`${run.runId}\` as \`${name}\`: ${errorMessage(error)}`;
  }
}
