/**
 * How a free-form proposal is shown (rule G7, P2): the check run that waits `action_required`
 * with the phases, the agent estimates and the script itself, and the outputs for its later
 * states (approved, rejected, authoring failed). Shared by the App and the Action.
 *
 * Edge cases:
 * - The task is untrusted: sanitised, stripped of Quorum markers and HTML comment openers, clipped,
 *   and shown as a quote.
 * - The script is shown exactly as approved. It is never redacted here: proposals that look like
 *   they contain a secret are refused before this point (author.ts), so what is shown is what runs.
 * - A script containing ``` is shown in a longer fence, so it cannot end the code block early.
 * - Everything else (summary, phase titles from the model) goes through {@link redactSecrets} and
 *   is clipped; the record marker goes last in the text, where nothing is cut after it.
 */
import { sanitizeUntrusted } from "../../agents/sanitize.ts";
import type { WorkflowMeta } from "../../engine/script/index.ts";
import { escapeCell } from "../../engine/report.ts";
import { CHECK_RUN_NAME_PREFIX } from "../checkrun/reporter.ts";
import { clipLine, MAX_CHECK_RUN_OUTPUT_CHARS, MAX_TITLE_CHARS } from "../checkrun/fit.ts";
import { redactSecrets } from "../redact.ts";
import type { AuthorEstimate } from "./author.ts";
import { describeEstimate, type AgentEstimate } from "./estimate.ts";
import { neutralizeRecordSyntax } from "../record-syntax.ts";
import { stripMarkers } from "./markers.ts";
import { freeformMarker, type FreeformRecord } from "./record.ts";

/** The `workflow` dispatch input of a free-form run (dispatch.ts requires `script-blob` with it). */
export const FREEFORM_WORKFLOW = "freeform";
/** Longest task quoted in the check run. */
export const MAX_QUOTED_TASK_CHARS = 2_000;
/** The run cap named next to the estimate when the config sets none (rule L2). */
export const DEFAULT_MAX_AGENTS = 1000;

export interface CheckRunText {
  title: string;
  summary: string;
  text: string;
}

/** `quorum / freeform: <name>`: the proposal's and the run's check runs share it. */
export function freeformCheckRunName(name: string): string {
  return `${CHECK_RUN_NAME_PREFIX}${FREEFORM_WORKFLOW}: ${clipLine(name, 64)}`;
}

function title(text: string): string {
  const clean = clipLine(redactSecrets(text).text, MAX_TITLE_CHARS);
  return clean.length > MAX_TITLE_CHARS ? `${clean.slice(0, MAX_TITLE_CHARS - 1)}…` : clean;
}

/** The task as a Markdown quote: sanitised, without markers, clipped. */
export function quoteTask(task: string): string {
  const clean = stripMarkers(sanitizeUntrusted(task)).replace(/<!--/g, "&lt;!--").trim();
  const cut = clean.length > MAX_QUOTED_TASK_CHARS ? `${clean.slice(0, MAX_QUOTED_TASK_CHARS)}… (${clean.length - MAX_QUOTED_TASK_CHARS} more characters)` : clean;
  return cut
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join("\n");
}

