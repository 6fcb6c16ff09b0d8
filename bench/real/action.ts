/**
 * The Action bundle's start-up: the time from spawning `node <bundle>/action.js` (built by the same
 * script as dist/) to the fake GitHub receiving its check-run creation request, for a writer's
 * `/workflow deep-research …` comment on an issue — the path a comment takes: event and inputs,
 * permission asked of the API, config and script from the default branch, then the check run.
 * The process is stopped once the request has arrived; what comes after is measured elsewhere.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildAction } from "../../scripts/build.mjs";
import { DEFAULT_BRANCH, OWNER, REPO, repoFiles, WRITER } from "../../test/e2e/support/fixtures.ts";
import { FakeAnthropic } from "../../test/support/fake-anthropic.ts";
import { FakeGitHub } from "../../test/support/fake-github/index.ts";
import { git, writeFiles } from "../../test/support/repo-fixtures.ts";
import { spread } from "./process.ts";

/** The webhook examples are JSON; plain Node (unlike vitest) loads them through require. */
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as { name: string; examples: ({ action?: string } & Record<string, unknown>)[] }[];

export interface ActionStartup {
  /** ms from spawn to the `checks/create` request, per measured run. */
  samples: number[];
  /** CPU ms (user + system) the Action process had used when that request arrived, per measured run (Linux /proc; empty elsewhere). */
  cpuSamples: number[];
  /** The last run's GitHub requests up to the check run's creation: operation and ms after spawn. */
  requestsBeforeCreate: { operationId: string; atMs: number }[];
  median: number;
  min: number;
  max: number;
}

function commentPayload(): Record<string, unknown> {
  const example = examples.find((e) => e.name === "issue_comment")?.examples.find((p) => p.action === "created");
  if (!example) throw new Error("no issue_comment.created example in @octokit/webhooks-examples");
  const payload = structuredClone(example);
  const comment = payload.comment as Record<string, unknown>;
  comment.body = '/workflow deep-research question="Where are sessions checked?"';
  (comment.user as Record<string, unknown>).login = WRITER;
  (payload.sender as Record<string, unknown>).login = WRITER;
  return payload;
}

/** Fake GitHub with the example repository, a fake model, and the checkout a runner would have. */
async function startWorld(): Promise<{ gh: FakeGitHub; model: FakeAnthropic; workspace: string; stop: () => Promise<void> }> {
  const gh = await FakeGitHub.start();
  gh.createRepo({ owner: OWNER, repo: REPO, defaultBranch: DEFAULT_BRANCH, files: repoFiles() });
  gh.setRole(OWNER, REPO, WRITER, "write");
  const model = new FakeAnthropic({ handler: () => ({ text: "nothing found" }) });
  await model.start();
  const workspace = mkdtempSync(join(tmpdir(), "quorum-bench-workspace-"));
  await writeFiles(workspace, repoFiles());
  await git(workspace, ["init", "-q", "-b", DEFAULT_BRANCH]);
  await git(workspace, ["add", "-A"]);
  await git(workspace, ["-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-q", "-m", "checkout"]);
  return { gh, model, workspace, stop: async () => void (await Promise.all([gh.stop(), model.stop()])) };
}

/** CPU ms (user + system) a live process has used so far, from /proc/<pid>/stat; null when unreadable. */
function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * `nodeArgs` go before the bundle (e.g. `--cpu-prof`); with `keepRunning` the process is left to
 * finish its job after the request (so a profile gets written) instead of being killed.
 */
export async function benchActionStartup(options: { repeats?: number; nodeArgs?: readonly string[]; keepRunning?: boolean } = {}): Promise<ActionStartup> {
  const world = await startWorld();
  const issue = world.gh.openIssue(OWNER, REPO, { title: "Where are sessions checked?" });
  if (issue !== 1) throw new Error(`the example payload names issue 1; the fake opened issue ${issue}`);
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let requestsBeforeCreate: { operationId: string; atMs: number }[] = [];
  const dist = mkdtempSync(join(tmpdir(), "quorum-bench-dist-"));
  const scratch = mkdtempSync(join(tmpdir(), "quorum-bench-runner-"));
  try {
    await (buildAction as (dir: string) => Promise<unknown>)(dist);
    const eventPath = join(scratch, "event.json");
    writeFileSync(eventPath, JSON.stringify(commentPayload()));
    // The first run warms the file cache; it is not counted.
    for (let i = 0; i <= (options.repeats ?? 5); i++) {
      writeFileSync(join(scratch, "output.txt"), "");
      writeFileSync(join(scratch, "summary.md"), "");
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? scratch,
        CI: "true",
        GITHUB_ACTIONS: "true",
        GITHUB_EVENT_NAME: "issue_comment",
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_OUTPUT: join(scratch, "output.txt"),
        GITHUB_STEP_SUMMARY: join(scratch, "summary.md"),
        GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
        GITHUB_API_URL: world.gh.url,
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_RUN_ID: String(7000 + i),
        GITHUB_RUN_ATTEMPT: "1",
        // As on a runner: for a comment event, the default branch's last commit.
        GITHUB_SHA: world.gh.repo(OWNER, REPO).branchSha(DEFAULT_BRANCH),
        GITHUB_WORKSPACE: world.workspace,
        ANTHROPIC_BASE_URL: world.model.url,
        QUORUM_WRITE_SPACING_MS: "0",
        QUORUM_NOTIFICATION_SPACING_MS: "0",
        // The trigger stage is the one that creates the check run (it holds no model key).
        INPUT_STAGE: "trigger",
        "INPUT_GITHUB-TOKEN": "ghs_benchtokenbenchtokenbenchtoken000001",
      };
      const before = world.gh.requests.length;
      const spawnedAt = Date.now();
      const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(dist, "action.js")], { cwd: world.workspace, env, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
      let createdAt: number | null = null;
      let cpuAtCreate: number | null = null;
      const poll = setInterval(() => {
        if (createdAt !== null) return;
        const create = world.gh.requests.slice(before).find((r) => r.operationId === "checks/create");
        if (create) {
          createdAt = create.at;
          cpuAtCreate = cpuMsOf(child.pid);
          if (!options.keepRunning) child.kill("SIGKILL");
        }
      }, 2);
      const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
      await new Promise((resolve) => child.on("close", resolve));
      clearInterval(poll);
      clearTimeout(timer);
      if (createdAt === null) throw new Error(`the action never asked to create a check run:\n${stderr.slice(-2000)}`);
      const created = createdAt;
      requestsBeforeCreate = world.gh.requests
        .slice(before)
        .filter((r) => r.at <= created)
        .map((r) => ({ operationId: r.operationId ?? `${r.method} ${r.path}`, atMs: r.at - spawnedAt }));
      if (i > 0) {
        samples.push(createdAt - spawnedAt);
        if (cpuAtCreate !== null) cpuSamples.push(cpuAtCreate);
      }
    }
    return { samples, cpuSamples, requestsBeforeCreate, ...spread(samples) };
  } finally {
    await world.stop();
    for (const dir of [world.workspace, dist, scratch]) rmSync(dir, { recursive: true, force: true });
  }
}
