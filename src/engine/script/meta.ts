/**
 * Finds `export const meta = {…}` and checks it against the workflow meta format (rule S1):
 * `name` and `description` (strings) are required; `whenToUse`, `phases`, `args` and `publish`
 * are optional; any other key, or a value of the wrong type, is a problem at that key's line.
 */
import type { ExportNamedDeclaration, Program, Statement, ModuleDeclaration, VariableDeclaration } from "acorn";
import type { JsonObject } from "../../kernel/json.ts";
import { checkArgsSchema } from "./args-schema.ts";
import { readLiteral, toJson, type Located, type Where } from "./literal.ts";
import { PUBLISH_MODES, type PublishMode, type PublishOptions, type ScriptProblem, type WorkflowMeta, type WorkflowPhase } from "./types.ts";
import { startOf } from "./walk.ts";

const META_KEYS = ["name", "description", "whenToUse", "phases", "args", "publish"] as const;
const PHASE_KEYS = ["title", "detail", "model"] as const;
const PUBLISH_KEYS = ["mode", "draft", "labels"] as const;

export interface MetaOutcome {
  /** `null` when the script has no meta, or its meta has problems. */
  meta: WorkflowMeta | null;
  /** The `export const meta` statement, when it is the first statement (its `export` gets blanked). */
  exportNode: ExportNamedDeclaration | null;
  warnings: string[];
}

/** True for `export const|let|var meta …` (wherever it is). */
export function isMetaExport(statement: Statement | ModuleDeclaration): boolean {
  if (statement.type !== "ExportNamedDeclaration") return false;
  const declaration = (statement as ExportNamedDeclaration).declaration;
  return (
    declaration?.type === "VariableDeclaration" &&
    (declaration as VariableDeclaration).declarations.some((d) => d.id.type === "Identifier" && d.id.name === "meta")
  );
}

/** Reads and checks the meta of `program`, appending problems. Other exports are checked elsewhere. */
export function readMeta(program: Program, problems: ScriptProblem[]): MetaOutcome {
  const first = program.body[0];
  const outcome: MetaOutcome = { meta: null, exportNode: null, warnings: [] };
  if (first === undefined || !isMetaExport(first)) return outcome;
  const exportNode = first as ExportNamedDeclaration;
  outcome.exportNode = exportNode;
  const declaration = exportNode.declaration as VariableDeclaration;
  const at = startOf(first);
  if (declaration.kind !== "const" || declaration.declarations.length !== 1) {
    problems.push({ ...at, message: "meta must be declared alone as `export const meta = {…}` (const, one declaration)." });
    return outcome;
  }
  const init = declaration.declarations[0]!.init;
  if (!init || init.type !== "ObjectExpression") {
    problems.push({ ...(init ? startOf(init) : at), message: "meta must be an object literal: `export const meta = { name: '…', description: '…' }`." });
    return outcome;
  }
  const before = problems.length;
  const located = readLiteral(init, problems);
  if (located.kind !== "object") return outcome;
  const meta = checkMeta(located, problems, outcome.warnings);
  if (problems.length === before) outcome.meta = meta;
  return outcome;
}

type Entries = Extract<Located, { kind: "object" }>["entries"];

function checkMeta(located: Extract<Located, { kind: "object" }>, problems: ScriptProblem[], warnings: string[]): WorkflowMeta {
  const entries = located.entries;
  rejectUnknownKeys(entries, META_KEYS, "meta", problems);
  const name = requiredString(entries, "name", "meta", located.at, problems);
  const description = requiredString(entries, "description", "meta", located.at, problems);
  const meta: WorkflowMeta = { name, description };
  const whenToUse = optionalString(entries, "whenToUse", "meta", problems);
  if (whenToUse !== undefined) meta.whenToUse = whenToUse;
  const phases = entries.get("phases");
  if (phases) meta.phases = checkPhases(phases.value, problems);
  const args = entries.get("args");
  if (args) {
    const schema = checkArgs(args.value, problems, warnings);
    if (schema) meta.args = schema;
  }
  const publish = entries.get("publish");
  if (publish) meta.publish = checkPublish(publish.value, problems);
  return meta;
}

