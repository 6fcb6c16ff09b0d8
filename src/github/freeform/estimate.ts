/**
 * A static agent estimate for a proposed script (rule G7: the check run shows one before approval).
 * Read from the syntax tree, never by running the script:
 *
 * - every `agent(…)` call site counts once when it runs once (top level, outside any fan-out);
 * - a call inside a fan-out — an argument of `parallel`, `pipeline`, `patterns.loopUntilDry`, an
 *   array method such as `.map`, or a loop body — runs once per item, so it is counted separately
 *   as "grows with the data";
 * - `patterns.*` calls add the agents they start (skeptics, judges, angles) when the options are
 *   literals, else they are "unknown".
 *
 * It is an estimate, labelled as one: it cannot know list lengths, and it does not follow helper
 * functions called from several places (their agent calls count once).
 */
import type { Node } from "acorn";
import { parseScript } from "../../engine/script/parse.ts";

/** Default agent counts of the patterns when their options do not say (src/workflows/lib/patterns.js). */
const DEFAULT_SKEPTICS = 3;
const DEFAULT_JUDGES = 3;

const FAN_OUT_FUNCTIONS = new Set(["parallel", "pipeline"]);
const FAN_OUT_METHODS = new Set(["map", "flatMap", "forEach", "filter", "reduce", "some", "every", "find", "loopUntilDry"]);
const LOOPS = new Set(["ForStatement", "ForOfStatement", "ForInStatement", "WhileStatement", "DoWhileStatement"]);

export interface PatternCall {
  pattern: string;
  /** Agents one call starts, when the options say; null when it depends on the data. */
  agents: number | null;
  inFanOut: boolean;
}

export interface AgentEstimate {
  /** `agent()` call sites outside any fan-out: each runs once. */
  fixedCallSites: number;
  /** `agent()` call sites inside a fan-out: each runs once per item. */
  fanOutCallSites: number;
  patternCalls: PatternCall[];
  /** `workflow(…)` calls: a nested workflow brings its own agents. */
  nestedWorkflows: number;
  /** Agents certain to start if the script runs to the end: fixed sites plus fixed pattern agents. */
  atLeast: number;
  /** True when the total depends on list lengths (fan-out, unknown patterns, nested workflows). */
  growsWithData: boolean;
}

type AnyNode = Node & Record<string, unknown>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

function calleeName(call: AnyNode): { fn?: string; object?: string; method?: string } {
  const callee = call.callee as AnyNode | undefined;
  if (!callee) return {};
  if (callee.type === "Identifier") return { fn: callee.name as string };
  if (callee.type === "MemberExpression" && !callee.computed) {
    const property = callee.property as AnyNode;
    const object = callee.object as AnyNode;
    return { method: property.name as string, ...(object.type === "Identifier" ? { object: object.name as string } : {}) };
  }
  return {};
}

function literalNumber(node: AnyNode | undefined): number | null {
  return node?.type === "Literal" && typeof node.value === "number" ? node.value : null;
}

/** The value node of `key` in an object literal argument. */
function option(node: AnyNode | undefined, key: string): AnyNode | undefined {
  if (node?.type !== "ObjectExpression") return undefined;
  for (const property of node.properties as AnyNode[]) {
    if (property.type !== "Property" || property.computed) continue;
    const k = property.key as AnyNode;
    if ((k.type === "Identifier" && k.name === key) || (k.type === "Literal" && k.value === key)) return property.value as AnyNode;
  }
  return undefined;
}

function arrayLength(node: AnyNode | undefined): number | null {
  return node?.type === "ArrayExpression" && !(node.elements as (AnyNode | null)[]).some((e) => e?.type === "SpreadElement") ? (node.elements as unknown[]).length : null;
}

