/**
 * Lists the functions longer than a limit (default 90 lines) in the given folders or files, longest
 * first, read with the TypeScript compiler's parser (so `.ts`, `.js` and `.mjs` alike):
 *
 *     node scripts/function-lengths.ts src/engine src/agents src/workflows/lib/patterns.js
 *     node scripts/function-lengths.ts --limit 60 src
 *
 * A function's length runs from its first line (after leading comments) to its closing brace; a
 * nested function counts inside its parent too. A function called at once as a whole file's only
 * statement (the `(() => { … })()` wrapper of guest scripts such as patterns.js) is a module, not a
 * function, and is not listed. Exits 1 when any function is over the limit.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

interface Measured {
  file: string;
  line: number;
  name: string;
  lines: number;
}

function sourceFiles(entry: string): string[] {
  if (statSync(entry).isFile()) return [entry];
  return readdirSync(entry, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(entry, d.name);
    if (d.isDirectory()) return d.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|js|mjs)$/.test(d.name) && !d.name.endsWith(".d.ts") ? [full] : [];
  });
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) && node.name) return node.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(source);
  return "(anonymous)";
}

function isModuleWrapper(node: ts.Node, source: ts.SourceFile): boolean {
  let call: ts.Node = node.parent;
  while (ts.isParenthesizedExpression(call)) call = call.parent;
  if (!ts.isCallExpression(call)) return false;
  const statement = call.parent;
  return ts.isExpressionStatement(statement) && statement.parent === source && source.statements.length === 1;
}

function measure(file: string): Measured[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const found: Measured[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined && !isModuleWrapper(node, source)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file, line: start + 1, name: nameOf(node, source), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const args = process.argv.slice(2);
let limit = 90;
const limitAt = args.indexOf("--limit");
if (limitAt >= 0) {
  limit = Number(args[limitAt + 1]);
  args.splice(limitAt, 2);
}
if (args.length === 0 || !Number.isInteger(limit) || limit < 1) {
  console.error("usage: node scripts/function-lengths.ts [--limit N] <folder or file>...");
  process.exit(2);
}
const over = args.flatMap(sourceFiles).flatMap(measure).filter((m) => m.lines > limit).sort((a, b) => b.lines - a.lines);
for (const m of over) console.log(`${String(m.lines).padStart(4)}  ${m.file}:${m.line}  ${m.name}`);
console.log(over.length === 0 ? `No function over ${limit} lines.` : `${over.length} function(s) over ${limit} lines.`);
process.exit(over.length === 0 ? 0 : 1);
