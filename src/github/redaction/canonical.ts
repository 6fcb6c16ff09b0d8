/**
 * Canonical views of a text for secret matching (rule X11), each with a map back to the original
 * characters so a match redacts the original span and the rest of the text stays as written.
 *
 * GitHub renders many spellings of the same characters: `ghs&#95;…`, `ghs&lowbar;…` and `ghs\_…`
 * all show `ghs_…`; zero-width and other format characters are invisible; `%5F` is `_` in a URL.
 * Two views are built:
 *
 * - **decoded** ({@link decodedView}): HTML character references (numeric with or without `;`,
 *   named with `;`), Markdown backslash escapes of ASCII punctuation, percent-encoded ASCII bytes,
 *   and default-ignorable / format (Cf) characters removed — applied until nothing changes (at
 *   most {@link MAX_DECODE_PASSES} times), so `&amp;#95;` and `%26%2395%3B` come out as `_`.
 *   Whitespace is kept: token patterns with word boundaries run on this view.
 * - **joined** ({@link joinedView}): the decoded view without whitespace, blockquote markers at
 *   line starts, HTML tags (`<wbr>`, `</b>`, comments) and the Markdown inline markers `*`, `` ` ``,
 *   `~` and `|` — what a reader sees when a secret is split over lines or wrapped in formatting.
 *   Exact secrets and their base64 forms are matched here, after the same joining of the secret.
 *
 * Edge cases:
 * - A view that changes nothing reuses the input and an identity map (no allocation for the
 *   common plain-ASCII text without `&`, `\`, `%`).
 * - Astral characters (Unicode tags U+E0000…) are handled as whole code points.
 * - Percent-encoding is decoded only for ASCII bytes (`%00`–`%7F`): secrets are ASCII, and
 *   decoding multi-byte sequences would only add work.
 */
import { decodeHTML, decodeHTMLStrict } from "entities";

/** Decoding repeats until the text stops changing or this many passes ran (`&amp;amp;#95;`). */
export const MAX_DECODE_PASSES = 4;

/**
 * A text derived from an original one: character `i` of `text` came from the original characters
 * `[start[i], end[i])`. `start`/`end` are null for the identity map (the text is the original).
 */
export interface View {
  text: string;
  start: Int32Array | null;
  end: Int32Array | null;
}

export function identityView(text: string): View {
  return { text, start: null, end: null };
}

/** The original span of view characters `[from, to)` (`to > from`). */
export function originalSpan(view: View, from: number, to: number): [number, number] {
  if (!view.start || !view.end) return [from, to];
  return [view.start[from] ?? 0, view.end[to - 1] ?? 0];
}

/** Appends characters with their original spans; grows its arrays as needed. */
class ViewBuilder {
  #parts: string[] = [];
  #start: Int32Array;
  #end: Int32Array;
  #length = 0;

  constructor(capacity: number) {
    this.#start = new Int32Array(Math.max(16, capacity));
    this.#end = new Int32Array(Math.max(16, capacity));
  }

