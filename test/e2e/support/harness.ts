/**
 * End-to-end harness: builds the action bundle once per test file (with the same build script as
 * dist/), then runs `node <bundle>/action.js` as the Actions runner would — GITHUB_EVENT_NAME,
 * GITHUB_EVENT_PATH (a temp file with a webhook payload), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
 * (temp files), INPUT_* — against the fake GitHub API and the fake Messages API.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import examples from "@octokit/webhooks-examples";
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildAction } from "../../../scripts/build.mjs";
import { budget } from "../../support/budget.ts";
import { git, writeFiles, type FileTree } from "../../support/repo-fixtures.ts";

export interface ActionProcess {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The job's RUNNER_TEMP, where its run directories live (outside the checkout, rule X10). */
  runnerTemp: string;
}

let bundle: Promise<string> | null = null;

/** Builds the bundle into a temp folder (once per test file) and returns the path of action.js. */
export function actionBundle(): Promise<string> {
  bundle ??= (async () => {
    const outdir = mkdtempSync(join(tmpdir(), "quorum-dist-"));
    await (buildAction as (dir: string) => Promise<unknown>)(outdir);
    return join(outdir, "action.js");
  })();
  return bundle;
}

type Example = { action?: string } & Record<string, unknown>;

/** A deep copy of a real payload from @octokit/webhooks-examples. */
export function examplePayload(event: string, action?: string): Record<string, unknown> {
  const group = (examples as unknown as { name: string; examples: Example[] }[]).find((e) => e.name === event);
  const payload = group?.examples.find((p) => action === undefined || p.action === action);
  if (!payload) throw new Error(`no ${event}${action ? `.${action}` : ""} example in @octokit/webhooks-examples`);
  return structuredClone(payload) as Record<string, unknown>;
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter … delimiter` blocks and `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] && heredoc[2]) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i] ?? "");
      out[heredoc[1]] = value.join("\n");
    } else if (line.includes("=")) {
      out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return out;
}

export interface RunOptions {
  eventName: string;
  payload: unknown;
  workspace: string;
  apiUrl: string;
  anthropicUrl: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  runId?: string;
  runAttempt?: number;
  sha?: string;
  /** Called with the child once it runs (e.g. to send SIGTERM at the right moment). */
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
  /** The child is killed after this long (default: 8 min, scaled by QUORUM_TEST_TIMEOUT_SCALE). */
  timeoutMs?: number;
}

/** An input value that removes the input (e.g. the model key in a publish job). */
export const UNSET = "\u0000unset";

export const TEST_TOKEN = "ghs_e2etokene2etokene2etokene2etoken0001";
export const TEST_MODEL_KEY = "sk-ant-e2e-key-00000000000000000000";

export async function runActionProcess(options: RunOptions): Promise<ActionProcess> {
  const script = await actionBundle();
  const scratch = mkdtempSync(join(tmpdir(), "quorum-runner-"));
  const eventPath = join(scratch, "event.json");
  const outputPath = join(scratch, "output.txt");
  const summaryPath = join(scratch, "summary.md");
  const runnerTemp = join(scratch, "_temp");
  mkdirSync(runnerTemp);
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(outputPath, "");
  writeFileSync(summaryPath, "");
  // Tests that do not stage the run use the single-job opt-in (rule X6 tests pass `stage` themselves).
  const inputs: Record<string, string> = { stage: "all", "allow-single-job": "true", "github-token": TEST_TOKEN, "anthropic-api-key": TEST_MODEL_KEY, ...options.inputs };
  for (const [name, value] of Object.entries(inputs)) if (value === UNSET) delete inputs[name];
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? scratch,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_REPOSITORY: "Codertocat/Hello-World",
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: options.runId ?? "1001",
    GITHUB_RUN_ATTEMPT: String(options.runAttempt ?? 1),
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_WORKFLOW_REF: "Codertocat/Hello-World/.github/workflows/quorum.yml@refs/heads/main",
    RUNNER_TEMP: runnerTemp,
    ...(options.sha ? { GITHUB_SHA: options.sha } : {}),
    ANTHROPIC_BASE_URL: options.anthropicUrl,
    // The fakes answer at once: no need to space writes or wait out retry-after seconds.
    QUORUM_WRITE_SPACING_MS: "0",
    QUORUM_NOTIFICATION_SPACING_MS: "0",
    QUORUM_RETRY_AFTER_UNIT_MS: "1",
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

  const child = spawn(process.execPath, [script], { cwd: options.workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  options.onSpawn?.(child);
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? budget(480_000));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on("close", (c, s) => resolve([c, s])));
  clearTimeout(timer);
  return { code, signal, stdout, stderr, outputs: parseOutputFile(readFileSync(outputPath, "utf8")), summary: readFileSync(summaryPath, "utf8"), runnerTemp };
}

/** A git checkout with `files` committed: what actions/checkout leaves in GITHUB_WORKSPACE. */
export async function checkout(files: FileTree): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "quorum-workspace-"));
  await writeFiles(dir, files);
  await git(dir, ["init", "-q", "-b", "main"]);
  await git(dir, ["add", "-A"]);
  await git(dir, ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "checkout", "--date", "2025-01-01T00:00:00Z"]);
  return dir;
}

/** A second checkout of the same commit (a re-run job gets a fresh workspace). */
export async function cloneCheckout(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "quorum-workspace-"));
  await git(dir, ["clone", "-q", source, "."]);
  return dir;
}

/** The run directory of `runId` a job left below its RUNNER_TEMP, or null when it made none. */
export function runDirectoryOf(job: Pick<ActionProcess, "runnerTemp">, runId: string): string | null {
  for (const root of readdirSync(job.runnerTemp)) {
    if (!root.startsWith("quorum-runs-")) continue;
    const dir = join(job.runnerTemp, root, runId);
    if (existsSync(dir)) return dir;
  }
  return null;
}
