/**
 * Finds what a workflow script may not contain (rule S1, S3): `import` declarations, `import()`,
 * `import.meta`, any reference to `require`, and any `export` other than a leading
 * `export const meta`. All are reported before the run starts, each with its position.
 *
 * Not flagged: `require` as a property name (`x.require`, `{ require: 1 }`), a private name
 * (`#require`) or a label; reading `globalThis.require` simply gives `undefined` in the sandbox.
 */
import type { MetaProperty, Node, Program, Property } from "acorn";
import { isMetaExport } from "./meta.ts";
import type { ScriptProblem } from "./types.ts";
import { startOf, walk } from "./walk.ts";

const NO_MODULES = "workflow scripts run in a sandbox without modules; agent, parallel, pipeline, phase, log, budget, args and workflow are globals";

export function findForbidden(program: Program): ScriptProblem[] {
  const problems: ScriptProblem[] = [];
  const report = (node: Node, message: string) => problems.push({ ...startOf(node), message });
  program.body.forEach((statement, index) => {
    if (isMetaExport(statement)) {
      if (index !== 0) report(statement, "`export const meta = {…}` must be the first statement of the script (comments may come before it).");
    } else if (statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration" || statement.type === "ExportAllDeclaration") {
      report(statement, "only `export const meta = {…}` may be exported: a workflow script is not a module. Remove this `export` (use `return` to give the run its result).");
    }
  });
  walk(program, (node, parent, key) => {
    switch (node.type) {
      case "ImportDeclaration":
        report(node, `\`import\` is not allowed: ${NO_MODULES}. Remove the import; delegate file or network work to an agent.`);
        break;
      case "ImportExpression":
        report(node, `\`import()\` is not allowed: ${NO_MODULES}. Delegate the work to an agent instead.`);
        break;
      case "MetaProperty":
        if ((node as MetaProperty).meta.name === "import") {
          report(node, "`import.meta` is not available: a workflow script is not a module. Pass values in through `args`.");
        }
        break;
      case "Identifier":
        if ((node as Node & { name: string }).name === "require" && isReference(parent, key)) {
          report(node, `\`require\` is not available: ${NO_MODULES}. Delegate file, process or network work to an agent.`);
        }
        break;
    }
  });
  return problems;
}

/** Whether an identifier at `parent[key]` names a variable (not a property key or a label). */
function isReference(parent: Node | null, key: string | null): boolean {
  if (parent === null) return true;
  const computed = (parent as Node & { computed?: boolean }).computed === true;
  switch (parent.type) {
    case "MemberExpression":
      return key !== "property" || computed;
    case "Property":
      return key !== "key" || computed || (parent as Property).shorthand;
    case "MethodDefinition":
    case "PropertyDefinition":
      return key !== "key" || computed;
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return key !== "label";
    case "ExportSpecifier":
    case "ImportSpecifier":
      return false; // already reported as an import/export
    default:
      return true;
  }
}