  /** Appends `chars` (UTF-16 units), every unit mapped to the original span `[from, to)`. */
  push(chars: string, from: number, to: number): void {
    const need = this.#length + chars.length;
    if (need > this.#start.length) {
      const size = Math.max(need, this.#start.length * 2);
      const start = new Int32Array(size);
      const end = new Int32Array(size);
      start.set(this.#start.subarray(0, this.#length));
      end.set(this.#end.subarray(0, this.#length));
      this.#start = start;
      this.#end = end;
    }
    for (let k = 0; k < chars.length; k++) {
      this.#start[this.#length] = from;
      this.#end[this.#length] = to;
      this.#length++;
    }
    this.#parts.push(chars);
  }

  build(): View {
    return { text: this.#parts.join(""), start: this.#start.subarray(0, this.#length), end: this.#end.subarray(0, this.#length) };
  }
}

/** Composes `outer` (derived from `inner.text`) with `inner` (derived from the original). */
function compose(outer: View, inner: View): View {
  if (!inner.start || !inner.end) return outer;
  if (!outer.start || !outer.end) return inner.text === outer.text ? inner : outer;
  const n = outer.text.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    start[i] = inner.start[outer.start[i] ?? 0] ?? 0;
    end[i] = inner.end[(outer.end[i] ?? 1) - 1] ?? 0;
  }
  return { text: outer.text, start, end };
}

/** Characters that render as nothing: format (Cf) and default-ignorable code points. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
/** Anything a decoding pass might change; text without these is returned as it is. */
const DECODABLE = /[&\\%]|[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const ENTITY = /&(?:#[xX][0-9a-fA-F]{1,6};?|#[0-9]{1,7};?|[A-Za-z][A-Za-z0-9]{1,31};)/y;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const HEX = /^[0-9a-fA-F]{2}$/;

/** One decoding pass over `text` (see the module comment), or null when it changes nothing. */
function decodeOnce(text: string): View | null {
  if (!DECODABLE.test(text)) return null;
  const out = new ViewBuilder(text.length);
  let changed = false;
  let plainFrom = 0;
  const flushPlain = (to: number): void => {
    for (let k = plainFrom; k < to; k++) out.push(text[k] as string, k, k + 1);
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x26 /* & */) {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(text);
      if (m) {
        const raw = m[0];
        const decoded = raw[1] === "#" ? decodeHTML(raw) : decodeHTMLStrict(raw);
        if (decoded !== raw) {
          flushPlain(i);
          out.push(decoded, i, i + raw.length);
          i += raw.length;
          plainFrom = i;
          changed = true;
          continue;
        }
      }
    } else if (c === 0x5c /* \ */ && i + 1 < text.length && ASCII_PUNCTUATION.test(text[i + 1] as string)) {
      flushPlain(i);
      out.push(text[i + 1] as string, i, i + 2);
      i += 2;
      plainFrom = i;
      changed = true;
      continue;
    } else if (c === 0x25 /* % */ && i + 2 < text.length && HEX.test(text.slice(i + 1, i + 3))) {
      const byte = Number.parseInt(text.slice(i + 1, i + 3), 16);
      if (byte < 0x80) {
        flushPlain(i);
        out.push(String.fromCharCode(byte), i, i + 3);
        i += 3;
        plainFrom = i;
        changed = true;
        continue;
      }
    } else if (c >= 0x80) {
      const cp = text.codePointAt(i) ?? c;
      const width = cp > 0xffff ? 2 : 1;
      if (INVISIBLE.test(String.fromCodePoint(cp))) {
        flushPlain(i);
        // Dropped: the next character's span starts after it, so a match across it covers it.
        i += width;
        plainFrom = i;
        changed = true;
        continue;
      }
      i += width;
      continue;
    }
    i++;
  }
  if (!changed) return null;
  flushPlain(text.length);
  return out.build();
}

/** The decoded view of `text` (HTML references, backslash escapes, percent-encoding, invisibles). */
export function decodedView(text: string): View {
  let view = identityView(text);
  for (let pass = 0; pass < MAX_DECODE_PASSES; pass++) {
    const next = decodeOnce(view.text);
    if (!next) break;
    view = compose(next, view);
  }
  return view;
}

/** Characters the joined view drops: whitespace and Markdown inline markers. */
const JOIN_DROPPED = /[\s*`~|]/;
/** An HTML tag or comment, dropped by the joined view. */
const HTML_TAG = /<(?:!--[\s\S]*?-->|\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>)/y;

/** Whether the joined view drops character code `c` (whitespace or an inline Markdown marker). */
function joinDrops(c: number, ch: string): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x2a || c === 0x60 || c === 0x7e || c === 0x7c;
  return JOIN_DROPPED.test(ch);
}

/** The joined view of an already decoded view (see the module comment). */
export function joinedView(decoded: View): View {
  const text = decoded.text;
  const start = new Int32Array(text.length);
  const end = new Int32Array(text.length);
  const parts: string[] = [];
  let n = 0;
  let runFrom = -1;
  let lineStart = true;
  let i = 0;
  const closeRun = (at: number): void => {
    if (runFrom >= 0) parts.push(text.slice(runFrom, at));
    runFrom = -1;
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      closeRun(i);
      lineStart = true;
      i++;
      continue;
    }
    if (lineStart && c === 0x3e /* > */) {
      closeRun(i);
      i++;
      continue;
    }
    if (c === 0x3c /* < */) {
      HTML_TAG.lastIndex = i;
      const m = HTML_TAG.exec(text);
      if (m) {
        closeRun(i);
        i += m[0].length;
        continue;
      }
    }
    if (joinDrops(c, text[i] as string)) {
      closeRun(i);
      i++;
      continue;
    }
    lineStart = false;
    if (runFrom < 0) runFrom = i;
    start[n] = decoded.start ? (decoded.start[i] as number) : i;
    end[n] = decoded.end ? (decoded.end[i] as number) : i + 1;
    n++;
    i++;
  }
  closeRun(text.length);
  if (n === text.length) return decoded;
  return { text: parts.join(""), start: start.subarray(0, n), end: end.subarray(0, n) };
}

/** A secret as the joined view would show it (so both sides are compared the same way). */
export function joinedNeedle(secret: string): string {
  return joinedView(decodedView(secret)).text;
}