/** Agents one `patterns.<name>(…)` call starts, from literal options. */
function patternAgents(pattern: string, args: AnyNode[]): number | null {
  const opts = args[1];
  switch (pattern) {
    case "adversarialVerify": {
      // As in patterns.js: `skeptics`, else one per lens, else 3.
      const skeptics = option(opts, "skeptics");
      if (skeptics) return literalNumber(skeptics);
      const lenses = option(opts, "lenses");
      return lenses ? arrayLength(lenses) : DEFAULT_SKEPTICS;
    }
    case "perspectiveVerify":
      return arrayLength(option(opts, "lenses"));
    case "judgePanel": {
      const judgesNode = option(opts, "judges");
      const judges = judgesNode === undefined ? DEFAULT_JUDGES : (literalNumber(judgesNode) ?? arrayLength(judgesNode));
      const improve = option(opts, "improve");
      const improver = improve?.type === "Literal" && improve.value === false ? 0 : 1;
      return judges === null ? null : judges + improver;
    }
    case "multiModalSweep":
      return arrayLength(args[0]);
    case "completenessCritic":
      return 1;
    default:
      return null; // loopUntilDry: its find/verify callbacks are counted as fan-out call sites.
  }
}

/** Estimates the agents `source` starts; `null` when it does not parse (validation reports that). */
export function estimateAgents(source: string): AgentEstimate | null {
  const parsed = parseScript(source);
  if (!parsed.ok) return null;
  const estimate: AgentEstimate = { fixedCallSites: 0, fanOutCallSites: 0, patternCalls: [], nestedWorkflows: 0, atLeast: 0, growsWithData: false };

  const visit = (node: AnyNode, inFanOut: boolean): void => {
    let childFanOut = inFanOut;
    if (node.type === "CallExpression") {
      const { fn, object, method } = calleeName(node);
      const args = (node.arguments as AnyNode[]) ?? [];
      if (fn === "agent") {
        if (inFanOut) estimate.fanOutCallSites++;
        else estimate.fixedCallSites++;
      } else if (fn === "workflow") {
        estimate.nestedWorkflows++;
      } else if (object === "patterns" && method) {
        estimate.patternCalls.push({ pattern: method, agents: patternAgents(method, args), inFanOut });
      }
      // Only the arguments of a fan-out run per item; its callee does not.
      if ((fn && FAN_OUT_FUNCTIONS.has(fn)) || (method && FAN_OUT_METHODS.has(method))) {
        if (isNode(node.callee)) visit(node.callee, inFanOut);
        for (const arg of args) visit(arg, true);
        return;
      }
    }
    if (LOOPS.has(node.type)) childFanOut = true;
    for (const [key, value] of Object.entries(node)) {
      if (key === "loc" || key === "range") continue;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) visit(item, childFanOut);
      } else if (isNode(value)) {
        visit(value, childFanOut);
      }
    }
  };
  visit(parsed.program as unknown as AnyNode, false);

  const fixedPatternAgents = estimate.patternCalls.filter((p) => !p.inFanOut && p.agents !== null).reduce((n, p) => n + (p.agents ?? 0), 0);
  estimate.atLeast = estimate.fixedCallSites + fixedPatternAgents;
  estimate.growsWithData =
    estimate.fanOutCallSites > 0 || estimate.nestedWorkflows > 0 || estimate.patternCalls.some((p) => p.inFanOut || p.agents === null);
  return estimate;
}

/** One paragraph for the check run, labelled as a static estimate. */
export function describeEstimate(estimate: AgentEstimate | null, maxAgents: number): string {
  if (!estimate) return "_No static estimate: the script does not parse._";
  const parts = [`**Static estimate:** at least **${estimate.atLeast}** agent${estimate.atLeast === 1 ? "" : "s"}`];
  if (estimate.growsWithData) parts[0] += ", growing with the data";
  const details: string[] = [`${estimate.fixedCallSites} \`agent()\` call site(s) that run once`];
  if (estimate.fanOutCallSites > 0) details.push(`${estimate.fanOutCallSites} inside fan-out (parallel, pipeline, map or loops) that run once per item`);
  if (estimate.patternCalls.length > 0) {
    const described = estimate.patternCalls.map((p) => `\`patterns.${p.pattern}\` (${p.agents === null ? "depends on the data" : `${p.agents} agent${p.agents === 1 ? "" : "s"}`}${p.inFanOut ? " per item" : ""})`);
    details.push(described.join(", "));
  }
  if (estimate.nestedWorkflows > 0) details.push(`${estimate.nestedWorkflows} nested \`workflow()\` call(s) with their own agents`);
  return `${parts[0]} — ${details.join("; ")}. Read from the script, not run; the run stops at ${maxAgents} agents (limits.maxAgents).`;
}
