/** Benchmarks of the other rooms (agents, GitHub), registered by name. */
import type { Row } from "./run.ts";

export interface Bench {
  name: string;
  run: () => Promise<Row[]>;
}

export const extraBenches: Bench[] = [];
