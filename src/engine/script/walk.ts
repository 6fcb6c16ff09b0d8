/** A tiny generic walker over acorn's ESTree nodes (no dependency on acorn-walk). */
import type { Node } from "acorn";

/** Visits `node` and every node below it, depth first, with the parent and the key it hangs on. */
export function walk(node: Node, visit: (node: Node, parent: Node | null, key: string | null) => void): void {
  const stack: [Node, Node | null, string | null][] = [[node, null, null]];
  while (stack.length > 0) {
    const [current, parent, key] = stack.pop()!;
    visit(current, parent, key);
    const children: [Node, Node | null, string | null][] = [];
    for (const [childKey, value] of Object.entries(current)) {
      if (childKey === "loc" || childKey === "range") continue;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push([item, current, childKey]);
      } else if (isNode(value)) {
        children.push([value, current, childKey]);
      }
    }
    // Push in reverse so children are visited in source order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** 1-based line and column of a node's start (acorn columns are 0-based). */
export function startOf(node: Node): { line: number; column: number } {
  const start = node.loc?.start;
  return start ? { line: start.line, column: start.column + 1 } : { line: 1, column: 1 };
}
