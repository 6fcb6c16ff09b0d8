/**
 * One `runAgent` call: pick the model and compile the schema, then run the conversation inside the
 * agents room's session shell (worktree, tools, deadline, diff, clean-up). Turns every problem into
 * an {@link AgentOutcome}.
 */
import { type AgentFailure, type AgentOutcome, type AgentProgress, type AgentRequest, type FailureReason } from "../contract.ts";
import type { JsonObject } from "../../kernel/json.ts";
import { ZERO_USAGE } from "../../kernel/usage.ts";
import type { ToolboxFactory, WorktreeFactory } from "../hooks.ts";
import { runAgentSession } from "../session.ts";
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
 * `error` before any request. The worktree, the deadline and the diff are the session's
 * (../session.ts).
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

  return runAgentSession({
    request,
    runSignal: signal,
    timeoutMs: request.timeoutMs,
    worktreeFactory: deps.worktreeFactory,
    toolboxFactory: deps.toolboxFactory,
    notice: deps.note,
    converse: (toolbox, deadline) => runConversation(deps, { request, model, toolbox, validator, deadline, onProgress }),
    failure: (error, stage, deadline) => {
      if (stage === "worktree") return earlyFailure("error", `Could not create a worktree for this agent: ${errorMessage(error)}`, model);
      const stop = deadline.stopReason();
      if (stop) return earlyFailure(stop, stop === "stopped" ? "The run stopped this agent." : "The agent ran out of wall time.", model);
      return earlyFailure("error", `The agent could not run: ${errorMessage(error)}`, model);
    },
  });
}

function earlyFailure(reason: FailureReason, message: string, model: string): AgentFailure {
  return { ok: false, reason, message, usage: { ...ZERO_USAGE }, costUsd: 0, model, turns: 0 };
}
