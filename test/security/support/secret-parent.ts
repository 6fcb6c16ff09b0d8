/**
 * A parent process holding the secrets (env and argv), like the Action's own process: runs
 * `node <script>` in the sandbox over `<checkout>` and prints `{ exitCode, timedOut, output }`.
 * Usage: node secret-parent.ts <checkout> <script> [--token=… --key=…]
 */
import { inSandbox } from "./secrets.ts";

const [checkout, script] = process.argv.slice(2);
if (!checkout || !script) throw new Error("usage: secret-parent.ts <checkout> <script>");
const ran = await inSandbox(checkout, ["node", script]);
process.stdout.write(JSON.stringify(ran));
