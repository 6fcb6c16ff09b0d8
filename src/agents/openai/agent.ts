/**
 * One `runAgent` call: pick the model, compile the schema, set up the worktree and tools, run the
 * conversation, and collect the diff. Turns every problem into an {@link AgentOutcome}.
 */
import { type AgentOutcome, type AgentProgress, type AgentRequest, type FailureReason } from "../contract.ts";
import type { JsonObject } from "../../kernel/json.ts";
import { ZERO_USAGE } from "../../kernel/usage.ts";
import { startDeadline } from "./deadline.ts";
import type { ToolboxFactory, Worktree, WorktreeFactory } from "../hooks.ts";
import { withLimits } from "./limits.ts";
import { runConversation, type LoopDeps } from "./loop.ts";
import { chooseModel } from "./model.ts";
import type { OutputValidator } from "./structured-output.ts";
import { errorMessage } from "../../kernel/errors.ts";

export interface AgentDeps extends LoopDeps {
  toolboxFactory: ToolboxFactory;
  worktreeFactory: WorktreeFactory;
  compileSchema: (schema: JsonObject) => OutputValidator;
  aliases: Readonly<Record<string, string>>;
}

/**
 * Edge cases: a stop before the start gives `stopped` without any request; a worktree that cannot
 * be created, or a toolbox that refuses its options (e.g. `edit` without worktree isolation), gives
 * `error` before any request; the worktree is removed whatever happens, and its diff is collected
 * only for a successful agent (an empty diff is omitted).
 */
export async function runOpenAIAgent(
  deps: AgentDeps,
  rawRequest: AgentRequest,
  signal: AbortSignal,
  onProgress: ((p: AgentProgress) => void) | undefined,
): Promise<AgentOutcome> {
  const request = withLimits(rawRequest);
  const choice = chooseModel(request.model, deps.connection.defaultModel, deps.aliases);
  if (!choice.ok) return earlyFailure("error", choice.message, request.model ?? "(none)");
  const model = choice.model;
  if (signal.aborted) return earlyFailure("stopped", "The run stopped this agent before it started.", model);

  let validator: OutputValidator | undefined;
  try {
    validator = request.schema ? deps.compileSchema(request.schema) : undefined;
  } catch (error) {
    return earlyFailure("error", `The output schema cannot be used: ${errorMessage(error)}`, model);
  }

  let worktree: Worktree | undefined;
  if (request.isolation === "worktree") {
    try {
      worktree = await deps.worktreeFactory(request.cwd, request.id);
    } catch (error) {
      return earlyFailure("error", `Could not create a worktree for this agent: ${errorMessage(error)}`, model);
    }
  }
  const deadline = startDeadline(signal, request.timeoutMs);
  try {
    const root = worktree?.path ?? request.cwd;
    const toolbox = await deps.toolboxFactory({ root, tools: request.tools, isolation: request.isolation, request });
    const outcome = await runConversation(deps, { request, model, toolbox, validator, deadline, onProgress });
    if (!outcome.ok || !worktree) return outcome;
    try {
      const diff = await worktree.diff();
      return diff ? { ...outcome, diff } : outcome;
    } catch (error) {
      const { usage, costUsd, model: answered, turns } = outcome;
      return { ok: false, reason: "error", message: `The agent finished, but its worktree diff could not be read: ${errorMessage(error)}`, usage, costUsd, model: answered, turns };
    }
  } catch (error) {
    const stop = deadline.stopReason();
    if (stop) return earlyFailure(stop, stop === "stopped" ? "The run stopped this agent." : "The agent ran out of wall time.", model);
    return earlyFailure("error", `The agent could not run: ${errorMessage(error)}`, model);
  } finally {
    deadline.dispose();
    await worktree?.remove().catch((error: unknown) => deps.note(`Could not remove the worktree at ${worktree?.path}: ${errorMessage(error)}`));
  }
}

function earlyFailure(reason: FailureReason, message: string, model: string): AgentOutcome {
  return { ok: false, reason, message, usage: { ...ZERO_USAGE }, costUsd: 0, model, turns: 0 };
}
