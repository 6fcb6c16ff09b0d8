/** Options shared by `run` and `resume`: model provider and limits. */
import { Option, type Command } from "commander";
import type { JsonValue } from "../agents/contract.ts";
import type { RunLimits } from "../engine/limits.ts";
import { UsageError } from "./usage-error.ts";

export interface ProviderFlags {
  provider?: string;
  model?: string;
  testCommand?: string;
}

export interface LimitFlags {
  maxConcurrency?: string;
  maxAgents?: string;
  budgetTokens?: string;
  maxCostUsd?: string;
  agentTimeout?: string;
  runTimeout?: string;
}

export function addProviderOptions(command: Command): Command {
  return command
    .addOption(new Option("--provider <name>", "model provider: anthropic (default) or openai (any OpenAI-compatible server)"))
    .addOption(new Option("--model <model>", "default model: an alias (opus, sonnet, haiku), a full id, or provider/model"))
    .addOption(new Option("--test-command <cmd>", "the repository's test command, which agents and runTests() may run (default: npm test when package.json has a test script)"));
}

export function addLimitOptions(command: Command): Command {
  return command
    .option("--max-concurrency <n>", "agents running at once (1-256, default 16)")
    .option("--max-agents <n>", "agents per run (default 1000)")
    .option("--budget-tokens <n>", "output-token budget of the run (budget.total)")
    .option("--max-cost-usd <usd>", "stop starting agents once this much is spent")
    .option("--agent-timeout <seconds>", "wall time per agent (default 600)")
    .option("--run-timeout <minutes>", "wall time of the run (default 60)");
}

function number(flag: string, value: string | undefined, scale = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || value.trim() === "") throw new UsageError(`${flag} takes a number; got "${value}".`);
  return Math.round(n * scale * 1e6) / 1e6;
}

export function limitsFromFlags(flags: LimitFlags): Partial<RunLimits> {
  const limits: Partial<RunLimits> = {};
  const set = <K extends keyof RunLimits>(key: K, value: RunLimits[K] | undefined) => {
    if (value !== undefined) limits[key] = value;
  };
  set("maxConcurrency", number("--max-concurrency", flags.maxConcurrency));
  set("maxAgents", number("--max-agents", flags.maxAgents));
  set("budgetTokens", number("--budget-tokens", flags.budgetTokens));
  set("maxCostUsd", number("--max-cost-usd", flags.maxCostUsd));
  set("agentTimeoutMs", number("--agent-timeout", flags.agentTimeout, 1000));
  set("runTimeoutMs", number("--run-timeout", flags.runTimeout, 60_000));
  return limits;
}

/** `--args` as JSON; a bare word is not accepted, so mistakes are loud. */
export function parseArgsFlag(text: string | undefined): JsonValue | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new UsageError(`--args must be JSON, e.g. --args '{"path":"src"}'; ${(error as Error).message}.`);
  }
}
