/**
 * USD cost of an agent's turns, with a note (once per model) when the price is unknown.
 */
import type { Usage } from "../../kernel/usage.ts";
import { costUsd, unknownPriceMessage } from "../pricing.ts";

/** Price lookup: USD for one request's `usage` on `model`, or `null` when the model is unknown. */
export type PriceFunction = (model: string, usage: Usage) => number | null;

/** USD of one turn (one request). */
export type CostMeter = (requestedModel: string, answeredModel: string, turnUsage: Usage) => number;

/** The project's price table (src/agents/pricing.ts) as a {@link PriceFunction}. */
export const tablePrice: PriceFunction = (model, usage) => {
  const estimate = costUsd(model, usage);
  return estimate.priced ? estimate.usd : null;
};

/**
 * Prices one turn at a time (price bands depend on one request's prompt size, so a sum over turns
 * must not be priced as a whole). Tries the requested id first (tables list `gpt-5.5`), then the id
 * the server answered with (maybe a dated snapshot). Unknown → 0, and `note` is called once per
 * requested model of this meter, so spend is never silently under-reported (rule L5). Local models
 * are usually unknown, and free.
 */
export function createCostMeter(price: PriceFunction, note: (message: string) => void): CostMeter {
  const noted = new Set<string>();
  return (requestedModel, answeredModel, turnUsage) => {
    const usd = price(requestedModel, turnUsage) ?? (answeredModel !== requestedModel ? price(answeredModel, turnUsage) : null);
    if (usd !== null && Number.isFinite(usd)) return usd;
    if (!noted.has(requestedModel)) {
      noted.add(requestedModel);
      note(unknownPriceMessage(requestedModel));
    }
    return 0;
  };
}
