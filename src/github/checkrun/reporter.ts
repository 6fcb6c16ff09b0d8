/**
 * The check-run reporter (rule P1, P2, P8): an event sink that reduces the engine's events with
 * `applyEvent` and keeps one check run (`quorum / <workflow>`) up to date.
 *
 * Coalescing: at most one update per interval, plus one at once when a phase starts, plus the
 * final one. The interval is {@link MIN_UPDATE_INTERVAL_MS} (10 s) for young runs and grows with
 * the run's age (elapsed ÷ {@link AGE_DIVISOR}): every 10 s for the first two minutes, about once a
 * minute at ten minutes, every five at an hour — about forty updates for a one-hour run rather than
 * 360, which keeps a whole run (progress and publishing) within ~120 requests and clear of
 * GitHub's secondary rate limits. Phase starts are always sent at once.
 *
 * Edge cases:
 * - Only one request is in flight at a time; events arriving meanwhile mark the output dirty and
 *   one more update follows, never a queue of stale ones.
 * - A failure to create or update the check run is logged and never fails the run (rule P8). If
 *   creating failed, later flushes try again, so a transient 502 at start does not lose progress.
 * - After {@link CheckRunReporter.finish} the sink still reduces events but sends nothing more.
 * - Adopting a check run made by someone else (the GitHub App's, {@link CheckRunTarget.existingId}):
 *   nothing is created; the first update sets it `in_progress`. If that update is refused (404:
 *   gone; 403: the token is not the App's, and GitHub lets only the app that created a check run
 *   change it), the reporter says so and creates its own check run instead, so progress is not lost.
 */
import { httpStatusOf } from "../api-error.ts";
import { errorMessage } from "../../kernel/errors.ts";
import type { Octokit } from "@octokit/rest";
import type { CheckRunButton } from "../app-buttons.ts";
import type { EventSink, RunEvent } from "../../engine/events.ts";
import { applyEvent, initialProgress, type ProgressState } from "../../engine/progress.ts";
import { SYSTEM_CLOCK, type Clock } from "./clock.ts";
import type { Verdict } from "./conclusion.ts";
import { renderCheckRunOutput, type CheckRunExtras, type CheckRunOutput } from "./render.ts";

/** Shortest time between two progress updates (rule P1). */
export const MIN_UPDATE_INTERVAL_MS = 10_000;
/** The interval is at least the run's age divided by this. */
export const AGE_DIVISOR = 12;
/** Prefix of the check run's name: `quorum / <workflow>`. */
export const CHECK_RUN_NAME_PREFIX = "quorum / ";

export interface CheckRunTarget {
  owner: string;
  repo: string;
  /** The commit the check run is attached to: the PR head, or the default branch's HEAD. */
  headSha: string;
  workflow: string;
  /** Link shown as "Details": the Actions run. */
  detailsUrl?: string;
  /** The Quorum run id, stored as `external_id`. */
  externalId?: string;
  /** The check run's name; default `quorum / <workflow>`. */
  name?: string;
  /** Report into this existing check run (made by the GitHub App) instead of creating one. */
  existingId?: number;
}

export interface ReporterOptions {
  clock?: Clock;
  minIntervalMs?: number;
  /** Where problems are written (never thrown). */
  warn?: (message: string) => void;
  /** Exact secrets redacted from every output (rule X4). */
  secrets?: readonly string[];
  /** Named in cut notes: where the full report lives. */
  fullReportAt?: string;
}

export interface FinalOutput {
  verdict: Verdict;
  extras?: Omit<CheckRunExtras, "verdict" | "secrets">;
  /**
   * The buttons the completed check run shows. Sent only to an adopted check run: GitHub delivers
   * a press to the app that made the check run, so on Quorum's own check runs they would do nothing.
   */
  actions?: CheckRunButton[];
}

/** The update interval for a run that has been going for `ageMs`. */
export function updateIntervalFor(ageMs: number, minIntervalMs: number = MIN_UPDATE_INTERVAL_MS): number {
  return Math.max(minIntervalMs, Math.floor(ageMs / AGE_DIVISOR));
}

export class CheckRunReporter {
  readonly state: ProgressState = initialProgress();
  /** Requests sent (create + updates), for tests and benchmarks. */
  requests = 0;
  /** Requests that failed. */
  failures = 0;
  readonly #octokit: Octokit;
  readonly #target: CheckRunTarget;
  readonly #clock: Clock;
  readonly #minInterval: number;
  readonly #warn: (message: string) => void;
  readonly #secrets: readonly string[];
  readonly #fullReportAt: string | undefined;
  #id: number | null = null;
  #url: string | null = null;
  /** True until the first update of an adopted check run has succeeded. */
  #adopting: boolean;
  #startedAt: number;
  #lastSentAt = Number.NEGATIVE_INFINITY;
  #dirty = false;
  #urgent = false;
  #timer: unknown = null;
  #inFlight: Promise<void> | null = null;
  #closed = false;

