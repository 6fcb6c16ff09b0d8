/**
 * Run directories as Actions artifacts (rule J5), through `@actions/artifact`.
 *
 * Naming: `quorum-run-<run id>-a<attempt>-<n>`. Artifacts are immutable and their names unique per
 * workflow run, so every save uploads a new one and then deletes this job's previous one (a crash
 * between the two leaves two, never none). A restore picks the highest attempt, then `n`.
 *
 * Finding a run's artifacts: Quorum run ids made by the Action start with `gh-<workflow run id>-`
 * ({@link actionsRunIdOf}). A run of the current workflow run (a re-run of a failed or cancelled
 * job) is found through the runner's artifact service; a run of another workflow run (a later
 * `/workflow resume <id>`) through the REST API, which needs `actions: read`.
 *
 * Run ids that do not name a workflow run (the GitHub App's, free-form proposals') are found, when
 * the caller asks for it ({@link RestoreOptions.searchRepository}), by listing the repository's
 * artifacts (REST, newest first) for names starting `quorum-run-<run id>-a`; the newest copy wins,
 * wherever it was saved. The listing stops at the first page with a match, and after
 * {@link MAX_ARTIFACT_PAGES} pages (the search then says how far it looked).
 *
 * Provenance (rule X10): a copy saved in another workflow run is taken only when the REST API says
 * that run ran Quorum's own workflow file in this repository on this repository's code
 * ({@link ProvenanceChecker}); a copy from anywhere else (a fork's `pull_request` run, another
 * workflow file) is skipped in a search and refused when the run id names that workflow run.
 *
 * Edge cases:
 * - Outside Actions (no `ACTIONS_RUNTIME_TOKEN`) there is no artifact service: use
 *   {@link artifactStoreAvailable} first and run without persistence.
 * - An expired or deleted artifact is "nothing saved": the caller says so and starts nothing.
 */
import type { ArtifactClient } from "@actions/artifact";
import type { Octokit } from "@octokit/rest";
import { listRunFiles } from "./files.ts";
import { ArtifactProvenanceError, ProvenanceChecker } from "./provenance.ts";
import { redactedSnapshot } from "./redacted-snapshot.ts";
import type { RestoreOptions, RunStore } from "./store.ts";

/** Prefix of every artifact Quorum uploads. */
export const ARTIFACT_PREFIX = "quorum-run-";
/** Days a run's artifact is kept: long enough to resume after a weekend. */
export const RUN_ARTIFACT_RETENTION_DAYS = 14;
/** Compression of the run directory (JSON lines compress well; 6 is gzip's default). */
export const RUN_ARTIFACT_COMPRESSION = 6;
/** Pages of 100 of the repository's artifacts searched for a run's copies, at most. */
export const MAX_ARTIFACT_PAGES = 10;

const NAME = /^quorum-run-(.+)-a(\d+)-(\d+)$/;
const ACTIONS_RUN_ID = /^gh-(\d+)-/;

/** The Quorum run id the Action gives a workflow run in an Actions workflow run. */
export function actionsRunIdFor(workflowRunId: string, workflow: string): string {
  return `gh-${workflowRunId}-${workflow}`;
}

/** The Actions workflow run id inside a Quorum run id made by the Action, or null. */
export function actionsRunIdOf(runId: string): number | null {
  const m = ACTIONS_RUN_ID.exec(runId);
  return m ? Number(m[1]) : null;
}

/** Whether the runner's artifact service can be reached from this process. */
export function artifactStoreAvailable(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL);
}

export interface ArtifactRunStoreOptions {
  /** `GITHUB_RUN_ID` of this job. */
  workflowRunId: number;
  /** `GITHUB_RUN_ATTEMPT` of this job. */
  attempt: number;
  owner: string;
  repo: string;
  /** Token for reading other workflow runs' artifacts (REST, `actions: read`). */
  token: string;
  /** REST client for searching the repository's artifacts (run ids that name no workflow run). */
  octokit?: Octokit;
  /** Where a search that found nothing says how far it looked, and which copies it did not trust. */
  info?: (message: string) => void;
  /** This job's workflow file (from `GITHUB_WORKFLOW_REF`): copies are taken only from runs of it (rule X10). */
  workflowPath?: string | null;
  client?: ArtifactClient;
  retentionDays?: number;
  /**
   * The run's secrets (tokens, keys): every file is uploaded redacted (rule X11), since anyone
   * with read access can download artifacts. Known token shapes are redacted even without them.
   */
  secrets?: readonly string[];
}

function parseName(name: string): { runId: string; attempt: number; n: number } | null {
  const m = NAME.exec(name);
  return m && m[1] ? { runId: m[1], attempt: Number(m[2]), n: Number(m[3]) } : null;
}

export class ArtifactRunStore implements RunStore {
  /** Loaded at the first save or restore: the artifact client (with Azure's storage SDK) is most of a bundle's start-up. */
  #clientLoaded: Promise<ArtifactClient> | undefined;
  readonly #options: ArtifactRunStoreOptions;
  /** Per run id: the next snapshot number and this job's last artifact name. */
  readonly #saved = new Map<string, { next: number; last: string | null }>();
  readonly #provenance: ProvenanceChecker;

