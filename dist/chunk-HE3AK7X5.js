import { createRequire as __quorumCreateRequire } from "node:module";
import { fileURLToPath as __quorumFileURLToPath } from "node:url";
import { dirname as __quorumDirname } from "node:path";
const require = __quorumCreateRequire(import.meta.url);
const __filename = __quorumFileURLToPath(import.meta.url);
const __dirname = __quorumDirname(__filename);
import {
  assertValidSchema2020
} from "./chunk-5I7IHOKF.js";
import {
  QuorumError,
  errorMessage,
  require__
} from "./chunk-TWYYX7QD.js";
import {
  __toESM
} from "./chunk-4VCDWV26.js";

// src/schema/output-schema.ts
var import__ = __toESM(require__(), 1);

// src/kernel/json.ts
function canonicalJson(value) {
  if (value === void 0) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
}

// src/schema/output-schema.ts
var SCHEMA_CACHE_SIZE = 256;
var MAX_LISTED_ERRORS = 20;
var SchemaDefinitionError = class extends QuorumError {
  name = "SchemaDefinitionError";
  constructor(message, options) {
    super("invalid_schema", message, options);
  }
};
var ajv = new import__.Ajv2020({
  allErrors: true,
  // Unknown keywords and malformed schemas are errors (A3), but the common looseness of
  // hand-written schemas (a `required` without `properties`, union types) is accepted.
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  allowUnionTypes: true,
  // No ajv-formats: `format` stays an annotation instead of failing on unknown names.
  validateFormats: false,
  // Checked against the meta-schema by the process's one shared check (./meta-schema.ts).
  validateSchema: false
});
var cache = /* @__PURE__ */ new Map();
function compileOutputSchema(schema) {
  if (!isPlainObject(schema)) {
    throw new SchemaDefinitionError(
      `opts.schema must be a JSON Schema object with type "object", got ${describe(schema)}.`
    );
  }
  const key = canonicalJson(schema);
  const hit = cache.get(key);
  if (hit) return hit;
  if (schema["type"] !== "object") {
    throw new SchemaDefinitionError(
      `opts.schema must have type "object" at its root (the agent answers with one JSON object), got type ${JSON.stringify(schema["type"] ?? null)}. Wrap other values in a property, e.g. {type: "object", properties: {items: {type: "array", \u2026}}, required: ["items"]}.`
    );
  }
  const impossible = findImpossibleRequired(schema, "#");
  if (impossible) throw new SchemaDefinitionError(`opts.schema can never be satisfied: ${impossible}`);
  let validateFn;
  try {
    assertValidSchema2020(schema);
    validateFn = ajv.compile(schema);
  } catch (error) {
    throw new SchemaDefinitionError(`opts.schema is not a valid JSON Schema (2020-12): ${errorMessage(error)}`);
  }
  const validator = {
    schema,
    validate(value) {
      if (validateFn(value)) return null;
      return formatValidationErrors(validateFn.errors ?? []);
    }
  };
  remember(key, validator);
  return validator;
}
function formatValidationErrors(errors) {
  const lines = errors.slice(0, MAX_LISTED_ERRORS).map((e) => `${e.instancePath || "/"}: ${errorDetail(e)}`);
  if (errors.length > MAX_LISTED_ERRORS) lines.push(`\u2026 and ${errors.length - MAX_LISTED_ERRORS} more errors`);
  return lines.join("\n");
}
function errorDetail(e) {
  const message = e.message ?? `fails ${e.keyword}`;
  const params = e.params;
  if (e.keyword === "additionalProperties" && typeof params["additionalProperty"] === "string") {
    return `${message} ("${params["additionalProperty"]}")`;
  }
  if (e.keyword === "enum" && Array.isArray(params["allowedValues"])) {
    return `${message}: ${params["allowedValues"].map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return message;
}
var SUBSCHEMA_KEYS = [
  "items",
  "additionalItems",
  "contains",
  "not",
  "if",
  "then",
  "else",
  "propertyNames",
  "additionalProperties",
  "unevaluatedItems",
  "unevaluatedProperties"
];
var SUBSCHEMA_ARRAY_KEYS = ["allOf", "anyOf", "oneOf", "prefixItems"];
var SUBSCHEMA_MAP_KEYS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
function findImpossibleRequired(node, path2) {
  if (!isPlainObject(node)) return null;
  if (node["additionalProperties"] === false && Array.isArray(node["required"])) {
    const properties = isPlainObject(node["properties"]) ? node["properties"] : {};
    const patterns = isPlainObject(node["patternProperties"]) ? Object.keys(node["patternProperties"]) : [];
    for (const name of node["required"]) {
      if (typeof name !== "string" || Object.hasOwn(properties, name)) continue;
      if (patterns.some((p) => safeRegExp(p)?.test(name))) continue;
      return `${path2} requires property "${name}", but additionalProperties: false forbids it (it is not in properties). Add "${name}" to properties or remove it from required.`;
    }
  }
  for (const key of SUBSCHEMA_KEYS) {
    const found = findImpossibleRequired(node[key], `${path2}/${key}`);
    if (found) return found;
  }
  for (const key of SUBSCHEMA_ARRAY_KEYS) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const [i, sub] of list.entries()) {
      const found = findImpossibleRequired(sub, `${path2}/${key}/${i}`);
      if (found) return found;
    }
  }
  for (const key of SUBSCHEMA_MAP_KEYS) {
    const map = node[key];
    if (!isPlainObject(map)) continue;
    for (const [name, sub] of Object.entries(map)) {
      const found = findImpossibleRequired(sub, `${path2}/${key}/${escapePointer(name)}`);
      if (found) return found;
    }
  }
  return null;
}
function remember(key, validator) {
  if (cache.size >= SCHEMA_CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, validator);
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function safeRegExp(pattern) {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return null;
  }
}
function escapePointer(name) {
  return name.replaceAll("~", "~0").replaceAll("/", "~1");
}
function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string ${JSON.stringify(value)}` : typeof value;
}

// src/agents/worktree.ts
import { execFile } from "node:child_process";
import { lstat, mkdtemp, realpath, rm, stat, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
var WORKTREE_DIR_PREFIX = "quorum-worktree-";
var LOCK_RETRY_ATTEMPTS = 8;
var LOCK_RETRY_BASE_MS = 50;
var LOCK_RETRY_MAX_MS = 1e3;
var MAX_GIT_OUTPUT_BYTES = 256 * 1024 * 1024;
var LOCK_CONTENTION = /index\.lock|\.lock': File exists|Unable to create '.*\.lock'|could not lock|cannot lock ref/i;
var DEFAULT_LINKED_FOLDERS = ["node_modules"];
var GIT_LOCATION_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"];
var WorktreeError = class extends QuorumError {
  name = "WorktreeError";
  constructor(message, options) {
    super("worktree_failed", message, options);
  }
};
function gitEnvironment() {
  const env = { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
  for (const name of GIT_LOCATION_VARIABLES) delete env[name];
  return env;
}
function runGitOnce(cwd, args) {
  return new Promise((resolve) => {
    execFile(
      "git",
      args,
      { cwd, env: gitEnvironment(), maxBuffer: MAX_GIT_OUTPUT_BYTES, encoding: "utf8", windowsHide: true },
      (error, stdout, stderr) => {
        if (error) resolve({ ok: false, stderr, message: error.message });
        else resolve({ ok: true, stdout });
      }
    );
  });
}
var sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function git(cwd, args) {
  for (let attempt = 1; ; attempt += 1) {
    const result = await runGitOnce(cwd, args);
    if (result.ok) return result.stdout;
    const text = result.stderr || result.message;
    if (attempt >= LOCK_RETRY_ATTEMPTS || !LOCK_CONTENTION.test(text)) {
      throw new WorktreeError(`git ${args.join(" ")} failed in ${cwd}: ${text.trim()}`);
    }
    await sleep(Math.min(LOCK_RETRY_MAX_MS, LOCK_RETRY_BASE_MS * 2 ** (attempt - 1)) * (0.5 + Math.random()));
  }
}
var bookkeepingQueues = /* @__PURE__ */ new Map();
function serialized(key, job) {
  const previous = bookkeepingQueues.get(key) ?? Promise.resolve();
  const next = previous.then(job, job);
  const settled = next.catch(() => void 0);
  bookkeepingQueues.set(key, settled);
  void settled.then(() => {
    if (bookkeepingQueues.get(key) === settled) bookkeepingQueues.delete(key);
  });
  return next;
}
async function inspectRepository(repoRoot) {
  const commonDir = await runGitOnce(repoRoot, ["rev-parse", "--path-format=absolute", "--git-common-dir"]);
  if (!commonDir.ok) {
    throw new WorktreeError(`"${repoRoot}" is not a git repository; worktree isolation needs one (run git init and commit).`);
  }
  const head = await runGitOnce(repoRoot, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  if (!head.ok) {
    throw new WorktreeError(
      `worktree isolation needs a git repository with at least one commit; "${repoRoot}" has none. Commit the files first.`
    );
  }
  const prefix = await git(repoRoot, ["rev-parse", "--show-prefix"]);
  return { commonDir: await realpath(commonDir.stdout.trim()), prefix: prefix.trim() };
}
function safeName(id) {
  return id.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40) || "agent";
}
async function linkFolders(repoRoot, folder, names) {
  const linked = [];
  for (const name of names) {
    const source = path.join(repoRoot, name);
    const target = path.join(folder, name);
    const isDirectory = await stat(source).then((info) => info.isDirectory(), () => false);
    const taken = await lstat(target).then(() => true, () => false);
    if (!isDirectory || taken) continue;
    await symlink(await realpath(source), target, "junction");
    linked.push(name);
  }
  return linked;
}
async function createWorktree(repoRoot, id, options = {}) {
  const { commonDir, prefix } = await inspectRepository(repoRoot);
  const folder = await realpath(await mkdtemp(path.join(os.tmpdir(), `${WORKTREE_DIR_PREFIX}${safeName(id)}-`)));
  try {
    await serialized(commonDir, () => git(repoRoot, ["worktree", "add", "--detach", "--no-checkout", folder, "HEAD"]));
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  let removed;
  const remove = () => {
    removed ??= serialized(commonDir, async () => {
      const result = await runGitOnce(repoRoot, ["worktree", "remove", "--force", folder]);
      await rm(folder, { recursive: true, force: true });
      if (!result.ok) await git(repoRoot, ["worktree", "prune"]);
    });
    return removed;
  };
  const root = path.resolve(folder, prefix);
  let linked;
  try {
    await git(folder, ["reset", "--hard", "--quiet", "HEAD"]);
    const isFolder = await stat(root).then((info) => info.isDirectory(), () => false);
    if (!isFolder) {
      throw new WorktreeError(`"${prefix}" has no committed files at HEAD, so a worktree of it would be empty; commit the folder first (worktree agents see HEAD).`);
    }
    linked = await linkFolders(repoRoot, root, options.linkedFolders ?? DEFAULT_LINKED_FOLDERS);
  } catch (error) {
    await remove().catch(() => void 0);
    throw error;
  }
  return {
    path: root,
    async diff() {
      await git(root, ["add", "--all", "--", ".", ...linked.map((name) => `:(exclude,literal)${name}`)]);
      return git(root, [
        "diff",
        "--cached",
        "--binary",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--relative",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        "HEAD"
      ]);
    },
    remove
  };
}
async function withWorktree(repoRoot, id, fn, options = {}) {
  const worktree = await createWorktree(repoRoot, id, options);
  try {
    return await fn(worktree);
  } finally {
    await worktree.remove();
  }
}

export {
  canonicalJson,
  compileOutputSchema,
  createWorktree,
  withWorktree
};
