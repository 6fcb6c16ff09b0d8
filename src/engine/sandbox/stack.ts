/**
 * Reads QuickJS stack traces (`    at fn (file.js:12:5)`, one frame per line) and maps them to
 * positions in the user's script: lines are unchanged by the body wrapper, columns on line 1 are
 * shifted back by the wrapper prefix.
 */
import type { ScriptLocation } from "./errors.ts";
import { BODY_PREFIX } from "./wrap.ts";

/** Positions of the frames of `stack` that point into `filename`, top first. */
export function scriptLocations(stack: string, filename: string): ScriptLocation[] {
  const locations: ScriptLocation[] = [];
  const pattern = new RegExp(`[(\\s]${escapeRegExp(filename)}:(\\d+)(?::(\\d+))?`, "g");
  for (const line of stack.split("\n")) {
    pattern.lastIndex = 0;
    const match = pattern.exec(` ${line}`);
    if (!match) continue;
    const lineNumber = Number(match[1]);
    const rawColumn = match[2] === undefined ? 1 : Number(match[2]);
    const column = lineNumber === 1 ? Math.max(1, rawColumn - BODY_PREFIX.length) : rawColumn;
    locations.push({ line: lineNumber, column });
  }
  return locations;
}

/** The frames of `stack` that point into `filename`, rewritten with positions as in the file. */
export function scriptFrames(stack: string, filename: string): string[] {
  return stack
    .split("\n")
    .filter((line) => line.includes(`${filename}:`))
    .map((line) => {
      const [location] = scriptLocations(line, filename);
      return location ? line.trim().replace(new RegExp(`${escapeRegExp(filename)}:\\d+(?::\\d+)?`), `${filename}:${location.line}:${location.column}`) : line.trim();
    });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
