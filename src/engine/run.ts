/**
 * Starting and resuming runs (rule J1–J4): the run directory, the journal, the events log and
 * the result files around one execution.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { AgentRunner } from "../agents/contract.ts";
import type { JsonObject, JsonValue } from "../kernel/json.ts";
import { validateArgs } from "./args.ts";
import type { AgentTypeResolver, ResolvedWorkflow, WorkflowResolver } from "./context.ts";
import type { EventSink, RunEvent, RunStatus, RunTotals } from "./events.ts";
import { executeRun } from "./execute.ts";
import { headCommit } from "./git.ts";
import { completeLinesLength, corruptJournalPath, JsonLinesWriter, openJournal } from "./journal.ts";
import { resolveLimits, type RunLimits } from "./limits.ts";
import { initialProgress } from "./progress.ts";
import { renderReport } from "./report.ts";
import { normalizeFindings } from "./finding.ts";
import { findingsOf } from "./result.ts";
import { acquireRunLock, type RunLock } from "./run-lock.ts";
import { newRunId, RunDirectory, type RunRecord } from "./rundir.ts";
import type { SandboxLimits } from "./sandbox/types.ts";
import { prepareScript } from "./script/index.ts";
import { QuorumError } from "../kernel/errors.ts";

/** Events reach events.jsonl within this long (the journal itself is written per line). */
const EVENTS_FLUSH_MS = 200;

/** What both a new run and a resumed one need from the caller. */
export interface RunEnvironment {
  runner: AgentRunner | null;
  missingRunnerHint?: string;
  defaultModel?: string;
  /** Configured model per phase title (e.g. `models.phases` of .github/quorum.yml). */
  phaseModels?: Readonly<Record<string, string>>;
  /** The repository's test command(s): what `runTests()` and the agents' `run` tool may run. */
  testCommands?: readonly string[];
  resolveWorkflow: WorkflowResolver;
  /** Agent types (S7); default: `.claude/agents/` of the repository's checkout. */
  resolveAgentType?: AgentTypeResolver;
  sinks?: EventSink[];
  signal?: AbortSignal;
  sandboxLimits?: Partial<SandboxLimits>;
}

export interface StartRunOptions extends RunEnvironment {
  workflow: ResolvedWorkflow;
  args?: JsonValue;
  /** The checkout: agents' tools see it, and runs are kept below it in `.quorum/runs/` unless `runsDir` says otherwise. */
  repo: string;
  /** Keep the run directory here (created exclusively, rule X10) instead of `<repo>/.quorum/runs`. */
  runsDir?: string;
  limits?: Partial<RunLimits>;
  /** Extra options recorded in run.json and handed back on resume (provider, model …). */
  recordedOptions?: JsonObject;
  runId?: string;
}

export interface RunOutcome {
  runId: string;
  runDir: string;
  status: RunStatus;
  result?: JsonValue;
  error?: string;
  totals: RunTotals;
  /**
   * Why items of `result.findings` break the Finding contract (src/engine/finding.ts), one line
   * each; absent when all are valid. Invalid findings are kept out of findings.json and patches/.
   */
  invalidFindings?: string[];
}

/** A resume that would replay a journal against different code (rule J4). */
export class ResumeRefusedError extends QuorumError {
  override name = "ResumeRefusedError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("resume_refused", message, options);
  }
}

/** Validates script and args (nothing runs when either is wrong), then runs. */
export async function startRun(options: StartRunOptions): Promise<RunOutcome> {
  const prepared = prepareScript(options.workflow.source, options.workflow.filename);
  const args = validateArgs(prepared.meta?.name ?? options.workflow.name, prepared.meta?.args, options.args);
  const limits = resolveLimits(options.limits);
  const repo = resolve(options.repo);
  // The name a workflow is shown by: its meta name, else the file name it was found by.
  const workflow: ResolvedWorkflow = { ...options.workflow, name: prepared.meta?.name ?? options.workflow.name };
  const runId = options.runId ?? newRunId(workflow.name);
  const dir = RunDirectory.create(repo, runId, options.runsDir !== undefined ? { runsDir: options.runsDir } : {});
  const lock = acquireRunLock(dir.path, runId);
  const now = new Date().toISOString();
  const record: RunRecord = {
    id: runId,
    workflow: workflow.name,
    source: workflow.filename,
    repo,
    commit: headCommit(repo),
    createdAt: now,
    updatedAt: now,
    status: "running",
    options: { ...options.recordedOptions, limits: limits as unknown as JsonObject },
  };
  try {
    writeFileSync(dir.file("script.js"), workflow.source);
    dir.writeJson("args.json", args ?? null);
    dir.writeJson("run.json", record);
  } catch (error) {
    lock.release();
    throw error;
  }
  return execute(dir, lock, record, workflow, { ...options, repo }, prepared, args, limits, false);
}

