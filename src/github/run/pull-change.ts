/**
 * The change of the pull request a run is about, as a reviewing workflow's args (rule R4): the
 * PR's files and patches through the API (every page of `pulls.listFiles`), with its base and head.
 * Used when a workflow that declares `args.files` runs on a pull request without them — a
 * `pull_request` event, `/workflow review` on a PR, or a `quorum:review` label on one.
 */
import { errorMessage } from "../../kernel/errors.ts";
import type { Octokit } from "@octokit/rest";
import type { JsonObject, JsonValue } from "../../kernel/json.ts";
import { wantedChange, withChange } from "../../engine/change-args.ts";
import { listPullFiles } from "../publish/index.ts";
import type { RepoRef } from "../repo.ts";

export async function pullRequestChangeArgs(
  octokit: Octokit,
  repo: RepoRef,
  pull: { number: number; headSha: string },
  argsSchema: JsonObject | undefined,
  args: JsonValue | undefined,
): Promise<JsonValue | undefined> {
  const wanted = wantedChange(argsSchema, args);
  if (wanted === null) return args;
  let files: Awaited<ReturnType<typeof listPullFiles>>;
  let baseSha: string;
  try {
    const [listed, { data }] = await Promise.all([
      listPullFiles(octokit, repo, pull.number),
      octokit.rest.pulls.get({ owner: repo.owner, repo: repo.repo, pull_number: pull.number }),
    ]);
    files = listed;
    baseSha = data.base.sha;
  } catch (error) {
    throw new Error(`could not read the change of pull request #${pull.number} to review (${errorMessage(error)}). Does the token have \`pull-requests: read\`?`);
  }
  const change = files.map((f): JsonObject => ({ path: f.filename, patch: f.patch ?? "", status: f.status ?? "modified" }));
  const base = baseSha;
  const head = pull.headSha;
  if (wanted === "files") return withChange(argsSchema, args, { files: change, base, head });
  return withChange(argsSchema, args, { diff: change.map((f) => `diff --git a/${String(f.path)} b/${String(f.path)}\n--- a/${String(f.path)}\n+++ b/${String(f.path)}\n${String(f.patch)}`).join("\n"), base, head });
}