/** A fenced JavaScript block that the script cannot close early. */
export function scriptBlock(script: string): string {
  const longest = Math.max(2, ...[...script.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return [`${fence}js`, script, fence].join("\n");
}

/** The proposal's text before its record: the heading and the script's block. */
function scriptSection(script: string): string {
  return ["### The script", "", scriptBlock(script)].join("\n");
}

/**
 * Whether a proposal's check-run text shows exactly `script` (rule G7): approval is of the script
 * a person saw, so a text changed after Quorum wrote it (its record pointing at another blob than
 * the one shown) is never approved.
 */
export function showsScript(text: string | null | undefined, script: string): boolean {
  return stripMarkers(text ?? "").trimEnd() === scriptSection(script);
}

function phaseTable(meta: WorkflowMeta): string {
  const phases = meta.phases ?? [];
  if (phases.length === 0) return "_The script declares no phases._";
  const rows = phases.map((p) => `| ${escapeCell(clipLine(p.title, 120))} | ${escapeCell(clipLine(p.detail ?? "", 300))} | ${escapeCell(p.model ?? "default")} |`);
  return neutralizeRecordSyntax(["| Phase | What happens | Model |", "|---|---|---|", ...rows].join("\n"));
}

export interface ProposalView {
  record: FreeformRecord;
  task: string;
  meta: WorkflowMeta;
  script: string;
  summary: string;
  authorEstimate: AuthorEstimate;
  staticEstimate: AgentEstimate | null;
  maxAgents?: number;
  /** Link to the run's check run, once approved. */
  runUrl?: string | null;
}

/** The state paragraph of the summary sits between these, so later states replace it in place. */
const STATE_OPEN = "<!-- quorum:state -->";
const STATE_CLOSE = "<!-- /quorum:state -->";
const STATE_SPAN = /<!-- quorum:state -->[\s\S]*?<!-- \/quorum:state -->/;

function stateLine(view: { record: FreeformRecord; runUrl?: string | null }): string {
  const r = view.record;
  const approveHow = `comment \`/workflow approve ${r.runId}\` (or press **Approve** where the Quorum App is installed); \`/workflow cancel ${r.runId}\` or **Cancel** rejects it`;
  switch (r.state) {
    case "awaiting_approval":
      return `**Waiting for approval.** Someone with write access must review the script below, then ${approveHow}. Nothing runs before that.`;
    case "approved":
      return `**Approved** by @${r.decidedBy ?? "?"}${r.decidedAt ? ` at ${r.decidedAt}` : ""}. The run reports in ${view.runUrl ? `[its own check run](${view.runUrl})` : "its own check run"}.`;
    case "auto_approved":
      return `**Approved automatically** (\`freeform.autoApprove: true\` in .github/quorum.yml). The run reports in ${view.runUrl ? `[its own check run](${view.runUrl})` : "its own check run"}.`;
    case "rejected":
      return `**Rejected** by @${r.decidedBy ?? "?"}${r.decidedAt ? ` at ${r.decidedAt}` : ""}. Nothing ran; ask again with a new \`/workflow "…"\` comment.`;
  }
}

function proposalTitle(record: FreeformRecord): string {
  switch (record.state) {
    case "awaiting_approval":
      return `Waiting for approval: ${record.name}`;
    case "approved":
      return `Approved by @${record.decidedBy ?? "?"}: ${record.name}`;
    case "auto_approved":
      return `Approved automatically: ${record.name}`;
    case "rejected":
      return `Rejected by @${record.decidedBy ?? "?"}: ${record.name}`;
  }
}

/**
 * The proposal check run's output in its current state. The check run's conclusion stays
 * `action_required` after approval or rejection: GitHub does not let a completed check run change
 * its conclusion, so the title and summary say what happened.
 */
export function renderProposal(view: ProposalView): CheckRunText {
  const r = view.record;
  const summary = [
    `**Free-form workflow \`${r.name}\`** written for @${r.requester}'s task · run \`${r.runId}\``,
    "",
    quoteTask(view.task),
    "",
    `${STATE_OPEN}${stateLine(view)}${STATE_CLOSE}`,
    "",
    `**What it does:** ${neutralizeRecordSyntax(clipLine(redactSecrets(view.summary).text, 2_000))}`,
    "",
    "### Phases",
    "",
    phaseTable(view.meta),
    "",
    "### Agents",
    "",
    describeEstimate(view.staticEstimate, view.maxAgents ?? DEFAULT_MAX_AGENTS),
    "",
    `**Author's estimate** (the author agent's own guess): ${view.authorEstimate.minAgents}–${view.authorEstimate.maxAgents} agents — ${neutralizeRecordSyntax(clipLine(redactSecrets(view.authorEstimate.reasoning).text, 500))}`,
    "",
    `The script runs byte for byte as shown (git blob \`${r.blobSha}\`). To keep it, comment \`/workflow save ${r.runId} <name>\`: that opens a pull request adding it to \`.github/quorum/workflows/\`.`,
  ].join("\n");
  const text = [scriptSection(view.script), "", freeformMarker(r)].join("\n");
  return { title: title(proposalTitle(r)), summary: summary.slice(0, MAX_CHECK_RUN_OUTPUT_CHARS), text };
}

/** The check run output when no valid script could be written. */
export function renderAuthoringFailure(options: { runId: string; requester: string; task: string; message: string; lastScript?: string }): CheckRunText {
  const summary = [
    `**No workflow was written** for @${options.requester}'s task · run \`${options.runId}\``,
    "",
    quoteTask(options.task),
    "",
    neutralizeRecordSyntax(clipLine(redactSecrets(options.message).text, 20_000).replace(/ - /g, "\n- ")),
    "",
    "Nothing ran. Rephrase the task (be specific about what to look for and what to return) and ask again, or run a named workflow: `/workflow help` lists them.",
  ].join("\n");
  const last = options.lastScript ? redactSecrets(options.lastScript).text : null;
  const text = last ? ["### The last script the author wrote (refused, not run)", "", scriptBlock(last.slice(0, 50_000))].join("\n") : "";
  return { title: title("Could not write a valid workflow for the task"), summary, text };
}

/** The check run output while the author agent works. */
export function renderAuthoring(options: { runId: string; requester: string; task: string }): CheckRunText {
  return {
    title: "Writing a workflow script for the task",
    summary: [
      `**Writing a free-form workflow** for @${options.requester}'s task · run \`${options.runId}\``,
      "",
      quoteTask(options.task),
      "",
      "An author agent is writing a script from Quorum's authoring reference; it is validated and shown here for approval before anything runs.",
    ].join("\n"),
    text: "",
  };
}

/**
 * The proposal's output after a decision (approved, rejected, run started): the title, the state
 * paragraph and the record change; the rest (task, phases, estimates, script) stays as shown.
 */
export function restateProposal(previous: { summary: string | null; text: string | null }, record: FreeformRecord, runUrl?: string | null): CheckRunText {
  const line = `${STATE_OPEN}${stateLine({ record, runUrl: runUrl ?? null })}${STATE_CLOSE}`;
  const before = previous.summary ?? "";
  const summary = STATE_SPAN.test(before) ? before.replace(STATE_SPAN, () => line) : `${line}\n\n${before}`;
  const text = `${stripMarkers(previous.text ?? "").trimEnd()}\n\n${freeformMarker(record)}`;
  return { title: title(proposalTitle(record)), summary: summary.slice(0, MAX_CHECK_RUN_OUTPUT_CHARS), text };
}
