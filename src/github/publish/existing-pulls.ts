/**
 * The pull requests already opened on `quorum/*` branches, for idempotent publishing (rule P6).
 *
 * GitHub's `pulls.list` filters by one exact head branch, not by prefix. Publishing N findings
 * can therefore ask once per branch (N requests) or list every PR of the repository (one request
 * per 100 PRs) and index the `quorum/*` ones. {@link ExistingPulls} reads the first page of the
 * full list, learns the number of pages from its `Link` header, and lists the rest only when that
 * costs fewer requests than asking per branch; otherwise it asks per branch.
 *
 * Edge cases:
 * - Any state counts (open, closed, merged): a re-run never reopens a closed finding.
 * - Only PRs whose head is in this repository count (`owner:branch`); a fork's `quorum/…`
 *   branch is someone else's.
 * - The full list is sorted by creation, oldest first, so PRs opened while it is read only add
 *   items at the end: none is skipped. A PR opened after the list was read is caught by
 *   `pulls.create` answering "already exists"; {@link ExistingPulls.fresh} then asks again.
 */
import type { Octokit } from "@octokit/rest";
import type { RepoRef } from "../repo.ts";
import { QUORUM_BRANCH_PREFIX } from "./ref-guard.ts";

/** Page size of every list request (GitHub's maximum). */
export const PULLS_PER_PAGE = 100;

export interface PullSummary {
  number: number;
  html_url: string;
  body: string | null;
  head: { ref: string; label: string };
}

const LAST_PAGE = /<([^>]+)>;\s*rel="last"/;

function lastPage(link: string | undefined): number {
  const m = link ? LAST_PAGE.exec(link) : null;
  if (!m?.[1]) return 1;
  const page = Number(new URL(m[1]).searchParams.get("page"));
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

export class ExistingPulls {
  readonly #octokit: Octokit;
  readonly #repo: RepoRef;
  readonly #expectedLookups: number;
  /** Full index by head label (`owner:branch`, lower case), or null when asking per branch. */
  #index: Promise<Map<string, PullSummary[]> | null> | undefined;
  /** PRs opened through {@link ExistingPulls.add} since, by head label. */
  readonly #added = new Map<string, PullSummary[]>();

  /**
   * @param expectedLookups how many branches the caller will look up; with 1 or fewer, every
   * lookup asks per branch and the full list is never read.
   */
  constructor(octokit: Octokit, repo: RepoRef, options: { expectedLookups: number }) {
    this.#octokit = octokit;
    this.#repo = repo;
    this.#expectedLookups = options.expectedLookups;
  }

  #label(branch: string): string {
    return `${this.#repo.owner}:${branch}`.toLowerCase();
  }

  async #loadIndex(): Promise<Map<string, PullSummary[]> | null> {
    if (this.#expectedLookups <= 1) return null;
    const params = { owner: this.#repo.owner, repo: this.#repo.repo, state: "all" as const, sort: "created" as const, direction: "asc" as const, per_page: PULLS_PER_PAGE };
    const first = await this.#octokit.rest.pulls.list({ ...params, page: 1 });
    const pages = lastPage(first.headers.link);
    // Listing the rest costs pages - 1 more requests; asking per branch costs one per lookup.
    if (pages - 1 > this.#expectedLookups) return null;
    const all: PullSummary[] = [...first.data];
    for (let page = 2; page <= pages; page++) all.push(...(await this.#octokit.rest.pulls.list({ ...params, page })).data);
    const index = new Map<string, PullSummary[]>();
    const seen = new Set<number>();
    for (const pull of all) {
      if (seen.has(pull.number) || !pull.head.ref.startsWith(QUORUM_BRANCH_PREFIX)) continue;
      seen.add(pull.number);
      const key = pull.head.label.toLowerCase();
      index.set(key, [...(index.get(key) ?? []), pull]);
    }
    return index;
  }

  /** PRs (any state) whose head is `branch` of this repository. */
  async on(branch: string): Promise<PullSummary[]> {
    const added = this.#added.get(this.#label(branch));
    if (added) return added;
    this.#index ??= this.#loadIndex();
    this.#index.catch(() => (this.#index = undefined));
    const index = await this.#index;
    if (index) return index.get(this.#label(branch)) ?? [];
    return this.fresh(branch);
  }

  /** Records a PR just opened, so a later lookup of its branch (a duplicate finding) sees it. */
  add(pull: PullSummary): void {
    const key = pull.head.label.toLowerCase();
    this.#added.set(key, [...(this.#added.get(key) ?? []), pull]);
  }

  /** Asks GitHub now, for this branch only (after a race). */
  async fresh(branch: string): Promise<PullSummary[]> {
    const pulls = await this.#octokit.paginate(this.#octokit.rest.pulls.list, {
      owner: this.#repo.owner,
      repo: this.#repo.repo,
      head: `${this.#repo.owner}:${branch}`,
      state: "all",
      per_page: PULLS_PER_PAGE,
    });
    return pulls.filter((p) => p.head.label.toLowerCase() === this.#label(branch));
  }
}
