/**
 * The two records Quorum keeps in its own GitHub objects (see markers.ts):
 *
 * - {@link FreeformRecord}: a free-form proposal and its approval state, in the text of the
 *   proposal's check run (`quorum / freeform: <name>`). That check run belongs to Quorum for good:
 *   the run itself reports into a second check run of the same name, so the record is never
 *   overwritten by progress updates.
 * - {@link RunIndexEntry}: "run X has check run Y on commit Z", in the reply comment that started a
 *   run, so `/workflow <verb> <run-id>` on the same issue finds the run again.
 */
import type { JsonObject } from "../../kernel/json.ts";
import { decodeMarkers, encodeMarker } from "./markers.ts";

export const RECORD_VERSION = 1;

export type ProposalState = "awaiting_approval" | "approved" | "auto_approved" | "rejected";

export interface FreeformRecord {
  v: number;
  runId: string;
  /** `meta.name` of the proposed script. */
  name: string;
  /** Git blob sha of the proposed (and, once approved, the approved) script. */
  blobSha: string;
  state: ProposalState;
  requester: string;
  /** The issue or PR the task was asked on. */
  issueNumber: number | null;
  isPullRequest: boolean;
  /** The comment that asked. */
  commentId: number | null;
  /** The commit the proposal's and the run's check runs are on. */
  headSha: string;
  /** Who approved or rejected, and when (ISO time). */
  decidedBy?: string;
  decidedAt?: string;
  /** The check run the approved run reports into. */
  runCheckRunId?: number;
}

export interface RunIndexEntry {
  v: number;
  runId: string;
  /** Workflow name, or `freeform`. */
  workflow: string;
  /** The check run the run reports into (or, for a proposal, the proposal's check run). */
  checkRunId: number;
  headSha: string;
}

const STATES = new Set<string>(["awaiting_approval", "approved", "auto_approved", "rejected"]);
const str = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const int = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;

function asRecord(o: JsonObject): FreeformRecord | null {
  if (!str(o.runId) || !str(o.name) || !str(o.blobSha) || !str(o.state) || !STATES.has(o.state) || !str(o.requester) || !str(o.headSha)) return null;
  return {
    v: typeof o.v === "number" ? o.v : RECORD_VERSION,
    runId: o.runId,
    name: o.name,
    blobSha: o.blobSha,
    state: o.state as ProposalState,
    requester: o.requester,
    issueNumber: int(o.issueNumber) ? o.issueNumber : null,
    isPullRequest: o.isPullRequest === true,
    commentId: int(o.commentId) ? o.commentId : null,
    headSha: o.headSha,
    ...(str(o.decidedBy) ? { decidedBy: o.decidedBy } : {}),
    ...(str(o.decidedAt) ? { decidedAt: o.decidedAt } : {}),
    ...(int(o.runCheckRunId) ? { runCheckRunId: o.runCheckRunId } : {}),
  };
}

function asIndex(o: JsonObject): RunIndexEntry | null {
  if (!str(o.runId) || !str(o.workflow) || !int(o.checkRunId) || !str(o.headSha)) return null;
  return { v: typeof o.v === "number" ? o.v : RECORD_VERSION, runId: o.runId, workflow: o.workflow, checkRunId: o.checkRunId, headSha: o.headSha };
}

export function freeformMarker(record: FreeformRecord): string {
  return encodeMarker("freeform", { ...record } as unknown as JsonObject);
}

/** The proposal record on the last line of `text` (where Quorum writes it, rule X13), or null. */
export function readFreeformRecord(text: string | null | undefined): FreeformRecord | null {
  const all = decodeMarkers("freeform", text, { lastLine: true }).map(asRecord).filter((r): r is FreeformRecord => r !== null);
  return all[all.length - 1] ?? null;
}

export function runIndexMarker(entry: RunIndexEntry): string {
  return encodeMarker("run", { ...entry } as unknown as JsonObject);
}

/** The run index entries on the last line of `text` (where Quorum writes them, rule X13). */
export function readRunIndex(text: string | null | undefined): RunIndexEntry[] {
  return decodeMarkers("run", text, { lastLine: true }).map(asIndex).filter((e): e is RunIndexEntry => e !== null);
}
