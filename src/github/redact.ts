/**
 * Secret redaction for everything Quorum writes (rule X4, X11): GitHub bodies, check runs, the job
 * summary, action outputs and every file uploaded as an artifact.
 *
 * Agents read repositories, logs and tool output; any of that can contain a credential, and a
 * finding, comment or check-run summary would publish it. Matching happens on canonical views of
 * the text (redaction/canonical.ts) — HTML references, Markdown escapes, zero-width and format
 * characters, line breaks, percent-encoding and base64 undone — and the ORIGINAL characters of
 * each match are replaced by `[REDACTED:<kind>]`, so the rest of the text stays as written.
 *
 * Edge cases:
 * - Exact values (the run's own tokens and keys) are matched in the joined view (whitespace,
 *   inline Markdown and HTML tags removed, on both sides) and in base64 at every alignment, both
 *   alphabets; they count as `secret`.
 * - Exact values shorter than {@link MIN_EXACT_SECRET_LENGTH} characters are ignored: redacting
 *   `"ab"` everywhere would mangle the text and reveal the value by its holes.
 * - Known token shapes (redaction/patterns.ts) are matched in the decoded view and, for GitHub,
 *   Anthropic and OpenAI keys and private keys, inside decoded base64 runs.
 * - Overlapping or touching matches become one replacement (counted once, with the kind of the
 *   match that starts first).
 * - `Authorization:` headers keep the scheme (`Bearer`, `token`, `Basic`) and lose the credential.
 */
import { base64Needles, base64Runs, charsOfBytes, decodeRunAt } from "./redaction/base64.ts";
import { decodedView, joinedNeedle, joinedView, originalSpan, type View } from "./redaction/canonical.ts";
import { BASE64_SHAPE_RULES, SHAPE_RULES, type SecretKind } from "./redaction/patterns.ts";

export type { SecretKind } from "./redaction/patterns.ts";

/** Values shorter than this are never redacted as exact values. */
export const MIN_EXACT_SECRET_LENGTH = 8;

export interface Redaction {
  text: string;
  /** How many secrets were replaced. */
  count: number;
  /** Replacements per kind (only kinds that occurred). */
  kinds: Partial<Record<SecretKind, number>>;
}

interface Span {
  from: number;
  to: number;
  kind: SecretKind;
}

interface Needles {
  joined: string[];
  base64: string[];
}

const tag = (kind: SecretKind): string => `[REDACTED:${kind}]`;
const BASE64_CHAR = /[A-Za-z0-9+/=_-]/;
/** Characters at a base64 match's edges that also carry bits of the secret. */
const BASE64_EDGE_BEFORE = 3;
const BASE64_EDGE_AFTER = 2;

/** Cheap pre-check before the token-shape regexes run on decoded base64. */
const TOKEN_PREFIX_IN_BYTES = /gh[pousr]_|github_pat_|sk-|PRIVATE KEY/;

const needleCache = new Map<string, Needles>();
const NEEDLE_CACHE_SIZE = 16;

/** The joined and base64 needles of a set of exact values (cached: the same few sets repeat). */
function needlesOf(exactValues: readonly string[]): Needles {
  const values = [...new Set(exactValues)].filter((v) => typeof v === "string" && v.length >= MIN_EXACT_SECRET_LENGTH);
  const key = values.join("\u0000");
  const cached = needleCache.get(key);
  if (cached) return cached;
  const joined = new Set<string>();
  const base64 = new Set<string>();
  for (const value of values) {
    const needle = joinedNeedle(value);
    if (needle.length >= MIN_EXACT_SECRET_LENGTH) joined.add(needle);
    for (const b of base64Needles(value)) base64.add(b.text);
  }
  const needles = { joined: [...joined].sort((a, b) => b.length - a.length), base64: [...base64] };
  if (needleCache.size >= NEEDLE_CACHE_SIZE) needleCache.delete(needleCache.keys().next().value as string);
  needleCache.set(key, needles);
  return needles;
}

/** Whether view characters `k - 1` and `k` are next to each other in the original text. */
function adjacent(view: View, k: number): boolean {
  return !view.start || !view.end || view.end[k - 1] === view.start[k];
}

/**
 * Widens `[from, to)` by up to `before` / `after` base64 characters that touch it in the original
 * text (the edge characters of a base64 match also carry bits of the secret).
 */
function widenBase64(view: View, from: number, to: number, before: number, after: number): [number, number] {
  const text = view.text;
  for (let k = 0; k < before && from > 0 && BASE64_CHAR.test(text[from - 1] as string) && adjacent(view, from); k++) from--;
  for (let k = 0; k < after && to < text.length && BASE64_CHAR.test(text[to] as string) && adjacent(view, to); k++) to++;
  return [from, to];
}

