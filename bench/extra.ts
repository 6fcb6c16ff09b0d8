/** Benchmarks of the other rooms (agents, GitHub), registered by name. */
import { benchCacheShare, benchGrepTree } from "./agents.ts";
import { benchGithubRequests } from "./github.ts";
import type { Row } from "./run.ts";

export interface Bench {
  name: string;
  run: () => Promise<Row[]>;
}

export const extraBenches: Bench[] = [
  { name: "cache", run: benchCacheShare },
  { name: "grep", run: benchGrepTree },
  { name: "github", run: benchGithubRequests },
];
