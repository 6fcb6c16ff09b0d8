/**
 * The host functions a script's sandbox gets (`__host.*`), bound to one run and one script scope.
 */
import type { JsonValue } from "../../kernel/json.ts";
import type { RunContext, ScriptScope } from "../context.ts";
import type { HostFunction } from "../sandbox/types.ts";
import { callAgent } from "./agent.ts";
import { runTests } from "./commands.ts";

const MAX_LOG_LENGTH = 4_000;
const MAX_PHASE_TITLE = 200;

/** Runs a workflow inline (rule C4); supplied by the executor so primitives stay free of it. */
export type NestedWorkflowRunner = (nameOrPath: string, args: JsonValue | undefined) => Promise<JsonValue | undefined>;

export function createHostFunctions(ctx: RunContext, scope: ScriptScope, runNested: NestedWorkflowRunner): Record<string, HostFunction> {
  return {
    agent: (prompt, opts) => callAgent(ctx, scope, prompt, opts),
    // runTests() may run the configured test commands and those named in this script's args as
    // the host received them (a script rewriting `args` cannot widen that).
    runTests: (spec) => runTests(ctx, scope, spec, scope.args, ctx.testCommands),
    phase: (title) => {
      if (typeof title !== "string" || title.trim() === "") throw new TypeError("phase(title) needs a non-empty string title.");
      const clean = title.trim().slice(0, MAX_PHASE_TITLE);
      scope.currentPhase = clean;
      ctx.emit({ type: "phase.started", title: clean });
      return undefined;
    },
    log: (level, message) => {
      const text = typeof message === "string" ? message : JSON.stringify(message);
      const cut = text.length > MAX_LOG_LENGTH ? `${text.slice(0, MAX_LOG_LENGTH)}… (${text.length - MAX_LOG_LENGTH} more characters cut)` : text;
      ctx.emit({ type: "log", level: level === "warn" ? "warn" : "info", phase: scope.currentPhase, message: cut });
      return undefined;
    },
    budgetTotal: () => ctx.budget.totalTokens,
    budgetSpent: () => ctx.budget.spentTokens,
    budgetRemaining: () => {
      const left = ctx.budget.remainingTokens();
      return Number.isFinite(left) ? left : null;
    },
    workflow: async (nameOrPath, args) => {
      if (scope.depth >= 1) {
        throw new Error(`workflow() can nest one level only: "${scope.name}" was itself called by workflow(), so it cannot call another.`);
      }
      return runNested(workflowRef(nameOrPath), args === null ? undefined : args);
    },
  };
}

/**
 * What `workflow(ref, args)` names, as the resolver's string (rule S7): a name or path as given,
 * `{ scriptPath }` as a path (`./` added when it has no slash, so it is never read as a name),
 * `{ name }` as a name.
 */
export function workflowRef(ref: JsonValue | undefined): string {
  if (typeof ref === "string" && ref.trim() !== "") return ref.trim();
  if (ref !== null && typeof ref === "object" && !Array.isArray(ref)) {
    const { scriptPath, name } = ref;
    if (typeof scriptPath === "string" && scriptPath.trim() !== "") {
      const path = scriptPath.trim();
      return path.includes("/") || path.includes("\\") ? path : `./${path}`;
    }
    if (typeof name === "string" && name.trim() !== "") return name.trim();
  }
  throw new TypeError('workflow(ref, args) needs a workflow name ("review"), a path, or { scriptPath: ".claude/workflows/x.js" }.');
}