function checkPhases(value: Located, problems: ScriptProblem[]): WorkflowPhase[] {
  if (value.kind === "invalid") return [];
  if (value.kind !== "array") {
    problems.push({ ...value.at, message: "meta.phases must be an array of { title, detail?, model? }." });
    return [];
  }
  return value.items.map((item, index) => {
    const path = `meta.phases[${index}]`;
    if (item.kind !== "object") {
      if (item.kind !== "invalid") problems.push({ ...item.at, message: `${path} must be an object { title, detail?, model? }.` });
      return { title: "" };
    }
    rejectUnknownKeys(item.entries, PHASE_KEYS, path, problems);
    const phase: WorkflowPhase = { title: requiredString(item.entries, "title", path, item.at, problems) };
    const detail = optionalString(item.entries, "detail", path, problems);
    if (detail !== undefined) phase.detail = detail;
    const model = optionalString(item.entries, "model", path, problems);
    if (model !== undefined) phase.model = model;
    return phase;
  });
}

function checkArgs(value: Located, problems: ScriptProblem[], warnings: string[]): JsonObject | null {
  if (value.kind === "invalid" || containsInvalid(value)) return null;
  if (value.kind !== "object") {
    problems.push({ ...value.at, message: "meta.args must be a JSON Schema object, e.g. { type: 'object', properties: { … } }." });
    return null;
  }
  const schema = toJson(value) as JsonObject;
  const check = checkArgsSchema(schema);
  warnings.push(...check.warnings);
  if (check.error !== null) {
    problems.push({ ...value.at, message: `meta.args is not a valid JSON Schema (draft 2020-12): ${check.error}.` });
    return null;
  }
  return schema;
}

function checkPublish(value: Located, problems: ScriptProblem[]): PublishOptions {
  if (value.kind === "invalid") return {};
  if (value.kind !== "object") {
    problems.push({ ...value.at, message: "meta.publish must be an object { mode?, draft?, labels? }." });
    return {};
  }
  const entries = value.entries;
  rejectUnknownKeys(entries, PUBLISH_KEYS, "meta.publish", problems);
  const publish: PublishOptions = {};
  const mode = entries.get("mode");
  if (mode) {
    const v = mode.value;
    if (v.kind === "scalar" && typeof v.value === "string" && (PUBLISH_MODES as readonly string[]).includes(v.value)) {
      publish.mode = v.value as PublishMode;
    } else if (v.kind !== "invalid") {
      problems.push({ ...mode.keyAt, message: `meta.publish.mode must be one of ${PUBLISH_MODES.map((m) => `"${m}"`).join(", ")}.` });
    }
  }
  const draft = entries.get("draft");
  if (draft) {
    const v = draft.value;
    if (v.kind === "scalar" && typeof v.value === "boolean") publish.draft = v.value;
    else if (v.kind !== "invalid") problems.push({ ...draft.keyAt, message: "meta.publish.draft must be true or false." });
  }
  const labels = entries.get("labels");
  if (labels) {
    const v = labels.value;
    const strings = v.kind === "array" ? v.items.map((i) => (i.kind === "scalar" && typeof i.value === "string" && i.value !== "" ? i.value : null)) : null;
    if (strings && strings.every((s) => s !== null)) publish.labels = strings as string[];
    else if (!containsInvalid(v)) problems.push({ ...labels.keyAt, message: "meta.publish.labels must be an array of non-empty strings." });
  }
  return publish;
}

function rejectUnknownKeys(entries: Entries, allowed: readonly string[], path: string, problems: ScriptProblem[]): void {
  for (const [key, entry] of entries) {
    if (!allowed.includes(key)) {
      problems.push({ ...entry.keyAt, message: `${path}.${key} is not a known key; allowed keys are ${allowed.join(", ")}.` });
    }
  }
}

function requiredString(entries: Entries, key: string, path: string, parentAt: Where, problems: ScriptProblem[]): string {
  const entry = entries.get(key);
  if (!entry) {
    problems.push({ ...parentAt, message: `${path}.${key} is required (a non-empty string).` });
    return "";
  }
  const v = entry.value;
  if (v.kind === "scalar" && typeof v.value === "string" && v.value.trim() !== "") return v.value;
  if (v.kind !== "invalid") problems.push({ ...entry.keyAt, message: `${path}.${key} must be a non-empty string.` });
  return "";
}

function optionalString(entries: Entries, key: string, path: string, problems: ScriptProblem[]): string | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  const v = entry.value;
  if (v.kind === "scalar" && typeof v.value === "string") return v.value;
  if (v.kind !== "invalid") problems.push({ ...entry.keyAt, message: `${path}.${key} must be a string.` });
  return undefined;
}

/** Whether any part of `value` was impure (already reported). */
function containsInvalid(value: Located): boolean {
  switch (value.kind) {
    case "invalid":
      return true;
    case "scalar":
      return false;
    case "array":
      return value.items.some(containsInvalid);
    case "object":
      return [...value.entries.values()].some((entry) => containsInvalid(entry.value));
  }
}
