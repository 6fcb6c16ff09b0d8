/**
 * Finding a JSON report in a test command's output: either the whole stdout, the JSON object that
 * follows log lines the tests printed, or a report file the runner says it wrote (vitest 5 writes
 * `.vitest/json/output.json` and prints "JSON report written to …"; jest with `--outputFile`
 * prints "Test results written to: …").
 */
import { readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

/** At most this many candidate start lines are tried when stdout has text around the JSON. */
const MAX_START_CANDIDATES = 50;
/** Report files larger than this are not read. */
const MAX_REPORT_FILE_BYTES = 64 * 1024 * 1024;
const REPORT_FILE_LINES = [/JSON report written to (.+?)\s*$/m, /Test results written to:\s*(.+?)\s*$/m];

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The JSON object in `stdout`: the whole text, or the text from a line starting with `{` to the
 * last `}` (tests often print log lines before the report). Null when there is none.
 */
export function extractJsonObject(stdout: string): Record<string, unknown> | null {
  const trimmed = stdout.trim();
  if (trimmed === "") return null;
  const whole = parseObject(trimmed);
  if (whole) return whole;
  const end = trimmed.lastIndexOf("}");
  if (end === -1) return null;
  let tried = 0;
  for (let start = trimmed.indexOf("{"); start !== -1 && start < end && tried < MAX_START_CANDIDATES; start = trimmed.indexOf("{", start + 1)) {
    if (start > 0 && trimmed[start - 1] !== "\n") continue;
    tried += 1;
    const candidate = parseObject(trimmed.slice(start, end + 1));
    if (candidate) return candidate;
  }
  return null;
}

/**
 * The JSON report a runner said it wrote to a file, when that file lies inside `root` (a report
 * path pointing elsewhere is ignored: the command's output is untrusted). Null when there is none.
 */
export function readAnnouncedReport(stdout: string, root: string): Record<string, unknown> | null {
  for (const pattern of REPORT_FILE_LINES) {
    const match = pattern.exec(stdout);
    if (!match?.[1]) continue;
    const file = path.resolve(root, match[1]);
    try {
      const realRoot = realpathSync(root);
      const realFile = realpathSync(file);
      const inside = path.relative(realRoot, realFile);
      if (inside.startsWith("..") || path.isAbsolute(inside)) continue;
      if (statSync(realFile).size > MAX_REPORT_FILE_BYTES) continue;
      const report = parseObject(readFileSync(realFile, "utf8"));
      if (report) return report;
    } catch {
      // Missing or unreadable: fall through to the next pattern.
    }
  }
  return null;
}
