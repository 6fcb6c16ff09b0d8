/**
 * Handing a run to the Action (docs/architecture.md: the App dispatches, it runs no agents):
 * `POST /repos/{owner}/{repo}/actions/workflows/{file}/dispatches` on the default branch, with the
 * inputs of the dispatch contract (src/github/dispatch.ts), asking for the run's details so the
 * App can record which Actions run carries the Quorum run (for Cancel).
 *
 * Edge cases:
 * - GitHub answers 200 with `workflow_run_id` and `html_url` when it supports
 *   `return_run_details`, 204 otherwise (older GitHub Enterprise Server): then the Actions run is
 *   found later by its title ({@link findActionsRun}), which needs `run-name` in the workflow file.
 * - Errors become {@link DispatchError} with what to fix: a missing workflow file (404), inputs the
 *   workflow does not declare (422), a missing `actions: write` permission (403).
 */
import { httpStatusOf } from "../github/api-error.ts";
import { errorMessage } from "../kernel/errors.ts";
import type { Octokit } from "@octokit/rest";
import type { DispatchInputs } from "../github/dispatch.ts";
import { QuorumGitHubError } from "../github/errors.ts";
import type { RepoRef } from "../github/repo.ts";

/** Workflow runs looked through when the dispatch gave no run id. */
const RUN_SEARCH_PAGE = 50;

export interface DispatchedRun {
  /** The Actions workflow run, when GitHub said. */
  workflowRunId: number | null;
  htmlUrl: string | null;
}

/** The workflow could not be dispatched; the message says what to fix. */
export class DispatchError extends QuorumGitHubError {
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined, cause?: unknown) {
    super("dispatch_failed", message, { cause });
    this.status = status;
  }
}

function explain(file: string, ref: string, error: unknown): DispatchError {
  const status = httpStatusOf(error);
  const message = errorMessage(error);
  const path = `.github/workflows/${file}`;
  switch (status) {
    case 404:
      return new DispatchError(`GitHub found no workflow ${path} on ${ref}, or the App cannot see Actions. Add the workflow from the README (it needs a \`workflow_dispatch\` trigger) to the default branch.`, 404, error);
    case 422:
      return new DispatchError(
        `GitHub refused to dispatch ${path}: ${message}. The workflow must declare the \`workflow_dispatch\` inputs workflow, args, run-id, check-run-id, trigger, script-blob and resume (see the README).`,
        422,
        error,
      );
    case 403:
      return new DispatchError(`The App may not dispatch ${path} (${message}). Grant it the \`actions: write\` permission and accept the new permissions on the installation.`, 403, error);
    default:
      return new DispatchError(`Dispatching ${path} failed (${status ?? "no status"}: ${message}). Try again; if it keeps failing, check githubstatus.com.`, status, error);
  }
}

/** Dispatches `file` on `ref` with `inputs`. Throws {@link DispatchError}. */
export async function dispatchWorkflow(octokit: Octokit, repo: RepoRef, file: string, ref: string, inputs: DispatchInputs): Promise<DispatchedRun> {
  try {
    const response = await octokit.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
      owner: repo.owner,
      repo: repo.repo,
      workflow_id: file,
      ref,
      inputs,
      return_run_details: true,
    });
    if (response.status === 200 && response.data) {
      const data = response.data as { workflow_run_id?: number | bigint; html_url?: string };
      return { workflowRunId: data.workflow_run_id === undefined ? null : Number(data.workflow_run_id), htmlUrl: data.html_url ?? null };
    }
    return { workflowRunId: null, htmlUrl: null };
  } catch (error) {
    throw explain(file, ref, error);
  }
}

/**
 * Finds the Actions run that carries Quorum run `runId` among recent dispatches of `file`, by its
 * title (`run-name: quorum ${{ inputs.run-id }}` in the workflow file). Null when none matches.
 */
export async function findActionsRun(octokit: Octokit, repo: RepoRef, file: string, runId: string): Promise<{ id: number; htmlUrl: string } | null> {
  const { data } = await octokit.rest.actions.listWorkflowRuns({ owner: repo.owner, repo: repo.repo, workflow_id: file, event: "workflow_dispatch", per_page: RUN_SEARCH_PAGE });
  const run = data.workflow_runs.find((r) => (r.display_title ?? "").split(/\s+/).includes(runId));
  return run ? { id: run.id, htmlUrl: run.html_url } : null;
}
