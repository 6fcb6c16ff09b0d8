/**
 * Secrets hidden in base64 (rule X11): `Authorization: Basic eC1hY2Nlc3MtdG9rZW46Z2hzX…`, a
 * token inside a base64 JSON blob, a `data:` URL.
 *
 * A secret inside a longer blob starts at byte offset 0, 1 or 2 of a 3-byte group, and each offset
 * encodes it differently. {@link base64Needles} returns, for each offset and for both alphabets
 * (standard and url-safe), the characters fully determined by the secret alone: the first
 * `ceil(4p/3)` characters also carry bits of the bytes before it and the last one bits of the byte
 * after it, so they are left out. A match of any needle means the secret is there.
 *
 * {@link base64Runs} finds runs of base64 characters long enough to hide a token; the redactor
 * decodes each at its four character alignments and looks for token shapes in the bytes.
 *
 * Edge cases:
 * - Needles shorter than {@link MIN_BASE64_NEEDLE} characters are not returned (too many chance
 *   matches in unrelated base64); secrets of 8 or more bytes always give longer ones.
 * - Padding (`=`) never appears in a needle: it only ends a blob.
 */

/** Shorter needles would match unrelated base64 by chance too often. */
export const MIN_BASE64_NEEDLE = 8;
/** Runs shorter than this cannot hold a token shape worth decoding (a 40-character token is 54). */
export const MIN_BASE64_RUN = 24;

export interface Base64Needle {
  /** Characters to look for. */
  text: string;
  /** Byte offset of the secret within its 3-byte group (0, 1 or 2). */
  offset: 0 | 1 | 2;
  alphabet: "standard" | "url";
}

/** The base64 forms of `secret` at every alignment, in both alphabets. */
export function base64Needles(secret: string): Base64Needle[] {
  const bytes = Buffer.from(secret, "utf8");
  const out: Base64Needle[] = [];
  const seen = new Set<string>();
  for (const offset of [0, 1, 2] as const) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString("base64");
    const total = padded.length;
    const text = encoded.slice(Math.ceil((4 * offset) / 3), Math.floor((4 * total) / 3));
    if (text.length < MIN_BASE64_NEEDLE) continue;
    for (const [alphabet, value] of [["standard", text], ["url", text.replace(/\+/g, "-").replace(/\//g, "_")]] as const) {
      if (seen.has(value)) continue;
      seen.add(value);
      out.push({ text: value, offset, alphabet });
    }
  }
  return out;
}

const RUN = /[A-Za-z0-9+/_-]{24,}={0,2}/g;

/** Runs of base64 characters (either alphabet) at least {@link MIN_BASE64_RUN} long: [start, end). */
export function base64Runs(text: string): [number, number][] {
  const out: [number, number][] = [];
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/**
 * Decodes `run` starting at character `shift` (0–3) as base64 (either alphabet). Returns the
 * bytes as latin1 text (one character per byte, so byte offsets are character offsets).
 */
export function decodeRunAt(run: string, shift: number): string {
  const body = run.slice(shift).replace(/=+$/, "");
  const usable = body.length - (body.length % 4 === 1 ? 1 : 0);
  return Buffer.from(body.slice(0, usable).replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("latin1");
}

/** Characters of a run (relative to where decoding started) that encode bytes `[from, to)`. */
export function charsOfBytes(from: number, to: number): [number, number] {
  return [Math.floor((4 * from) / 3), Math.ceil((4 * to) / 3)];
}
