/** Small text helpers shared by the tools: binary detection, sizes, clipping. */

/** How many leading bytes are checked for a NUL byte to call a file binary (git uses 8000). */
const BINARY_SNIFF_BYTES = 8000;

/** True when the first 8000 bytes contain a NUL byte (git's heuristic). */
export function looksBinary(buffer: Uint8Array): boolean {
  return buffer.subarray(0, BINARY_SNIFF_BYTES).indexOf(0) !== -1;
}

/** `512 bytes`, `64 KiB`, `1.5 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
}

/** Cuts `line` to `maxChars`, stating how much was cut. */
export function clipLine(line: string, maxChars: number): string {
  if (line.length <= maxChars) return line;
  return `${line.slice(0, maxChars)}… [${line.length - maxChars} more characters]`;
}

/** Splits file text into lines: `\n` or `\r\n`, no empty last line for a trailing newline. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

/** `1 file`, `3 files`. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : pluralNoun}`;
}
