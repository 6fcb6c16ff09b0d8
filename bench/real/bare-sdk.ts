/**
 * The bare-SDK baseline, as its own process: the request bodies the CLI sent (read from a JSON
 * file), sent again with nothing but `@anthropic-ai/sdk`'s `messages.create`, 16 in flight, against
 * the same fake with the same latencies. Prints its own CPU time and peak RSS as JSON.
 *
 *   node bench/real/bare-sdk.ts <base-url> <bodies.json> [concurrency]
 */
import Anthropic from "@anthropic-ai/sdk";
import { readFileSync } from "node:fs";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";

const [baseURL, bodiesPath, concurrencyText] = process.argv.slice(2);
if (!baseURL || !bodiesPath) throw new Error("usage: bare-sdk.ts <base-url> <bodies.json> [concurrency]");
const bodies = JSON.parse(readFileSync(bodiesPath, "utf8")) as MessageCreateParamsNonStreaming[];
const concurrency = Number(concurrencyText ?? 16);
const client = new Anthropic({ apiKey: "sk-ant-bench-0000000000000000", baseURL, maxRetries: 2 });

let next = 0;
let failed = 0;
async function worker(): Promise<void> {
  while (next < bodies.length) {
    const body = bodies[next++];
    if (!body) continue;
    try {
      const message = await client.messages.create(body);
      if (message.content.length === 0) failed++;
    } catch {
      failed++;
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, () => worker()));
const usage = process.resourceUsage();
process.stdout.write(
  `${JSON.stringify({ requests: bodies.length, failed, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024 })}\n`,
);
