/**
 * One agent's session, the same for every provider (rule A5, A8, L4): its deadline (the run's
 * stop or its own wall time, whichever comes first), its worktree when it is isolated, its
 * toolbox, the provider's conversation, the worktree's diff, and the clean-up. A provider brings
 * only its conversation and how it reads an error; everything around it is here.
 *
 * Edge cases: the worktree is removed whatever happens (a removal that fails is a notice, not a
 * failure); a worktree agent's success carries its diff (`""` when it changed nothing); a diff that
 * cannot be read fails the agent with what it spent so far; the deadline's timer is cleared when the
 * session ends.
 */
import type { AgentFailure, AgentOutcome, AgentRequest, Toolbox } from "./contract.ts";
import { errorMessage } from "../kernel/errors.ts";
import { startDeadline, type AgentDeadline } from "./deadline.ts";
import type { ToolboxFactory, Worktree, WorktreeFactory } from "./hooks.ts";

/** Where in the session an error was thrown (the diff is the shell's own). */
export type SessionStage = "worktree" | "toolbox" | "conversation";

export interface AgentSession {
  request: AgentRequest;
  /** The run's signal for this agent. */
  runSignal: AbortSignal;
  /** The agent's wall time, as the provider reads the request's limit. */
  timeoutMs: number;
  worktreeFactory: WorktreeFactory;
  toolboxFactory: ToolboxFactory;
  /** Receives the notice when a worktree cannot be removed. */
  notice(message: string): void;
  /** The provider's part: the conversation over the agent's tools, within `deadline`. */
  converse(toolbox: Toolbox, deadline: AgentDeadline): Promise<AgentOutcome>;
  /** The provider's reading of an error thrown at `stage`; `deadline.stopReason()` says whether the agent was stopped. */
  failure(error: unknown, stage: SessionStage, deadline: AgentDeadline): AgentFailure;
}

/** Runs one agent's session; see the file comment. Never throws. */
export async function runAgentSession(session: AgentSession): Promise<AgentOutcome> {
  const { request } = session;
  const deadline = startDeadline(session.runSignal, session.timeoutMs);
  let worktree: Worktree | undefined;
  let stage: SessionStage = "worktree";
  try {
    if (request.isolation === "worktree") worktree = await session.worktreeFactory(request.cwd, request.id);
    stage = "toolbox";
    const root = worktree?.path ?? request.cwd;
    const toolbox = await session.toolboxFactory({ root, tools: request.tools, isolation: request.isolation, request });
    stage = "conversation";
    const outcome = await session.converse(toolbox, deadline);
    return outcome.ok && worktree ? await withDiff(outcome, worktree) : outcome;
  } catch (error) {
    return session.failure(error, stage, deadline);
  } finally {
    deadline.dispose();
    await worktree?.remove().catch((error: unknown) => {
      session.notice(`could not remove the worktree of agent ${request.id} (${worktree?.path ?? ""}): ${errorMessage(error)}`);
    });
  }
}

async function withDiff(outcome: Extract<AgentOutcome, { ok: true }>, worktree: Worktree): Promise<AgentOutcome> {
  try {
    return { ...outcome, diff: await worktree.diff() };
  } catch (error) {
    const { usage, costUsd, model, turns } = outcome;
    return { ok: false, reason: "error", message: `the agent finished, but its worktree diff could not be read: ${errorMessage(error)}`, usage, costUsd, model, turns };
  }
}
