/**
 * Finds the part of a task prompt that fan-out siblings share, so it can be sent as its own
 * content block with a cache breakpoint: siblings then read tools + system + shared task from the
 * prompt cache and pay full price only for their own tail.
 *
 * Scripts write fan-outs as `${instructions}\n…${item}`; the runner cannot see the template, so it
 * learns it: the longest common prefix with a recent prompt, cut back to a line break. Once a
 * prefix is learned, later prompts that start with it are split at exactly the same place — the
 * cache only hits on byte-identical prefixes, so a consistent split matters more than a long one.
 */

/** Prefixes shorter than this are not worth a block of their own. */
export const MIN_SHARED_PREFIX_CHARS = 200;
/** How many recent prompts a new prompt is compared with. */
export const RECENT_PROMPTS = 32;
/** How many learned prefixes are kept (most recently used first). */
export const MAX_LEARNED_PREFIXES = 64;

export interface PromptSplit {
  /** Text shared with sibling prompts (ends with a line break), or the whole prompt when identical. */
  shared: string;
  /** The sibling's own remainder; `null` when the whole prompt is shared. */
  rest: string | null;
}

export class SharedPrefixLearner {
  readonly #recent: string[] = [];
  readonly #learned: string[] = [];

  /**
   * Records `prompt` and returns how to split it, or `null` when nothing is known to be shared.
   *
   * Edge cases: an exact repeat of a recent prompt is shared whole (`rest: null`); no split leaves
   * a rest that is empty or only whitespace (the API refuses such text blocks); the first sibling of a fan-out never splits — it has no one to
   * compare with — and the second one learns the prefix.
   */
  split(prompt: string): PromptSplit | null {
    const known = this.#longestLearnedPrefixOf(prompt);
    const result = known ?? this.#learnFromRecent(prompt);
    this.#remember(prompt);
    return result;
  }

  #longestLearnedPrefixOf(prompt: string): PromptSplit | null {
    let best: string | null = null;
    for (const prefix of this.#learned) {
      if (prompt.startsWith(prefix) && hasText(prompt.slice(prefix.length)) && (best === null || prefix.length > best.length)) {
        best = prefix;
      }
    }
    if (best === null) return null;
    this.#touch(best);
    return { shared: best, rest: prompt.slice(best.length) };
  }

  #learnFromRecent(prompt: string): PromptSplit | null {
    let best = "";
    for (const other of this.#recent) {
      if (other === prompt) return { shared: prompt, rest: null };
      const cut = lineBoundaryPrefix(prompt, other);
      if (cut.length > best.length) best = cut;
    }
    if (best.length < MIN_SHARED_PREFIX_CHARS || !hasText(prompt.slice(best.length))) return null;
    this.#touch(best);
    return { shared: best, rest: prompt.slice(best.length) };
  }

  #remember(prompt: string): void {
    moveToFront(this.#recent, prompt, RECENT_PROMPTS);
  }

  #touch(prefix: string): void {
    moveToFront(this.#learned, prefix, MAX_LEARNED_PREFIXES);
  }
}

/** Puts `item` first in the most-recently-used `list` (once), dropping the oldest beyond `cap`. */
function moveToFront(list: string[], item: string, cap: number): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
  list.unshift(item);
  if (list.length > cap) list.pop();
}

function hasText(text: string): boolean {
  return text.trim().length > 0;
}

/** The common prefix of `a` and `b`, cut after its last line break, shorter than `a`. */
function lineBoundaryPrefix(a: string, b: string): string {
  const limit = Math.min(a.length - 1, b.length);
  let i = 0;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === 0) return "";
  const lastBreak = a.lastIndexOf("\n", i - 1);
  return lastBreak < 0 ? "" : a.slice(0, lastBreak + 1);
}
