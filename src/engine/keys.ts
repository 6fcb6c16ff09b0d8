/**
 * Journal keys (rule J2): a content hash of what determines an agent's answer — prompt, model,
 * schema, tools, isolation and the hint options — plus the occurrence number among identical calls.
 *
 * `label` and `phase` are display-only and left out, so renaming a label does not re-run an agent.
 * Occurrence numbers make N identical calls N distinct entries; because identical calls are
 * interchangeable, the order in which concurrent calls happen to start does not matter.
 */
import { hash } from "node:crypto";
import { canonicalJson } from "../kernel/json.ts";
import type { JsonValue } from "../kernel/json.ts";

export interface KeyInputs {
  prompt: string;
  model: string | undefined;
  schema: JsonValue | undefined;
  tools: string[];
  isolation: string;
  hints: JsonValue;
  /** The resolved agent type's definition (S7): editing `.claude/agents/<type>.md` re-runs its agents. */
  agentDefinition?: JsonValue;
}

/** 32 hex digits of the SHA-256 of `value`'s canonical JSON, so `{a,b}` and `{b,a}` hash the same. */
export function jsonHash(value: JsonValue): string {
  return hash("sha256", canonicalJson(value), "hex").slice(0, 32);
}

export function contentHash(inputs: KeyInputs): string {
  return jsonHash({
    v: 1,
    prompt: inputs.prompt,
    model: inputs.model ?? null,
    schema: inputs.schema ?? null,
    tools: [...inputs.tools].sort(),
    isolation: inputs.isolation,
    hints: inputs.hints,
    ...(inputs.agentDefinition !== undefined ? { agentDefinition: inputs.agentDefinition } : {}),
  });
}

/** Hands out `<hash>#<n>` keys, counting occurrences of each hash within one run. */
export class KeyAllocator {
  readonly #seen = new Map<string, number>();

  /** The key `next(hash)` would hand out, without taking it. */
  peek(hash: string): string {
    return `${hash}#${this.#seen.get(hash) ?? 0}`;
  }

  next(hash: string): string {
    const n = this.#seen.get(hash) ?? 0;
    this.#seen.set(hash, n + 1);
    return `${hash}#${n}`;
  }
}
