/**
 * Where a saved run may come from (rule X10): only from workflow runs of Quorum's own workflow file
 * in the same repository, as the REST API describes the workflow run — never by the artifact's
 * name, which anyone who can run a workflow (a fork's `pull_request` run included) can choose.
 *
 * A workflow run is trusted when its `repository` and its `head_repository` are this repository
 * (a fork's pull request runs with the fork as head repository) and its `path` is the workflow
 * file this job runs (`GITHUB_WORKFLOW_REF`, else the path of this job's own workflow run).
 *
 * Edge cases:
 * - This job's own workflow run is trusted without a request (a re-run of the same job).
 * - Answers are cached per workflow run: a search over many artifacts asks once per run.
 * - Without a REST client nothing from another workflow run is trusted.
 */
import { hasHttpStatus } from "../api-error.ts";
import type { Octokit } from "@octokit/rest";
import type { QuorumErrorOptions } from "../../kernel/errors.ts";
import { QuorumGitHubError } from "../errors.ts";

export class ArtifactProvenanceError extends QuorumGitHubError {
  constructor(message: string, options?: QuorumErrorOptions) {
    super("artifact_provenance", message, options);
  }
}

/** The workflow file in `GITHUB_WORKFLOW_REF` (`owner/repo/.github/workflows/x.yml@refs/heads/main`), or null. */
export function workflowPathOf(workflowRef: string | undefined, owner: string, repo: string): string | null {
  const ref = workflowRef?.trim();
  if (!ref) return null;
  const prefix = `${owner}/${repo}/`.toLowerCase();
  if (!ref.toLowerCase().startsWith(prefix)) return null;
  const path = ref.slice(prefix.length).replace(/@.*$/, "");
  return path === "" ? null : path;
}

export interface ProvenanceOptions {
  owner: string;
  repo: string;
  /** This job's workflow run, trusted as it is. */
  workflowRunId: number;
  /** This job's workflow file; asked from the API (this job's workflow run) when unknown. */
  workflowPath?: string | null;
  octokit?: Octokit;
}

const stripRef = (path: string): string => path.replace(/@.*$/, "");

export class ProvenanceChecker {
  readonly #options: ProvenanceOptions;
  readonly #answers = new Map<number, Promise<string | null>>();
  #ownPath: Promise<string> | null = null;

  constructor(options: ProvenanceOptions) {
    this.#options = options;
  }

  get #fullName(): string {
    return `${this.#options.owner}/${this.#options.repo}`;
  }

  #path(octokit: Octokit): Promise<string> {
    this.#ownPath ??= (async () => {
      if (this.#options.workflowPath) return stripRef(this.#options.workflowPath);
      const { owner, repo, workflowRunId } = this.#options;
      const { data } = await octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: workflowRunId });
      if (!data.path) throw new ArtifactProvenanceError(`Cannot tell which workflow file this job runs (GITHUB_WORKFLOW_REF is unset and workflow run ${workflowRunId} has no path).`);
      return stripRef(data.path);
    })();
    return this.#ownPath;
  }

  /** Why artifacts of `workflowRunId` are not to be believed, or null when they are. */
  untrusted(workflowRunId: number): Promise<string | null> {
    if (workflowRunId === this.#options.workflowRunId) return Promise.resolve(null);
    let answer = this.#answers.get(workflowRunId);
    if (!answer) {
      answer = this.#ask(workflowRunId);
      this.#answers.set(workflowRunId, answer);
    }
    return answer;
  }

  async #ask(workflowRunId: number): Promise<string | null> {
    const { octokit, owner, repo } = this.#options;
    if (!octokit) return "cannot be checked here (no REST client)";
    const own = await this.#path(octokit);
    let data;
    try {
      ({ data } = await octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: workflowRunId }));
    } catch (error) {
      if (hasHttpStatus(error, 404)) return `is not a workflow run of ${this.#fullName}`;
      throw error;
    }
    const same = (name: string | undefined | null) => (name ?? "").toLowerCase() === this.#fullName.toLowerCase();
    if (!same(data.repository?.full_name)) return `belongs to ${data.repository?.full_name ?? "another repository"}`;
    if (!same(data.head_repository?.full_name)) return `ran on code from ${data.head_repository?.full_name ?? "another repository"} (a fork's ${data.event} run)`;
    const path = stripRef(data.path ?? "");
    if (path !== own) return `ran ${path || "an unknown workflow file"}, not Quorum's workflow ${own}`;
    return null;
  }
}