function addShapes(spans: Span[], view: View): void {
  for (const rule of SHAPE_RULES) {
    rule.pattern.lastIndex = 0;
    for (const m of view.text.matchAll(rule.pattern)) {
      let from = m.index;
      let to = m.index + m[0].length;
      if (rule.group !== undefined) {
        const range = m.indices?.[rule.group];
        if (!range) continue;
        [from, to] = range;
      }
      if (to <= from) continue;
      const [a, b] = originalSpan(view, from, to);
      spans.push({ from: a, to: b, kind: rule.kind });
    }
  }
}

function addExact(spans: Span[], view: View, needles: Needles): void {
  const text = view.text;
  for (const needle of needles.joined) {
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      const [a, b] = originalSpan(view, at, at + needle.length);
      spans.push({ from: a, to: b, kind: "secret" });
    }
  }
  for (const needle of needles.base64) {
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      const [from, to] = widenBase64(view, at, at + needle.length, BASE64_EDGE_BEFORE, BASE64_EDGE_AFTER);
      const [a, b] = originalSpan(view, from, to);
      spans.push({ from: a, to: b, kind: "secret" });
    }
  }
}

/** Token shapes inside base64 runs of the joined view, decoded at each of the 4 alignments. */
function addBase64Shapes(spans: Span[], view: View): void {
  for (const [runStart, runEnd] of base64Runs(view.text)) {
    const run = view.text.slice(runStart, runEnd);
    // Words joined across spaces form long letter-only runs; real base64 that long has a digit or + /.
    if (!/[0-9+/]/.test(run)) continue;
    for (let shift = 0; shift < 4; shift++) {
      const bytes = decodeRunAt(run, shift);
      if (!TOKEN_PREFIX_IN_BYTES.test(bytes)) continue;
      for (const rule of BASE64_SHAPE_RULES) {
        rule.pattern.lastIndex = 0;
        for (const m of bytes.matchAll(rule.pattern)) {
          const [c0, c1] = charsOfBytes(m.index, m.index + m[0].length);
          const [from, to] = widenBase64(view, runStart + shift + c0, Math.min(runEnd, runStart + shift + c1), 1, 2);
          const [a, b] = originalSpan(view, from, to);
          spans.push({ from: a, to: b, kind: rule.kind });
        }
      }
    }
  }
}

/**
 * Replaces secrets in `text` with `[REDACTED:<kind>]`, matching on canonical views of the text
 * and replacing the original characters of each match.
 *
 * @param text what is about to be written (posted, uploaded, printed to the job summary).
 * @param exactValues the run's own secrets (tokens, keys), replaced wherever and however encoded
 *   they occur, as `secret`.
 */
export function redactCanonical(text: string, exactValues: readonly string[] = []): Redaction {
  if (text.length === 0) return { text, count: 0, kinds: {} };
  const spans: Span[] = [];
  const decoded = decodedView(text);
  addShapes(spans, decoded);
  const joined = joinedView(decoded);
  const needles = needlesOf(exactValues);
  if (needles.joined.length > 0 || needles.base64.length > 0) addExact(spans, joined, needles);
  addBase64Shapes(spans, joined);
  if (spans.length === 0) return { text, count: 0, kinds: {} };

  // The run's own secrets name their kind first: an exact match beats a shape on the same span.
  spans.sort((x, y) => x.from - y.from || y.to - x.to || Number(y.kind === "secret") - Number(x.kind === "secret"));
  const kinds: Partial<Record<SecretKind, number>> = {};
  const parts: string[] = [];
  let count = 0;
  let cursor = 0;
  let current: Span | null = null;
  const flush = (): void => {
    if (!current) return;
    parts.push(text.slice(cursor, current.from), tag(current.kind));
    cursor = current.to;
    count++;
    kinds[current.kind] = (kinds[current.kind] ?? 0) + 1;
  };
  for (const span of spans) {
    if (current && span.from <= current.to) {
      current.to = Math.max(current.to, span.to);
      continue;
    }
    flush();
    current = { ...span };
  }
  flush();
  parts.push(text.slice(cursor));
  return { text: parts.join(""), count, kinds };
}

/** The same as {@link redactCanonical} (the name every publisher uses). */
export const redactSecrets = redactCanonical;

/** Convenience: the redacted text only. */
export function redact(text: string, exactValues: readonly string[] = []): string {
  return redactCanonical(text, exactValues).text;
}
