/** `checks/*`: check runs (create, update, get, list for a ref). */
import { notFound, paginate, unprocessable } from "../http.ts";
import { checkRunJson } from "../shapes.ts";
import { appOfActor, newId, now, type FakeCheckRun } from "../state.ts";
import type { Handlers } from "./types.ts";

type CheckBody = {
  name?: string;
  head_sha?: string;
  details_url?: string;
  external_id?: string;
  status?: string;
  conclusion?: string;
  started_at?: string;
  completed_at?: string;
  output?: { title: string; summary: string; text?: string };
};

function apply(run: FakeCheckRun, b: CheckBody): void {
  if (b.name !== undefined) run.name = b.name;
  if (b.details_url !== undefined) run.detailsUrl = b.details_url;
  if (b.external_id !== undefined) run.externalId = b.external_id;
  if (b.started_at !== undefined) run.startedAt = b.started_at;
  if (b.status !== undefined) run.status = b.status;
  if (b.conclusion !== undefined) {
    run.conclusion = b.conclusion;
    run.status = "completed";
    run.completedAt = b.completed_at ?? now();
  }
  if (run.status === "completed" && run.conclusion === null) throw unprocessable("Invalid request.\n\nconclusion is required when status is completed");
  if (b.output !== undefined) run.output = b.output;
  run.history.push({ ...b });
}

export const checkHandlers: Handlers = {
  "checks/create": (c) => {
    const r = c.repo();
    const b = c.body as CheckBody & { name: string; head_sha: string };
    if (!r.git.commits.has(b.head_sha)) throw unprocessable("No commit found for SHA: " + b.head_sha);
    const run: FakeCheckRun = {
      id: newId(),
      name: b.name,
      headSha: b.head_sha,
      status: "queued",
      conclusion: null,
      detailsUrl: null,
      externalId: null,
      output: null,
      startedAt: now(),
      completedAt: null,
      history: [],
      app: appOfActor(c.actor),
    };
    apply(run, b);
    r.checkRuns.push(run);
    return { status: 201, body: checkRunJson(c.api, r, run) };
  },

  "checks/update": (c) => {
    const r = c.repo();
    const run = r.checkRuns.find((x) => x.id === Number(c.params.check_run_id));
    if (!run) throw notFound();
    apply(run, c.body as CheckBody);
    return { body: checkRunJson(c.api, r, run) };
  },

  "checks/get": (c) => {
    const r = c.repo();
    const run = r.checkRuns.find((x) => x.id === Number(c.params.check_run_id));
    if (!run) throw notFound();
    return { body: checkRunJson(c.api, r, run) };
  },

  "checks/list-for-ref": (c) => {
    const r = c.repo();
    const sha = r.resolve(c.params.ref ?? "");
    if (!sha) throw notFound();
    const appId = c.url.searchParams.get("app_id");
    const runs = r.checkRuns.filter((x) => x.headSha === sha && (appId === null || x.app?.id === Number(appId)));
    const page = paginate(runs, c.url);
    return { ...page, body: { total_count: runs.length, check_runs: (page.body as FakeCheckRun[]).map((x) => checkRunJson(c.api, r, x)) } };
  },
};
