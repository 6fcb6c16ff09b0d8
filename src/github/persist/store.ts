/**
 * Where a run directory is kept between jobs (rule J5). The Action uses Actions artifacts
 * ({@link ArtifactRunStore}); tests and local use can keep copies in a folder
 * ({@link DirectoryRunStore}).
 */

export interface RestoreOptions {
  /**
   * Also search the repository's other workflow runs for the run's copies (a `/workflow resume`
   * or Re-run in a later job of a run whose id does not name its workflow run, such as the App's
   * run ids). Default false: a fresh run only looks for an earlier attempt of its own job.
   */
  searchRepository?: boolean;
}

export interface RunStore {
  /** Human-readable, for logs ("Actions artifacts of run 123"). */
  readonly description: string;
  /** Saves the files of the run directory `dir` as the latest copy of `runId`. */
  save(runId: string, dir: string): Promise<void>;
  /**
   * Puts the latest saved copy of `runId` into `dir` (created when missing).
   * Returns false when nothing was ever saved for it.
   */
  restore(runId: string, dir: string, options?: RestoreOptions): Promise<boolean>;
}

/** Files of a run directory worth saving: everything except half-written temp files. */
export function isPersistedFile(relativePath: string): boolean {
  return !/\.tmp-\d+$/.test(relativePath);
}
