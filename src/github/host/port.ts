/**
 * The host port: what every GitHub flow in this folder needs from where it runs. The GitHub App
 * (src/app/host.ts) and the Action (src/action/host.ts) each implement it in a few lines; the flows
 * (a decision acted on, free-form propose / approve / reject / save, status / cancel / resume,
 * replies) are written once against it.
 *
 * What differs between the two hosts is only what this interface names: which client and
 * repository, where the config and the clock come from, how Quorum's own comments and check runs
 * are recognised, whether an author agent is at hand, and how a run starts — the App dispatches
 * the Action; the Action runs it in its own job.
 */
import type { Octokit } from "@octokit/rest";
import type { AgentRunner } from "../../agents/contract.ts";
import type { QuorumConfig } from "../config.ts";
import type { AuthorOptions } from "../freeform/author.ts";
import type { CheckRunIdentity, OwnCommentCheck } from "../freeform/index.ts";
import type { RepoRef } from "../repo.ts";
import type { WorkflowCatalog } from "../run/catalog.ts";
import type { RunRequest, TriggerDecision } from "../trigger.ts";
import type { LocatedRun, Location } from "./locate.ts";

export interface HostLog {
  info: (message: string) => void;
  warn: (message: string) => void;
}

/** How Quorum tells its own comments (run index entries) and check runs (proposals) from others' (rule X13). */
export interface HostIdentity {
  ownComments: OwnCommentCheck;
  checkRuns: CheckRunIdentity;
}

/** The free-form author agent at hand: its runner and the options this host gives it. */
export interface FreeformAuthor {
  runner: AgentRunner;
  options: Pick<AuthorOptions, "model" | "tools" | "cwd" | "signal">;
}

/** A run to start, with how it is presented. */
export interface RunStart {
  request: RunRequest;
  /** Name of its check run; default `quorum / <workflow>`. */
  checkRunName?: string;
  /** How the run is named in texts; default its workflow (free-form runs: `freeform: <name>`). */
  title?: string;
  /** A first sentence for its check run (who approved it). */
  note?: string;
  /** The comment that asked for the run (a free-form task), when it is not the one answered. */
  commentId?: number;
}

/** What starting a run gave: its check run when one exists already, and whether the start was announced. */
export interface StartedRun {
  checkRun: { id: number; url: string | null } | null;
  /** Set when the run could not be started (the host has said so where it could). */
  error?: string;
  /** The host replied on the issue that the run started, with the run's index entry. */
  announced: boolean;
}

/** A run verb from a person: who, on which issue, about which run (none: the newest on the issue). */
export type ControlRequest = Extract<TriggerDecision, { action: "control" }>;

/** Finds the run a request names among Quorum's replies and check runs (locate.ts); asked at most once. */
export type Locate = () => Promise<Location>;

/** How a host reads, stops and resumes runs. Each answers with the sentence to reply (null: nothing more). */
export interface RunControl {
  status(request: ControlRequest, locate: Locate): Promise<string>;
  /** Stops a run that is not a waiting proposal (those are rejected by the shared flow). */
  cancel(request: ControlRequest, located: Location): Promise<string>;
  resume(request: ControlRequest, locate: Locate): Promise<string | null>;
  /** The Actions run that carries `run` when its check run does not name it (null: unknown). */
  actionsRunOf(run: LocatedRun): Promise<number | null>;
}

export interface GitHubHost {
  octokit: Octokit;
  repo: RepoRef & { defaultBranch: string };
  catalog: WorkflowCatalog;
  /** `.github/quorum.yml` from the default branch (rule G6), read at most once; throws ConfigError. */
  config(): Promise<QuorumConfig>;
  now(): Date;
  log: HostLog;
  /** Exact secrets redacted from everything posted (rule X4). */
  secrets: readonly string[];
  /** The default branch's HEAD when the event tells it. */
  defaultHeadSha?: string;
  /** Check runs this host creates: with the App's buttons (only the App receives presses), and their "Details" link. */
  checkRuns: { buttons: boolean; detailsUrl?: string };
  identity(): Promise<HostIdentity>;
  /** The free-form author, or the sentence saying why there is none here. */
  author(): Promise<FreeformAuthor | { missing: string }>;
  /** Starts a run: the App dispatches the Action; the Action runs it in this job. */
  start(run: RunStart): Promise<StartedRun>;
  runs: RunControl;
}
