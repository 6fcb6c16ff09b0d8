/** Options shared by `run` and `resume`: model provider and limits. */
import { Option, type Command } from "commander";
import type { JsonValue } from "../kernel/json.ts";
import { MAX_MAX_CONCURRENCY, MIN_MAX_CONCURRENCY, type RunLimits } from "../engine/limits.ts";
import { UsageError } from "./usage-error.ts";

export interface ProviderFlags {
  provider?: string;
  model?: string;
  testCommand?: string;
  unsafeHostCommands?: boolean;
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
    .addOption(new Option("--test-command <cmd>", "the repository's test command, which agents and runTests() may run (default: npm test when package.json has a test script)"))
    .addOption(
      new Option(
        "--unsafe-host-commands",
        "when the bubblewrap sandbox cannot run here, run agent commands and tests directly on this machine anyway (they can read your environment, files and network; warned once)",
      ),
    );
}

export function addLimitOptions(command: Command): Command {
  return command
    .option("--max-concurrency <n>", "agents running at once (1-256, default 16)")
    .option("--max-agents <n>", "agents per run (1-1000000, default 1000)")
    .option("--budget-tokens <n>", "output-token budget of the run (budget.total), a whole number")
    .option("--max-cost-usd <usd>", "stop starting agents once this much is spent, e.g. 2.5")
    .option("--agent-timeout <seconds>", "wall time per agent (default 600)")
    .option("--run-timeout <minutes>", "wall time of the run (default 60)");
}

interface NumberRule {
  flag: string;
  /** Whole numbers only (counts); otherwise plain decimals such as 2.5 are accepted too. */
  integer: boolean;
  min: number;
  max: number;
  /** Multiplier to the engine's unit (seconds → ms …). */
  scale?: number;
}

const RULES = {
  maxConcurrency: { flag: "--max-concurrency", integer: true, min: MIN_MAX_CONCURRENCY, max: MAX_MAX_CONCURRENCY },
  maxAgents: { flag: "--max-agents", integer: true, min: 1, max: 1_000_000 },
  budgetTokens: { flag: "--budget-tokens", integer: true, min: 1, max: 1_000_000_000_000 },
  maxCostUsd: { flag: "--max-cost-usd", integer: false, min: 0.000001, max: 1_000_000 },
  agentTimeout: { flag: "--agent-timeout", integer: false, min: 0.001, max: 24 * 3600, scale: 1000 },
  runTimeout: { flag: "--run-timeout", integer: false, min: 0.001, max: 7 * 24 * 60, scale: 60_000 },
} satisfies Record<keyof LimitFlags, NumberRule>;

/**
 * A number flag, parsed strictly (rule K3): plain digits (and, where allowed, one decimal point),
 * within range. `0x10`, `1e3`, ` 5`, `-1`, `1.5` for a count and the empty string are errors
 * naming the flag and what it accepts — never silently rounded or reinterpreted.
 */
export function parseNumberFlag(rule: NumberRule, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const shape = rule.integer ? /^[0-9]+$/ : /^[0-9]+(\.[0-9]+)?$/;
  const accepted = `${rule.integer ? "a whole number" : "a number"} from ${rule.min < 0.01 ? (rule.integer ? 1 : "just above 0") : rule.min} to ${rule.max}`;
  if (!shape.test(value)) throw new UsageError(`${rule.flag} takes ${accepted} (digits only${rule.integer ? "" : ", e.g. 2.5"}); got "${value}".`);
  const n = Number(value);
  if (!Number.isFinite(n) || n < rule.min || n > rule.max) throw new UsageError(`${rule.flag} takes ${accepted}; got ${value}.`);
  const scaled = n * (rule.scale ?? 1);
  return rule.scale === undefined ? scaled : Math.max(1, Math.round(scaled));
}

export function limitsFromFlags(flags: LimitFlags): Partial<RunLimits> {
  const limits: Partial<RunLimits> = {};
  const set = <K extends keyof RunLimits>(key: K, value: RunLimits[K] | undefined) => {
    if (value !== undefined) limits[key] = value;
  };
  set("maxConcurrency", parseNumberFlag(RULES.maxConcurrency, flags.maxConcurrency));
  set("maxAgents", parseNumberFlag(RULES.maxAgents, flags.maxAgents));
  set("budgetTokens", parseNumberFlag(RULES.budgetTokens, flags.budgetTokens));
  set("maxCostUsd", parseNumberFlag(RULES.maxCostUsd, flags.maxCostUsd));
  set("agentTimeoutMs", parseNumberFlag(RULES.agentTimeout, flags.agentTimeout));
  set("runTimeoutMs", parseNumberFlag(RULES.runTimeout, flags.runTimeout));
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