  constructor(octokit: Octokit, target: CheckRunTarget, options: ReporterOptions = {}) {
    this.#octokit = octokit;
    this.#target = target;
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#minInterval = options.minIntervalMs ?? MIN_UPDATE_INTERVAL_MS;
    this.#warn = options.warn ?? ((message) => console.warn(message));
    this.#secrets = options.secrets ?? [];
    this.#fullReportAt = options.fullReportAt;
    this.#startedAt = this.#clock.now();
    this.#id = target.existingId ?? null;
    this.#adopting = target.existingId !== undefined;
    // Named before any event: a run refused before it started still says which run it was.
    this.state.runId = target.externalId ?? "";
    this.state.workflow = target.workflow;
  }

  get name(): string {
    return this.#target.name ?? `${CHECK_RUN_NAME_PREFIX}${this.#target.workflow}`;
  }

  /** The check run's id, once created. */
  get id(): number | null {
    return this.#id;
  }

  /** The check run's page on GitHub, once created. */
  get url(): string | null {
    return this.#url;
  }

  /** Creates (or adopts) the check run, `in_progress`. Returns false (and logs) when GitHub refused. */
  async start(): Promise<boolean> {
    this.#startedAt = this.#clock.now();
    await this.#send(null);
    return this.#id !== null;
  }

  /** The event sink to hand the engine. Never throws. */
  readonly sink: EventSink = (event: RunEvent) => {
    applyEvent(this.state, event);
    if (this.#closed || event.type === "run.finished") return;
    this.#request(event.type === "phase.started");
  };

  /** The output as it would be sent now (for tests and the job summary). */
  render(extras: CheckRunExtras = {}): CheckRunOutput {
    return renderCheckRunOutput(this.state, this.#clock.now(), {
      ...extras,
      secrets: this.#secrets,
      ...(this.#fullReportAt !== undefined ? { fullReportAt: this.#fullReportAt } : {}),
    });
  }

  /** Sends the final update with the conclusion; later events send nothing. Never throws. */
  async finish(final: FinalOutput): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#inFlight) await this.#inFlight;
    await this.#send(final);
  }

  #request(urgent: boolean): void {
    this.#dirty = true;
    if (urgent) this.#urgent = true;
    if (this.#inFlight) return;
    if (this.#urgent) {
      if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
      this.#timer = null;
      void this.#flush();
      return;
    }
    if (this.#timer !== null) return;
    const now = this.#clock.now();
    const wait = Math.max(0, this.#lastSentAt + updateIntervalFor(now - this.#startedAt, this.#minInterval) - now);
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      void this.#flush();
    }, wait);
  }

  async #flush(): Promise<void> {
    if (this.#closed || !this.#dirty || this.#inFlight) return;
    this.#dirty = false;
    this.#urgent = false;
    this.#inFlight = this.#send(null);
    await this.#inFlight;
    this.#inFlight = null;
    if (this.#dirty && !this.#closed) this.#request(this.#urgent);
  }

  /** Creates or updates the check run; `final` completes it. Errors are logged, not thrown. */
  async #send(final: FinalOutput | null): Promise<void> {
    const output = this.render(final ? { ...final.extras, verdict: final.verdict } : {});
    const { owner, repo } = this.#target;
    const completion = final
      ? { status: "completed" as const, conclusion: final.verdict.conclusion, completed_at: new Date(this.#clock.now()).toISOString() }
      : { status: "in_progress" as const };
    this.requests++;
    this.#lastSentAt = this.#clock.now();
    try {
      if (this.#id === null) {
        const { data } = await this.#octokit.rest.checks.create({
          owner,
          repo,
          name: this.name,
          head_sha: this.#target.headSha,
          ...(this.#target.detailsUrl ? { details_url: this.#target.detailsUrl } : {}),
          ...(this.#target.externalId ? { external_id: this.#target.externalId } : {}),
          started_at: new Date(this.#startedAt).toISOString(),
          ...completion,
          output,
        });
        this.#id = data.id;
        this.#url = data.html_url ?? null;
      } else {
        const { data } = await this.#octokit.rest.checks.update({
          owner,
          repo,
          check_run_id: this.#id,
          ...(this.#adopting && this.#target.detailsUrl ? { details_url: this.#target.detailsUrl } : {}),
          ...completion,
          output,
          ...(final?.actions && this.#id === this.#target.existingId ? { actions: final.actions } : {}),
        });
        this.#adopting = false;
        this.#url ??= data.html_url ?? null;
      }
    } catch (error) {
      this.failures++;
      const status = httpStatusOf(error);
      if (this.#adopting && (status === 403 || status === 404)) {
        this.#warn(
          `Could not update check run ${this.#id} made for this run (${status}: ${errorMessage(error)}); creating a check run of its own instead. ` +
            "When the GitHub App dispatches Quorum, pass the App's installation token as `github-token` so its check run (and its buttons) can be updated.",
        );
        this.#adopting = false;
        this.#id = null;
        await this.#send(final);
        return;
      }
      this.#warn(
        `Could not ${this.#id === null ? "create" : "update"} the check run "${this.name}" (${status ?? "no status"}: ${errorMessage(error)}). ` +
          "The run goes on; progress is still in the job log. Check that the token has `checks: write`.",
      );
    }
  }
}
