/** One fake world per test: fake GitHub with the Hello-World repository, fake Messages API, checkout. */
import { FakeAnthropic, type FakeHandler } from "../../support/fake-anthropic.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeGitHub, type FakeRepo, type FakeUser } from "../../support/fake-github/index.ts";
import { cloneFakeRepo } from "../../support/fake-github/clone.ts";
import { checkout } from "./harness.ts";
import { DEFAULT_BRANCH, OWNER, REPO, repoFiles, WRITER } from "./fixtures.ts";

export interface World {
  gh: FakeGitHub;
  model: FakeAnthropic;
  repo: FakeRepo;
  workspace: string;
  stop(): Promise<void>;
}

/** The account GITHUB_TOKEN acts as (its comments hold Quorum's run index in Action-only setups). */
export const ACTIONS_BOT: FakeUser = { login: "github-actions[bot]", id: 41898282, type: "Bot" };

export async function startWorld(
  handler: FakeHandler,
  options: { workspaceFiles?: Record<string, string>; actor?: FakeUser; /** The default branch's files (default: repoFiles()). */ repoFiles?: Record<string, string> } = {},
): Promise<World> {
  const gh = await FakeGitHub.start(options.actor ? { actor: options.actor } : {});
  const repo = gh.createRepo({ owner: OWNER, repo: REPO, defaultBranch: DEFAULT_BRANCH, files: options.repoFiles ?? repoFiles() });
  gh.setRole(OWNER, REPO, WRITER, "write");
  const model = new FakeAnthropic({ handler });
  await model.start();
  // The checkout is the fake's default branch with the very same commit shas (what actions/checkout
  // leaves), so runs that must be at an approved or recorded commit find it (rule X10).
  const workspace = options.workspaceFiles ? await checkout(options.workspaceFiles) : cloneFakeRepo(repo, mkdtempSync(join(tmpdir(), "quorum-workspace-")));
  return {
    gh,
    model,
    repo,
    workspace,
    async stop() {
      await Promise.all([gh.stop(), model.stop()]);
    },
  };
}

/** Comments the fake's actor (Quorum's token) posted on an issue. */
export function botComments(world: World, issue: number): string[] {
  return world.repo.issueComments.filter((c) => c.issueNumber === issue && c.user.login === world.gh.actor.login).map((c) => c.body);
}