  constructor(options: ArtifactRunStoreOptions) {
    this.#options = options;
    this.#provenance = new ProvenanceChecker({
      owner: options.owner,
      repo: options.repo,
      workflowRunId: options.workflowRunId,
      ...(options.workflowPath !== undefined ? { workflowPath: options.workflowPath } : {}),
      ...(options.octokit ? { octokit: options.octokit } : {}),
    });
  }

  #client(): Promise<ArtifactClient> {
    const given = this.#options.client;
    return (this.#clientLoaded ??= given ? Promise.resolve(given) : import("@actions/artifact").then((m) => new m.DefaultArtifactClient()));
  }

  get description(): string {
    return `Actions artifacts (${ARTIFACT_PREFIX}…)`;
  }

  #findBy(runId: string) {
    const workflowRunId = actionsRunIdOf(runId);
    if (workflowRunId === null || workflowRunId === this.#options.workflowRunId) return undefined;
    return { findBy: { token: this.#options.token, workflowRunId, repositoryOwner: this.#options.owner, repositoryName: this.#options.repo } };
  }

  async save(runId: string, dir: string): Promise<void> {
    const state = this.#saved.get(runId) ?? { next: 1, last: null };
    const name = `${ARTIFACT_PREFIX}${runId}-a${this.#options.attempt}-${state.next}`;
    const snapshot = redactedSnapshot(dir, listRunFiles(dir), this.#options.secrets ?? []);
    try {
      await (await this.#client()).uploadArtifact(name, snapshot.files, snapshot.root, {
        retentionDays: this.#options.retentionDays ?? RUN_ARTIFACT_RETENTION_DAYS,
        compressionLevel: RUN_ARTIFACT_COMPRESSION,
      });
    } finally {
      snapshot.cleanup();
    }
    const previous = state.last;
    this.#saved.set(runId, { next: state.next + 1, last: name });
    if (previous) await (await this.#client()).deleteArtifact(previous).catch(() => undefined);
  }

  async restore(runId: string, dir: string, options: RestoreOptions = {}): Promise<boolean> {
    // A run resumed before in another workflow run has a newer copy there than under the workflow
    // run its id names: when asked to search, take the newest copy in the repository first.
    const named = actionsRunIdOf(runId);
    if (options.searchRepository && named !== null && named !== this.#options.workflowRunId && (await this.#restoreFromRepository(runId, dir))) {
      return true;
    }
    const find = this.#findBy(runId);
    if (find) {
      const reason = await this.#provenance.untrusted(find.findBy.workflowRunId);
      if (reason) {
        throw new ArtifactProvenanceError(
          `run ${runId} was saved in workflow run ${find.findBy.workflowRunId}, which ${reason}; Quorum only takes runs saved by its own workflow in ${this.#options.owner}/${this.#options.repo}.`,
        );
      }
    }
    const { artifacts } = await (await this.#client()).listArtifacts({ ...(find ?? {}) });
    let best: { id: number; attempt: number; n: number } | null = null;
    for (const artifact of artifacts) {
      const parsed = parseName(artifact.name);
      if (!parsed || parsed.runId !== runId) continue;
      if (!best || parsed.attempt > best.attempt || (parsed.attempt === best.attempt && parsed.n > best.n)) {
        best = { id: artifact.id, attempt: parsed.attempt, n: parsed.n };
      }
    }
    if (!best) {
      if (find || !options.searchRepository || actionsRunIdOf(runId) !== null) return false;
      return this.#restoreFromRepository(runId, dir);
    }
    await (await this.#client()).downloadArtifact(best.id, { path: dir, ...(find ?? {}) });
    // Later saves of this attempt continue after what exists, so names never collide.
    if (best.attempt === this.#options.attempt) this.#saved.set(runId, { next: best.n + 1, last: null });
    return true;
  }

  /** The newest copy of `runId` among the repository's artifacts (REST), downloaded into `dir`. */
  async #restoreFromRepository(runId: string, dir: string): Promise<boolean> {
    const { octokit, owner, repo, token } = this.#options;
    if (!octokit) return false;
    const prefix = `${ARTIFACT_PREFIX}${runId}-a`;
    let newest: { id: number; workflowRunId: number; createdAt: string } | null = null;
    let pages = 0;
    for await (const page of octokit.paginate.iterator(octokit.rest.actions.listArtifactsForRepo, { owner, repo, per_page: 100 })) {
      pages++;
      const matching = page.data
        .filter((artifact) => !artifact.expired && artifact.name.startsWith(prefix) && parseName(artifact.name)?.runId === runId)
        .sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? "") || b.id - a.id);
      for (const artifact of matching) {
        // Believed by the API's account of the workflow run that made it, never by its name (rule X10).
        const run = artifact.workflow_run;
        const reason =
          !run?.id ? "names no workflow run"
          : run.head_repository_id !== run.repository_id ? `ran on code from another repository (a fork)`
          : await this.#provenance.untrusted(run.id);
        if (reason) {
          this.#options.info?.(`Ignored artifact ${artifact.name} (id ${artifact.id}): its workflow run ${run?.id ?? "?"} ${reason}.`);
          continue;
        }
        newest = { id: artifact.id, workflowRunId: run?.id ?? 0, createdAt: artifact.created_at ?? "" };
        break;
      }
      if (newest || pages >= MAX_ARTIFACT_PAGES) break;
    }
    if (!newest) {
      if (pages >= MAX_ARTIFACT_PAGES) this.#options.info?.(`Searched the newest ${MAX_ARTIFACT_PAGES * 100} artifacts of ${owner}/${repo} for run ${runId}; older ones were not searched.`);
      return false;
    }
    await (await this.#client()).downloadArtifact(newest.id, {
      path: dir,
      findBy: { token, workflowRunId: newest.workflowRunId, repositoryOwner: owner, repositoryName: repo },
    });
    return true;
  }
}
