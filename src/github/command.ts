/**
 * `/workflow` comment commands (rule G1, G7).
 *
 * Grammar (first line of the comment only; leading whitespace allowed; `/workflow` case-sensitive):
 *
 *     /workflow help
 *     /workflow status|cancel|approve|resume [run-id]
 *     /workflow save <run-id> <name>            → keep an approved free-form script as a file
 *     /workflow "<free-form task>"              → kind "freeform"
 *     /workflow <name> [key=value ...]          → values are JSON when they parse, else strings;
 *                                                 "double" or 'single' quotes allow spaces
 *     /workflow <name> {"json": "object"}
 *
 * Edge cases:
 * - A comment whose first line does not start with `/workflow` (followed by a space or the end of
 *   the line) is not a command: {@link parseCommand} returns `null` and nothing is said.
 *   `/workflows`, `/Workflow` and `` `/workflow` `` are not commands.
 * - Comment text is untrusted: the first line is sanitised (invisible characters removed) and
 *   capped at {@link MAX_COMMAND_LINE_LENGTH}; string args and the free-form task are sanitised.
 * - Subcommand words (`help`, `status`, …, `save`) cannot be workflow names.
 * - Duplicate keys, a key without `=`, an unclosed quote, or JSON that is not an object are errors
 *   whose message can be posted as the reply; the user's text is echoed only inside code spans, so
 *   `/workflow @everyone` cannot make Quorum ping anyone.
 * - Smart quotes (“…”, as phones type them) work like straight double quotes.
 */
import type { JsonObject, JsonValue } from "../kernel/json.ts";
import { sanitizeUntrusted } from "../agents/sanitize.ts";
import { CommandParseError } from "./errors.ts";
import { asCodeSpan } from "./record-syntax.ts";
import { WORKFLOW_NAME_PATTERN } from "./workflow-script.ts";

export const COMMAND_PREFIX = "/workflow";
/** Longest first line considered; longer ones are refused rather than cut. */
export const MAX_COMMAND_LINE_LENGTH = 4000;
/** Longest free-form task. */
export const MAX_FREEFORM_TASK_LENGTH = 2000;
export const MAX_ARGS = 50;
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const ARG_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

export const RUN_CONTROL_VERBS = ["status", "cancel", "approve", "resume"] as const;
export type RunControlVerb = (typeof RUN_CONTROL_VERBS)[number];

/** `/workflow save <run-id> <name>`: a pull request adding an approved free-form script (rule G7). */
export const SAVE_VERB = "save";

export type WorkflowCommand =
  | { kind: "run"; workflow: string; args: JsonObject | undefined }
  | { kind: "help" }
  | { kind: RunControlVerb; runId: string | undefined }
  | { kind: "freeform"; task: string }
  | { kind: "save"; runId: string; name: string };

const USAGE = [
  "Usage:",
  "  /workflow <name> [key=value ...]   or   /workflow <name> {\"key\": \"value\"}",
  '  /workflow "<free-form task>"',
  "  /workflow help | status [run-id] | cancel [run-id] | approve [run-id] | resume [run-id]",
  "  /workflow save <run-id> <name>",
].join("\n");

function fail(problem: string): never {
  throw new CommandParseError(`${problem}\n\n${USAGE}`);
}

/** Echoes untrusted text into a reply as an inert code span (see {@link asCodeSpan}). */
function echo(text: string, max = 64): string {
  return asCodeSpan(text, max);
}

/** The first line of a comment, or the empty string. */
function firstLine(body: string): string {
  const end = body.search(/\r?\n|\r/);
  return end === -1 ? body : body.slice(0, end);
}

/**
 * True when the comment's first line starts with `/workflow` as a word.
 * Cheap pre-check before authorization, so ordinary comments cost no API call.
 */
export function isWorkflowCommand(body: string): boolean {
  const line = sanitizeUntrusted(firstLine(body)).trimStart();
  return line.startsWith(COMMAND_PREFIX) && (line.length === COMMAND_PREFIX.length || /\s/.test(line[COMMAND_PREFIX.length] ?? ""));
}

/**
 * Parses a comment body. Returns `null` when the comment is not a command, the command when it is
 * valid, and throws {@link CommandParseError} (message suitable as a reply) when it is malformed.
 */
export function parseCommand(body: string): WorkflowCommand | null {
  if (!isWorkflowCommand(body)) return null;
  const raw = firstLine(body);
  if (raw.length > MAX_COMMAND_LINE_LENGTH) fail(`The command line is ${raw.length} characters long; the limit is ${MAX_COMMAND_LINE_LENGTH}.`);
  const line = sanitizeUntrusted(raw).trim();
  const rest = line.slice(COMMAND_PREFIX.length).trim();
  if (!rest) fail("Missing workflow name. Try `/workflow help` to list workflows.");

  const open = rest[0] ?? "";
  if (open === '"' || open === "“") return parseFreeform(rest);

  const match = /^(\S+)\s*([\s\S]*)$/.exec(rest);
  const word = match?.[1] ?? "";
  const tail = (match?.[2] ?? "").trim();

  if (word === "help") {
    if (tail) fail("`/workflow help` takes no arguments.");
    return { kind: "help" };
  }
  if ((RUN_CONTROL_VERBS as readonly string[]).includes(word)) {
    const verb = word as RunControlVerb;
    if (!tail) return { kind: verb, runId: undefined };
    if (/\s/.test(tail) || !RUN_ID_PATTERN.test(tail)) fail(`\`/workflow ${verb}\` takes one optional run id (letters, digits, ".", "_" and "-"); got ${echo(tail)}.`);
    return { kind: verb, runId: tail };
  }
  if (word === SAVE_VERB) return parseSave(tail);
  if (!WORKFLOW_NAME_PATTERN.test(word)) {
    fail(`${echo(word)} is not a workflow name: use lowercase letters, digits, "-" and "_". Try \`/workflow help\` to list workflows.`);
  }
  return { kind: "run", workflow: word, args: tail ? parseArgs(tail) : undefined };
}

