/**
 * Reading one run's output with the reporter the caller named, or by sniffing it (`auto`).
 *
 * | reporter | reads |
 * |---|---|
 * | `vitest`, `jest` | the JSON report on stdout, or the report file the runner says it wrote |
 * | `mocha` | mocha's JSON reporter on stdout |
 * | `node` | TAP (`--test-reporter=tap`) or node's default spec output |
 * | `tap` | TAP |
 * | `auto` | any of the above, recognised by shape |
 */
import { extractJsonObject, readAnnouncedReport } from "./json-output.ts";
import { isJestReport, parseJestReport } from "./parse-jest.ts";
import { isMochaReport, parseMochaReport } from "./parse-mocha.ts";
import { looksLikeNodeSpec, parseNodeSpec } from "./parse-node-spec.ts";
import { looksLikeTap, parseTap } from "./parse-tap.ts";
import type { ParsedOutput, Reporter } from "./types.ts";
import { QuorumError } from "../kernel/errors.ts";

/** What to change when nothing could be read, per reporter. */
const HINTS: Readonly<Record<Reporter, string>> = {
  vitest: "run vitest with --reporter=json (e.g. `npx vitest run --reporter=json`)",
  jest: "run jest with --json (e.g. `npx jest --json`)",
  mocha: "run mocha with --reporter json",
  node: "run node --test (optionally with --test-reporter=tap)",
  tap: "make the command print TAP (for node:test: --test-reporter=tap)",
  auto: "use a machine-readable reporter: vitest --reporter=json, jest --json, mocha --reporter json, or node --test --test-reporter=tap",
};

export class UnreadableOutputError extends QuorumError {
  override name = "UnreadableOutputError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("unreadable_test_output", message, options);
  }
}

function fromJson(stdout: string, root: string, want: "jest" | "mocha" | "any"): ParsedOutput | null {
  const report = extractJsonObject(stdout) ?? readAnnouncedReport(stdout, root);
  if (report === null) return null;
  if (want !== "mocha" && isJestReport(report)) return parseJestReport(report, root);
  if (want !== "jest" && isMochaReport(report)) return parseMochaReport(report, root);
  return null;
}

function fromText(text: string, root: string, allowSpec: boolean): ParsedOutput | null {
  if (looksLikeTap(text)) return parseTap(text, root);
  if (allowSpec && looksLikeNodeSpec(text)) return parseNodeSpec(text, root);
  return null;
}

/**
 * Parses one run's output. Throws {@link UnreadableOutputError} saying which reporter flag to use
 * when the output holds no per-test results in the expected format.
 */
export function parseTestOutput(stdout: string, stderr: string, reporter: Reporter, root: string): ParsedOutput {
  let parsed: ParsedOutput | null;
  switch (reporter) {
    case "vitest":
    case "jest":
      parsed = fromJson(stdout, root, "jest");
      break;
    case "mocha":
      parsed = fromJson(stdout, root, "mocha");
      break;
    case "node":
      parsed = fromText(stdout, root, true) ?? fromText(stderr, root, true);
      break;
    case "tap":
      parsed = fromText(stdout, root, false);
      break;
    case "auto":
      parsed = fromJson(stdout, root, "any") ?? fromText(stdout, root, true) ?? fromText(stderr, root, true);
      break;
  }
  if (parsed === null) {
    throw new UnreadableOutputError(`no per-test results found in the output as reporter "${reporter}"; ${HINTS[reporter]}.`);
  }
  return parsed;
}