export interface ResumeRunOptions extends RunEnvironment {
  repo: string;
  runId: string;
  /** Where the run directory is, when not below `<repo>/.quorum/runs` (rule X10). */
  runsDir?: string;
  /** Resume even though the repository is at another commit than the run saw. */
  force?: boolean;
  limits?: Partial<RunLimits>;
  /**
   * The script from a trusted source (the default branch, an approved blob) to run instead of the
   * run directory's `script.js`, which must hold the same bytes or the resume is refused; the saved
   * args are validated against its schema (rule X10: a saved copy is never executed as such).
   */
  workflow?: ResolvedWorkflow;
  /** Limits only from `limits` and the defaults, never from `run.json` (a record from elsewhere, rule X10). */
  ignoreRecordedLimits?: boolean;
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Resumes a run from its journal: finished agents are answered from it, the rest run live. */
export async function resumeRun(options: ResumeRunOptions): Promise<RunOutcome> {
  const repo = resolve(options.repo);
  const dir = RunDirectory.open(repo, options.runId, options.runsDir !== undefined ? { runsDir: options.runsDir } : {});
  // One executor per run (rule R3): a second `quorum resume` while the run goes on is refused.
  const lock = acquireRunLock(dir.path, options.runId);
  try {
    return await resumeLocked(dir, lock, repo, options);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function resumeLocked(dir: RunDirectory, lock: RunLock, repo: string, options: ResumeRunOptions): Promise<RunOutcome> {
  const record = dir.readRecord();
  const commit = headCommit(repo);
  if (!options.force && record.commit !== commit) {
    throw new ResumeRefusedError(
      `run ${record.id} was made at commit ${record.commit ?? "(none)"} but the repository is now at ${commit ?? "(none)"}; ` +
        "its journal may not fit the code any more. Check out the run's commit, or pass --force to resume anyway.",
    );
  }
  const saved = dir.readText("script.js");
  if (saved === null) throw new ResumeRefusedError(`run ${record.id} has no script.js (its run directory is incomplete), so it cannot be resumed. Start a new run with \`quorum run <workflow>\`.`);
  const trusted = options.workflow;
  if (trusted && sha256(trusted.source) !== sha256(saved)) {
    throw new ResumeRefusedError(
      `run ${record.id} was made with another script than ${trusted.filename} is now (sha-256 ${sha256(saved).slice(0, 12)}… saved, ${sha256(trusted.source).slice(0, 12)}… now); ` +
        "its journal may not fit the script. Start the workflow again instead of resuming it.",
    );
  }
  const workflow: ResolvedWorkflow = trusted ? { ...trusted, name: record.workflow } : { name: record.workflow, source: saved, filename: record.source };
  const prepared = prepareScript(workflow.source, workflow.filename);
  const storedArgs = dir.readText("args.json") === null ? null : dir.readJson("args.json");
  const args = trusted
    ? validateArgs(prepared.meta?.name ?? workflow.name, prepared.meta?.args, storedArgs === null ? undefined : storedArgs)
    : storedArgs === null
      ? undefined
      : storedArgs;
  const recordedLimits = (options.ignoreRecordedLimits ? {} : (record.options.limits ?? {})) as Partial<RunLimits>;
  const limits = resolveLimits({ ...recordedLimits, ...options.limits });
  // While it runs again the record says so; if this process dies, `list` shows it as interrupted.
  dir.writeJson("run.json", { ...record, status: "running", updatedAt: new Date().toISOString() });
  return execute(dir, lock, { ...record, commit: options.force ? commit : record.commit }, workflow, { ...options, repo }, prepared, args, limits, true);
}

async function execute(
  dir: RunDirectory,
  lock: RunLock,
  record: RunRecord,
  workflow: ResolvedWorkflow,
  env: RunEnvironment & { repo: string },
  prepared: ReturnType<typeof prepareScript>,
  args: JsonValue | undefined,
  limits: RunLimits,
  resumed: boolean,
): Promise<RunOutcome> {
  const { read, writer: journalWriter } = openJournal(dir.journalPath);
  const eventsWriter = new JsonLinesWriter(dir.eventsPath, completeLinesLength(dir.eventsPath), { bufferMs: EVENTS_FLUSH_MS });
  const progress = initialProgress();
  const sinks: EventSink[] = [(event: RunEvent) => eventsWriter.append(event), ...(env.sinks ?? [])];
  const warnings = [...prepared.warnings];
  if (read.corrupt.length > 0) {
    const lines = read.corrupt.map((c) => c.line);
    const where = lines.length > 10 ? `${lines.slice(0, 10).join(", ")} …` : lines.join(", ");
    warnings.push(
      `journal: ${read.corrupt.length} corrupt line(s) (line ${where} of ${dir.journalPath}) set aside in ${corruptJournalPath(dir.journalPath)}; ` +
        `the ${read.entries.size} intact entries are kept, and only the agents of the corrupt lines run again.`,
    );
  }
  if (read.tornBytes > 0) {
    warnings.push(`journal: ignored a torn last line (${read.tornBytes} bytes, from an interrupted write); that agent runs again.`);
  }
  try {
    const outcome = await executeRun({
      runId: record.id,
      workflow,
      prepared: { ...prepared, warnings },
      args,
      repo: env.repo,
      commit: record.commit,
      resumed,
      runner: env.runner,
      ...(env.missingRunnerHint !== undefined ? { missingRunnerHint: env.missingRunnerHint } : {}),
      limits,
      ...(env.defaultModel !== undefined ? { defaultModel: env.defaultModel } : {}),
      ...(env.testCommands !== undefined ? { testCommands: env.testCommands } : {}),
      ...(env.phaseModels !== undefined ? { phaseModels: env.phaseModels } : {}),
      progress,
      journal: read.entries,
      journalWriter,
      sinks,
      resolveWorkflow: env.resolveWorkflow,
      ...(env.resolveAgentType ? { resolveAgentType: env.resolveAgentType } : {}),
      ...(env.signal ? { signal: env.signal } : {}),
      ...(env.sandboxLimits ? { sandboxLimits: env.sandboxLimits } : {}),
    });
    const invalidFindings = describeInvalidFindings(outcome.result);
    dir.writeJson("result.json", {
      status: outcome.status,
      ...(outcome.result !== undefined ? { result: outcome.result } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
      ...(invalidFindings ? { invalidFindings } : {}),
      totals: outcome.totals,
    });
    const invalidIndexes = new Set(normalizeFindings(outcome.result).errors.map((e) => e.index));
    const findings = findingsOf(outcome.result)?.filter((_, index) => !invalidIndexes.has(index)) ?? null;
    if (findings !== null) {
      dir.writeJson("findings.json", findings);
      writePatches(dir, findings);
    }
    dir.writeText("report.md", renderReport(progress));
    dir.writeJson("run.json", { ...record, status: outcome.status, updatedAt: new Date().toISOString() });
    return { runId: record.id, runDir: dir.path, ...outcome, ...(invalidFindings ? { invalidFindings } : {}) };
  } finally {
    journalWriter.close();
    eventsWriter.close();
    lock.release();
  }
}

/** One line per item of `result.findings` that breaks the Finding contract, or undefined when none does. */
function describeInvalidFindings(result: JsonValue | undefined): string[] | undefined {
  const { errors } = normalizeFindings(result);
  if (errors.length === 0) return undefined;
  return errors.map((e) => (e.index < 0 ? e.message : `findings[${e.index}]${e.title ? ` "${e.title}"` : ""}: ${e.message}`));
}

/** Each finding's patch as `patches/NN-<title>.patch`, ready for `git apply` (docs/architecture.md run directory). */
function writePatches(dir: RunDirectory, findings: JsonValue[]): void {
  findings.forEach((finding, index) => {
    if (finding === null || typeof finding !== "object" || Array.isArray(finding) || typeof finding.patch !== "string" || finding.patch === "") return;
    const title = typeof finding.title === "string" ? finding.title : "finding";
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 50) || "finding";
    mkdirSync(dir.file("patches"), { recursive: true });
    dir.writeText(join("patches", `${String(index + 1).padStart(2, "0")}-${slug}.patch`), finding.patch.endsWith("\n") ? finding.patch : `${finding.patch}\n`);
  });
}
