/**
 * The run stage's hand-off (src/github/run/stage-handoff.ts) as an artifact of the workflow run:
 * `quorum-handoff-<run id>-a<attempt>`, uploaded by the run job and downloaded by the publish job
 * through the runner's artifact service. That service only lists the artifacts of the job's own
 * workflow run (its runtime token is scoped to it), so a publish job can only ever read a hand-off
 * of the same workflow run; the document inside is checked again on top (workflow run id, run id).
 *
 * After "Re-run failed jobs" the newest attempt's hand-off wins.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DefaultArtifactClient, type ArtifactClient } from "@actions/artifact";
import { HandoffError, MAX_HANDOFF_BYTES } from "../github/run/stage-handoff.ts";

export const HANDOFF_ARTIFACT_PREFIX = "quorum-handoff-";
const FILE = "handoff.json";
/** A hand-off is read by the publish job minutes later; keep it a day for re-runs. */
const RETENTION_DAYS = 1;

function scratch(): string {
  return mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), "quorum-handoff-"));
}

export function handoffArtifactName(runId: string, attempt: number): string {
  return `${HANDOFF_ARTIFACT_PREFIX}${runId}-a${attempt}`;
}

export async function uploadHandoff(runId: string, attempt: number, json: string, client: ArtifactClient = new DefaultArtifactClient()): Promise<void> {
  const dir = scratch();
  try {
    writeFileSync(join(dir, FILE), json);
    await client.uploadArtifact(handoffArtifactName(runId, attempt), [join(dir, FILE)], dir, { retentionDays: RETENTION_DAYS });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The newest hand-off of `runId` in this workflow run, or null when the run job left none. */
export async function downloadHandoff(runId: string, client: ArtifactClient = new DefaultArtifactClient()): Promise<Buffer | null> {
  const prefix = `${HANDOFF_ARTIFACT_PREFIX}${runId}-a`;
  const { artifacts } = await client.listArtifacts();
  let best: { id: number; attempt: number } | null = null;
  for (const artifact of artifacts) {
    if (!artifact.name.startsWith(prefix)) continue;
    const attempt = Number(artifact.name.slice(prefix.length));
    if (!Number.isInteger(attempt) || attempt < 1) continue;
    if (!best || attempt > best.attempt) best = { id: artifact.id, attempt };
  }
  if (!best) return null;
  const dir = scratch();
  try {
    await client.downloadArtifact(best.id, { path: dir });
    const path = join(dir, FILE);
    const size = statSync(path).size;
    if (size > MAX_HANDOFF_BYTES) throw new HandoffError(`the hand-off is ${size} bytes, more than the ${MAX_HANDOFF_BYTES} allowed`);
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
