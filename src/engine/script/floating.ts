/**
 * Finds promises a workflow script starts and never awaits (rule K3): a call statement such as
 * `agent("…");`, `parallel([...]);` or `check();` (where `check` is one of the script's own async
 * functions). Its result is lost, and an error it throws is reported nowhere: QuickJS gives the
 * host no hook for rejections nobody handles, so this is caught before the run, as a warning.
 *
 * Not flagged: `await f()`, `void f()` (dropped on purpose), `return f()`, `const p = f()`,
 * `f().then(…)` / `.catch(…)` chains, and calls of functions that are not known to be async.
 */
import type { CallExpression, Expression, Node, Program } from "acorn";
import { startOf, walk } from "./walk.ts";

/** Globals of the script API that return a promise. */
const ASYNC_GLOBALS = new Set(["agent", "parallel", "pipeline", "workflow", "runTests"]);
/** `Promise.<name>(…)` calls whose promise can reject. */
const PROMISE_STATICS = new Set(["all", "allSettled", "any", "race", "reject"]);

/** One warning per statement that drops a promise, with its line. */
export function findFloatingPromises(program: Program): string[] {
  const asyncNames = asyncFunctionNames(program);
  const warnings: string[] = [];
  walk(program, (node) => {
    if (node.type !== "ExpressionStatement") return;
    const expression = (node as Node & { expression: Expression }).expression;
    if (expression.type !== "CallExpression") return;
    const name = floatingCallName(expression, asyncNames);
    if (name === null) return;
    const { line } = startOf(node);
    warnings.push(
      `line ${line}: the promise of ${name}(…) is never awaited, so its result is lost and an error it throws is reported nowhere; ` +
        `write \`await ${name}(…)\` (or \`void ${name}(…)\` to drop it on purpose).`,
    );
  });
  return warnings;
}

/** The callee's name when the call returns a promise Quorum knows of; otherwise null. */
function floatingCallName(call: CallExpression, asyncNames: ReadonlySet<string>): string | null {
  const callee = call.callee;
  if (callee.type === "Identifier") return ASYNC_GLOBALS.has(callee.name) || asyncNames.has(callee.name) ? callee.name : null;
  if (callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier") {
    if (callee.object.type === "Identifier" && callee.object.name === "Promise" && PROMISE_STATICS.has(callee.property.name)) {
      return `Promise.${callee.property.name}`;
    }
  }
  return null;
}

/** Names bound to async functions anywhere in the script (declarations and `const f = async …`). */
function asyncFunctionNames(program: Program): Set<string> {
  const names = new Set<string>();
  walk(program, (node) => {
    if (node.type === "FunctionDeclaration") {
      const fn = node as Node & { async: boolean; id: { name: string } | null };
      if (fn.async && fn.id) names.add(fn.id.name);
    } else if (node.type === "VariableDeclarator") {
      const declarator = node as Node & { id: Node & { name?: string }; init: (Node & { async?: boolean }) | null };
      const init = declarator.init;
      const isAsyncFunction = init !== null && (init.type === "ArrowFunctionExpression" || init.type === "FunctionExpression") && init.async === true;
      if (isAsyncFunction && declarator.id.type === "Identifier" && declarator.id.name) names.add(declarator.id.name);
    }
  });
  return names;
}
