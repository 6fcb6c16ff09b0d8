/** Persisting run directories between jobs (rule J5). */
export type { RestoreOptions, RunStore } from "./store.ts";
export { DirectoryRunStore } from "./directory-store.ts";
export { ArtifactRunStore, actionsRunIdFor, actionsRunIdOf, artifactStoreAvailable, ARTIFACT_PREFIX } from "./artifact-store.ts";
export { RunPersister, DEFAULT_PERSIST_INTERVAL_MS } from "./persister.ts";
export { listRunFiles } from "./files.ts";
export { createRunsRoot, RunsRootError, RUNS_ROOT_PREFIX } from "./runs-root.ts";
export { importRunFiles, restoreRun, RunImportError, RUN_FILE_CAPS, type ImportedRun } from "./import.ts";
export { ArtifactProvenanceError, ProvenanceChecker, workflowPathOf } from "./provenance.ts";
