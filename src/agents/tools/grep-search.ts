/**
 * The search engine behind `grep`: searches a sorted file list with {@link FILE_CONCURRENCY}
 * files in flight and stops once the files searched so far, taken in list order, hold more than
 * `maxResults` matches. The summary is made in list order up to the file that went over the cap,
 * so the answer never depends on which read finished first.
 *
 * A whole-file test (the regex with the `m` flag) skips files without a match before any line
 * splitting; matching is then per line, so a pattern that only matches across lines finds nothing.
 * All matching happens in the regex's worker thread (./regex-worker.ts, rule X9).
 */
import { readSmallFile } from "./read-small-file.ts";
import type { RegexMatcher } from "./regex-worker.ts";
import { looksBinary } from "./text.ts";

/** Files read and searched at the same time. */
export const FILE_CONCURRENCY = 32;

export type { LineMatch } from "./regex-worker.ts";
import type { LineMatch } from "./regex-worker.ts";

export type FileOutcome =
  | { kind: "searched"; matches: LineMatch[] }
  | { kind: "binary" }
  | { kind: "large" }
  | { kind: "unreadable" };

export interface SearchSummary {
  /** Matches in list order, at most `maxResults`. */
  shown: { file: string; match: LineMatch }[];
  /** Matches found in the files summarised (can exceed `shown`). */
  found: number;
  searched: number;
  binary: number;
  large: number;
  unreadable: number;
  /** Files at the end of the list that were not searched because the cap was reached. */
  notSearched: number;
}

/** Reads and searches one file, keeping at most `limit` matches. */
async function searchFile(absolute: string, regex: RegexMatcher, maxFileBytes: number, limit: number): Promise<FileOutcome> {
  const file = await readSmallFile(absolute, maxFileBytes);
  if (file.kind === "large") return { kind: "large" };
  if (file.kind === "error") return { kind: "unreadable" };
  if (looksBinary(file.buffer)) return { kind: "binary" };
  return { kind: "searched", matches: await regex.match(file.buffer.toString("utf8"), limit) };
}

/** Searches `files` in order until more than `maxResults` matches are known; undefined = not searched. */
async function searchInOrder(
  files: readonly string[],
  regex: RegexMatcher,
  options: { maxResults: number; maxFileBytes: number; signal: AbortSignal },
): Promise<(FileOutcome | undefined)[]> {
  const outcomes = new Array<FileOutcome | undefined>(files.length);
  let nextIndex = 0;
  let settledPrefix = 0;
  let prefixMatches = 0;
  const worker = async (): Promise<void> => {
    while (prefixMatches <= options.maxResults && !options.signal.aborted && nextIndex < files.length) {
      const index = nextIndex++;
      outcomes[index] = await searchFile(files[index] ?? "", regex, options.maxFileBytes, options.maxResults + 1);
      for (let outcome = outcomes[settledPrefix]; outcome !== undefined; outcome = outcomes[settledPrefix]) {
        if (outcome.kind === "searched") prefixMatches += outcome.matches.length;
        settledPrefix += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILE_CONCURRENCY, files.length) }, worker));
  return outcomes;
}

function summarize(files: readonly string[], outcomes: readonly (FileOutcome | undefined)[], maxResults: number): SearchSummary {
  const summary: SearchSummary = { shown: [], found: 0, searched: 0, binary: 0, large: 0, unreadable: 0, notSearched: 0 };
  let consumed = 0;
  for (; consumed < files.length && summary.found <= maxResults; consumed += 1) {
    const outcome = outcomes[consumed];
    if (outcome === undefined) break;
    if (outcome.kind !== "searched") {
      summary[outcome.kind] += 1;
      continue;
    }
    summary.searched += 1;
    for (const match of outcome.matches) {
      summary.found += 1;
      if (summary.shown.length < maxResults) summary.shown.push({ file: files[consumed] ?? "", match });
    }
  }
  summary.notSearched = files.length - consumed;
  return summary;
}

/** Searches `files` (sorted) for `regex` (matched in its worker, rule X9) and summarises deterministically. */
export async function searchFiles(
  files: readonly string[],
  regex: RegexMatcher,
  options: { maxResults: number; maxFileBytes: number; signal: AbortSignal },
): Promise<SearchSummary> {
  const outcomes = await searchInOrder(files, regex, options);
  return summarize(files, outcomes, options.maxResults);
}
