/**
 * `actions/*`: workflow runs (get, cancel) and their artifacts (list, get, download, delete), as
 * a later job reads an earlier workflow run's artifacts through the REST API (`@actions/artifact`
 * with `findBy`), and as `/workflow cancel` stops a run.
 *
 * - A download answers 302 to a signed URL on the fake itself (`/_fake/artifact-blobs/…`),
 *   served outside the OpenAPI check as GitHub's blob storage would be; an expired artifact is 410.
 * - Cancelling a queued or running run completes it as `cancelled` and calls its `onCancel` after
 *   the answer; a completed run is 409, as on GitHub.
 */
import { HttpError, notFound, paginate } from "../http.ts";
import { artifactJson, workflowRunJson } from "../shapes.ts";
import { now, type FakeArtifact, type FakeRepo } from "../state.ts";
import type { Handlers, HandlerContext } from "./types.ts";

/** Path prefix of the blob URLs downloads redirect to. */
export const ARTIFACT_BLOB_PREFIX = "/_fake/artifact-blobs/";

function run(c: HandlerContext, r: FakeRepo) {
  const w = r.workflowRuns.get(Number(c.params.run_id));
  if (!w) throw notFound();
  return w;
}

function artifact(c: HandlerContext, r: FakeRepo): FakeArtifact {
  const a = r.artifacts.find((x) => x.id === Number(c.params.artifact_id));
  if (!a) throw notFound();
  return a;
}

function listReply(c: HandlerContext, r: FakeRepo, list: FakeArtifact[]) {
  const name = c.url.searchParams.get("name");
  const filtered = list.filter((a) => name === null || a.name === name);
  const ordered = [...filtered].sort((a, b) => (c.url.searchParams.get("direction") === "asc" ? a.id - b.id : b.id - a.id));
  const page = paginate(ordered, c.url);
  return { ...page, body: { total_count: ordered.length, artifacts: (page.body as FakeArtifact[]).map((a) => artifactJson(c.api, r, a)) } };
}

export const actionHandlers: Handlers = {
  "actions/get-workflow-run": (c) => {
    const r = c.repo();
    return { body: workflowRunJson(c.api, r, run(c, r)) };
  },

  "actions/cancel-workflow-run": (c) => {
    const r = c.repo();
    const w = run(c, r);
    if (w.status === "completed") throw new HttpError(409, "Cannot cancel a workflow run that is completed.");
    w.status = "completed";
    w.conclusion = "cancelled";
    w.updatedAt = now();
    if (w.onCancel) setImmediate(w.onCancel);
    return { status: 202, body: {} };
  },

  "actions/list-artifacts-for-repo": (c) => {
    const r = c.repo();
    return listReply(c, r, r.artifacts);
  },

  "actions/list-workflow-run-artifacts": (c) => {
    const r = c.repo();
    const w = run(c, r);
    return listReply(c, r, r.artifacts.filter((a) => a.workflowRunId === w.id));
  },

  "actions/get-artifact": (c) => {
    const r = c.repo();
    return { body: artifactJson(c.api, r, artifact(c, r)) };
  },

  "actions/delete-artifact": (c) => {
    const r = c.repo();
    const a = artifact(c, r);
    r.artifacts.splice(r.artifacts.indexOf(a), 1);
    return { status: 204 };
  },

  "actions/download-artifact": (c) => {
    const r = c.repo();
    const a = artifact(c, r);
    if (c.params.archive_format !== "zip") throw notFound();
    if (a.expired) throw new HttpError(410, "Artifact has expired");
    return { status: 302, headers: { location: `${c.api}${ARTIFACT_BLOB_PREFIX}${a.id}/artifact.zip?sig=${a.signature}&se=2099-01-01` } };
  },
};