/** `save <run-id> <name>`: both required, nothing after them. */
function parseSave(tail: string): WorkflowCommand {
  const words = tail ? tail.split(/\s+/) : [];
  const [runId, name] = words;
  if (!runId || !name || words.length > 2) {
    fail("`/workflow save` takes a run id and a name: the run id of an approved free-form workflow, and a workflow name for the file.");
  }
  if (!RUN_ID_PATTERN.test(runId)) fail(`${echo(runId)} is not a run id (letters, digits, ".", "_" and "-").`);
  if (!WORKFLOW_NAME_PATTERN.test(name)) fail(`${echo(name)} is not a workflow name: use lowercase letters, digits, "-" and "_".`);
  return { kind: "save", runId, name };
}

function parseFreeform(rest: string): WorkflowCommand {
  const open = rest[0];
  const close = rest[rest.length - 1];
  const closes = open === "“" ? ["”", "“"] : ['"'];
  if (rest.length < 2 || !closes.includes(close ?? "")) fail('A free-form task must be one quoted string: /workflow "describe the task".');
  const task = rest.slice(1, -1).trim();
  if (!task) fail("The free-form task is empty.");
  if (task.length > MAX_FREEFORM_TASK_LENGTH) fail(`The free-form task is ${task.length} characters long; the limit is ${MAX_FREEFORM_TASK_LENGTH}.`);
  return { kind: "freeform", task };
}

function parseArgs(text: string): JsonObject {
  if (text.startsWith("{")) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      fail(`The arguments look like JSON but do not parse: ${(error as Error).message}.`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) fail("JSON arguments must be one object.");
    return sanitizeJson(value as JsonObject) as JsonObject;
  }
  const args: JsonObject = {};
  let count = 0;
  for (const token of tokenize(text)) {
    if (Object.hasOwn(args, token.key)) fail(`Argument ${echo(token.key)} is given twice.`);
    if (++count > MAX_ARGS) fail(`Too many arguments; the limit is ${MAX_ARGS}.`);
    args[token.key] = token.quoted ? sanitizeUntrusted(token.value) : parseValue(token.value);
  }
  return args;
}

interface Token {
  key: string;
  /** The value as typed (unquoted), or the unescaped content of the quotes. */
  value: string;
  quoted: boolean;
}

const QUOTES = new Set(['"', "'", "“"]);

/**
 * Splits `a=1 b="x y" c='z' tags=["a","b"]` into tokens. A quote right after `=` opens a quoted
 * value; later quotes belong to an unquoted value (JSON arrays). Keys cannot contain quotes.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const isSpace = (i: number): boolean => /\s/.test(text[i] ?? "");
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSpace(i)) i++;
    if (i >= text.length) break;
    const wordStart = i;
    while (i < text.length && !isSpace(i) && text[i] !== "=") i++;
    const key = text.slice(wordStart, i);
    if (text[i] !== "=") fail(`Expected key=value, got ${echo(key)}.`);
    if (!ARG_KEY_PATTERN.test(key)) fail(`${echo(key)} is not a valid argument name: use letters, digits, "_", "." and "-".`);
    i++; // "="
    if (QUOTES.has(text[i] ?? "")) {
      const { value, end } = readQuoted(text, i);
      i = end;
      if (i < text.length && !isSpace(i)) fail(`Unexpected text after the quoted value of ${echo(key)}: put a space between arguments.`);
      tokens.push({ key, value, quoted: true });
      continue;
    }
    const valueStart = i;
    while (i < text.length && !isSpace(i)) i++;
    tokens.push({ key, value: text.slice(valueStart, i), quoted: false });
  }
  return tokens;
}

/** Reads a quoted string starting at `text[start]`; backslash escapes work inside double quotes. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  const open = text[start];
  const closers = open === "“" ? ["”", "“"] : [open ?? '"'];
  let value = "";
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === "\\" && open !== "'" && i + 1 < text.length) {
      value += text[i + 1];
      i++;
      continue;
    }
    if (closers.includes(ch)) return { value, end: i + 1 };
    value += ch;
  }
  return fail(`Unclosed quote in the arguments: ${echo(text.slice(start), 40)}.`);
}

/** Unquoted values: JSON when they parse (numbers, booleans, null, arrays, objects), else strings. */
function parseValue(text: string): JsonValue {
  if (text === "") return "";
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch {
    return sanitizeUntrusted(text);
  }
  // 1e400 → Infinity and 12345678901234567890 → rounded: keep what the user typed instead.
  if (typeof parsed === "number" && (!Number.isFinite(parsed) || (/^-?\d+$/.test(text) && !Number.isSafeInteger(parsed)))) {
    return text;
  }
  return sanitizeJson(parsed);
}

function sanitizeJson(value: JsonValue): JsonValue {
  if (typeof value === "string") return sanitizeUntrusted(value);
  if (Array.isArray(value)) return value.map(sanitizeJson);
  if (value && typeof value === "object") {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[sanitizeUntrusted(k)] = sanitizeJson(v);
    return out;
  }
  return value;
}
