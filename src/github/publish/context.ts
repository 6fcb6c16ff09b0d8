/**
 * What every publisher needs to know about the run it publishes for.
 */
import type { RepoRef } from "../repo.ts";

export interface PublishContext extends RepoRef {
  /** Workflow name: part of branch names and fingerprints. */
  workflow: string;
  runId: string;
  /** Link to the run (check run or Actions run), shown in every PR and review. */
  runUrl?: string;
  /** Exact secret values of this run (tokens, keys), redacted from everything posted (rule X4). */
  secrets?: readonly string[];
  /** Open pull requests as drafts (config `publish.draft`). */
  draft?: boolean;
  /** Protected paths fix patches may change anyway (config `publish.allowPaths`, rule X12). */
  allowPaths?: readonly string[];
}
