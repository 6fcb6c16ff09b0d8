/**
 * The run's budget (rule L3): an output-token budget (`budget.total`) and an optional USD cap.
 * Cached (journaled) agents cost nothing and do not count as spent.
 */
import type { Usage } from "../agents/contract.ts";

export class BudgetExceededError extends Error {
  override name = "BudgetExceededError";
}

export class Budget {
  readonly totalTokens: number | null;
  readonly maxCostUsd: number | null;
  #spentTokens = 0;
  #costUsd = 0;

  constructor(totalTokens: number | null, maxCostUsd: number | null) {
    this.totalTokens = totalTokens;
    this.maxCostUsd = maxCostUsd;
  }

  /** Output tokens spent by live (non-cached) agents. */
  get spentTokens(): number {
    return this.#spentTokens;
  }

  get costUsd(): number {
    return this.#costUsd;
  }

  /** `max(0, total − spent)`, or Infinity when no token budget is set. */
  remainingTokens(): number {
    return this.totalTokens === null ? Infinity : Math.max(0, this.totalTokens - this.#spentTokens);
  }

  record(usage: Usage, costUsd: number): void {
    this.#spentTokens += usage.outputTokens;
    this.#costUsd += costUsd;
  }

  /** Which cap is reached, if any. */
  exceeded(): "tokens" | "cost" | undefined {
    if (this.totalTokens !== null && this.#spentTokens >= this.totalTokens) return "tokens";
    if (this.maxCostUsd !== null && this.#costUsd >= this.maxCostUsd) return "cost";
    return undefined;
  }

  /** Throws when a cap is reached: new agent() calls must not start. */
  assertCanStart(): void {
    const cap = this.exceeded();
    if (cap === "tokens") {
      throw new BudgetExceededError(
        `budget exhausted: ${this.#spentTokens} of ${this.totalTokens} output tokens spent, so no new agent() may start. ` +
          "Raise the budget (--budget-tokens) or check budget.remaining() before starting agents.",
      );
    }
    if (cap === "cost") {
      throw new BudgetExceededError(
        `cost cap reached: $${this.#costUsd.toFixed(4)} of $${this.maxCostUsd?.toFixed(2)} spent, so no new agent() may start. ` +
          "Raise the cap (--max-cost-usd) or narrow the workflow.",
      );
    }
  }

  /** How far past the caps the run went (running agents finish after a cap is reached). */
  overshoot(): { tokens: number; costUsd: number } {
    return {
      tokens: this.totalTokens === null ? 0 : Math.max(0, this.#spentTokens - this.totalTokens),
      costUsd: this.maxCostUsd === null ? 0 : Math.max(0, this.#costUsd - this.maxCostUsd),
    };
  }
}
