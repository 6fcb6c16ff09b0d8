/**
 * The run's budget (rule L3): an output-token budget (`budget.total`) and an optional USD cap.
 * A journaled agent answered on resume costs nothing now, but what it cost when it ran counts as
 * spent (rule J6): a run and its resumes share one budget, and `budget.spent()` reads the same at
 * each point of the script as it did the first time.
 */
import type { Usage } from "../kernel/usage.ts";
import { QuorumError } from "../kernel/errors.ts";

export class BudgetExceededError extends QuorumError {
  override name = "BudgetExceededError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("budget_exceeded", message, options);
  }
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

  /** Output tokens spent by the run's agents, journaled ones included. */
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

  /** What a journaled agent cost when it ran (rule J6). Missing numbers count as 0. */
  recordJournaled(usage: Partial<Usage> | undefined, costUsd: number | undefined): void {
    this.#spentTokens += typeof usage?.outputTokens === "number" ? usage.outputTokens : 0;
    this.#costUsd += typeof costUsd === "number" ? costUsd : 0;
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
