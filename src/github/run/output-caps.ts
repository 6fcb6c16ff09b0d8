/**
 * Per-run output caps (rule P10): at most `publish.maxPullRequests` pull requests,
 * `publish.maxReviewComments` review comments and `publish.maxIssues` issues per run. What exceeds a
 * cap is not dropped: it is listed in the check run, the job summary and the summary reply with
 * the cap that stopped it (rule L5).
 *
 * Edge cases:
 * - The most severe findings keep their place (critical, high, medium, low, info, then anything
 *   else); among equals, the workflow's own order decides.
 * - A cap of 0 turns that kind of output off; everything of that kind is listed.
 */

export interface OutputCaps {
  maxPullRequests: number;
  maxReviewComments: number;
  maxIssues: number;
}

export type CappedKind = "pull request" | "review comment" | "issue";

const CONFIG_KEY: Record<CappedKind, string> = {
  "pull request": "publish.maxPullRequests",
  "review comment": "publish.maxReviewComments",
  issue: "publish.maxIssues",
};

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

function rank(severity: string): number {
  return SEVERITY_RANK[severity.toLowerCase()] ?? 5;
}

/** Why an item over the cap was listed instead of published. */
export function overCapReason(kind: CappedKind, cap: number): string {
  return `over the cap of ${cap} ${kind}${cap === 1 ? "" : "s"} per run (\`${CONFIG_KEY[kind]}\`)`;
}

/**
 * Splits `items` into those within `cap` (most severe first, stable) and the rest, each in the
 * order given.
 */
export function applyCap<T>(items: readonly T[], cap: number, severityOf: (item: T) => string): { kept: T[]; over: T[] } {
  if (items.length <= cap) return { kept: [...items], over: [] };
  const order = items.map((item, index) => ({ item, index })).sort((a, b) => rank(severityOf(a.item)) - rank(severityOf(b.item)) || a.index - b.index);
  const keep = new Set(order.slice(0, Math.max(0, cap)).map((o) => o.index));
  return { kept: items.filter((_, i) => keep.has(i)), over: items.filter((_, i) => !keep.has(i)) };
}
